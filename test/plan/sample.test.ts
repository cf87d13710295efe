/** The plan on the sample workbook: it moves the levers the planted effects say it should. */
import { runAnalysis, type PipelineOutcome } from "../../src/core/pipeline";
import { sampleRawWorkbook } from "../../src/core/sample/template";
import { loadHighsSolver } from "../../src/hosts/lp/highs";
import type { LpSolver } from "../../src/core/plan/lp";
import type { RawWorkbook } from "../../src/core/model/raw";
import type { PlanResult } from "../../src/core/plan/types";
import { fitMeans, planInput } from "../../src/core/plan/lever-plan";
import { parse } from "../../src/core/model/parse";
import { analyze } from "../../src/core/alignment/analyze";
import type { AnalysisSettings } from "../../src/core/alignment/settings";

let solver: LpSolver;
beforeAll(async () => {
  solver = await loadHighsSolver();
});

const run = (
  settings = {},
  raw: RawWorkbook = sampleRawWorkbook(),
  analysis: Partial<AnalysisSettings> = {},
): PipelineOutcome =>
  runAnalysis(raw, {
    runStamp: "2026-01-01T00:00:00Z",
    toolVersion: "test",
    settings: analysis,
    plan: { solver, settings },
  });
const lever = (plan: PlanResult, name: string) => plan.levers.find((l) => l.lever === name)!;

test("under the retention goals: recruiter quality up, agency share down, unsupported levers held", () => {
  const plan = run().results!.plan!;
  expect(plan.status).toBe("optimal");
  expect(plan.solver).toMatch(/^HiGHS/);
  const q = lever(plan, "Recruiter quality");
  expect(q.planned!).toBeGreaterThan(q.current!);
  expect(q.planned!).toBeCloseTo(q.current! * 1.2, 9); // ±20% binds before Max 4.8
  const agency = lever(plan, "Agency share");
  expect(agency.planned!).toBeLessThan(agency.current!);
  expect(lever(plan, "Screening capacity").planned!).toBeGreaterThan(
    lever(plan, "Screening capacity").current!,
  );
  for (const name of ["Recruiters", "Interview scheduling capacity", "Work days per week"]) {
    expect(lever(plan, name).planned).toBe(lever(plan, name).current);
    expect(lever(plan, name).heldReason).toBe("the Alignment sheet recommends holding it");
  }
  const [planned, requested, none] = plan.scenarios;
  expect([planned.name, requested.name, none.name]).toEqual(["Plan", "As requested", "No change"]);
  expect(planned.score).toBeCloseTo(plan.objective, 15);
  expect(planned.score).toBeGreaterThan(requested.score);
  expect(none.score).toBe(0);
  expect(planned.scoreLow).toBeLessThan(planned.score);
  expect(planned.scoreHigh).toBeGreaterThan(planned.score);
  // The SPOCs' requests since the goals changed (cut recruiter quality, more agency) lose ground.
  expect(requested.score).toBeLessThan(0);
  expect(requested.values.find((v) => v.lever === "Recruiter quality")!.value).toBeLessThanOrEqual(
    q.current!,
  );
});

test("a zero budget: no lever moves against its recommendation, since doing nothing already fits", () => {
  const out = run({ budget: 0 });
  const plan = out.results!.plan!;
  expect(plan.cost).toBeLessThanOrEqual(1e-6);
  for (const l of plan.levers) {
    const rec = out.results!.leverage.find((x) => x.lever === l.lever)!.directionCurrent;
    const move = l.change ?? 0;
    if (rec === "increase") expect(move).toBeGreaterThanOrEqual(0);
    if (rec === "decrease") expect(move).toBeLessThanOrEqual(0);
    if (rec === "hold") expect(move).toBe(0);
    expect(l.moveNote).toBeNull();
  }
});

test("a saving that only moves against a recommendation can meet: such moves say so", () => {
  const out = run({ budget: -2000 });
  const plan = out.results!.plan!;
  expect(plan.status).toBe("optimal");
  expect(plan.cost).toBeLessThanOrEqual(-2000 + 1e-6);
  const against = plan.levers.filter((l) => l.moveNote !== null);
  expect(against.length).toBeGreaterThan(0);
  for (const l of against)
    expect(l.moveNote).toMatch(
      /^moved against its recommendation \((increase|decrease)\) to meet the budget$/,
    );
  expect(plan.diagnostics.map((d) => d.code)).toContain("plan-against-recommendation");
});

test("an impossible saving: no plan scenario, the Plan sheet says so, the run's diagnostic is a warning", () => {
  const out = run({ budget: -1e7 });
  const plan = out.results!.plan!;
  expect(plan.status).toBe("infeasible");
  // The plan's own message stays an error (it is why there is no plan) ...
  expect(plan.diagnostics.find((d) => d.code === "plan-budget-infeasible")?.severity).toBe("error");
  // ... but the analysis succeeded: in the run's diagnostics a plan problem is at most a warning.
  expect(out.diagnostics.find((d) => d.code === "plan-budget-infeasible")).toMatchObject({
    severity: "warning",
    sheet: null,
    cell: null,
    message: expect.stringMatching(/^No plan fits the budget/),
  });
  expect(out.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  expect(plan.scenarios.map((s) => s.kind)).toEqual(["requested", "none"]);
  const sheet = out.specs!.find((s) => s.name === "Plan")!;
  expect(sheet.values[3][0]).toMatch(/^No plan \(infeasible\): No plan fits the budget/);
  expect(sheet.values[2][0]).toMatch(/status infeasible$/);
  const held = sheet.values.filter((row) => row.includes("no plan (infeasible)"));
  expect(held).toHaveLength(plan.levers.length);
});

test("the Plan sheet sits after Action Review and before Alignment History", () => {
  const names = run().specs!.map((s) => s.name);
  expect(names.slice(names.indexOf("Action Review"))).toEqual(["Action Review", "Plan", "Alignment History"]);
  const plain = runAnalysis(sampleRawWorkbook(), { runStamp: "x", toolVersion: "t" });
  expect(plain.specs!.map((s) => s.name)).not.toContain("Plan");
  expect(plain.results!.plan).toBeUndefined();
});

test("user scenarios from a Scenarios sheet are predicted; extrapolation is flagged", () => {
  const raw = sampleRawWorkbook();
  raw.sheets.push({
    name: "Scenarios",
    originRow: 0,
    originCol: 0,
    values: [
      ["Scenario", "Lever", "Value"],
      ["Quality push", "Recruiter quality", 4.7],
      ["Quality push", "agency share", 0.1],
      ["Typo", "Recruiter qualty", 4],
      ["Typo", "Recruiters", null],
    ],
  });
  raw.sheetNames.push("Scenarios");
  const out = run({}, raw);
  const user = out.results!.plan!.scenarios.filter((s) => s.kind === "user");
  expect(user.map((s) => s.name)).toEqual(["Quality push"]);
  expect(user[0].score).toBeGreaterThan(0);
  expect(user[0].extrapolated).toContain("Recruiter quality");
  const codes = out.diagnostics.filter((d) => d.sheet === "Scenarios").map((d) => d.code);
  expect(codes).toEqual(["unknown-lever", "scenario-blank-value"]);
  const sheet = out.specs!.find((s) => s.name === "Plan")!;
  expect(sheet.values.some((row) => row[0] === "Quality push")).toBe(true);
  expect(sheet.charts[0]).toMatchObject({ kind: "bar", title: "Goal score by scenario" });
});

describe("elasticities at the current value in the levels model (moves are measured from today's value, not the mean)", () => {
  const model = parse(sampleRawWorkbook(), {}).model!;
  const results = analyze(model, { model: "levels" });
  const input = planInput(model, results);
  const endIndex = model.observations.periods.length - 1;
  const at = (leverName: string, metric: string) => {
    const l = input.levers.findIndex((x) => x.name === leverName);
    const g = input.goals.findIndex((x) => x.metric === metric);
    const s = results.sensitivities.find((x) => x.lever === leverName && x.metric === metric)!;
    return {
      l,
      g,
      s,
      effect: input.effects[l][g],
      x0: input.levers[l].current!,
      means: fitMeans(model, metric, endIndex),
    };
  };

  test("each effect is e · x0 / x̄ = b · x0 / ȳ, with the means over the periods the fit used", () => {
    let checked = 0;
    for (const lever of input.levers) {
      for (const goal of input.goals) {
        const { l, s, effect, x0, means } = at(lever.name, goal.metric);
        const xbar = means.levers[l]!;
        const ybar = means.metric!;
        // fitMeans uses the regression's own rows: the elasticity at the means comes back exactly.
        expect((s.coefficient! * xbar) / ybar).toBeCloseTo(s.elasticity!, 13);
        expect(effect.elasticity!).toBeCloseTo((s.elasticity! * x0) / xbar, 14);
        expect(effect.elasticity!).toBeCloseTo((s.coefficient! * x0) / ybar, 13);
        const seAtMeans = s.stdError! * Math.abs(s.elasticity! / s.coefficient!);
        expect(effect.stdError!).toBeCloseTo(seAtMeans * Math.abs(x0 / xbar), 14);
        expect(effect.significant).toBe(true); // every estimate counts, as in the Alignment sheet's leverage
        checked++;
      }
    }
    expect(checked).toBe(21);
  });

  test("the sample's scale factors x0 / x̄: Agency share ≈ 1.74–1.79, Referral share ≈ 1.48–1.51, Recruiter quality ≈ 0.85", () => {
    const ratio = (lever: string, metric: string) => {
      const { effect, s } = at(lever, metric);
      return effect.elasticity! / s.elasticity!;
    };
    expect(ratio("Agency share", "Quality of hire")).toBeCloseTo(1.742, 3);
    expect(ratio("Agency share", "Business attrition")).toBeCloseTo(1.788, 3);
    expect(ratio("Referral share", "Quality of hire")).toBeCloseTo(1.48, 2);
    expect(ratio("Recruiter quality", "Business attrition")).toBeCloseTo(0.85, 2);
    // The plan's objective weight is the goal-weighted sum of these, not the Alignment sheet's leverage.
    const plan = run({}, sampleRawWorkbook(), { model: "levels" }).results!.plan!;
    const agency = lever(plan, "Agency share");
    const alignment = results.leverage.find((x) => x.lever === "Agency share")!.current;
    expect(agency.leverage / alignment).toBeGreaterThan(1.7);
    expect(agency.leverage / alignment).toBeLessThan(1.8);
  });

  test("a lever's predicted contribution is the regression's own prediction b · Δx / ȳ", () => {
    const plan = run({}, sampleRawWorkbook(), { model: "levels" }).results!.plan!;
    for (const name of ["Recruiter quality", "Referral share", "Agency share", "Screening capacity"]) {
      const planned = lever(plan, name);
      for (const c of planned.contributions) {
        const { l, s, means } = at(name, c.metric);
        expect(l).toBeGreaterThanOrEqual(0);
        expect(c.change).toBeCloseTo((s.coefficient! * planned.change!) / means.metric!, 14);
      }
    }
    // The plan scenario's metric changes are the sums of the contributions.
    const scenario = plan.scenarios[0];
    scenario.metrics.forEach((m, g) => {
      const sum = plan.levers.reduce((acc, x) => acc + x.contributions[g].change, 0);
      expect(m.change).toBeCloseTo(sum, 14);
    });
  });
});
