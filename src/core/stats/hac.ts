/**
 * Newey–West heteroskedasticity- and autocorrelation-consistent (HAC) standard errors for an OLS
 * fit, as statsmodels' `OLS(y, X).fit(cov_type="HAC", cov_kwds={"maxlags": L})` (0.13.5).
 *
 * With the design X (n x k, intercept first), residuals u and scores s_t = x_t u_t:
 *   S = Σ_t s_t s_tᵀ + Σ_{l=1..L} w_l Σ_{t>=l} (s_t s_{t-l}ᵀ + s_{t-l} s_tᵀ),  w_l = 1 - l / (L + 1)
 *   V = (XᵀX)⁻¹ S (XᵀX)⁻¹,
 * standard errors √V_jj, z = b_j / se_j.
 *
 * statsmodels' defaults, checked (not the small-sample versions one might expect): no
 * n / (n - k) factor on V (`use_correction=False`) and p-values from the normal distribution
 * (`use_t=False` for HAC), 2 Φ(-|z|). Both small-sample variants are options here
 * (smallSampleCorrection: V · n / (n - k); useT: Student's t with n - k degrees of freedom), as
 * statsmodels' `use_correction=True` and `use_t=True`.
 *
 * The bandwidth is the caller's: a common rule is L = floor(4 (n/100)^(2/9)) (Newey & West 1994),
 * see neweyWestDefaultLags. In samples of 36–120 months these errors over-reject (GUIDE §5): use
 * them for comparison, not as the default inference.
 *
 * References: Newey, W. K. & West, K. D. (1987). A simple, positive semi-definite,
 * heteroskedasticity and autocorrelation consistent covariance matrix. Econometrica 55, 703–708;
 * Newey, W. K. & West, K. D. (1994). Automatic lag selection in covariance matrix estimation.
 * Review of Economic Studies 61, 631–653.
 */
import { buildDesign } from "./design";
import { householderQrPivoted, upperInverse } from "./householder";
import { normalCdf } from "./normal";
import { DEFAULT_RANK_TOLERANCE, ols } from "./ols";
import { twoSidedPValue } from "./tdist";

export interface HacOptions {
  /** L: the highest autocovariance lag in the Bartlett window (0 gives White's HC0). */
  maxLags: number;
  /** Fit an intercept (default true). */
  intercept?: boolean;
  /** Multiply V by n / (n - k) (statsmodels' use_correction). Default false, as statsmodels. */
  smallSampleCorrection?: boolean;
  /** p-values from Student's t with n - k df instead of the normal (statsmodels' use_t). Default false. */
  useT?: boolean;
}

export interface HacResult {
  n: number;
  maxLags: number;
  /** Residual degrees of freedom n - k. */
  dfResidual: number;
  /** Per x column (the caller's order). */
  coefficients: number[];
  standardErrors: number[];
  /** b / se (a z statistic unless useT). */
  tStatistics: number[];
  pValues: number[];
  /** Intercept estimate (0 without one) and its HAC inference (null without one). */
  interceptValue: number;
  interceptStandardError: number | null;
  interceptTStatistic: number | null;
  interceptPValue: number | null;
  /** V, k x k, in design order: the intercept first (when fitted), then the x columns. */
  covariance: number[][];
}

/** Newey & West (1994)'s rule of thumb floor(4 (n/100)^(2/9)), statsmodels' default when maxlags is None. */
export function neweyWestDefaultLags(n: number): number {
  return Math.floor(4 * Math.pow(n / 100, 2 / 9));
}

/**
 * OLS with Newey–West HAC covariance.
 *
 * @throws RangeError as ols() for bad data, when the design is rank deficient (a column was
 *   dropped: HAC errors need every coefficient), when n <= k, or for a bad maxLags.
 */
export function neweyWest(
  y: readonly number[],
  columns: readonly (readonly number[])[],
  options: HacOptions,
): HacResult {
  const intercept = options.intercept ?? true;
  const maxLags = options.maxLags;
  const fit = ols(y, columns as number[][], { intercept });
  const design = buildDesign(y, columns as number[][], intercept);
  const n = fit.n;
  if (!(Number.isInteger(maxLags) && maxLags >= 0 && maxLags < n)) {
    throw new RangeError(`maxLags must be an integer from 0 to ${n - 1} (n - 1); got ${maxLags}.`);
  }
  if (fit.dropped.length > 0 || design.constantColumns.length > 0) {
    throw new RangeError(
      `HAC standard errors need every column: x column ${(fit.dropped[0]?.column ?? 0) + 1} is constant or collinear.`,
    );
  }
  const k = design.sourceColumns.length;
  if (n <= k)
    throw new RangeError(`HAC standard errors need more observations (${n}) than coefficients (${k}).`);

  // Coefficients in design order, residuals and scores s_t = x_t u_t.
  const beta = design.sourceColumns.map((source) =>
    source < 0 ? fit.interceptValue : (fit.coefficients[source] as number),
  );
  const x = (t: number, j: number) => design.matrix[j * n + t];
  const scores = Array.from({ length: n }, (_, t) => {
    let fitted = 0;
    for (let j = 0; j < k; j++) fitted += x(t, j) * beta[j];
    const u = y[t] - fitted;
    return Array.from({ length: k }, (_, j) => x(t, j) * u);
  });

  const s = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (let lag = 0; lag <= maxLags; lag++) {
    const weight = 1 - lag / (maxLags + 1);
    for (let t = lag; t < n; t++) {
      const a = scores[t];
      const b = scores[t - lag];
      for (let i = 0; i < k; i++) {
        for (let j = 0; j < k; j++) s[i][j] += lag === 0 ? a[i] * b[j] : weight * (a[i] * b[j] + b[i] * a[j]);
      }
    }
  }

  const g = inverseCrossProduct(design.matrix, n, k);
  const factor = options.smallSampleCorrection ? n / (n - k) : 1;
  const gs = multiply(g, s);
  const covariance = multiply(gs, g).map((row) => row.map((value) => value * factor));

  const dfResidual = n - k;
  const inference = (j: number) => {
    const standardError = Math.sqrt(covariance[j][j]);
    const statistic = beta[j] / standardError;
    const pValue = options.useT
      ? (twoSidedPValue(statistic, dfResidual) as number)
      : Math.min(1, 2 * normalCdf(-Math.abs(statistic)));
    return { standardError, statistic, pValue };
  };
  const byColumn = columns.map((_, column) => inference(design.sourceColumns.indexOf(column)));
  const interceptInference = intercept ? inference(0) : null;
  return {
    n,
    maxLags,
    dfResidual,
    coefficients: columns.map((_, column) => fit.coefficients[column] as number),
    standardErrors: byColumn.map((c) => c.standardError),
    tStatistics: byColumn.map((c) => c.statistic),
    pValues: byColumn.map((c) => c.pValue),
    interceptValue: fit.interceptValue,
    interceptStandardError: interceptInference?.standardError ?? null,
    interceptTStatistic: interceptInference?.statistic ?? null,
    interceptPValue: interceptInference?.pValue ?? null,
    covariance,
  };
}

/** (XᵀX)⁻¹ = P R⁻¹ R⁻ᵀ Pᵀ from a pivoted Householder QR of X (full rank checked by the caller). */
function inverseCrossProduct(matrix: Float64Array, n: number, k: number): number[][] {
  const qr = householderQrPivoted(matrix.slice(), n, k, DEFAULT_RANK_TOLERANCE);
  if (qr.rank < k) throw new RangeError("HAC standard errors need a full-rank design.");
  const inverse = upperInverse(qr);
  const g = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      let sum = 0;
      for (let l = Math.max(i, j); l < k; l++) sum += inverse[l * k + i] * inverse[l * k + j];
      g[qr.permutation[i]][qr.permutation[j]] = sum;
    }
  }
  return g;
}

function multiply(a: number[][], b: number[][]): number[][] {
  return a.map((row) => b[0].map((_, j) => row.reduce((sum, value, l) => sum + value * b[l][j], 0)));
}
