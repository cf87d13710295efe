/**
 * Predicting a set of lever values (a scenario) on the current goals, first order:
 *
 *   change_g = Σ_l e*(l, g) · r_l,             r_l = (v_l − current_l) / current_l
 *   score    = Σ_g w_g · s_g · change_g / Σ_g w_g
 *   interval = ± 1.96 · sqrt(Σ_l r_l² · Σ_g c_g² · se(l, g)²)   (c_g = 1 for a metric, w_g s_g / Σw for the score)
 *
 * e*(l, g) is the elasticity at the lever's current value (plan.ts effectAtCurrent: the moves are
 * measured from there) and se(l, g) its standard error (the coefficient's, scaled like it);
 * the errors are treated as independent, which ignores their covariance within one regression and
 * across metrics fitted on the same periods (docs/method.md §14).
 */
import { goalCoefficients } from "../alignment/leverage";
import { countedEffect, type PlanInput } from "./optimise";
import type { PlanSettings } from "../alignment/settings";
import type { MetricPrediction, ScenarioKind, ScenarioResult } from "./types";

const Z95 = 1.959963984540054;

export function evaluateScenario(
  input: PlanInput,
  settings: PlanSettings,
  name: string,
  kind: ScenarioKind,
  values: readonly (number | null)[],
): ScenarioResult {
  const coef = goalCoefficients(input.goals);
  const notes: string[] = [];
  const extrapolated: string[] = [];
  const r = input.levers.map((lever, l) => {
    const v = values[l];
    const x0 = lever.current;
    if (v === null || v === undefined || !Number.isFinite(v)) return 0;
    if (x0 === null || !Number.isFinite(x0) || x0 === 0) {
      if (v !== x0)
        notes.push(`${lever.name}: no current value to measure the move from, so its effect is left out.`);
      return 0;
    }
    const span = Math.max(Math.abs(lever.observedMax ?? 0), Math.abs(lever.observedMin ?? 0), 1) * 1e-9;
    if (
      (lever.observedMin !== null && v < lever.observedMin - span) ||
      (lever.observedMax !== null && v > lever.observedMax + span)
    ) {
      extrapolated.push(lever.name);
    }
    return (v - x0) / x0;
  });
  const cost = input.levers.reduce((s, lever, l) => {
    const v = values[l];
    if (v === null || v === undefined || lever.current === null || lever.costPerUnit === null) return s;
    return s + lever.costPerUnit * (v - lever.current);
  }, 0);

  let scoreVar = 0;
  const scoreByLever = input.levers.map(() => 0);
  const metrics: MetricPrediction[] = input.goals.map((goal, g) => {
    let change = 0;
    let variance = 0;
    input.levers.forEach((_, l) => {
      if (r[l] === 0) return;
      const e = countedEffect(input.effects[l]?.[g], settings.includeUnsupported);
      change += (e.elasticity ?? 0) * r[l];
      const se = (e.stdError ?? 0) * r[l];
      variance += se * se;
      scoreByLever[l] += coef[g] * coef[g] * se * se;
    });
    const half = Z95 * Math.sqrt(variance);
    return {
      metric: goal.metric,
      direction: goal.direction,
      weight: goal.weight,
      change,
      low: change - half,
      high: change + half,
    };
  });
  for (const v of scoreByLever) scoreVar += v;
  const score = metrics.reduce((s, m, g) => s + coef[g] * m.change, 0);
  const half = Z95 * Math.sqrt(scoreVar);
  const budget = settings.budget;
  return {
    name,
    kind,
    values: input.levers.map((l, i) => ({ lever: l.name, value: values[i] ?? l.current })),
    metrics,
    score,
    scoreLow: score - half,
    scoreHigh: score + half,
    cost,
    overBudget: budget !== null && cost > budget + 1e-9 * Math.max(1, Math.abs(budget)),
    extrapolated,
    notes,
  };
}
