import {
  applyBounds,
  goalLeverage,
  leverageRows,
  recommend,
  type EffectEstimate,
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
  const table: Record<string, Record<string, EffectEstimate>> = {
    A: { TTF: { elasticity: -0.5, significant: true }, QoH: { elasticity: 0.2, significant: true } },
    B: { TTF: { elasticity: -0.9, significant: false }, QoH: { elasticity: 0.4, significant: false } },
    C: { TTF: { elasticity: 0.3, significant: true }, QoH: { elasticity: 0.1, significant: true } },
  };
  const effect = (l: string, m: string) => table[l]?.[m] ?? { elasticity: null, significant: false };
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
  const rows = leverageRows(levers, current, previous, effect, 0.02);

  it("counts significant effects only, under current and previous goals", () => {
    // A: (3·0.5 + 0.2)/4 = 0.425 now; (−0.5 + 0.2)/2 = −0.15 before
    expect(rows[0].current).toBeCloseTo(0.425, 12);
    expect(rows[0].previous).toBeCloseTo(-0.15, 12);
    expect(rows[0].directionCurrent).toBe("increase");
    expect(rows[0].directionPrevious).toBe("decrease");
    expect(rows[0].supported).toBe(true);
    // B: nothing significant → 0, hold, unsupported; effects still show the point estimates
    expect(rows[1].current).toBe(0);
    expect(rows[1].supported).toBe(false);
    expect(rows[1].directionCurrent).toBe("hold");
    expect(rows[1].effects[0]).toEqual({
      metric: "TTF",
      direction: "Decrease",
      weight: 3,
      changeFor10Pct: expect.closeTo(-0.09, 12),
      significant: false,
    });
  });

  it("holds a lever at its maximum with a bound note", () => {
    // C: (3·(−0.3) + 0.1)/4 = −0.2 now → decrease (allowed at max); before (0.3 + 0.1)/2 = 0.2 → increase, held
    expect(rows[2].current).toBeCloseTo(-0.2, 12);
    expect(rows[2].directionCurrent).toBe("decrease");
    expect(rows[2].boundNote).toBeNull();
    expect(rows[2].directionPrevious).toBe("hold");
    const up = leverageRows([levers[2]], previous, null, effect, 0.02)[0];
    expect(up.current).toBeCloseTo(0.2, 12);
    expect(up.directionCurrent).toBe("hold");
    expect(up.boundNote).toBe("at its maximum");
    expect(up.previous).toBeNull();
    expect(up.directionPrevious).toBeNull();
  });

  it("goal shift flags levers whose direction changes between goal sets", () => {
    const shift = goalShiftRows(rows);
    expect(shift.map((r) => r.changed)).toEqual([true, false, true]);
    expect(reversed(shift).map((r) => r.lever)).toEqual(["A"]);
    expect(goalShiftRows(leverageRows(levers, current, null, effect, 0.02)).every((r) => !r.changed)).toBe(
      true,
    );
  });

  it("gives zero leverage and hold without goals", () => {
    const none = leverageRows(levers, null, null, effect, 0.02);
    expect(none.every((r) => r.current === 0 && r.directionCurrent === "hold" && !r.supported)).toBe(true);
  });
});
