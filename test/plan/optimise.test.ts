/**
 * The plan's LP through HiGHS against hand-solved optima and clear messages for impossible
 * settings. The sweep of random plans against the knapsack reference and a grid search is
 * test/properties/plan-optimum.test.ts.
 */
import { optimisePlan, type PlanInput } from "../../src/core/plan/optimise";
import type { LpSolver } from "../../src/core/plan/lp";
import { highsSolver, loadHighsSolver, lpText } from "../../src/hosts/lp/highs";
import { input, objective, settings } from "./plan-input";
import { effectAtCurrent } from "../../src/core/plan/lever-plan";
import { evaluateScenario } from "../../src/core/plan/scenario";
import type { Sensitivity } from "../../src/core/alignment/types";

let solver: LpSolver;
beforeAll(async () => {
  solver = await loadHighsSolver();
});

describe("hand-solved plans", () => {
  test("without a budget every helpful lever goes to its limit, harmful ones down", () => {
    const inp = input([
      { a: 0.4, current: 10, max: 11 }, // Max binds before +20%
      { a: -0.2, current: 50 }, // down 20%
      { a: 0.1, current: 5, min: 4, max: 100 }, // up 20%
    ]);
    const out = optimisePlan(inp, settings({}), solver);
    expect(out.status).toBe("optimal");
    expect(out.planned[0]).toBeCloseTo(11, 12);
    expect(out.planned[1]).toBeCloseTo(40, 12);
    expect(out.planned[2]).toBeCloseTo(6, 12);
  });

  test("a budget funds the best value per cost first, the last lever fractionally", () => {
    // Per +1% move: lever A gains 0.3 for 10×0.01×… cost; worked out by hand:
    // A: a=0.3, current 10, cost 100/unit → 1 unit = +10% = +0.03 score for 100 (0.0003 per $).
    // B: a=0.2, current 20, cost 20/unit → 1 unit = +5%  = +0.01 score for 20  (0.0005 per $).
    // Budget 100: B first, +20% = 4 units = 80; A gets the remaining 20 = 0.2 units (+2%).
    const inp = input([
      { a: 0.3, current: 10, cost: 100 },
      { a: 0.2, current: 20, cost: 20 },
    ]);
    const out = optimisePlan(inp, settings({ budget: 100 }), solver);
    expect(out.planned[1]).toBeCloseTo(24, 9);
    expect(out.planned[0]).toBeCloseTo(10.2, 9);
    expect(objective(inp, out.planned)).toBeCloseTo(0.2 * 0.2 + 0.3 * 0.02, 12);
  });

  test("with a zero budget, a lever the goals want lower pays for one they want higher", () => {
    const inp = input([
      { a: 0.5, current: 10, cost: 10 },
      { a: -0.1, current: 100, cost: 1 },
    ]);
    // Lowering the second by 20% saves 20, which buys +2 units (+20%) of the first: both at the limit.
    const out = optimisePlan(inp, settings({ budget: 0 }), solver);
    expect(out.planned[1]).toBeCloseTo(80, 9);
    expect(out.planned[0]).toBeCloseTo(12, 9);
  });
});

describe("elasticities at the current value: e · x0 / x̄", () => {
  // Metric mean ȳ = 100. Lever A: x̄ = 10, b = 3 → e = 0.3 at the means, but today x0 = 5, so a
  // relative move from today is worth e · x0/x̄ = 0.15. Lever B: x̄ = 20, b = 1 → e = 0.2, today
  // x0 = 30 → 0.3. Both cost 6 for a +20% move; the budget buys one of them.
  const sens = (b: number, e: number): Sensitivity => ({
    lever: "",
    metric: "m",
    coefficient: b,
    elasticity: e,
    standardized: null,
    stdError: b / 10,
    pValue: 0.001,
    ciLow: null,
    ciHigh: null,
    significant: true,
  });
  const a = effectAtCurrent(sens(3, 0.3), 5, 10, 100);
  const b = effectAtCurrent(sens(1, 0.2), 30, 20, 100);
  const inp: PlanInput = {
    levers: [
      {
        name: "A",
        unit: "",
        current: 5,
        min: null,
        max: null,
        costPerUnit: 6,
        observedMin: null,
        observedMax: null,
      },
      {
        name: "B",
        unit: "",
        current: 30,
        min: null,
        max: null,
        costPerUnit: 1,
        observedMin: null,
        observedMax: null,
      },
    ],
    goals: [{ metric: "m", direction: "Increase", weight: 1 }],
    effects: [[a], [b]],
  };

  test("scaled by x0 / x̄ (standard errors too), = b · x0 / ȳ", () => {
    expect(a.elasticity).toBeCloseTo(0.15, 15);
    expect(b.elasticity).toBeCloseTo(0.3, 15);
    expect(a.stdError).toBeCloseTo(0.3 * 0.1 * 0.5, 15); // se_e = SE(b)·|e/b| = 0.03, times x0/x̄
    expect(b.stdError).toBeCloseTo(0.2 * 0.1 * 1.5, 15);
    expect(effectAtCurrent(sens(2, 0), 4, 0, 50).elasticity).toBeCloseTo(0.16, 15); // x̄ = 0: b · x0 / ȳ
    expect(effectAtCurrent(sens(2, 0.3), null, 10, 50).elasticity).toBeNull();
  });

  test("a binding budget funds the lever that moves the metric most from today (B, not A)", () => {
    const out = optimisePlan(inp, settings({ budget: 6 }), solver);
    expect(out.status).toBe("optimal");
    // By the elasticities at the means A (0.3) would beat B (0.2); from today's values B wins.
    expect(out.planned[0]).toBeCloseTo(5, 9);
    expect(out.planned[1]).toBeCloseTo(36, 9);
    expect(out.leverage[0]).toBeCloseTo(0.15, 15);
    expect(out.leverage[1]).toBeCloseTo(0.3, 15);
    // The prediction is the regression's own: Δy/ȳ = b · Δx / ȳ = 1 · 6 / 100.
    const scenario = evaluateScenario(inp, settings({ budget: 6 }), "Plan", "plan", out.planned);
    expect(scenario.metrics[0].change).toBeCloseTo(0.06, 12);
    expect(scenario.score).toBeCloseTo(0.06, 12);
    // Moving A instead by +20% would predict 3 · 1 / 100 = 0.03 (not 0.3 · 0.2 = 0.06).
    const other = evaluateScenario(inp, settings({ budget: 6 }), "A", "user", [6, 30]);
    expect(other.metrics[0].change).toBeCloseTo(0.03, 12);
  });
});

describe("clear messages for impossible settings", () => {
  test("a budget that asks for more savings than the levers can give", () => {
    const inp = input([{ a: 0.3, current: 10, cost: 100 }]);
    const out = optimisePlan(inp, settings({ budget: -500 }), solver);
    expect(out.status).toBe("infeasible");
    const d = out.diagnostics.find((x) => x.code === "plan-budget-infeasible");
    expect(d?.message).toMatch(/at most -500 per period.*least the movable levers can cost.*-200/);
    expect(out.planned).toEqual([10]);
  });

  test("Min above Max holds the lever with a warning", () => {
    const out = optimisePlan(input([{ a: 0.3, current: 10, min: 12, max: 8 }]), settings({}), solver);
    expect(out.heldReason[0]).toBe("Min above Max");
    expect(out.diagnostics.map((d) => d.code)).toEqual(["plan-min-above-max"]);
    expect(out.planned).toEqual([10]);
  });

  test("a current value above Max may come down towards the range, never go further up", () => {
    const up = optimisePlan(input([{ a: 0.3, current: 10, min: 2, max: 8 }]), settings({}), solver);
    expect(up.diagnostics.map((d) => d.code)).toEqual(["plan-current-outside-bounds"]);
    expect(up.planned[0]).toBeCloseTo(10, 12);
    const down = optimisePlan(input([{ a: -0.3, current: 10, min: 2, max: 8 }]), settings({}), solver);
    expect(down.planned[0]).toBeCloseTo(8, 12);
  });

  test("maximum move 0 holds everything; a negative one or a non-finite budget is invalid", () => {
    const zero = optimisePlan(input([{ a: 0.3, current: 10 }]), settings({ maxMove: 0 }), solver);
    expect(zero.status).toBe("optimal");
    expect(zero.planned).toEqual([10]);
    expect(zero.diagnostics.map((d) => d.code)).toEqual(["plan-max-move-zero"]);
    const bad = optimisePlan(
      input([{ a: 0.3, current: 10 }]),
      settings({ maxMove: -0.1, budget: NaN }),
      solver,
    );
    expect(bad.status).toBe("invalid");
    expect(bad.diagnostics.map((d) => d.code)).toEqual(["plan-invalid-max-move", "plan-invalid-budget"]);
  });

  test("a lever at 0 cannot move by a relative amount and is held", () => {
    const out = optimisePlan(input([{ a: 0.3, current: 0 }]), settings({}), solver);
    expect(out.heldReason[0]).toBe("current value is 0");
    expect(out.diagnostics.map((d) => d.code)).toEqual(["plan-no-base"]);
  });

  test("a solver failure is reported, not thrown", () => {
    const broken = highsSolver({
      solve: () => {
        throw new Error("boom");
      },
    });
    const out = optimisePlan(input([{ a: 0.3, current: 10 }]), settings({}), broken);
    expect(out.status).toBe("failed");
    expect(out.diagnostics[0]).toMatchObject({ code: "plan-solver-failed" });
  });
});

test("the LP text HiGHS reads", () => {
  expect(
    lpText({
      variables: [
        { name: "a", lower: -0.2, upper: 0.1, objective: 0.5 },
        { name: "b", lower: -1e-7, upper: 0, objective: -2 },
      ],
      constraints: [{ name: "budget", coefficients: [10, -3], upper: -1 }],
    }),
  ).toBe(
    "Maximize\n obj: + 0.5 x0 - 2 x1\nSubject To\n c0: + 10 x0 - 3 x1 <= -1\nBounds\n -0.2 <= x0 <= 0.1\n -1e-7 <= x1 <= 0\nEnd\n",
  );
});
