/**
 * The engagement simulator tells the truth: parsing the workbook it describes gives its Model back,
 * a noiseless engagement's regression in the true form recovers the planted elasticities, and the
 * truth's leverage is the project's goal-weighting formula applied to them.
 */
import { goalLeverage } from "../../src/core/alignment/leverage";
import { parse } from "../../src/core/model/parse";
import { ols } from "../../src/core/stats/ols";
import {
  SIMULATION_DESIGNS,
  simulateEngagement,
  type SimulationDesign,
} from "../../src/core/sample/simulate";
import { SIM_CURRENT_GOALS, SIM_PLANTED } from "../../src/core/sample/simulate-template";
import { engagementRawWorkbook } from "../../src/core/sample/simulate-workbook";

const log = (v: number | null) => Math.log(v as number);

/** OLS of Δlog m_t (or log m_t) on every lever's Δlog x_(t−lag) (or log x), intercept included. */
function trueFormFit(design: SimulationDesign, periods: number, seed: number, noise?: number) {
  const { model, truth } = simulateEngagement({ design, periods, seed, noise });
  const s = model.observations.series;
  return model.metrics.map((m) => {
    const y: number[] = [];
    const x: number[][] = model.levers.map(() => []);
    const diff = truth.oracleForm === "changes";
    for (let t = m.lag + (diff ? 1 : 0); t < periods; t++) {
      y.push(diff ? log(s[m.name][t]) - log(s[m.name][t - 1]) : log(s[m.name][t]));
      model.levers.forEach((l, j) => {
        const i = t - m.lag;
        x[j].push(diff ? log(s[l.name][i]) - log(s[l.name][i - 1]) : log(s[l.name][i]));
      });
    }
    return { metric: m.name, fit: ols(y, x), levers: model.levers.map((l) => l.name), truth };
  });
}

describe("engagement simulator", () => {
  it.each(SIMULATION_DESIGNS)("%s: parsing its workbook gives its Model back", (design) => {
    const { model } = simulateEngagement({ design, periods: 36, seed: 7, missingShare: 0.05 });
    const parsed = parse(engagementRawWorkbook(model));
    expect(parsed.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(parsed.model).toEqual(model);
  });

  it("is deterministic and the seed matters", () => {
    const a = simulateEngagement({ design: "drifting", periods: 60, seed: 1 });
    const b = simulateEngagement({ design: "drifting", periods: 60, seed: 1 });
    const c = simulateEngagement({ design: "drifting", periods: 60, seed: 2 });
    expect(a.model).toEqual(b.model);
    expect(a.model.observations.series).not.toEqual(c.model.observations.series);
  });

  it.each(["drifting", "stepped", "seasonal"] as const)(
    "%s without noise: the log-difference regression recovers every elasticity to 1e-9",
    (design) => {
      for (const { metric, fit, levers, truth } of trueFormFit(design, 60, 3, 0)) {
        levers.forEach((lever, j) => {
          const expected = truth.pairs.find((p) => p.lever === lever && p.metric === metric)!.elasticity;
          expect(Math.abs((fit.coefficients[j] as number) - expected)).toBeLessThan(1e-9);
        });
      }
    },
  );

  it("stationary without noise: the log-level regression recovers every elasticity to 1e-9", () => {
    for (const { metric, fit, levers, truth } of trueFormFit("stationary", 36, 4, 0)) {
      levers.forEach((lever, j) => {
        const expected = truth.pairs.find((p) => p.lever === lever && p.metric === metric)!.elasticity;
        expect(Math.abs((fit.coefficients[j] as number) - expected)).toBeLessThan(1e-9);
      });
    }
  });

  it("truth: planted pairs, null pairs, leverage by goalLeverage, null levers and their actions", () => {
    const { model, truth } = simulateEngagement({ design: "stepped", periods: 36, seed: 5 });
    expect(truth.pairs).toHaveLength(model.levers.length * model.metrics.length);
    expect(truth.pairs.filter((p) => !p.isNull)).toHaveLength(SIM_PLANTED.length);
    for (const p of SIM_PLANTED) expect(Math.abs(p.elasticity)).toBe(0.5);
    const expected = goalLeverage(
      model.levers.map((l) =>
        SIM_CURRENT_GOALS.map(
          (g) => SIM_PLANTED.find((p) => p.lever === l.name && p.metric === g.metric)?.elasticity ?? 0,
        ),
      ),
      SIM_CURRENT_GOALS.map((g) => (g.direction === "Decrease" ? -1 : 1)),
      SIM_CURRENT_GOALS.map((g) => g.weight),
    );
    expect(truth.leverage.map((l) => l.current)).toEqual(expected);
    expect(truth.leverage.find((l) => l.lever === "Agency hires")!.current).toBeCloseTo(-0.5, 12);
    expect(truth.leverage.find((l) => l.lever === "Assessment hours")!.current).toBeCloseTo(0.5, 12);
    expect(truth.nullLevers).toEqual([
      "Recruiters",
      "Sourcing budget",
      "Interview slots",
      "Referral bonus",
      "Employer-brand spend",
    ]);
    expect(truth.actions.filter((a) => a.nullLever)).toHaveLength(4);
    // Every action is reviewable (dated within the history) and moves its lever the way it says.
    const last = model.observations.periods[model.observations.periods.length - 1];
    model.actions.forEach((a, i) => {
      expect(a.date).toBeLessThanOrEqual(last);
      const t = model.observations.periods.indexOf(a.date);
      const before = model.observations.series[a.lever][t] as number;
      expect(Math.sign((a.newValue as number) - before)).toBe(truth.actions[i].move === "increase" ? 1 : -1);
    });
    // The current goals take effect 9 periods before the end.
    expect(model.goalSets[1].effectiveFrom).toBe(model.observations.periods[36 - 9]);
  });

  it("missing cells are blank metric cells only", () => {
    const { model, truth } = simulateEngagement({
      design: "drifting",
      periods: 120,
      seed: 9,
      missingShare: 0.1,
    });
    const blanks = model.metrics.reduce(
      (s, m) => s + model.observations.series[m.name].filter((v) => v === null).length,
      0,
    );
    expect(blanks).toBe(truth.missingCells);
    expect(blanks).toBeGreaterThan(40);
    for (const l of model.levers)
      expect(model.observations.series[l.name].every((v) => v !== null)).toBe(true);
  });

  it("rejects bad options", () => {
    expect(() => simulateEngagement({ design: "drifting", periods: 12, seed: 1 })).toThrow(RangeError);
    expect(() => simulateEngagement({ design: "drifting", periods: 36, seed: 1, noise: -1 })).toThrow(
      RangeError,
    );
    expect(() => simulateEngagement({ design: "x" as SimulationDesign, periods: 36, seed: 1 })).toThrow(
      RangeError,
    );
  });
});
