/**
 * Result of an ordinary least-squares fit (see ols.ts).
 *
 * Conventions shared by every face (task pane, custom functions, CLI):
 * - Column indices refer to the caller's x columns, 0-based, in the caller's order.
 * - A value that is undefined for this fit (a dropped column's coefficient, a standard error with
 *   zero residual degrees of freedom, ...) is `null`, never NaN or Infinity.
 */
export interface OlsOptions {
  /** Fit an intercept (LINEST's `const` = TRUE). Default true. */
  intercept?: boolean;
  /** Relative tolerance of the rank decision on |R_kk| / |R_00| (after pivoting). Default documented in ols.ts. */
  rankTolerance?: number;
  /**
   * Number of Björck refinement steps in compensated arithmetic (at most: refinement stops once a
   * step no longer changes the coefficients). Default 2; 0 gives plain Householder QR.
   */
  refinementSteps?: number;
}

export type DroppedKind = "constant" | "collinear";

export interface DroppedColumn {
  /** x column index (0-based). */
  column: number;
  kind: DroppedKind;
  /** For "collinear": the kept x columns it is (numerically) a combination of; may include -1 for the intercept. */
  with: number[];
}

export interface OlsResult {
  /** Observations used. */
  n: number;
  /** Number of x columns supplied. */
  p: number;
  intercept: boolean;
  /** Rank of the design matrix (intercept column included when fitted). */
  rank: number;
  /** One per x column; null for a dropped column. */
  coefficients: (number | null)[];
  standardErrors: (number | null)[];
  tStatistics: (number | null)[];
  /** Two-sided p-values. */
  pValues: (number | null)[];
  /** 95% confidence interval bounds. */
  ciLow: (number | null)[];
  ciHigh: (number | null)[];
  /** Intercept estimate; 0 when no intercept is fitted (as LINEST). */
  interceptValue: number;
  interceptStandardError: number | null;
  interceptTStatistic: number | null;
  interceptPValue: number | null;
  interceptCiLow: number | null;
  interceptCiHigh: number | null;
  dropped: DroppedColumn[];
  /** R²; with no intercept, LINEST's convention (uncentred total sum of squares). null when undefined. */
  r2: number | null;
  /** Standard error of the y estimate, sqrt(SSresid / df). null when df = 0. */
  standardErrorY: number | null;
  /** F statistic; null when undefined (df = 0 or no regressors). */
  f: number | null;
  /** Residual degrees of freedom: n - rank. */
  dfResidual: number;
  /** Never negative. */
  ssRegression: number;
  ssResidual: number;
  /**
   * y does not vary (with an intercept: every value equal; without one: every value 0). Then the
   * coefficients are the exact solution (slopes 0, intercept = y's value), SSreg = SSres = 0, and
   * standard errors, t, p-values, intervals, R² and F are null: they would be rounding noise.
   * Optional only so that hand-made results (tests) need not set it; ols() always does.
   */
  yConstant?: boolean;
  /** Human-readable warnings (rank deficiency, n <= p, ...). */
  warnings: string[];
}
