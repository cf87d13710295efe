import { chainMatrices, chainedEffects } from "../../src/core/alignment/chain";
import { discover, relativeLag } from "../../src/core/alignment/discovery";
import { whatIf } from "../../src/core/alignment/whatif";
import { bestLag, pearson } from "../../src/core/alignment/bestlag";
import { leverSeries, normals } from "./builders";

describe("chainMatrices (=RPO.CHAIN)", () => {
  it("is the product sum, checked by hand", () => {
    const a = [
      [-0.5, 0.2],
      [0.1, 0.8],
    ]; // levers × KPIs
    const b = [
      [-0.3, 0.0],
      [0.6, -0.4],
    ]; // KPIs × outcomes
    const c = chainMatrices(a, b);
    expect(c[0][0]).toBeCloseTo(-0.5 * -0.3 + 0.2 * 0.6, 14); // 0.27
    expect(c[0][1]).toBeCloseTo(0.2 * -0.4, 14);
    expect(c[1][0]).toBeCloseTo(0.1 * -0.3 + 0.8 * 0.6, 14);
    expect(c[1][1]).toBeCloseTo(0.8 * -0.4, 14);
  });

  it("skips unknown factors and gives null when nothing is known", () => {
    expect(chainMatrices([[null, 0.5]], [[2], [3]])).toEqual([[1.5]]);
    expect(chainMatrices([[null, 0.5]], [[2], [null]])).toEqual([[null]]);
    expect(() => chainMatrices([[1, 2, 3]], [[1], [2]])).toThrow(RangeError);
  });

  it("lists contributions per KPI, largest first", () => {
    const rows = chainedEffects(["L"], ["K1", "K2"], ["O"], [[0.1, -0.5]], [[0.2], [0.4]], [[-0.3]]);
    expect(rows).toHaveLength(1);
    expect(rows[0].direct).toBe(-0.3);
    expect(rows[0].chained).toBeCloseTo(0.02 - 0.2, 14);
    expect(rows[0].via.map((v) => v.kpi)).toEqual(["K2", "K1"]);
    expect(rows[0].via[0].contribution).toBeCloseTo(-0.2, 14);
  });
});

describe("discovery", () => {
  it("uses the outcome's lag relative to each KPI, clamped at 0", () => {
    expect(relativeLag(0, 2)).toBe(2);
    expect(relativeLag(1, 2)).toBe(1);
    expect(relativeLag(3, 1)).toBe(0);
  });

  it("recovers KPI → outcome elasticities with the relative lag", () => {
    const n = 40;
    const k1 = leverSeries(n, 50, 5, 31); // lag 0
    const k2 = leverSeries(n, 70, 4, 32); // lag 1
    const z = normals(33);
    // outcome lag 2: responds to k1 two periods back and to k2 one period back
    const o = k1.map((_, s) => {
      const e = z();
      return s < 2 ? null : 5 - 0.1 * k1[s - 2] + 0.3 * k2[s - 1] + 0.2 * e;
    });
    const d = discover(
      [
        { name: "K1", lag: 0, values: k1 },
        { name: "K2", lag: 1, values: k2 },
      ],
      [{ name: "O", lag: 2, values: o }],
      { endIndex: n - 1, significanceLevel: 0.05, minDegreesOfFreedom: 5 },
    );
    expect(d.fits[0].method).toBe("ols");
    expect(d.fits[0].n).toBe(n - 2);
    const mean = (v: (number | null)[]) => {
      const xs = v.filter((x): x is number => x !== null);
      return xs.reduce((s, x) => s + x, 0) / xs.length;
    };
    expect(d.links[0]).toMatchObject({ kpi: "K1", outcome: "O", significant: true });
    expect(d.links[0].elasticity as number).toBeCloseTo((-0.1 * 50) / mean(o), 1);
    expect(d.links[1].elasticity as number).toBeCloseTo((0.3 * 70) / mean(o), 1);
    expect(d.elasticities[1][0]).toBe(d.links[1].elasticity);
  });
});

describe("whatIf (=RPO.WHATIF)", () => {
  it("sums elasticity × change", () => {
    const e = [
      [-0.5, 0.2],
      [0.1, 0.8],
    ];
    const w = whatIf(e, [0.1, -0.05]);
    expect(w[0]).toBeCloseTo(-0.05 - 0.005, 14);
    expect(w[1]).toBeCloseTo(0.02 - 0.04, 14);
  });

  it("is null when a moving lever has no elasticity, and ignores unmoved ones", () => {
    expect(whatIf([[null], [0.5]], [0.1, 0.2])).toEqual([null]);
    expect(whatIf([[null], [0.5]], [0, 0.2])[0]).toBeCloseTo(0.1, 14);
    expect(() => whatIf([[1]], [1, 2])).toThrow(RangeError);
  });
});

describe("bestLag (=RPO.BESTLAG)", () => {
  it("finds the lag with the largest |r|", () => {
    const x = leverSeries(40, 10, 2, 41);
    const z = normals(42);
    const y = x.map((_, t) => (t < 2 ? null : -2 * x[t - 2] + 0.5 * z()));
    const b = bestLag(x, y, 4);
    expect(b).not.toBeNull();
    expect(b!.lag).toBe(2);
    expect(b!.r).toBeLessThan(-0.9);
    expect(b!.byLag).toHaveLength(5);
    expect(Math.abs(b!.byLag[0] as number)).toBeLessThan(0.5);
  });

  it("uses pairwise-complete rows and returns null when undefined", () => {
    expect(pearson([1, 2, 3], [2, 4, 6])).toBeCloseTo(1, 14);
    expect(pearson([1, 2], [2, 4])).toBeNull();
    expect(pearson([1, 1, 1], [2, 4, 5])).toBeNull();
    expect(bestLag([1, null, 3, 4, 5], [2, 9, 6, null, 10], 0)).toEqual({
      lag: 0,
      r: expect.closeTo(1, 12),
      byLag: [expect.closeTo(1, 12)],
    });
    expect(bestLag([1, 1, 1], [1, 2, 3], 2)).toBeNull();
  });
});
