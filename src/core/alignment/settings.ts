import type { ModelChoice } from "./types";

/**
 * The lever plan's settings (docs/method.md §14). Analysis settings like the others: the plan
 * reads them; the alignment never reads the plan.
 */
export interface PlanSettings {
  /**
   * Extra cost per period the plan may add: Σ cost_i · (planned_i − current_i) ≤ budget.
   * null = no budget limit. Negative = the plan must save at least that much.
   */
  budget: number | null;
  /** Largest relative move of a lever per review: |planned − current| ≤ maxMove · |current|. */
  maxMove: number;
  /**
   * Let every lever move, on its point estimates, either way (default: only levers the Alignment sheet
   * recommends moving, and only that way).
   */
  includeUnsupported: boolean;
}

export const DEFAULT_PLAN_SETTINGS: PlanSettings = { budget: null, maxMove: 0.2, includeUnsupported: false };

/**
 * Analysis settings. They belong to the workbook (co-authors must see the same answer), so hosts
 * persist them with the workbook; the CLI takes them as options.
 */
export interface AnalysisSettings {
  /** Excel serial date; null = the last Period in Observations. */
  asOf: number | null;
  /** Movement window W: mean of the last W periods against the W before. */
  movementWindow: number;
  /** |alignment score| below this is amber (negligible). Same rule as RPO.RAG's default. */
  ragThreshold: number;
  /** |goal leverage| below this recommends "hold". */
  leverageThreshold: number;
  /** Significance level for "statistically supported". */
  significanceLevel: number;
  /** Minimum residual degrees of freedom for a metric's regression to count as sufficient. */
  minDegreesOfFreedom: number;
  /** Estimation model for the lever → metric regressions (docs/method.md §2a); default "auto". */
  model: ModelChoice;
  /** Budget, maximum move and opt-in for the lever plan (docs/method.md §14). */
  plan: PlanSettings;
}

export const DEFAULT_SETTINGS: AnalysisSettings = {
  asOf: null,
  movementWindow: 3,
  ragThreshold: 0.001,
  leverageThreshold: 0.02,
  significanceLevel: 0.05,
  minDegreesOfFreedom: 5,
  model: "auto",
  plan: DEFAULT_PLAN_SETTINGS,
};
