/** The plan on the sample workbook: it moves the levers the planted effects say it should. */
import { runAnalysis, type PipelineOutcome } from "../../src/core/pipeline";
import { sampleRawWorkbook } from "../../src/core/sample/template";
import { loadHighsSolver } from "../../src/hosts/lp/highs";
import type { LpSolver } from "../../src/core/plan/lp";
import type { RawWorkbook } from "../../src/core/model/raw";
import type { PlanResult } from "../../src/core/plan/types";

let solver: LpSolver;
beforeAll(async () => {
  solver = await loadHighsSolver();
});

const run = (settings = {}, raw: RawWorkbook = sampleRawWorkbook()): PipelineOutcome =>
  runAnalysis(raw, { runStamp: "2026-01-01T00:00:00Z", toolVersion: "test", plan: { solver, settings } });
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
    expect(lever(plan, name).heldReason).toBe("no significant effect on the goals");
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

test("a zero budget: screening (costly, weaker) pays for recruiter quality", () => {
  const plan = run({ budget: 0 }).results!.plan!;
  expect(plan.cost).toBeLessThanOrEqual(1e-6);
  expect(lever(plan, "Recruiter quality").planned!).toBeGreaterThan(
    lever(plan, "Recruiter quality").current!,
  );
  expect(lever(plan, "Screening capacity").planned!).toBeLessThan(lever(plan, "Screening capacity").current!);
});

test("an impossible saving gives a diagnostic and no plan scenario", () => {
  const out = run({ budget: -1e7 });
  const plan = out.results!.plan!;
  expect(plan.status).toBe("infeasible");
  expect(out.diagnostics.some((d) => d.code === "plan-budget-infeasible" && d.severity === "error")).toBe(
    true,
  );
  expect(plan.scenarios.map((s) => s.kind)).toEqual(["requested", "none"]);
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
