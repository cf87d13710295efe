/** Results of the alignment analysis: what every face (sheets, JSON, task pane, functions) shows. */
import type { Diagnostic, GoalDirection, Layer } from "../model/types";

export type Rag = "green" | "amber" | "red";
export type Recommendation = "increase" | "decrease" | "hold";
export type Verdict = "aligned" | "conflict" | "neutral";

/**
 * One lever's effect on one metric from that metric's multiple regression on all levers:
 * the per-lever row of sensitivity.ts (coefficient; elasticity at the means, coefficient ×
 * mean(lever) / mean(metric); standardized, coefficient × sd(lever) / sd(metric); SE, p, 95% CI,
 * significance) with the names it belongs to.
 */
export interface LeverSensitivity {
  coefficient: number | null;
  elasticity: number | null;
  standardized: number | null;
  stdError: number | null;
  pValue: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  significant: boolean;
  /**
   * Benjamini–Hochberg q over the analysis' family of lever → metric tests (docs/method.md §3);
   * absent outside an analysis (=RPO.SENSITIVITY sees one metric only); null without a p-value.
   */
  qValue?: number | null;
}

export interface Sensitivity extends LeverSensitivity {
  lever: string;
  metric: string;
}

/** The estimation model asked for (settings, `--model`, RPO.SENSITIVITY's `model` argument). */
export type ModelChoice = "levels" | "changes" | "auto";

/**
 * The form a metric's regression was actually fitted in (docs/method.md §2a):
 * - "levels": metric on levers, both as observed (the first release's model);
 * - "log-changes": Δlog metric on Δlog levers (every value positive), coefficients are elasticities;
 * - "relative-changes": Δ(metric)/mean(metric) on Δ(lever)/mean(lever), coefficients are elasticities
 *   at the means (some value ≤ 0).
 */
export type MetricModel = "levels" | "log-changes" | "relative-changes";

/**
 * A test shown with a metric's model: Breusch–Godfrey (BG, 1 lag) on the levels regression's residuals
 * decides `auto`; unit root (ADF) and stationarity (KPSS) on the metric's own series describe it.
 */
export interface SeriesTest {
  test: "BG" | "ADF" | "KPSS";
  statistic: number;
  pValue: number;
  /** Lags (ADF: augmentation lags; KPSS: Bartlett bandwidth) used. */
  lags: number;
  /** Number of observations the test used. */
  n: number;
  /** BG only: the residuals' first-order autocorrelation coefficient. */
  rho?: number;
  /** ADF and KPSS: run on the metric with each season's mean taken out (auto, when the levels fit kept season terms). */
  seasonAdjusted?: boolean;
}

/** How many levers look stationary (auto's first condition, docs/method.md §2a). */
export interface LeverStationarity {
  /** Levers whose ADF test rejects a unit root at 5%. */
  stationary: number;
  /** Levers that could be tested (enough values, not constant). */
  tested: number;
}

/** Why a metric was fitted in the model it was. */
export interface ModelEvidence {
  requested: ModelChoice;
  tests: SeriesTest[];
  /** auto only: the levers' stationarity, the same for every metric of the analysis. */
  levers?: LeverStationarity;
  /** Season-of-year dummies included (auto: decided by an F test, docs/method.md). */
  seasonal: boolean;
  /** Plain-language rule that decided, e.g. "ADF cannot reject a unit root (p 0.41): changes". */
  reason: string;
}

export interface MetricFit {
  metric: string;
  layer: Layer;
  lag: number;
  n: number;
  r2: number | null;
  /** "ols" = full multiple regression; "insufficient" = too little data, no estimates. */
  method: "ols" | "insufficient";
  warnings: string[];
  /** The form fitted and the evidence that chose it. */
  model: MetricModel;
  evidence: ModelEvidence;
  /** Differences not formed because they would span a missing period. */
  gapsDropped: number;
}

/** Lever → business outcome through the recruitment KPIs (elasticities multiplied along the path). */
export interface ChainedEffect {
  lever: string;
  outcome: string;
  direct: number | null;
  chained: number | null;
  /** Per KPI: elasticity(lever→kpi) × elasticity(kpi→outcome); largest |contribution| first. */
  via: { kpi: string; contribution: number }[];
}

/** Which business outcomes respond to which recruitment KPIs (multiple regression of outcome on KPIs). */
export interface DiscoveryLink {
  kpi: string;
  outcome: string;
  elasticity: number | null;
  pValue: number | null;
  significant: boolean;
  n: number;
  r2: number | null;
}

export interface GoalEffect {
  metric: string;
  direction: GoalDirection;
  weight: number;
  /** Predicted relative change of the metric for a +10% lever move (0.01 = +1%). */
  changeFor10Pct: number | null;
  significant: boolean;
}

export interface Leverage {
  lever: string;
  /** Goal leverage under the current goal set (weighted elasticity towards the goals). */
  current: number;
  /**
   * Standard error of `current`, propagated from every goal metric's estimate (significant or not)
   * with the metrics' error correlation (docs/method.md §5); null when it cannot be estimated.
   */
  stdError: number | null;
  /** 95% interval of `current`; null with stdError. */
  ciLow: number | null;
  ciHigh: number | null;
  /** Why the lever is held although the goals have metrics it may affect (e.g. "effect unclear"). */
  holdReason: string | null;
  previous: number | null;
  directionCurrent: Recommendation;
  directionPrevious: Recommendation | null;
  /** Why a lever is held although its leverage is large (e.g. "at its maximum"). */
  boundNote: string | null;
  supported: boolean;
  effects: GoalEffect[];
}

export interface Alignment {
  lever: string;
  /** movement × goal leverage. */
  score: number;
  /** Relative movement of the lever over the movement window. */
  movement: number | null;
  rag: Rag;
  direction: Recommendation;
  confidence: "high" | "medium" | "low";
}

export interface GoalShiftRow {
  lever: string;
  previousLeverage: number | null;
  currentLeverage: number;
  previousDirection: Recommendation | null;
  currentDirection: Recommendation;
  changed: boolean;
}

export interface MeasuredChange {
  metric: string;
  /** Mean over the window before the action date and after it (respecting the metric's lag). */
  before: number | null;
  after: number | null;
  /** Relative change (after - before) / |before|. */
  change: number | null;
  /** Whether the change went the way the current goal wants. */
  towardsGoal: boolean | null;
}

export interface ActionReview {
  date: number;
  lever: string;
  newValue: number | null;
  requestedBy: string;
  rationale: string;
  /** Direction of the requested move relative to the lever's value at the action date. */
  move: Recommendation;
  verdict: Verdict;
  reason: string;
  /** null when no history after the action date exists. */
  measured: MeasuredChange[] | null;
  /** Dated after the last period analysed: not yet measurable (alignment/pending-actions.ts). */
  pending?: true;
  /** For a pending action: the first observed period after it (serial), or null when there is none yet. */
  measurableFrom?: number | null;
}

export interface GoalSetSummary {
  effectiveFrom: number;
  goals: { goal: string; metric: string; direction: GoalDirection; weight: number }[];
}

export interface Results {
  /** Excel serial date the analysis is as of. */
  asOf: number;
  currentGoals: GoalSetSummary | null;
  previousGoals: GoalSetSummary | null;
  levers: string[];
  metrics: string[];
  sensitivities: Sensitivity[];
  fits: MetricFit[];
  chained: ChainedEffect[];
  discovery: DiscoveryLink[];
  leverage: Leverage[];
  alignment: Alignment[];
  goalShift: GoalShiftRow[];
  actions: ActionReview[];
  diagnostics: Diagnostic[];
}
