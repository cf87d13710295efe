/**
 * Diagnostic codes the analysis and the plan emit (the parser's are DIAGNOSTIC_CODES in
 * model/diagnostics.ts). Documented in docs/workbook-format.md §11a; a test keeps this list, the
 * sources and the doc in step.
 */
export const ANALYSIS_CODES = [
  "insufficient-data",
  "lever-no-data",
  "kpi-no-data",
  "constant-lever",
  "constant-kpi",
  "collinear-levers",
  "collinear-kpis",
  "lag-check",
  "gaps-dropped",
  "model-fallback",
  "movement-range",
  "future-goals",
  "no-current-goals",
  "unknown-goal-metric",
  "goal-weights",
  "as-of-before-data",
  "actions-after-as-of",
  "missing-series",
  "no-goals",
  "no-observations",
  "plan-budget-infeasible",
  "plan-solver-failed",
  "plan-min-above-max",
  "plan-current-outside-bounds",
  "plan-max-move-zero",
  "plan-invalid-budget",
  "plan-invalid-max-move",
  "plan-no-base",
  "plan-no-goal-weight",
  "plan-against-recommendation",
] as const;
