/** Plan inputs for the optimiser's tests: one goal, levers given by elasticity, current value and limits. */
import type { PlanInput } from "../../src/core/plan/optimise";
import { DEFAULT_PLAN_SETTINGS, type PlanSettings } from "../../src/core/alignment/settings";

/** One goal (Increase, weight 1): the objective weight of lever i is its elasticity a_i. */
export function input(
  levers: { a: number; current: number; min?: number; max?: number; cost?: number }[],
): PlanInput {
  return {
    levers: levers.map((l, i) => ({
      name: `L${i}`,
      unit: "",
      current: l.current,
      min: l.min ?? null,
      max: l.max ?? null,
      costPerUnit: l.cost ?? null,
      observedMin: null,
      observedMax: null,
    })),
    goals: [{ metric: "m", direction: "Increase", weight: 1 }],
    effects: levers.map((l) => [{ elasticity: l.a, stdError: 0.01, significant: true }]),
  };
}

export const settings = (s: Partial<PlanSettings>): PlanSettings => ({ ...DEFAULT_PLAN_SETTINGS, ...s });
/** The plan's objective: Σ elasticity · relative move. */
export const objective = (inp: PlanInput, planned: (number | null)[]) =>
  inp.levers.reduce(
    (s, l, i) =>
      s +
      (inp.effects[i][0].elasticity ?? 0) *
        (((planned[i] as number) - (l.current as number)) / (l.current as number)),
    0,
  );
