/**
 * Augmented Dickey–Fuller unit-root test, as statsmodels' `statsmodels.tsa.stattools.adfuller`
 * (0.13.5) computes it; the stationarity (KPSS) and cointegration (Engle–Granger) tests are
 * re-exported from their own modules so that callers find every unit-root primitive here.
 *
 * Test regression for p lagged differences (Said & Dickey 1984):
 *   Δy_t = α [+ β t] + γ y_{t-1} + δ_1 Δy_{t-1} + ... + δ_p Δy_{t-p} + e_t,
 * fitted by OLS (ols.ts) on t = p + 1, ..., n - 1 (n - 1 - p observations). The statistic is the
 * t ratio of γ; H0: γ = 0 (a unit root), rejected for low values. p-value from MacKinnon (1994),
 * critical values from MacKinnon (2010) with T = the regression's observations (mackinnon.ts).
 *
 * Lag choice (statsmodels' rules):
 * - maximum lag: ceil(12 (n/100)^(1/4)) (Schwert 1989), capped at floor(n/2) - k - 1 where k is the
 *   number of deterministic terms (1 for "c", 2 for "ct"); a given maxLags must respect that cap.
 * - autolag "AIC"/"BIC": every lag 0..maxLags is fitted on the common sample of the largest lag
 *   (n - 1 - maxLags observations) and the one with the smallest criterion wins (the smaller lag
 *   on a tie); AIC = -2 llf + 2 r, BIC = -2 llf + r ln(m), with llf = -m/2 (ln(2π SSR/m) + 1) the
 *   Gaussian log-likelihood, r the design's rank and m its rows. The test regression is then
 *   refitted on the full sample for that lag.
 * - autolag null: maxLags lags are used.
 *
 * Degenerate input (statsmodels returns NaN or garbage; here a RangeError says what is wrong):
 * a constant series, or one whose changes the test regression fits exactly (a straight line, a
 * constant-rate series): "constant after differencing" in the caller's words.
 *
 * References: Dickey, D. A. & Fuller, W. A. (1979), JASA 74, 427–431; Said, S. E. & Dickey, D. A.
 * (1984), Biometrika 71, 599–607; Schwert, G. W. (1989), JBES 7, 147–159; MacKinnon (1994, 2010).
 */
import { type CriticalValues, mackinnonCriticalValues, mackinnonP, type TrendTerms } from "./mackinnon";
import { adfStatistic, type LagCriterion } from "./adf";

export type { CriticalValues, TrendTerms } from "./mackinnon";
export { kpssTest, type KpssOptions, type KpssResult } from "./kpss";
export { engleGrangerTest, type EngleGrangerOptions, type EngleGrangerResult } from "./cointegration";

export type { LagCriterion } from "./adf";

export interface AdfOptions {
  /** Deterministic terms: "c" constant (default), "ct" constant and linear trend. */
  regression?: TrendTerms;
  /** Largest lag searched (or used, when autolag is null); default statsmodels' rule above. */
  maxLags?: number;
  /** Default "AIC". */
  autolag?: LagCriterion;
}

export interface AdfResult {
  /** t ratio of the lagged level's coefficient. */
  statistic: number;
  /** MacKinnon (1994) approximate p-value (exactly 0 or 1 outside the fitted range). */
  pValue: number;
  /** Lagged differences in the final regression. */
  usedLags: number;
  /** Observations in the final regression: n - 1 - usedLags. */
  nobs: number;
  /** MacKinnon (2010) critical values for nobs observations. */
  criticalValues: CriticalValues;
  regression: TrendTerms;
  /** The largest lag considered. */
  maxLags: number;
  /** The winning criterion's value on the common sample (statsmodels' icbest); null without a search. */
  informationCriterion: number | null;
}

/**
 * Augmented Dickey–Fuller test of H0: the series has a unit root (is I(1)).
 *
 * @param y the series in time order, finite numbers, no gaps (at least 4 values with "c", 6 with "ct").
 * @throws RangeError as adfStatistic.
 */
export function adfTest(y: readonly number[], options: AdfOptions = {}): AdfResult {
  const regression = options.regression ?? "c";
  if (regression !== "c" && regression !== "ct") {
    throw new RangeError(`regression must be "c" or "ct"; got ${String(regression)}.`);
  }
  const autolag = options.autolag === undefined ? "AIC" : options.autolag;
  if (autolag !== null && autolag !== "AIC" && autolag !== "BIC") {
    throw new RangeError(`autolag must be "AIC", "BIC" or null; got ${String(autolag)}.`);
  }
  const result = adfStatistic(y, regression, options.maxLags, autolag);
  return {
    statistic: result.statistic,
    pValue: mackinnonP(result.statistic, regression, 1),
    usedLags: result.usedLags,
    nobs: result.nobs,
    criticalValues: mackinnonCriticalValues(1, regression, result.nobs),
    regression,
    maxLags: result.maxLags,
    informationCriterion: result.informationCriterion,
  };
}
