import { analyze } from "../../src/core/alignment/analyze";
import { DEFAULT_SETTINGS } from "../../src/core/alignment/settings";
import type { Model } from "../../src/core/model/types";
import {
  action,
  goalSet,
  lever,
  leverSeries,
  metric,
  model,
  nonFinitePaths,
  periods,
  planted,
  standardEngagement,
} from "./builders";

function engagement() {
  const e = standardEngagement(36, 3);
  const n = e.periods.length;
  // Cost per hire rises with recruiters (lag 0): the previous goals wanted it down.
  const cph = planted([e.recruiters, e.quality, e.screening], [150, 0, 0], 1000, 30, 13, 0);
  const m: Model = {
    ...e.model,
    levers: [
      lever("Recruiters", { min: 5, max: 30 }),
      lever("Recruiter quality", { current: 4, max: 4 }),
      lever("Screening capacity"),
    ],
    metrics: [...e.model.metrics, metric("Cost per hire", "Recruitment", { better: "Lower" })],
    observations: {
      ...e.model.observations,
      series: { ...e.model.observations.series, "Cost per hire": cph },
    },
    goalSets: [
      goalSet(e.periods[0], [["Cost per hire", "Decrease", 1]]),
      goalSet(e.periods[24], [
        ["Time to fill", "Decrease", 0.6],
        ["Training performance", "Increase", 0.4],
      ]),
    ],
    actions: [
      action(e.periods[20], "Recruiters", 20),
      action(e.periods[30], "Recruiter quality", 2),
      action(e.periods[n - 1], "Screening capacity", 250),
    ],
  };
  return { ...e, model: m };
}

/** This engagement is generated with i.i.d. noise around linear level effects: the levels model is right. */
const LEVELS = { ...DEFAULT_SETTINGS, model: "levels" as const };

describe("analyze", () => {
  const e = engagement();
  const r = analyze(e.model, LEVELS);
  const sens = (l: string, m: string) => r.sensitivities.find((s) => s.lever === l && s.metric === m)!;

  it("fills levers, metrics, as-of and goal summaries", () => {
    expect(r.levers).toEqual(["Recruiters", "Recruiter quality", "Screening capacity"]);
    expect(r.metrics).toEqual(["Time to fill", "Quality of hire", "Training performance", "Cost per hire"]);
    expect(r.asOf).toBe(e.periods[35]);
    expect(r.currentGoals?.effectiveFrom).toBe(e.periods[24]);
    expect(r.currentGoals?.goals.map((g) => g.metric)).toEqual(["Time to fill", "Training performance"]);
    expect(r.previousGoals?.goals).toEqual([
      { goal: "Decrease Cost per hire", metric: "Cost per hire", direction: "Decrease", weight: 1 },
    ]);
    expect(r.sensitivities).toHaveLength(12);
    expect(r.fits.map((f) => [f.metric, f.method, f.lag])).toEqual([
      ["Time to fill", "ols", 0],
      ["Quality of hire", "ols", 1],
      ["Training performance", "ols", 2],
      ["Cost per hire", "ols", 0],
    ]);
    expect(r.fits[2].n).toBe(34);
  });

  it("recovers the planted direct effects", () => {
    expect(sens("Recruiters", "Time to fill").coefficient).toBeCloseTo(-3, 0);
    expect(sens("Recruiter quality", "Quality of hire").coefficient).toBeCloseTo(8, 0);
    expect(sens("Recruiters", "Training performance").coefficient as number).toBeCloseTo(0.6, 0);
    expect(sens("Recruiter quality", "Training performance").coefficient as number).toBeCloseTo(4, 0);
    expect(sens("Recruiters", "Time to fill").significant).toBe(true);
    expect(sens("Recruiter quality", "Time to fill").significant).toBe(false);
  });

  it("discovers the KPI → outcome links and chains them close to the direct estimate", () => {
    const link = (k: string) => r.discovery.find((d) => d.kpi === k && d.outcome === "Training performance")!;
    expect(link("Quality of hire").significant).toBe(true);
    expect(link("Time to fill").significant).toBe(true);
    expect(link("Time to fill").elasticity as number).toBeLessThan(0);
    for (const l of ["Recruiters", "Recruiter quality"]) {
      const c = r.chained.find((x) => x.lever === l && x.outcome === "Training performance")!;
      expect(c.direct).toBe(sens(l, "Training performance").elasticity);
      const sum = c.via.reduce((s, v) => s + v.contribution, 0);
      expect(c.chained as number).toBeCloseTo(sum, 12);
      // fully mediated: the chain explains the direct effect
      expect(Math.abs((c.chained as number) - (c.direct as number))).toBeLessThan(
        0.15 * Math.abs(c.direct as number),
      );
    }
    const viaQuality = r.chained.find((x) => x.lever === "Recruiter quality")!.via;
    expect(viaQuality[0].kpi).toBe("Quality of hire");
  });

  it("computes leverage from every direct effect under both goal sets", () => {
    const lv = (name: string) => r.leverage.find((l) => l.lever === name)!;
    const w = (l: string, m: string) => sens(l, m).elasticity as number;
    const expected = (l: string) => (0.6 * -w(l, "Time to fill") + 0.4 * w(l, "Training performance")) / 1.0;
    for (const l of r.levers) expect(lv(l).current).toBeCloseTo(expected(l), 12);
    expect(lv("Recruiters").directionCurrent).toBe("increase");
    expect(lv("Recruiters").directionPrevious).toBe("decrease");
    expect(lv("Recruiters").previous as number).toBeCloseTo(-w("Recruiters", "Cost per hire"), 12);
    expect(lv("Recruiters").effects[0].changeFor10Pct).toBeCloseTo(
      0.1 * (sens("Recruiters", "Time to fill").elasticity as number),
      12,
    );
    // Recruiter quality raises training performance but sits at its Max (Current 4 = Max 4)
    expect(lv("Recruiter quality").current).toBeGreaterThan(0.02);
    expect(lv("Recruiter quality").directionCurrent).toBe("hold");
    expect(lv("Recruiter quality").boundNote).toBe("at its maximum");
  });

  it("flags the goal shift", () => {
    const row = r.goalShift.find((g) => g.lever === "Recruiters")!;
    expect(row).toMatchObject({ previousDirection: "decrease", currentDirection: "increase", changed: true });
  });

  it("rates the recent move of Recruiters green", () => {
    const a = r.alignment.find((x) => x.lever === "Recruiters")!;
    expect(a.movement as number).toBeGreaterThan(0.05);
    expect(a.score).toBeCloseTo((a.movement as number) * r.leverage[0].current, 12);
    expect(a.rag).toBe("green");
    expect(a.direction).toBe("increase");
    expect(a.confidence).toBe("high");
  });

  it("reviews actions against the current recommendation", () => {
    expect(r.actions.map((a) => [a.lever, a.move, a.verdict])).toEqual([
      ["Recruiters", "increase", "aligned"],
      ["Recruiter quality", "decrease", "neutral"], // held at its maximum
      ["Screening capacity", "increase", expect.any(String)],
    ]);
    expect(r.actions[0].reason).toMatch(/goals then in force called for a decrease/);
    expect(r.actions[0].measured?.map((m) => m.metric)).toEqual(["Time to fill", "Training performance"]);
    expect(r.actions[2].measured).toBeNull();
  });

  it("never produces NaN or Infinity", () => {
    expect(nonFinitePaths(r)).toEqual([]);
  });

  it("auto finds these stationary metrics stationary and keeps them in levels", () => {
    const auto = analyze(e.model, DEFAULT_SETTINGS);
    for (const fit of auto.fits) {
      const adf = fit.evidence.tests.find((t) => t.test === "ADF")!;
      expect(adf.pValue).toBeLessThan(0.01);
      expect(fit.model).toBe("levels");
      expect(fit.evidence.levers).toEqual({ stationary: 3, tested: 3 });
      expect(fit.evidence.reason).toMatch(
        /^levels: 3 of 3 levers and the metric are stationary \(ADF p .*\) and the levels regression leaves uncorrelated residuals \(Breusch–Godfrey p /,
      );
      expect(fit.evidence.tests.map((t) => t.test)).toEqual(["ADF", "KPSS", "BG"]);
    }
    expect(nonFinitePaths(auto)).toEqual([]);
  });

  it("permuting the levers permutes the results", () => {
    const order = [2, 0, 1];
    const m2: Model = { ...e.model, levers: order.map((i) => e.model.levers[i]) };
    const r2 = analyze(m2, LEVELS);
    expect(r2.levers).toEqual(order.map((i) => r.levers[i]));
    for (const s of r.sensitivities) {
      const t = r2.sensitivities.find((x) => x.lever === s.lever && x.metric === s.metric)!;
      expect(t.elasticity as number).toBeCloseTo(s.elasticity as number, 9);
      expect(t.significant).toBe(s.significant);
    }
    for (const l of r.leverage) {
      const t = r2.leverage.find((x) => x.lever === l.lever)!;
      expect(t.current).toBeCloseTo(l.current, 9);
      expect(t.directionCurrent).toBe(l.directionCurrent);
    }
  });

  it("honours an earlier as-of date (previous goals become current)", () => {
    const early = analyze(e.model, { ...LEVELS, asOf: e.periods[20] });
    expect(early.asOf).toBe(e.periods[20]);
    expect(early.currentGoals?.effectiveFrom).toBe(e.periods[0]);
    expect(early.previousGoals).toBeNull();
    expect(early.fits[0].n).toBe(21);
    expect(early.leverage[0].directionCurrent).toBe("decrease");
    expect(early.diagnostics.some((d) => d.code === "future-goals")).toBe(true);
    expect(nonFinitePaths(early)).toEqual([]);
  });
});

describe("analyze on poor data", () => {
  it("reports insufficient data per metric without throwing", () => {
    const e = standardEngagement(8);
    const m: Model = { ...e.model, goalSets: [goalSet(e.periods[0], [["Time to fill", "Decrease", 1]])] };
    const r = analyze(m, DEFAULT_SETTINGS);
    expect(r.fits.every((f) => f.method === "insufficient")).toBe(true);
    expect(r.fits[0].warnings[0]).toMatch(/Insufficient data for Time to fill/);
    const d = r.diagnostics.filter((x) => x.code === "insufficient-data");
    expect(d.length).toBeGreaterThanOrEqual(3);
    expect(d[0].sheet).toBe("Observations");
    expect(r.leverage.every((l) => l.current === 0 && l.directionCurrent === "hold" && !l.supported)).toBe(
      true,
    );
    expect(r.alignment.every((a) => a.rag === "amber" && a.confidence === "low")).toBe(true);
    expect(nonFinitePaths(r)).toEqual([]);
  });

  it("names a constant lever once across metrics", () => {
    const e = standardEngagement(36);
    const series = { ...e.model.observations.series, "Screening capacity": e.screening.map(() => 200) };
    const r = analyze({ ...e.model, observations: { ...e.model.observations, series } }, DEFAULT_SETTINGS);
    const d = r.diagnostics.filter((x) => x.code === "constant-lever");
    expect(d).toHaveLength(1);
    expect(d[0].message).toMatch(
      /^Screening capacity was left out of the regressions of Time to fill, Quality of hire and Training performance/,
    );
    expect(r.fits.every((f) => f.method === "ols")).toBe(true);
  });

  it("suggests the lag a metric fits clearly better with", () => {
    const e = standardEngagement(36);
    const wrong = {
      ...e.model,
      metrics: e.model.metrics.map((m) => (m.name === "Quality of hire" ? { ...m, lag: 0 } : m)),
    };
    const r = analyze(wrong, DEFAULT_SETTINGS);
    const d = r.diagnostics.find((x) => x.code === "lag-check");
    expect(d?.message).toMatch(/Quality of hire fits the levers clearly better with a lag of 1/);
    expect(d?.sheet).toBe("Metrics");
    expect(analyze(e.model, DEFAULT_SETTINGS).diagnostics.some((x) => x.code === "lag-check")).toBe(false);
  });

  it("survives degenerate models", () => {
    const p = periods(12);
    const x = leverSeries(12, 5, 1, 9);
    const cases: Model[] = [
      model({ levers: [], metrics: [], periods: [], series: {} }),
      model({ levers: [lever("A")], metrics: [metric("M")], periods: [], series: {} }),
      model({
        levers: [lever("A"), lever("Empty")],
        metrics: [
          metric("Zero mean"),
          metric("Flat"),
          metric("Missing"),
          metric("Out", "Business", { lag: 5 }),
        ],
        periods: p,
        series: {
          A: x,
          Empty: p.map(() => null),
          "Zero mean": x.map((v, i) => (i % 2 ? 1 : -1) * (i + 1) - (i % 2 ? 0.5 : -0.5)),
          Flat: p.map(() => 3),
          Out: x.map((v) => v * 2),
        },
        goalSets: [
          goalSet(p[0], [
            ["Zero mean", "Increase", 0],
            ["Nope", "Decrease", 0],
          ]),
          goalSet(p[11] + 100, [["Flat", "Increase", 1]]),
        ],
        actions: [action(p[3], "A", null), action(p[3], "Empty", 4), action(p[11] + 500, "A", 9)],
      }),
    ];
    for (const m of cases) {
      const r = analyze(m, DEFAULT_SETTINGS);
      expect(nonFinitePaths(r)).toEqual([]);
      expect(r.leverage.every((l) => Number.isFinite(l.current))).toBe(true);
    }
    const r = analyze(cases[2], {
      ...DEFAULT_SETTINGS,
      movementWindow: 50,
      significanceLevel: 7,
      ragThreshold: NaN,
    });
    expect(nonFinitePaths(r)).toEqual([]);
    expect(r.diagnostics.map((d) => d.code)).toEqual(
      expect.arrayContaining([
        "missing-series",
        "lever-no-data",
        "unknown-goal-metric",
        "goal-weights",
        "future-goals",
      ]),
    );
    expect(analyze(cases[0]).diagnostics.map((d) => d.code)).toContain("no-observations");
    expect(
      analyze(cases[2], { ...DEFAULT_SETTINGS, asOf: p[0] - 10 }).diagnostics.map((d) => d.code),
    ).toContain("as-of-before-data");
  });
});
