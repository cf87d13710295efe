/**
 * @jest-environment jsdom
 *
 * The lever plan in the pane: the plan settings form (budget, maximum move, opt-in) and the plan's
 * results solved by the real LP solver on the sample workbook.
 */
import "./setup";
import { render, screen, within } from "@testing-library/react";
import { DEFAULT_SETTINGS } from "../../src/core/alignment/settings";
import { runAnalysis } from "../../src/core/pipeline";
import { sampleRawWorkbook } from "../../src/core/sample/template";
import { loadHighsSolver } from "../../src/hosts/lp/highs";
import { fromForm } from "../../src/taskpane/components/SettingsPanel";
import { PlanView } from "../../src/taskpane/components/PlanView";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";

const form = {
  asOf: "",
  movementWindow: "3",
  ragThreshold: "0.001",
  leverageThreshold: "0.02",
  significanceLevel: "0.05",
  model: "auto",
  budget: "",
  maxMovePercent: "20",
};

test("the model field becomes the model setting; anything else is auto", () => {
  expect(fromForm(form, DEFAULT_SETTINGS).settings?.model).toBe("auto");
  expect(fromForm({ ...form, model: "changes" }, DEFAULT_SETTINGS).settings?.model).toBe("changes");
  expect(fromForm({ ...form, model: "levels" }, DEFAULT_SETTINGS).settings?.model).toBe("levels");
  expect(fromForm({ ...form, model: "nonsense" }, DEFAULT_SETTINGS).settings?.model).toBe("auto");
});

test("the plan fields become plan settings: empty budget is no limit, the move is a percentage", () => {
  expect(fromForm(form, DEFAULT_SETTINGS).settings?.plan).toEqual({
    budget: null,
    maxMove: 0.2,
    includeUnsupported: false,
  });
  expect(
    fromForm({ ...form, budget: "-500", maxMovePercent: "10" }, DEFAULT_SETTINGS, true).settings?.plan,
  ).toEqual({
    budget: -500,
    maxMove: 0.1,
    includeUnsupported: true,
  });
  const bad = fromForm({ ...form, budget: "lots", maxMovePercent: "0" }, DEFAULT_SETTINGS);
  expect(bad.settings).toBeNull();
  expect(Object.keys(bad.errors).sort()).toEqual(["budget", "maxMovePercent"]);
});

test("the sample's plan: recruiter quality up 20%, agency share down, scenarios compared", async () => {
  const solver = await loadHighsSolver();
  const outcome = runAnalysis(sampleRawWorkbook(), {
    runStamp: "2026-01-01T00:00:00Z",
    toolVersion: "test",
    plan: { solver },
  });
  const plan = outcome.results!.plan!;
  render(
    <FluentProvider theme={webLightTheme}>
      <PlanView plan={plan} />
    </FluentProvider>,
  );
  const moves = within(screen.getByRole("list", { name: "Planned lever moves" }));
  expect(moves.getByText("Recruiter quality").parentElement!.textContent).toMatch(
    /3\.3 → 3\.96 \(\+20\.0%\)/,
  );
  expect(moves.getByText("Agency share").parentElement!.textContent).toMatch(/26\.0% → 20\.8%/);
  const scenarios = within(screen.getByRole("list", { name: "Scenarios compared" }));
  expect(scenarios.getByText("As requested")).toBeTruthy();
  expect(scenarios.getByText("No change")).toBeTruthy();
});

test("an infeasible plan says why instead of showing moves", () => {
  render(
    <FluentProvider theme={webLightTheme}>
      <PlanView
        plan={{
          status: "infeasible",
          settings: { budget: -1e9, maxMove: 0.2, includeUnsupported: false },
          solver: "HiGHS",
          levers: [],
          scenarios: [],
          objective: 0,
          cost: 0,
          diagnostics: [
            {
              severity: "error",
              code: "plan-budget-infeasible",
              message: "No plan saves 1,000,000,000 per period.",
            },
          ],
        }}
      />
    </FluentProvider>,
  );
  expect(screen.getByText(/No plan: No plan saves/)).toBeTruthy();
  expect(screen.queryByRole("list", { name: "Planned lever moves" })).toBeNull();
});
