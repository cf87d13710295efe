/** Plan settings and results: what the Plan sheet, the JSON and the task pane show. */
import type { PlanSettings } from "../alignment/settings";
import type { GoalDirection } from "../model/types";

export type PlanStatus = "optimal" | "infeasible" | "invalid" | "failed";

/** Predicted relative change of one goal metric, with its interval. */
export interface MetricPrediction {
  metric: string;
  direction: GoalDirection;
  weight: number;
  /** Predicted relative change of the metric (0.02 = +2%). */
  change: number;
  /** change ± 1.96 · standard error (coefficient errors taken as independent). */
  low: number;
  high: number;
}

export interface PlanLever {
  lever: string;
  unit: string;
  /** The value the plan starts from (Current, or the last observation; see method.md §6). */
  current: number | null;
  planned: number | null;
  /** planned − current, in the lever's unit. */
  change: number | null;
  /** (planned − current) / |current|. */
  relativeChange: number | null;
  costPerUnit: number | null;
  /** Extra cost per period of the move: cost per unit × change (0 when no cost is given). */
  cost: number;
  /**
   * The objective weight: goal-weighted elasticity at the lever's current value that counts in the
   * plan (the Alignment sheet's goal leverage, which is at the means, times current / mean per metric).
   */
  leverage: number;
  supported: boolean;
  /** Why the lever cannot move (null when it may). */
  heldReason: string | null;
  /** Why the lever moves as it does, when that needs saying (e.g. against its recommendation to meet the budget). */
  moveNote: string | null;
  /** Lowest and highest planned value allowed (bounds ∩ max move). */
  lowest: number | null;
  highest: number | null;
  /** Relative change of each current goal metric this lever's move predicts. */
  contributions: { metric: string; change: number }[];
  /** Observed range of the lever up to the as-of date. */
  observedMin: number | null;
  observedMax: number | null;
}

export type ScenarioKind = "plan" | "requested" | "none" | "user";

export interface ScenarioResult {
  name: string;
  kind: ScenarioKind;
  /** Every lever's value under the scenario (null when unknown). */
  values: { lever: string; value: number | null }[];
  metrics: MetricPrediction[];
  /** Goal-weighted predicted improvement (the plan's objective), with its interval. */
  score: number;
  scoreLow: number;
  scoreHigh: number;
  /** Extra cost per period against today. */
  cost: number;
  /** Whether the cost exceeds the budget (false when there is no budget). */
  overBudget: boolean;
  /** Levers set outside the range seen in the history (a linear extrapolation). */
  extrapolated: string[];
  /** Levers the scenario could not use (no current value, unknown lever). */
  notes: string[];
}

export interface PlanDiagnostic {
  severity: "error" | "warning" | "info";
  code: string;
  message: string;
}

export interface PlanResult {
  status: PlanStatus;
  settings: PlanSettings;
  /** The solver that produced the plan, e.g. "HiGHS 1.11.0". */
  solver: string;
  levers: PlanLever[];
  scenarios: ScenarioResult[];
  /** The optimal goal-weighted improvement (the plan scenario's score); 0 when there is no plan. */
  objective: number;
  /** Extra cost per period of the plan. */
  cost: number;
  diagnostics: PlanDiagnostic[];
}
