/**
 * RPO.PLAN (docs/functions.md#plan): the lever plan of the Plan sheet from plain ranges. The
 * elasticities are taken as given, like RPO.LEVERAGE (pass 0 for effects that should not count),
 * so every lever may move; they must be elasticities at the `current` values (the moves are
 * measured from there), which is what the Plan sheet uses (plan.ts effectAtCurrent). The LP
 * solver is injected by the caller (functions.ts lazy-loads HiGHS).
 */
import type { LpSolver } from "../plan/lp";
import { optimisePlan, type PlanInput } from "../plan/optimise";
import { DEFAULT_PLAN_SETTINGS } from "../alignment/settings";
import { count, readDirections, readNumber, readSeries, readWeights } from "./args";
import { readLabelledBlock } from "./blocks";
import { FunctionInputError, type Cell } from "./cell-arguments";

const FN = "PLAN";

function isOmitted(value: unknown): boolean {
  return value === null || value === undefined || (Array.isArray(value) && value.length === 0);
}

export interface PlanArgs {
  input: PlanInput;
  budget: number | null;
  maxMove: number;
}

/** Reads and checks RPO.PLAN's arguments (throws FunctionInputError) without needing the solver. */
export function readPlanArgs(
  sensitivities: unknown,
  directions: unknown,
  weights: unknown,
  current: unknown,
  min: unknown,
  max: unknown,
  cost: unknown,
  budget: unknown,
  maxMove: unknown,
): PlanArgs {
  const s = readLabelledBlock(sensitivities, "sensitivities", FN, "a blank elasticity counts as 0", {
    rows: "levers",
    cols: "goals",
  }).values;
  const d = readDirections(directions, "directions", FN);
  const w = readWeights(weights, "weights", FN);
  if (d.length !== w.length) {
    throw new FunctionInputError(
      `${FN}: ${count(d.length, "direction")} but ${count(w.length, "weight")}; give one of each per goal`,
    );
  }
  if (s[0].length !== w.length) {
    throw new FunctionInputError(
      `${FN}: sensitivities has ${count(s[0].length, "column")} but there are ${count(w.length, "goal")}; give one column per goal (one row per lever)`,
    );
  }
  const perLever = (value: unknown, name: string, optional: boolean): (number | null)[] => {
    if (optional && isOmitted(value)) return s.map(() => null);
    const series = readSeries(
      value,
      name,
      FN,
      optional ? "a blank is no limit" : "every lever needs a value",
    );
    if (series.length !== s.length) {
      throw new FunctionInputError(
        `${FN}: ${count(series.length, `${name} value`)} but sensitivities has ${count(s.length, "row")} (levers); give one per lever`,
      );
    }
    return series;
  };
  const cur = perLever(current, "current", false);
  const lo = perLever(min, "min", true);
  const hi = perLever(max, "max", true);
  const unitCost = perLever(cost, "cost", true);
  const b = isOmitted(budget) ? null : readNumber(budget, "budget", FN, NaN);
  const m = readNumber(maxMove, "max_move", FN, DEFAULT_PLAN_SETTINGS.maxMove);
  if (m < 0)
    throw new FunctionInputError(
      `${FN}: max_move must be 0 or more (0.2 = ±20% of the current value), not ${m}`,
    );
  s.forEach((_, l) => {
    if (cur[l] === null)
      throw new FunctionInputError(
        `${FN}: current value of lever ${l + 1} is blank; the plan starts from today's values`,
      );
    if (cur[l] < 0)
      throw new FunctionInputError(
        `${FN}: current value of lever ${l + 1} is ${cur[l]}; PLAN moves levers by a fraction of their current value, ` +
          "so lever values must be 0 or more (a negative value would turn every move round)",
      );
    if (lo[l] !== null && hi[l] !== null && lo[l] > hi[l]) {
      throw new FunctionInputError(
        `${FN}: lever ${l + 1} has min ${lo[l]} above max ${hi[l]}; swap or correct them`,
      );
    }
  });
  const input: PlanInput = {
    levers: s.map((_, l) => ({
      name: `lever ${l + 1}`,
      unit: "",
      current: cur[l],
      min: lo[l],
      max: hi[l],
      costPerUnit: unitCost[l],
      observedMin: null,
      observedMax: null,
    })),
    goals: d.map((dir, g) => ({
      metric: `goal ${g + 1}`,
      direction: dir < 0 ? "Decrease" : "Increase",
      weight: w[g],
    })),
    effects: s.map((row) => row.map((e) => ({ elasticity: e ?? 0, stdError: null, significant: true }))),
  };
  return { input, budget: b, maxMove: m };
}

/** RPO.PLAN: one column of planned lever values. */
export function planCells(solver: LpSolver, ...args: Parameters<typeof readPlanArgs>): Cell[][] {
  const { input, budget, maxMove } = readPlanArgs(...args);
  const result = optimisePlan(input, { budget, maxMove, includeUnsupported: true }, solver);
  if (result.status !== "optimal") {
    const message = result.diagnostics.find((x) => x.severity === "error")?.message ?? result.status;
    throw new FunctionInputError(`${FN}: ${message}`, result.status === "invalid" ? "#VALUE!" : "#N/A");
  }
  return result.planned.map((v) => [v ?? ""]);
}
