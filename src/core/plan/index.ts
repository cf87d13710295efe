/** core.plan: the lever plan (LP over the goal leverage) and scenario predictions. See docs/method.md §14. */
export type { LpProblem, LpSolution, LpSolver, LpStatus, LpVariable, LpConstraint } from "./lp";
export * from "./types";
export {
  buildPlan,
  planInput,
  fitMeans,
  effectAtCurrent,
  planSettings,
  requestedValues,
  PLAN_SCENARIO,
  REQUESTED_SCENARIO,
  NO_CHANGE_SCENARIO,
} from "./lever-plan";
export {
  optimisePlan,
  countedEffect,
  type PlanInput,
  type PlanEffect,
  type PlanLeverInput,
  type PlanGoalInput,
} from "./optimise";
export { evaluateScenario } from "./scenario";
