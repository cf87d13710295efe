/**
 * The Plan: from the analysis (Results) and the model, the lever settings that best serve the
 * current goals within bounds, the maximum move and the budget, and the scenarios compared with it
 * (docs/method.md §14). Pure; the LP solver is injected.
 */
import { leverValue } from "../alignment/analyze";
import { isPresent } from "../alignment/numeric";
import type { Results } from "../alignment/types";
import { formatSerial } from "../model/dates";
import type { Model } from "../model/types";
import type { LpSolver } from "./lp";
import { checkSettings, optimisePlan, countedEffect, type PlanEffect, type PlanInput } from "./optimise";
import { evaluateScenario } from "./scenario";
import {
  DEFAULT_PLAN_SETTINGS,
  type PlanLever,
  type PlanResult,
  type PlanSettings,
  type ScenarioResult,
} from "./types";

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

/** The plan's inputs read off the model and the analysis. */
export function planInput(model: Model, results: Results): PlanInput {
  const periods = model.observations.periods;
  let endIndex = -1;
  periods.forEach((p, i) => {
    if (p <= results.asOf) endIndex = i;
  });
  const goals = results.currentGoals?.goals ?? [];
  const byPair = new Map(results.sensitivities.map((s) => [`${s.lever}\u0000${s.metric}`, s]));
  return {
    levers: model.levers.map((lever) => {
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
      };
    }),
    goals: goals.map((g) => ({ metric: g.metric, direction: g.direction, weight: g.weight })),
    effects: model.levers.map((lever) =>
      goals.map((g): PlanEffect => {
        const s = byPair.get(`${lever.name}\u0000${g.metric}`);
        if (!s || s.elasticity === null) return { elasticity: null, stdError: null, significant: false };
        const scale =
          s.coefficient !== null && s.coefficient !== 0 ? Math.abs(s.elasticity / s.coefficient) : null;
        const se = scale !== null && s.stdError !== null ? s.stdError * scale : null;
        return { elasticity: s.elasticity, stdError: isPresent(se) ? se : null, significant: s.significant };
      }),
    ),
  };
}

/**
 * "As requested": each lever at the newest New value asked for since the current goal set took
 * effect, up to the as-of date (older requests were made for other goals and are history, already
 * in the lever's current value). Levers without such a request stay where they are.
 */
export function requestedValues(model: Model, results: Results, input: PlanInput): (number | null)[] {
  const from = results.currentGoals?.effectiveFrom ?? -Infinity;
  const latest = new Map<string, number>();
  for (const a of model.actions) {
    if (a.date >= from && a.date <= results.asOf && a.newValue !== null) latest.set(a.lever, a.newValue);
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
  const since = results.currentGoals ? ` since ${formatSerial(results.currentGoals.effectiveFrom)}` : "";
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
