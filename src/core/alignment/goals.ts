/**
 * Which goal sets an analysis uses: the current set is the last one in force at the as-of date
 * (effectiveFrom ≤ asOf), the previous set the one before it. Later sets are reported, not used.
 */
import type { Diagnostic, Goal, GoalSet } from "../model/types";
import type { GoalSetSummary } from "./types";

export interface GoalSelection {
  current: GoalSet | null;
  previous: GoalSet | null;
  /** Goals that leverage is computed from: null when there is no set, [] when its weights sum to ≤ 0. */
  currentGoals: readonly Goal[] | null;
  previousGoals: readonly Goal[] | null;
  diagnostics: Diagnostic[];
}

export function summary(set: GoalSet | null): GoalSetSummary | null {
  if (!set) return null;
  return {
    effectiveFrom: set.effectiveFrom,
    goals: set.goals.map((g) => ({
      goal: g.goal,
      metric: g.metric,
      direction: g.direction,
      weight: g.weight,
    })),
  };
}

const weightSum = (set: GoalSet) =>
  set.goals.reduce((s, g) => s + (Number.isFinite(g.weight) ? g.weight : 0), 0);

/**
 * @param goalSets ascending by effectiveFrom
 * @param metrics names of the model's metrics
 */
export function selectGoals(
  goalSets: readonly GoalSet[],
  asOf: number,
  metrics: ReadonlySet<string>,
): GoalSelection {
  const diagnostics: Diagnostic[] = [];
  const where = (set: GoalSet | undefined) => ({
    sheet: set?.goals[0]?.source.sheet ?? null,
    cell: set?.goals[0]?.source.cell ?? null,
  });
  let index = -1;
  goalSets.forEach((g, i) => {
    if (g.effectiveFrom <= asOf) index = i;
  });
  const current = index >= 0 ? goalSets[index] : null;
  const previous = index >= 1 ? goalSets[index - 1] : null;
  if (goalSets.length === 0) {
    diagnostics.push({
      severity: "warning",
      code: "no-goals",
      sheet: null,
      cell: null,
      message: "No goals are defined, so no lever can be recommended.",
    });
  } else if (!current) {
    diagnostics.push({
      severity: "warning",
      code: "no-current-goals",
      ...where(goalSets[0]),
      message:
        "No goal set is in force at the as-of date (the first one starts later), so no lever can be recommended.",
    });
  }
  for (const later of goalSets.slice(index + 1)) {
    diagnostics.push({
      severity: "info",
      code: "future-goals",
      ...where(later),
      message:
        "A goal set starts after the as-of date and was not used; set the as-of date on or after its start to analyse it.",
    });
  }
  for (const set of [current, previous]) {
    if (!set) continue;
    for (const g of set.goals) {
      if (!metrics.has(g.metric)) {
        diagnostics.push({
          severity: "warning",
          code: "unknown-goal-metric",
          sheet: g.source.sheet,
          cell: g.source.cell,
          message: `Goal "${g.goal}" refers to ${g.metric}, which is not a metric; it counts as having no effect.`,
        });
      }
    }
    if (weightSum(set) <= 0) {
      diagnostics.push({
        severity: "warning",
        code: "goal-weights",
        ...where(set),
        message: "The goal weights of a goal set add up to 0 or less, so its leverage is 0 for every lever.",
      });
    }
  }
  const usable = (set: GoalSet | null) => (set ? (weightSum(set) > 0 ? set.goals : []) : null);
  return { current, previous, currentGoals: usable(current), previousGoals: usable(previous), diagnostics };
}
