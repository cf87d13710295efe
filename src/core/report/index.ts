/** core.report: Results → declarative SheetSpecs (see spec.ts) that every host renders. */
export {
  buildReport,
  OUTPUT_SHEET_NAMES,
  SUMMARY_SHEET,
  ALIGNMENT_SHEET,
  SENSITIVITY_SHEET,
  GOAL_SHIFT_SHEET,
  ACTION_REVIEW_SHEET,
  PLAN_SHEET,
  HISTORY_SHEET,
} from "./build";
export type { ReportOptions, ReportModelInfo } from "./build";
export { parseHistory } from "./history";
export * from "./spec";
export * from "./names";
