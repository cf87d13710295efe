import { alignLagged } from "../../src/core/alignment/lag";
import { regressLagged, sensitivityOf } from "../../src/core/alignment/sensitivity";
import { leverSeries, planted } from "./builders";

const n = 40;
const x1 = leverSeries(n, 12, 1.5, 1);
const x2 = leverSeries(n, 3, 0.4, 2);
const x3 = leverSeries(n, 200, 25, 3);
const y = planted([x1, x2, x3], [-3, 5, 0], 80, 0.5, 7);

const mean = (v: readonly (number | null)[]) => {
  const xs = v.filter((a): a is number => a !== null);
  return xs.reduce((s, a) => s + a, 0) / xs.length;
};

describe("alignLagged", () => {
  it("pairs target[s] with columns[s − shift] and drops incomplete rows per target", () => {
    const target = [1, 2, null, 4, 5, 6];
    const col = [10, 20, 30, null, 50, 60];
    const a = alignLagged(target, [col], 1);
    // s = 1..5: (2,10) (null,20)x (4,30) (5,null)x (6,50)
    expect(a.rows).toEqual([1, 3, 5]);
    expect(a.y).toEqual([2, 4, 6]);
    expect(a.x).toEqual([[10, 30, 50]]);
    expect(a.candidates).toBe(5);
    expect(a.missingTarget).toBe(1);
    expect(a.missingByColumn).toEqual([1]);
  });

  it("stops at the as-of index", () => {
    const a = alignLagged([1, 2, 3, 4], [[1, 2, 3, 4]], 0, 1);
    expect(a.rows).toEqual([0, 1]);
  });
});

describe("sensitivityOf", () => {
  const fit = sensitivityOf(y, [x1, x2, x3], 0, { names: ["A", "B", "C"] });

  it("recovers planted coefficients with the right signs and significance", () => {
    expect(fit.method).toBe("ols");
    expect(fit.n).toBe(n);
    expect(fit.rows[0].coefficient).toBeCloseTo(-3, 0);
    expect(fit.rows[1].coefficient).toBeCloseTo(5, 0);
    expect(Math.abs(fit.rows[2].coefficient as number)).toBeLessThan(0.05);
    expect(fit.rows[0].significant).toBe(true);
    expect(fit.rows[1].significant).toBe(true);
    expect(fit.r2 as number).toBeGreaterThan(0.95);
    for (const r of fit.rows.slice(0, 2)) {
      expect(r.ciLow as number).toBeLessThan(r.coefficient as number);
      expect(r.ciHigh as number).toBeGreaterThan(r.coefficient as number);
      expect(r.stdError as number).toBeGreaterThan(0);
    }
  });

  it("computes elasticity at the means and the standardized effect", () => {
    const b = fit.rows[0].coefficient as number;
    expect(fit.rows[0].elasticity).toBeCloseTo((b * mean(x1)) / mean(y), 12);
    expect(fit.rows[0].elasticity).toBeCloseTo((-3 * 12) / mean(y), 1);
    const sd = (v: readonly (number | null)[]) => {
      const xs = v as number[];
      const m = mean(xs);
      return Math.sqrt(xs.reduce((s, a) => s + (a - m) ** 2, 0) / (xs.length - 1));
    };
    expect(fit.rows[0].standardized).toBeCloseTo((b * sd(x1)) / sd(y), 12);
  });

  it("leaves elasticities, standardized effects and p-values unchanged when a lever's units change", () => {
    const scaled = sensitivityOf(y, [x1.map((v) => v * 1000), x2, x3], 0);
    expect(scaled.rows[0].coefficient as number).toBeCloseTo((fit.rows[0].coefficient as number) / 1000, 10);
    for (let j = 0; j < 3; j++) {
      expect(scaled.rows[j].elasticity as number).toBeCloseTo(fit.rows[j].elasticity as number, 10);
      expect(scaled.rows[j].standardized as number).toBeCloseTo(fit.rows[j].standardized as number, 10);
      expect(scaled.rows[j].pValue as number).toBeCloseTo(fit.rows[j].pValue as number, 10);
    }
  });

  it("permuting the levers permutes the results", () => {
    const order = [2, 0, 1];
    const permuted = sensitivityOf(
      y,
      order.map((j) => [x1, x2, x3][j]),
      0,
    );
    order.forEach((j, k) => {
      expect(permuted.rows[k].coefficient as number).toBeCloseTo(fit.rows[j].coefficient as number, 10);
      expect(permuted.rows[k].elasticity as number).toBeCloseTo(fit.rows[j].elasticity as number, 10);
      expect(permuted.rows[k].significant).toBe(fit.rows[j].significant);
    });
    expect(permuted.r2 as number).toBeCloseTo(fit.r2 as number, 12);
  });

  it("recovers a lag-2 response only at lag 2", () => {
    const lagged = planted([x1, x2, x3], [-3, 5, 0], 80, 0.5, 8, 2);
    const at2 = sensitivityOf(lagged, [x1, x2, x3], 2);
    const at0 = sensitivityOf(lagged, [x1, x2, x3], 0);
    const at1 = sensitivityOf(lagged, [x1, x2, x3], 1);
    expect(at2.n).toBe(n - 2);
    expect(at2.rows[0].coefficient).toBeCloseTo(-3, 0);
    expect(at2.rows[1].coefficient).toBeCloseTo(5, 0);
    expect(at2.r2 as number).toBeGreaterThan(0.95);
    for (const wrong of [at0, at1]) {
      expect(wrong.r2 as number).toBeLessThan(0.4);
      expect(Math.abs((wrong.rows[0].coefficient as number) + 3)).toBeGreaterThan(1);
    }
  });

  it("reports insufficient data as a warning, not an exception", () => {
    const short = sensitivityOf(
      y.slice(0, 6),
      [x1, x2, x3].map((x) => x.slice(0, 6)),
      0,
      {
        targetName: "Time to fill",
      },
    );
    expect(short.method).toBe("insufficient");
    expect(short.n).toBe(6);
    expect(short.r2).toBeNull();
    expect(short.rows.every((r) => r.coefficient === null && !r.significant)).toBe(true);
    expect(short.warnings.join(" ")).toMatch(/Insufficient data for Time to fill/);

    // n > p + 1 but residual df below the minimum
    const thin = sensitivityOf(
      y.slice(0, 7),
      [x1, x2, x3].map((x) => x.slice(0, 7)),
      0,
      { minDegreesOfFreedom: 5 },
    );
    expect(thin.method).toBe("insufficient");
    expect(thin.warnings.join(" ")).toMatch(/3 residual degrees of freedom/);

    expect(sensitivityOf([], [[], []], 0).method).toBe("insufficient");
    expect(sensitivityOf([1, 2, 3], [], 0).method).toBe("insufficient");
  });

  it("explains which series's gaps cost the rows", () => {
    const gappy = x2.map((v, i) => (i % 2 === 0 ? null : v));
    const fit2 = sensitivityOf(y.slice(0, 14), [x1.slice(0, 14), gappy.slice(0, 14), x3.slice(0, 14)], 0, {
      names: ["A", "B", "C"],
    });
    expect(fit2.method).toBe("insufficient");
    expect(fit2.warnings.join(" ")).toMatch(/B in 7/);
  });

  it("names a constant lever and collinear levers", () => {
    const constant = x1.map(() => 5);
    const c = sensitivityOf(y, [x1, constant, x3], 0, { names: ["A", "Flat", "C"], targetName: "TTF" });
    expect(c.method).toBe("ols");
    expect(c.rows[1].coefficient).toBeNull();
    expect(c.dropped).toEqual([expect.objectContaining({ column: 1, kind: "constant" })]);
    expect(c.warnings.join(" ")).toMatch(/Flat was left out of TTF's regression: it is constant/);
    expect(c.rows[0].coefficient).toBeCloseTo(-3, 0);

    const twin = x1.map((v, i) => 2 * v + 0.5 * x3[i]);
    const k = sensitivityOf(y, [x1, x3, twin], 0, { names: ["A", "C", "Twin"] });
    expect(k.method).toBe("ols");
    const dropped = k.dropped.find((d) => d.kind === "collinear");
    expect(dropped).toBeDefined();
    expect(k.rows[dropped!.column].coefficient).toBeNull();
    expect(k.warnings.join(" ")).toMatch(/collinear/);
    const named = ["A", "C", "Twin"][dropped!.column];
    expect(k.warnings.join(" ")).toContain(named);
  });

  it("leaves out a lever with no data instead of losing every row", () => {
    const empty = x1.map(() => null);
    const e = sensitivityOf(y, [x1, empty, x3], 0, { names: ["A", "Empty", "C"] });
    expect(e.method).toBe("ols");
    expect(e.n).toBe(n);
    expect(e.dropped).toEqual([{ column: 1, kind: "no-data", with: [] }]);
    expect(e.warnings[0]).toMatch(/Empty has no values/);
  });

  it("gives a null elasticity when the metric's mean is 0", () => {
    const centred = y.map((v) => (v as number) - mean(y));
    const z = sensitivityOf(centred, [x1, x2, x3], 0);
    expect(z.rows[0].coefficient).toBeCloseTo(fit.rows[0].coefficient as number, 8);
    // mean is ~1e-15, not exactly 0; force exact zero with a symmetric series
    const sym = [1, -1, 2, -2, 3, -3, 4, -4, 5, -5, 6, -6];
    const xs = [leverSeries(12, 5, 1, 21)];
    const s = sensitivityOf(sym, xs, 0);
    expect(s.rows[0].elasticity).toBeNull();
    expect(s.rows[0].coefficient).not.toBeNull();
  });
});

describe("a lag as long as the history", () => {
  it("is one clear message, not a 'no values' drop per lever", () => {
    const levers = [
      [1, 2, 3, 4, 5],
      [5, 3, 4, 1, 2],
    ];
    const metric = [10, 11, 12, 13, 14];
    const fit = regressLagged(metric, levers, 5, { targetName: "Time to fill" });
    expect(fit.method).toBe("insufficient");
    expect(fit.dropped).toEqual([]);
    expect(fit.warnings).toEqual([expect.stringContaining("lag of 5 period(s) is as long as the history")]);
  });
});
