/**
 * Entry of the report: Results → the output sheets, in a fixed order. Pure: the run stamp, the
 * previous history and the tool version come from the caller (the core has no clock or I/O).
 */
import type { AnalysisResults } from "../results";
import type { SheetSpec } from "./spec";
import { makeContext, type ReportOptions } from "./context";
import { buildSummarySheet } from "./summary";
import { buildAlignmentSheet } from "./alignment-sheet";
import { buildSensitivitySheet } from "./sensitivity-sheet";
import { buildGoalShiftSheet } from "./goal-shift-sheet";
import { buildActionReviewSheet } from "./action-review-sheet";
import { buildHistorySheet } from "./history";
import { buildPlanSheet } from "./plan-sheet";

export type { ReportOptions, ReportModelInfo } from "./context";

export const SUMMARY_SHEET = "Summary";
export const ALIGNMENT_SHEET = "Alignment";
export const SENSITIVITY_SHEET = "Sensitivity";
export const GOAL_SHIFT_SHEET = "Goal Shift";
export const ACTION_REVIEW_SHEET = "Action Review";
/** Written when the results carry a plan (the face supplied an LP solver). */
export const PLAN_SHEET = "Plan";
/** The sheet the host reads back as RawWorkbook.history on the next run. */
export const HISTORY_SHEET = "Alignment History";

/** The output sheets in the order they are written (Plan only when the results carry a plan). */
export const OUTPUT_SHEET_NAMES: readonly string[] = [
  SUMMARY_SHEET,
  ALIGNMENT_SHEET,
  SENSITIVITY_SHEET,
  GOAL_SHIFT_SHEET,
  ACTION_REVIEW_SHEET,
  PLAN_SHEET,
  HISTORY_SHEET,
];

export function buildReport(results: AnalysisResults, options: ReportOptions): SheetSpec[] {
  const ctx = makeContext(results, options);
  return [
    buildSummarySheet(ctx, SUMMARY_SHEET),
    buildAlignmentSheet(ctx, ALIGNMENT_SHEET),
    buildSensitivitySheet(ctx, SENSITIVITY_SHEET),
    buildGoalShiftSheet(ctx, GOAL_SHIFT_SHEET),
    buildActionReviewSheet(ctx, ACTION_REVIEW_SHEET),
    ...(results.plan ? [buildPlanSheet(ctx, PLAN_SHEET, results.plan)] : []),
    buildHistorySheet(ctx, HISTORY_SHEET),
  ];
}
