import {
  applyBounds,
  goalLeverage,
  leverageRows,
  recommend,
  type EstimateSource,
} from "../../src/core/alignment/leverage";
import { goalShiftRows, reversed } from "../../src/core/alignment/goal-shift";
import { goalSet } from "./builders";

describe("goalLeverage (pure, =RPO.LEVERAGE)", () => {
  it("matches a hand computation", () => {
    // goals: Decrease TTF (w 0.5), Increase QoH (w 0.3), Decrease Attrition (w 0.2)
    const e = [
      [-0.8, 0.1, -0.2], // Recruiters
      [0.05, 0.6, 0.0], // Recruiter quality
    ];
    const lev = goalLeverage(e, [-1, 1, -1], [0.5, 0.3, 0.2]);
    // (0.5·(−1)·(−0.8) + 0.3·0.1 + 0.2·(−1)·(−0.2)) / 1 = 0.4 + 0.03 + 0.04 = 0.47
    expect(lev[0]).toBeCloseTo(0.47, 12);
    // (0.5·(−1)·0.05 + 0.3·0.6 + 0) = −0.025 + 0.18 = 0.155
    expect(lev[1]).toBeCloseTo(0.155, 12);
  });

  it("normalises by the weight sum and reads blanks as 0", () => {
    expect(goalLeverage([[0.4, null]], [1, 1], [2, 2])[0]).toBeCloseTo(0.2, 12);
    expect(goalLeverage([[0.4]], [1], [0])).toEqual([0]);
    expect(() => goalLeverage([[0.4, 1]], [1], [1])).toThrow(RangeError);
    expect(() => goalLeverage([[0.4]], [1, 1], [1])).toThrow(RangeError);
  });
});

describe("recommend and bounds", () => {
  it("applies the threshold", () => {
    expect(recommend(0.03, 0.02)).toBe("increase");
    expect(recommend(0.02, 0.02)).toBe("increase");
    expect(recommend(0.019, 0.02)).toBe("hold");
    expect(recommend(-0.02, 0.02)).toBe("decrease");
    expect(recommend(0, 0)).toBe("hold");
  });

  it("does not recommend up at/above Max nor down at/below Min", () => {
    expect(applyBounds("increase", 10, 0, 10)).toEqual({ direction: "hold", note: "at its maximum" });
    expect(applyBounds("increase", 11, 0, 10)).toEqual({ direction: "hold", note: "at its maximum" });
    expect(applyBounds("decrease", 10, 0, 10)).toEqual({ direction: "decrease", note: null });
    expect(applyBounds("decrease", 0, 0, 10)).toEqual({ direction: "hold", note: "at its minimum" });
    expect(applyBounds("increase", 0, 0, 10)).toEqual({ direction: "increase", note: null });
    expect(applyBounds("increase", null, 0, 10)).toEqual({ direction: "increase", note: null });
    expect(applyBounds("increase", 99, null, null)).toEqual({ direction: "increase", note: null });
  });
});

describe("leverageRows", () => {
  // Elasticities with standard errors; metrics independent, so SE(L) = sqrt(Σ c² se²) (df 30).
  const table: Record<string, Record<string, { e: number; se: number; significant: boolean }>> = {
    A: { TTF: { e: -0.5, se: 0.05, significant: true }, QoH: { e: 0.2, se: 0.05, significant: true } },
    B: { TTF: { e: -0.9, se: 1.0, significant: false }, QoH: { e: 0.4, se: 1.0, significant: false } },
    C: { TTF: { e: 0.3, se: 0.05, significant: true }, QoH: { e: 0.1, se: 0.05, significant: true } },
  };
  const source: EstimateSource = {
    effect: (l, m) => {
      const t = table[l]?.[m];
      return t ? { elasticity: t.e, significant: t.significant } : { elasticity: null, significant: false };
    },
    uncertainty: (l, coefficients) => {
      let v = 0;
      coefficients.forEach((c, m) => {
        v += (c * (table[l]?.[m]?.se ?? 0)) ** 2;
      });
      return { stdError: Math.sqrt(v), df: 30 };
    },
  };
  const previous = goalSet(100, [
    ["TTF", "Increase", 1],
    ["QoH", "Increase", 1],
  ]).goals;
  const current = goalSet(200, [
    ["TTF", "Decrease", 3],
    ["QoH", "Increase", 1],
  ]).goals;
  const levers = [
    { name: "A", value: 5, min: 0, max: 10 },
    { name: "B", value: 5, min: 0, max: 10 },
    { name: "C", value: 10, min: 0, max: 10 },
  ];
  const rows = leverageRows(levers, current, previous, source, 0.02);

  it("counts every estimate, with a t interval from the propagated standard error", () => {
    // A: (3·0.5 + 0.2)/4 = 0.425 now; (−0.5 + 0.2)/2 = −0.15 before
    expect(rows[0].current).toBeCloseTo(0.425, 12);
    expect(rows[0].previous).toBeCloseTo(-0.15, 12);
    // SE = sqrt((0.75·0.05)² + (0.25·0.05)²)
    const se = Math.sqrt((0.75 * 0.05) ** 2 + (0.25 * 0.05) ** 2);
    expect(rows[0].stdError).toBeCloseTo(se, 12);
    // t(0.975, 30) = 2.0422724563012373 (scipy.stats.t.ppf)
    expect(rows[0].ciLow).toBeCloseTo(0.425 - 2.0422724563012373 * se, 10);
    expect(rows[0].ciHigh).toBeCloseTo(0.425 + 2.0422724563012373 * se, 10);
    expect(rows[0].directionCurrent).toBe("increase");
    expect(rows[0].directionPrevious).toBe("decrease");
    expect(rows[0].supported).toBe(true);
    expect(rows[0].holdReason).toBeNull();
  });

  it("holds a lever whose interval includes 0, saying why (effect unclear)", () => {
    // B: (3·0.9 + 0.4)/4 = 0.775, SE ≈ 0.79: the interval includes 0
    expect(rows[1].current).toBeCloseTo(0.775, 12);
    expect(rows[1].supported).toBe(false);
    expect(rows[1].directionCurrent).toBe("hold");
    expect(rows[1].holdReason).toMatch(
      /^effect unclear \(95% interval −\d\.\d{3} to \+\d\.\d{3} includes 0\)$/,
    );
    expect(rows[1].effects[0]).toEqual({
      metric: "TTF",
      direction: "Decrease",
      weight: 3,
      changeFor10Pct: expect.closeTo(-0.09, 12),
      significant: false,
    });
  });

  it("holds a clear but small effect as too small", () => {
    const small: EstimateSource = {
      effect: () => ({ elasticity: 0.01, significant: true }),
      uncertainty: () => ({ stdError: 0.001, df: 30 }),
    };
    const [row] = leverageRows([levers[0]], current, null, small, 0.02);
    expect(row.supported).toBe(true);
    expect(row.directionCurrent).toBe("hold");
    expect(row.holdReason).toMatch(/^effect too small/);
  });

  it("holds a lever at its maximum with a bound note", () => {
    // C: (3·(−0.3) + 0.1)/4 = −0.2 now → decrease (allowed at max); before (0.3 + 0.1)/2 = 0.2 → increase, held
    expect(rows[2].current).toBeCloseTo(-0.2, 12);
    expect(rows[2].directionCurrent).toBe("decrease");
    expect(rows[2].boundNote).toBeNull();
    expect(rows[2].directionPrevious).toBe("hold");
    const up = leverageRows([levers[2]], previous, null, source, 0.02)[0];
    expect(up.current).toBeCloseTo(0.2, 12);
    expect(up.directionCurrent).toBe("hold");
    expect(up.boundNote).toBe("at its maximum");
    expect(up.holdReason).toBe("at its maximum");
    expect(up.previous).toBeNull();
    expect(up.directionPrevious).toBeNull();
  });

  it("goal shift flags levers whose direction changes between goal sets", () => {
    const shift = goalShiftRows(rows);
    expect(shift.map((r) => r.changed)).toEqual([true, false, true]);
    expect(reversed(shift).map((r) => r.lever)).toEqual(["A"]);
    expect(goalShiftRows(leverageRows(levers, current, null, source, 0.02)).every((r) => !r.changed)).toBe(
      true,
    );
  });

  it("gives zero leverage and hold without goals", () => {
    const none = leverageRows(levers, null, null, source, 0.02);
    expect(none.every((r) => r.current === 0 && r.directionCurrent === "hold" && !r.supported)).toBe(true);
    expect(none[0].holdReason).toBe("no goals in force");
  });
});
