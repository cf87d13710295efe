/**
 * The estimation models' building blocks: changes (log / relative, never across a gap), season
 * dummies, the leverage standard error against the closed form for fits sharing one design, and the
 * auto rule on series whose nature is known.
 */
import { changesOf, periodBreaks } from "../../src/core/alignment/changes";
import { InfluenceCache, leverageUncertainty } from "../../src/core/alignment/leverage-uncertainty";
import { seasonCalendar, seasonDummies } from "../../src/core/alignment/seasons";
import { fitInModel } from "../../src/core/alignment/estimate";
import { leverStationarity, leversLookStationary, trendTests } from "../../src/core/alignment/model-choice";
import { sensitivityOf } from "../../src/core/alignment/sensitivity";
import { mulberry32, normal } from "../../src/core/sample/prng";
import { serialFromDate } from "../../src/core/dates";

const months = (n: number, year = 2020) =>
  Array.from({ length: n }, (_, i) => serialFromDate(year + Math.floor(i / 12), (i % 12) + 1, 1) as number);

const normals = (seed: number) => normal(mulberry32(seed));

describe("changes", () => {
  it("log-differences when every value is positive, relative differences otherwise", () => {
    const log = changesOf([100, 110, 121], 2)!;
    expect(log.kind).toBe("log");
    expect(log.values[0]).toBeNull();
    expect(log.values[1]).toBeCloseTo(Math.log(1.1), 15);
    expect(log.values[2]).toBeCloseTo(Math.log(1.1), 15);
    const rel = changesOf([-1, 1, 3], 2)!;
    expect(rel.kind).toBe("relative");
    expect(rel.values.slice(1)).toEqual([2 / 1, 2 / 1]); // mean 1
  });

  it("never differences across a missing value or a missing period, and counts those", () => {
    const c = changesOf([1, 2, null, 4, 5], 4)!;
    expect(c.values).toEqual([null, Math.log(2), null, null, Math.log(5 / 4)]);
    expect(c.gaps).toBe(1);
    const p = months(6);
    p.splice(3, 1); // a month missing from the sheet altogether
    const breaks = periodBreaks(p, 5);
    expect(breaks).toEqual([false, false, false, true, false]);
    expect(changesOf([1, 2, 3, 4, 5], 4, breaks)!.values[3]).toBeNull();
  });

  it("is undefined for a series averaging 0 with values at or below 0", () => {
    expect(changesOf([-1, 1], 1)).toBeNull();
    expect(changesOf([null, null], 1)).toBeNull();
  });
});

describe("season dummies", () => {
  it("monthly calendars need three years of rows; the first season present is the baseline", () => {
    const p = months(36);
    const cal = seasonCalendar(p)!;
    expect(cal.perYear).toBe(12);
    const rows = p.map((_, i) => i);
    const d = seasonDummies(cal, rows, 36)!;
    expect(d).toHaveLength(11);
    expect(d[0].slice(0, 3)).toEqual([0, 1, 0]);
    expect(seasonDummies(cal, rows.slice(0, 30), 30)).toBeNull(); // less than three years of history
    // A lag of 2 and the first change leave 33 rows of a 36-month history: every month keeps 2 or 3.
    const lagged = seasonDummies(cal, rows.slice(3), 36)!;
    expect(lagged).toHaveLength(11);
    expect(lagged[3].slice(0, 3)).toEqual([0, 1, 0]); // April is the baseline: columns Jan, Feb, Mar, May, …
    // A month seen only once cannot carry its own term.
    expect(seasonDummies(cal, rows.slice(13), 36)).toBeNull();
    expect(seasonCalendar(p.filter((_, i) => i % 3 === 0))?.perYear).toBe(4);
    expect(seasonCalendar([1, 8, 15, 22])).toBeNull(); // weekly: no season terms
  });
});

describe("leverage standard error", () => {
  // Two metrics on the same levers and rows: Cov(b_g, b_h) = ρ_gh s_g s_h [(XᵀX)⁻¹]_jj exactly.
  const n = 48;
  const z = normals(7);
  const x1 = Array.from({ length: n }, () => 10 + z());
  const x2 = Array.from({ length: n }, () => 5 + z());
  const common = Array.from({ length: n }, () => z());
  const y1 = x1.map((v, i) => 50 + 0.8 * v - 0.3 * x2[i] + common[i] + 0.5 * z());
  const y2 = x1.map((v, i) => 30 - 0.2 * v + 0.6 * x2[i] + 0.7 * common[i] + 0.5 * z());
  const f1 = sensitivityOf(y1, [x1, x2], 0);
  const f2 = sensitivityOf(y2, [x1, x2], 0);

  it("equals the closed form for fits sharing one design", () => {
    const c1 = 0.6;
    const c2 = -0.4;
    const got = leverageUncertainty(0, [
      { metric: "a", fit: f1, coefficient: c1 },
      { metric: "b", fit: f2, coefficient: c2 },
    ])!;
    const d1 = f1.detail!;
    const d2 = f2.detail!;
    const r1 = d1.residuals;
    const r2 = d2.residuals;
    const dot = (a: number[], b: number[]) => a.reduce((s, v, i) => s + v * b[i], 0);
    const rho = dot(r1, r2) / Math.sqrt(dot(r1, r1) * dot(r2, r2));
    const se1 = f1.rows[0].stdError!;
    const se2 = f2.rows[0].stdError!;
    const gjj = (se1 / d1.sigma!) ** 2; // [(XᵀX)⁻¹]_jj, the same for both fits
    const k1 = d1.scale[0]!;
    const k2 = d2.scale[0]!;
    const variance =
      (c1 * k1 * se1) ** 2 + (c2 * k2 * se2) ** 2 + 2 * c1 * k1 * c2 * k2 * rho * d1.sigma! * d2.sigma! * gjj;
    expect(got.stdError).toBeCloseTo(Math.sqrt(variance), 10);
    expect(got.df).toBe(n - 3);
  });

  it("is the elasticity's own standard error for a single metric", () => {
    const got = leverageUncertainty(1, [{ metric: "a", fit: f1, coefficient: 1 }], new InfluenceCache())!;
    expect(got.stdError).toBeCloseTo(f1.rows[1].stdError! * Math.abs(f1.detail!.scale[1]!), 12);
  });
});

describe("auto", () => {
  it("keeps a stationary metric with white-noise residuals in levels and differences a drifting one", () => {
    const z = normals(11);
    const n = 60;
    const lever = Array.from({ length: n }, () => 20 + z());
    const stationary = lever.map((v) => 100 + 2 * v + z());
    let walk = 0;
    const market = Array.from({ length: n }, () => (walk += z()));
    let drift = 10;
    const drifting = Array.from({ length: n }, () => (drift += 0.2 + 0.5 * z()));
    const trending = drifting.map((v, i) => 200 + 3 * v + 5 * market[i] + z());
    const a = fitInModel(stationary, [lever], 0, {}, "auto");
    expect(a.fit.model).toBe("levels");
    expect(a.decision.evidence.tests.map((t) => t.test)).toEqual(["ADF", "KPSS", "BG"]);
    expect(a.decision.evidence.levers).toEqual({ stationary: 1, tested: 1 });
    const b = fitInModel(trending, [drifting], 0, {}, "auto");
    expect(b.fit.model).toBe("log-changes");
    expect(b.decision.evidence.reason).toMatch(/^changes: /);
  });

  it("fits changes when most levers drift or step, however stationary the metric looks", () => {
    // The case the levers' condition is for: a metric that passes ADF, KPSS and Breusch–Godfrey
    // while its levers are random walks or held-then-stepped. A levels regression balanced this
    // badly finds effects in shared trends (docs/method.md §2a).
    const z = normals(23);
    const n = 48;
    let w1 = 0;
    const walk = Array.from({ length: n }, () => 100 * Math.exp((w1 += 0.005 + 0.04 * z())));
    const stepped = Array.from({ length: n }, (_, i) => 20 * (1 + 0.05 * Math.floor(i / 9)));
    const mean = Array.from({ length: n }, () => 40 + z());
    const metric = Array.from({ length: n }, () => 100 + 3 * z());
    expect(leverStationarity([walk, stepped, mean], n - 1)).toEqual({ stationary: 1, tested: 3 });
    const r = fitInModel(metric, [walk, stepped, mean], 0, {}, "auto");
    expect(r.decision.evidence.tests.find((t) => t.test === "ADF")?.pValue).toBeLessThan(0.01);
    expect(r.fit.form).toBe("changes");
    expect(r.decision.evidence.reason).toMatch(/^changes: most levers drift .* 1 of 3 levers/);
    // With two stationary levers of three, the same metric is fitted in levels.
    const second = Array.from({ length: n }, () => 7 + 0.2 * z());
    const s = fitInModel(metric, [walk, second, mean], 0, {}, "auto");
    expect(s.decision.evidence.levers).toEqual({ stationary: 2, tested: 3 });
    expect(s.fit.form).toBe("levels");
    // A constant lever cannot be tested and is not counted; no testable lever means changes.
    expect(leverStationarity([Array(n).fill(5), mean], n - 1)).toEqual({ stationary: 1, tested: 1 });
    expect(leversLookStationary({ stationary: 0, tested: 0 })).toBe(false);
  });

  it("takes season means out before testing a seasonal metric for drift", () => {
    // A drifting metric with a strong month-of-year pattern: the pattern looks like quick mean
    // reversion, so ADF and KPSS on the raw values often call it stationary (and levels on drifting
    // series is spurious regression). With season means out, they see the drift.
    let rawStationary = 0;
    let adjustedStationary = 0;
    const stationary = (tests: ReturnType<typeof trendTests>) =>
      tests[0].pValue < 0.05 && tests[1].pValue >= 0.05;
    for (let seed = 1; seed <= 14; seed++) {
      const z = normals(seed);
      const n = 36;
      const pattern = Array.from({ length: 12 }, () => 0.3 * z());
      let walk = 0;
      let path = 0;
      const lever = Array.from({ length: n }, () => 50 * Math.exp((path += 0.005 + 0.04 * z())));
      const metric = Array.from({ length: n }, (_, i) =>
        Math.exp(4 + (walk += 0.05 * z()) + pattern[i % 12] + 0.01 * z()),
      );
      if (stationary(trendTests(metric, n - 1))) rawStationary++;
      const adjusted = trendTests(metric, n - 1, months(n));
      expect(adjusted.every((t) => t.seasonAdjusted)).toBe(true);
      if (stationary(adjusted)) adjustedStationary++;
      const r = fitInModel(metric, [lever], 1, { periods: months(n) }, "auto");
      expect(r.fit.model).toBe("log-changes");
      expect(r.fit.seasonal).toBe(true); // 33 rows: every month keeps two or three
    }
    expect(rawStationary).toBeGreaterThanOrEqual(5);
    expect(adjustedStationary).toBeLessThanOrEqual(1); // ADF at 5% rejects a true unit root now and then
  });

  it("fits a short history in changes without testing, and says why", () => {
    const r = fitInModel(
      [10, 11, 12, 11, 13, 12, 14, 13, 15, 16],
      [[1, 2, 3, 2, 4, 3, 5, 4, 6, 7]],
      0,
      {},
      "auto",
    );
    expect(r.fit.form).toBe("changes");
    expect(r.decision.evidence.reason).toMatch(/too few periods to test/);
  });
});
