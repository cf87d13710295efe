/**
 * The Plan: from the analysis (Results) and the model, the lever settings that best serve the
 * current goals within bounds, the maximum move and the budget, and the scenarios compared with it
 * (docs/method.md §14). Pure; the LP solver is injected.
 */
import { leverValue } from "../alignment/analyze";
import { alignLagged } from "../alignment/lag";
import { isPresent, mean } from "../alignment/numeric";
import type { MetricModel, Results, Sensitivity } from "../alignment/types";
import { serialToIso } from "../dates";
import type { Model } from "../model/types";
import type { LpSolver } from "./lp";
import { checkSettings, optimisePlan, countedEffect, type PlanEffect, type PlanInput } from "./optimise";
import { evaluateScenario } from "./scenario";
import { DEFAULT_PLAN_SETTINGS, type PlanSettings } from "../alignment/settings";
import type { PlanLever, PlanResult, ScenarioResult } from "./types";

export const PLAN_SCENARIO = "Plan";
export const REQUESTED_SCENARIO = "As requested";
export const NO_CHANGE_SCENARIO = "No change";

/** Settings with defaults filled in (invalid values are kept, and reported by the plan). */
export function planSettings(partial: Partial<PlanSettings> = {}): PlanSettings {
  return {
    budget: partial.budget ?? DEFAULT_PLAN_SETTINGS.budget,
    maxMove: partial.maxMove ?? DEFAULT_PLAN_SETTINGS.maxMove,
    includeUnsupported: partial.includeUnsupported ?? DEFAULT_PLAN_SETTINGS.includeUnsupported,
  };
}

/**
 * Means over the periods a metric's regression used (the rows sensitivity.ts fitted: the metric at
 * s with every lever that has data at s − lag, up to the as-of period): of each lever, and of the metric.
 */
export function fitMeans(
  model: Model,
  metricName: string,
  endIndex: number,
): { levers: (number | null)[]; metric: number | null } {
  const metric = model.metrics.find((m) => m.name === metricName);
  const none = { levers: model.levers.map(() => null), metric: null };
  if (!metric || endIndex < 0) return none;
  const lag = Math.max(0, Math.trunc(Number.isFinite(metric.lag) ? metric.lag : 0));
  const columns = model.levers.map((l) => model.observations.series[l.name] ?? []);
  // As regressLagged: a lever without any value in the usable history is left out of the fit.
  const used: number[] = [];
  columns.forEach((col, j) => {
    const last = Math.min(endIndex - lag, col.length - 1);
    for (let i = 0; i <= last; i++) {
      if (isPresent(col[i])) {
        used.push(j);
        return;
      }
    }
  });
  const aligned = alignLagged(
    model.observations.series[metricName] ?? [],
    used.map((j) => columns[j]),
    lag,
    endIndex,
  );
  const levers = model.levers.map((): number | null => null);
  used.forEach((j, k) => {
    levers[j] = mean(aligned.x[k]);
  });
  return { levers, metric: mean(aligned.y) };
}

/**
 * One lever's effect on one goal metric at the lever's current value x0 (docs/method.md §14): the
 * analysis gives the elasticity at the means, e = b · x̄ / ȳ; a move measured from x0,
 * r = Δx / x0, changes the metric by Δy / ȳ = b · Δx / ȳ = e · (x0 / x̄) · r. So the plan counts
 * e · x0 / x̄ (= b · x0 / ȳ), and its standard error scaled the same way. This holds for the levels and
 * relative-changes models (both linear in the levels); in log-changes the elasticity is constant and
 * counts as it is.
 */
export function effectAtCurrent(
  s: Sensitivity | undefined,
  x0: number | null,
  leverMean: number | null,
  metricMean: number | null,
  model: MetricModel = "levels",
): PlanEffect {
  if (!s || s.elasticity === null || x0 === null || !Number.isFinite(x0)) {
    return { elasticity: null, stdError: null, significant: false };
  }
  // Log-changes: the elasticity is the same at every level (constant elasticity), and it is the
  // coefficient itself; every estimate counts (the plan's leverage is the Alignment sheet's).
  if (model === "log-changes") {
    return { elasticity: s.elasticity, stdError: s.stdError, significant: true };
  }
  // The elasticity's standard error: the coefficient's, scaled like the elasticity (|e / b|).
  const seMeans =
    s.coefficient !== null && s.coefficient !== 0 && s.stdError !== null
      ? s.stdError * Math.abs(s.elasticity / s.coefficient)
      : null;
  let elasticity: number | null = null;
  let stdError: number | null = null;
  if (leverMean !== null && leverMean !== 0) {
    const scale = x0 / leverMean;
    elasticity = s.elasticity * scale;
    stdError = seMeans !== null ? seMeans * Math.abs(scale) : null;
  } else if (s.coefficient !== null && metricMean !== null && metricMean !== 0) {
    // The lever averaged 0 over the fit (so e = 0 whatever b): use b · x0 / ȳ directly.
    elasticity = (s.coefficient * x0) / metricMean;
    stdError = s.stdError !== null ? Math.abs((s.stdError * x0) / metricMean) : null;
  }
  return {
    elasticity: isPresent(elasticity) ? elasticity : null,
    stdError: isPresent(stdError) ? stdError : null,
    significant: isPresent(elasticity),
  };
}

/**
 * The plan's inputs read off the model and the analysis. The effects are elasticities at each
 * lever's current value (effectAtCurrent), since the plan measures moves from there.
 */
export function planInput(model: Model, results: Results): PlanInput {
  const periods = model.observations.periods;
  let endIndex = -1;
  periods.forEach((p, i) => {
    if (p <= results.asOf) endIndex = i;
  });
  const goals = results.currentGoals?.goals ?? [];
  const byPair = new Map(results.sensitivities.map((s) => [`${s.lever}\u0000${s.metric}`, s]));
  const means = goals.map((g) => fitMeans(model, g.metric, endIndex));
  const forms = goals.map((g) => results.fits.find((f) => f.metric === g.metric)?.model ?? "levels");
  const levers = model.levers.map((lever) => {
    const series = (model.observations.series[lever.name] ?? []).slice(0, endIndex + 1).filter(isPresent);
    return {
      name: lever.name,
      unit: lever.unit,
      current: leverValue(model, lever, endIndex),
      min: isPresent(lever.min) ? lever.min : null,
      max: isPresent(lever.max) ? lever.max : null,
      costPerUnit: isPresent(lever.costPerUnit) ? lever.costPerUnit : null,
      observedMin: series.length > 0 ? Math.min(...series) : null,
      observedMax: series.length > 0 ? Math.max(...series) : null,
      recommendation: results.leverage.find((x) => x.lever === lever.name)?.directionCurrent ?? "hold",
    };
  });
  return {
    levers,
    goals: goals.map((g) => ({ metric: g.metric, direction: g.direction, weight: g.weight })),
    effects: model.levers.map((lever, l) =>
      goals.map((g, i) =>
        effectAtCurrent(
          byPair.get(`${lever.name}\u0000${g.metric}`),
          levers[l].current,
          means[i].levers[l],
          means[i].metric,
          forms[i],
        ),
      ),
    ),
  };
}

/**
 * "As requested": each lever at the newest New value asked for since the current goal set took
 * effect (older requests were made for other goals and are history, already in the lever's current
 * value), whatever its date relative to the as-of date: a request dated after the last period
 * analysed is still what was asked for, so the scenario does not change when only the as-of date
 * moves within one goal set. Levers without such a request stay where they are.
 */
export function requestedValues(model: Model, results: Results, input: PlanInput): (number | null)[] {
  const from = results.currentGoals?.effectiveFrom ?? -Infinity;
  const latest = new Map<string, number>();
  for (const a of model.actions) {
    if (a.date >= from && a.newValue !== null) latest.set(a.lever, a.newValue);
  }
  return input.levers.map((l) => latest.get(l.name) ?? l.current);
}

export function buildPlan(
  model: Model,
  results: Results,
  settingsIn: Partial<PlanSettings>,
  solver: LpSolver,
): PlanResult {
  const settings = planSettings(settingsIn);
  const input = planInput(model, results);
  const optimised = optimisePlan(input, settings, solver);
  const levers: PlanLever[] = input.levers.map((lever, l) => {
    const planned = optimised.planned[l];
    const change = planned !== null && lever.current !== null ? planned - lever.current : null;
    return {
      lever: lever.name,
      unit: lever.unit,
      current: lever.current,
      planned,
      change,
      relativeChange: change !== null && lever.current ? change / Math.abs(lever.current) : null,
      costPerUnit: lever.costPerUnit,
      cost: change !== null && lever.costPerUnit !== null ? change * lever.costPerUnit : 0,
      leverage: optimised.leverage[l],
      supported: optimised.supported[l],
      heldReason: optimised.heldReason[l],
      moveNote: optimised.moveNote[l],
      lowest: optimised.lowest[l],
      highest: optimised.highest[l],
      contributions: input.goals.map((g, i) => {
        const e = countedEffect(input.effects[l]?.[i], settings.includeUnsupported).elasticity ?? 0;
        const r = change !== null && lever.current ? change / lever.current : 0;
        return { metric: g.metric, change: e * r };
      }),
      observedMin: lever.observedMin,
      observedMax: lever.observedMax,
    };
  });

  const hasPlan = optimised.status === "optimal";
  const scenarios: ScenarioResult[] = [];
  if (hasPlan) scenarios.push(evaluateScenario(input, settings, PLAN_SCENARIO, "plan", optimised.planned));
  const since = results.currentGoals ? ` since ${serialToIso(results.currentGoals.effectiveFrom)}` : "";
  const requested = evaluateScenario(
    input,
    settings,
    REQUESTED_SCENARIO,
    "requested",
    requestedValues(model, results, input),
  );
  if (requested.values.every((v, l) => v.value === input.levers[l].current)) {
    requested.notes.push(`No lever change was requested${since} up to the as-of date.`);
  }
  scenarios.push(requested);
  scenarios.push(
    evaluateScenario(
      input,
      settings,
      NO_CHANGE_SCENARIO,
      "none",
      input.levers.map((l) => l.current),
    ),
  );
  for (const user of model.scenarios ?? []) {
    const values = input.levers.map((l) => user.values.find((v) => v.lever === l.name)?.value ?? l.current);
    scenarios.push(evaluateScenario(input, settings, user.name, "user", values));
  }
  const planScenario = hasPlan ? scenarios[0] : null;
  return {
    status: optimised.status,
    settings,
    solver: solver.name,
    levers,
    scenarios,
    objective: planScenario?.score ?? 0,
    cost: planScenario?.cost ?? 0,
    diagnostics: optimised.diagnostics,
  };
}

export { checkSettings };
