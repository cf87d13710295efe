/**
 * KPSS stationarity test (Kwiatkowski, Phillips, Schmidt & Shin 1992), as statsmodels'
 * `statsmodels.tsa.stattools.kpss` (0.13.5) computes it. H0: the series is stationary around a
 * level ("c") or a linear trend ("ct"); rejected for large values.
 *
 * With e_t the residuals of y on a constant ("c": y_t - ȳ) or on a constant and t = 1..n ("ct"),
 * S_t = e_1 + ... + e_t and a Bartlett-weighted long-run variance with L lags
 *   s²(L) = (1/n) [Σ e_t² + 2 Σ_{i=1..L} (1 - i/(L+1)) Σ_t e_t e_{t-i}],
 * the statistic is η = Σ S_t² / (n² s²(L)) (KPSS eq. 11 and 14).
 *
 * Lags:
 * - "auto" (default): Hobijn, Franses & Ooms (1998), as statsmodels: with c = floor(n^(2/9)),
 *   ŝ0 = Σe²/n + Σ_{i=1..c} 2 γ_i, ŝ1 = Σ_{i=1..c} 2 i γ_i (γ_i = Σ_t e_t e_{t-i} / n),
 *   L = floor(1.1447 ((ŝ1/ŝ0)²)^(1/3) n^(1/3)), at most n - 1.
 * - "legacy": ceil(12 (n/100)^(1/4)), at most n - 1.
 * - an integer L < n.
 *
 * p-value: linear interpolation in KPSS (1992) table 1 (upper-tail critical values at 10%, 5%,
 * 2.5%, 1%), so it lies in [0.01, 0.10]; outside the table it is clipped to the nearer end and
 * `pValueClipped` says so (at 0.10 the true p-value is larger, at 0.01 smaller).
 *
 * Degenerate input (statsmodels returns NaN or fails): a constant series ("c") or one on an exact
 * straight line ("ct") has no residual variation; a RangeError says so.
 *
 * References: Kwiatkowski, D., Phillips, P. C. B., Schmidt, P. & Shin, Y. (1992), Journal of
 * Econometrics 54, 159–178; Hobijn, B., Franses, P. H. & Ooms, M. (1998), Econometric Institute
 * Report 9802/A, Erasmus University Rotterdam (published in Statistica Neerlandica 58, 2004).
 */
import type { TrendTerms } from "./mackinnon";
import { finiteSeries } from "./series";

export interface KpssOptions {
  /** "c": level stationarity (default); "ct": trend stationarity. */
  regression?: TrendTerms;
  /** Lags of the long-run variance: "auto" (default), "legacy" or a number. */
  nlags?: "auto" | "legacy" | number;
}

export interface KpssResult {
  statistic: number;
  /** Interpolated p-value in [0.01, 0.10]. */
  pValue: number;
  /** True when the statistic lies outside the table: the true p-value is beyond pValue. */
  pValueClipped: boolean;
  /** Lags of the long-run variance. */
  lags: number;
  nobs: number;
  regression: TrendTerms;
  /** KPSS (1992) table 1 upper-tail critical values. */
  criticalValues: { "10%": number; "5%": number; "2.5%": number; "1%": number };
}

const TABLE: Record<TrendTerms, number[]> = {
  c: [0.347, 0.463, 0.574, 0.739],
  ct: [0.119, 0.146, 0.176, 0.216],
};
const TABLE_P = [0.1, 0.05, 0.025, 0.01];
/** Residual sum of squares this small relative to the centred one is rounding: an exact line. */
const EXACT_FIT_RATIO = 1e-24;

/** Residuals of y on a constant, or on a constant and t = 1..n. */
function detrend(y: number[], regression: TrendTerms): number[] {
  const n = y.length;
  const mean = y.reduce((sum, value) => sum + value, 0) / n;
  const centred = y.map((value) => value - mean);
  if (regression === "c") return centred;
  const tMean = (n + 1) / 2;
  let sxy = 0;
  let sxx = 0;
  centred.forEach((value, i) => {
    const t = i + 1 - tMean;
    sxy += t * value;
    sxx += t * t;
  });
  const slope = sxy / sxx;
  return centred.map((value, i) => value - slope * (i + 1 - tMean));
}

/** Σ_t e_t e_{t-lag}. */
function autoproduct(e: number[], lag: number): number {
  let sum = 0;
  for (let t = lag; t < e.length; t++) sum += e[t] * e[t - lag];
  return sum;
}

/** Hobijn et al. (1998) automatic bandwidth, as statsmodels' _kpss_autolag. */
function autoLags(e: number[]): number {
  const n = e.length;
  const covLags = Math.trunc(Math.pow(n, 2 / 9));
  let s0 = autoproduct(e, 0) / n;
  let s1 = 0;
  for (let i = 1; i <= covLags; i++) {
    const product = autoproduct(e, i) / (n / 2);
    s0 += product;
    s1 += i * product;
  }
  const ratio = s1 / s0;
  const gamma = 1.1447 * Math.pow(ratio * ratio, 1 / 3);
  return Math.trunc(gamma * Math.pow(n, 1 / 3));
}

function chooseLags(e: number[], nlags: KpssOptions["nlags"]): number {
  const n = e.length;
  if (nlags === undefined || nlags === "auto") return Math.min(autoLags(e), n - 1);
  if (nlags === "legacy") return Math.min(Math.ceil(12 * Math.pow(n / 100, 1 / 4)), n - 1);
  if (typeof nlags !== "number" || !Number.isInteger(nlags) || nlags < 0) {
    throw new RangeError(`nlags must be "auto", "legacy" or a non-negative integer; got ${String(nlags)}.`);
  }
  if (nlags >= n) {
    throw new RangeError(
      `The KPSS test with ${nlags} lags needs more than ${nlags} values; the series has ${n}.`,
    );
  }
  return nlags;
}

/** Linear interpolation of the p-value in the table, clipped to its ends (numpy's interp). */
function interpolatePValue(statistic: number, table: number[]): { pValue: number; clipped: boolean } {
  if (statistic < table[0]) return { pValue: TABLE_P[0], clipped: true };
  const last = table.length - 1;
  if (statistic > table[last]) return { pValue: TABLE_P[last], clipped: true };
  if (statistic === table[last]) return { pValue: TABLE_P[last], clipped: false };
  let j = 0;
  while (j < table.length - 2 && statistic >= table[j + 1]) j++;
  const slope = (TABLE_P[j + 1] - TABLE_P[j]) / (table[j + 1] - table[j]);
  return { pValue: slope * (statistic - table[j]) + TABLE_P[j], clipped: false };
}

/**
 * KPSS test of H0: the series is (level or trend) stationary.
 *
 * @param y the series in time order, finite numbers, no gaps (at least 2 values; 3 with "ct").
 * @throws RangeError for non-finite values, too few values, invalid options, or a series with
 *   no variation around its level (constant) or trend (a straight line).
 */
export function kpssTest(y: readonly number[], options: KpssOptions = {}): KpssResult {
  const regression = options.regression ?? "c";
  if (regression !== "c" && regression !== "ct") {
    throw new RangeError(`regression must be "c" or "ct"; got ${String(regression)}.`);
  }
  const values = finiteSeries(y, "The series");
  const n = values.length;
  const minimum = regression === "c" ? 2 : 3;
  if (n < minimum) {
    throw new RangeError(
      `The KPSS test with regression "${regression}" needs at least ${minimum} values; got ${n}.`,
    );
  }
  if (values.every((value) => value === values[0])) {
    throw new RangeError(
      `The series is constant (${values[0]}): a stationarity test needs a series that varies.`,
    );
  }
  const e = detrend(values, regression);
  const ss = autoproduct(e, 0);
  const mean = values.reduce((sum, value) => sum + value, 0) / n;
  const centredSs = values.reduce((sum, value) => sum + (value - mean) * (value - mean), 0);
  if (!(ss > EXACT_FIT_RATIO * centredSs)) {
    throw new RangeError(
      "The series lies exactly on a straight line: it has no variation around its trend to test.",
    );
  }
  const lags = chooseLags(e, options.nlags);

  let partial = 0;
  let eta = 0;
  for (const value of e) {
    partial += value;
    eta += partial * partial;
  }
  eta /= n * n;
  let longRun = ss;
  for (let i = 1; i <= lags; i++) longRun += 2 * autoproduct(e, i) * (1 - i / (lags + 1));
  longRun /= n;
  const statistic = eta / longRun;

  const table = TABLE[regression];
  const { pValue, clipped } = interpolatePValue(statistic, table);
  return {
    statistic,
    pValue,
    pValueClipped: clipped,
    lags,
    nobs: n,
    regression,
    criticalValues: { "10%": table[0], "5%": table[1], "2.5%": table[2], "1%": table[3] },
  };
}
