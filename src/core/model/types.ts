/** The typed model of an engagement workbook, produced by parse() from a RawWorkbook. */

export type Severity = "error" | "warning" | "info";

/**
 * A problem found in the user's workbook. `sheet` and `cell` point at the cell to fix
 * (`cell` is an A1 address such as "D17", or a range "B2:B40"); both are null when the
 * problem is not tied to one place (e.g. a missing sheet).
 */
export interface Diagnostic {
  severity: Severity;
  /** Stable machine-readable code, e.g. "missing-sheet", "text-in-number". */
  code: string;
  sheet: string | null;
  cell: string | null;
  message: string;
}

/** Where a model item came from, for messages and for the task pane's "select this cell". */
export interface SourceRef {
  sheet: string;
  /** A1 address of the item's first cell (its name cell). */
  cell: string;
}

export type Layer = "Recruitment" | "Business";
export type Better = "Higher" | "Lower";
export type GoalDirection = "Increase" | "Decrease";

export interface Lever {
  name: string;
  category: string;
  unit: string;
  current: number | null;
  min: number | null;
  max: number | null;
  /** Optional `Cost per unit` column (cost of one unit per period). */
  costPerUnit: number | null;
  source: SourceRef;
}

export interface Metric {
  name: string;
  layer: Layer;
  unit: string;
  better: Better;
  /** Whole periods after a lever move that the metric responds. */
  lag: number;
  source: SourceRef;
}

export interface Goal {
  goal: string;
  metric: string;
  direction: GoalDirection;
  weight: number;
  /** Excel serial date (days since 1899-12-30). */
  effectiveFrom: number;
  source: SourceRef;
}

export interface GoalSet {
  /** Excel serial date. */
  effectiveFrom: number;
  goals: Goal[];
}

export interface Observations {
  /** Excel serial dates, strictly ascending after parsing (duplicates reported and merged or rejected). */
  periods: number[];
  /** One series per lever and metric name, aligned with `periods`; null is a missing value. */
  series: Record<string, (number | null)[]>;
  /** Sheet row (1-based, as the user sees it) of each period, for messages. */
  sourceRows: number[];
  sheet: string;
}

export interface Action {
  /** Excel serial date. */
  date: number;
  lever: string;
  newValue: number | null;
  requestedBy: string;
  rationale: string;
  source: SourceRef;
}

/** One user-defined scenario from the optional Scenarios sheet: lever values to predict. */
export interface Scenario {
  name: string;
  /** Levers not listed stay at their current value. */
  values: { lever: string; value: number; source: SourceRef }[];
}

export interface Model {
  levers: Lever[];
  metrics: Metric[];
  /** Ascending by effectiveFrom. */
  goalSets: GoalSet[];
  observations: Observations;
  actions: Action[];
  /** From the optional Scenarios sheet, in order of first appearance (absent = none). */
  scenarios?: Scenario[];
}

export interface ParseResult {
  /** null when errors make the workbook impossible to analyse. */
  model: Model | null;
  diagnostics: Diagnostic[];
}
