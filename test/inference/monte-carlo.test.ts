/**
 * Issue 10's acceptance, by Monte Carlo with fixed seeds (src/core/sample/montecarlo.ts; the bench
 * `npm run bench -- --inference-only` runs more seeds and every length). Per design, 26 engagements
 * of 36 periods and 26 of 60 are pooled: 2,028 null lever → metric pairs, 520 planted pairs,
 * 260 null levers, 104 strong levers, 208 actions on null levers and 364 leverage intervals.
 *
 * What is asserted of the analysis with settings.model = "auto" (the sheets' default):
 *   size of raw p < 5% on the null pairs within 3-7%, overall and for each model auto fitted to at
 *   least MIN_GROUP null pairs; power within 5 points of the oracle fitted in the same simulation;
 *   hold on null levers ≥ 95%; strong levers the true way ≥ 80%; no conflict on requests that move
 *   a null lever ≥ 95%; the leverage interval covers the true leverage in 92-97% of cases.
 * Before the analysis reports a model per metric (MetricFit.model, issue 10's contract) those
 * assertions cannot hold (only `levels` exists) and are skipped with a note; what the current
 * analysis does is asserted instead (the spurious regression the issue measured).
 * Always asserted: the simulator's calibration (oracle power 80-85%, oracle size 3-7%) and that the
 * oracle's own decisions (montecarlo.ts) meet the decision criteria, so they are attainable here.
 *
 * "Hold on null levers ≥ 95%" is the boundary of the rule itself: a lever is moved when its 95%
 * interval excludes 0, which happens for 5% of null levers whatever the estimator (the oracle, with
 * exact intervals, holds 94.3-96.5% of them over 300 engagements per cell). So it is checked as "not
 * clearly below 95%": the upper end of its Wilson 95% interval must reach 95% (with 260 cases this
 * fails a rule that holds fewer than about 92%). Every other criterion is checked on its point value.
 */
import { analyze } from "../../src/core/alignment/analyze";
import { type CellScore, type ModelScore, runPooled } from "../../src/core/sample/montecarlo";
import { SIMULATION_DESIGNS, simulateEngagement } from "../../src/core/sample/simulate";

const ENGAGEMENTS_PER_LENGTH = 26;
const LENGTHS = [36, 60];
/** A fitted-model group is judged on its own when it holds at least this many null pairs. */
const MIN_GROUP = 400;

/** Whether the analysis has issue 10's models (it reports MetricFit.model). */
const hasModels = (() => {
  const { model } = simulateEngagement({ design: "drifting", periods: 36, seed: 1 });
  return "model" in (analyze(model).fits[0] ?? {});
})();

const cells = new Map<string, CellScore>();
function cell(design: (typeof SIMULATION_DESIGNS)[number]): CellScore {
  let c = cells.get(design);
  if (!c) {
    c = runPooled({
      design,
      periods: LENGTHS,
      engagements: ENGAGEMENTS_PER_LENGTH,
      firstSeed: 20250,
      models: hasModels ? ["auto"] : ["levels"],
    });
    cells.set(design, c);
  }
  return c;
}
const share = (p: { share: number | null } | null) => p?.share ?? NaN;

describe.each(SIMULATION_DESIGNS)("Monte Carlo, %s design (36 and 60 periods pooled)", (design) => {
  it("the simulator is calibrated: oracle power 80-85%, oracle size 3-7%, ≥ 2,000 null pairs", () => {
    const c = cell(design);
    expect(c.models[0].size.total).toBeGreaterThanOrEqual(2000);
    expect(share(c.oracle.power)).toBeGreaterThanOrEqual(0.8);
    expect(share(c.oracle.power)).toBeLessThanOrEqual(0.85);
    expect(share(c.oracle.size)).toBeGreaterThanOrEqual(0.03);
    expect(share(c.oracle.size)).toBeLessThanOrEqual(0.07);
  });

  it("the oracle's decisions meet the decision criteria (they are attainable on these engagements)", () => {
    const { oracle } = cell(design);
    expect(oracle.holdOnNull.high).toBeGreaterThanOrEqual(0.95);
    expect(share(oracle.rightWay)).toBeGreaterThanOrEqual(0.8);
    expect(share(oracle.coverage)).toBeGreaterThanOrEqual(0.92);
    expect(share(oracle.coverage)).toBeLessThanOrEqual(0.97);
  });

  (hasModels ? it : it.skip)("auto: size, power, decisions and coverage meet issue 10's acceptance", () => {
    const c = cell(design);
    const auto = c.models.find((m) => m.model === "auto") as ModelScore;
    const problems: string[] = [];
    const within = (what: string, value: number, low: number, high: number) => {
      if (!(value >= low && value <= high))
        problems.push(`${what} ${(100 * value).toFixed(1)}% not in ${100 * low}-${100 * high}%`);
    };
    within("size", share(auto.size), 0.03, 0.07);
    for (const [fitted, p] of Object.entries(auto.sizeByFittedModel))
      if (p.total >= MIN_GROUP)
        within(`size of ${fitted} fits (${p.total} null pairs)`, share(p), 0.03, 0.07);
    within("power minus oracle power", share(auto.power) - share(c.oracle.power), -0.05, 1);
    within("hold on null levers (upper end of its 95% interval)", auto.holdOnNull.high ?? NaN, 0.95, 1);
    within("strong levers the true way", share(auto.rightWay), 0.8, 1);
    within("no false conflict", share(auto.noFalseConflict), 0.95, 1);
    within("leverage interval coverage", share(auto.coverage), 0.92, 0.97);
    expect(problems).toEqual([]);
  });
});

(hasModels ? describe.skip : describe)("the current analysis (levels only), as issue 10 found it", () => {
  it("levels is spurious on drifting series: far more than 5% of null pairs significant", () => {
    expect(share(cell("drifting").models[0].size)).toBeGreaterThan(0.15);
    expect(share(cell("stepped").models[0].size)).toBeGreaterThan(0.15);
  });
  it("levels holds its size on stationary series", () => {
    const size = share(cell("stationary").models[0].size);
    expect(size).toBeGreaterThanOrEqual(0.03);
    expect(size).toBeLessThanOrEqual(0.07);
  });
});
