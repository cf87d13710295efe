/**
 * Augmented Engle–Granger two-step cointegration test, as statsmodels'
 * `statsmodels.tsa.stattools.coint(y, x, trend, autolag)` (0.13.5). H0: no cointegration.
 *
 * 1. Cointegrating regression by OLS (ols.ts): y_t = α [+ β t] + θ' x_t + u_t.
 * 2. ADF regression on the residuals û_t with no deterministic terms (adf.ts, regression "n"):
 *      Δû_t = γ û_{t-1} + Σ_{i=1..p} δ_i Δû_{t-i} + e_t,
 *    lags chosen as in adfuller (default AIC, maximum ceil(12 (n/100)^(1/4)) capped at n/2 - 1).
 *    The statistic is the t ratio of γ; rejected for low values.
 * 3. p-value from MacKinnon (1994) and critical values from MacKinnon (2010) for N = 1 + number of
 *    x columns series with the trend terms of step 1; like statsmodels (to match Stata's egranger)
 *    the critical values use T = n - 1.
 *
 * When step 1 fits (almost) exactly (R² >= 1 - 100 √ε), statsmodels reports the statistic -∞
 * and p = 0 (the series are trivially cointegrated); here the same, with `exactFit: true`, so a
 * caller never has to guess what -∞ means.
 *
 * References: Engle, R. F. & Granger, C. W. J. (1987), Econometrica 55, 251–276; MacKinnon, J. G.
 * (1994, 2010), see mackinnon.ts.
 */
import { adfStatistic, type LagCriterion } from "./adf";
import {
  type CriticalValues,
  MACKINNON_MAX_SERIES,
  mackinnonCriticalValues,
  mackinnonP,
  type TrendTerms,
} from "./mackinnon";
import { ols } from "./ols";
import { finiteSeries } from "./series";

export interface EngleGrangerOptions {
  /** Deterministic terms of the cointegrating regression: "c" (default) or "ct". */
  trend?: TrendTerms;
  /** Largest lag of the residual ADF regression; default statsmodels' rule. */
  maxLags?: number;
  /** Lag criterion of the residual ADF regression; default "AIC". */
  autolag?: LagCriterion;
}

export interface EngleGrangerResult {
  /** ADF t statistic of the cointegrating regression's residuals (-Infinity when exactFit). */
  statistic: number;
  /** MacKinnon (1994) approximate p-value for N = 1 + x columns. */
  pValue: number;
  /** MacKinnon (2010) critical values for N series and T = n - 1. */
  criticalValues: CriticalValues;
  /** Lagged differences in the residual ADF regression (0 when exactFit). */
  usedLags: number;
  /** Observations in the residual ADF regression (0 when exactFit). */
  nobs: number;
  trend: TrendTerms;
  /** True when the cointegrating regression fits (almost) exactly: no residual test was run. */
  exactFit: boolean;
}

const SQRT_EPSILON = Math.sqrt(Number.EPSILON);

/**
 * Engle–Granger test of H0: y and the x columns are not cointegrated.
 *
 * @param y the dependent series (finite numbers, time order, no gaps).
 * @param xs 1 to 5 regressor series, each as long as y.
 * @throws RangeError for mismatched lengths, non-finite values, more than 5 x columns, a constant
 *   y, too few values for the residual test, or residuals the ADF regression fits exactly.
 */
export function engleGrangerTest(
  y: readonly number[],
  xs: readonly (readonly number[])[],
  options: EngleGrangerOptions = {},
): EngleGrangerResult {
  const trend = options.trend ?? "c";
  if (trend !== "c" && trend !== "ct")
    throw new RangeError(`trend must be "c" or "ct"; got ${String(trend)}.`);
  const autolag = options.autolag === undefined ? "AIC" : options.autolag;
  if (autolag !== null && autolag !== "AIC" && autolag !== "BIC") {
    throw new RangeError(`autolag must be "AIC", "BIC" or null; got ${String(autolag)}.`);
  }
  const target = finiteSeries(y, "y");
  const n = target.length;
  if (n > 0 && target.every((value) => value === target[0])) {
    throw new RangeError(`y is constant (${target[0]}): a cointegration test needs a series that varies.`);
  }
  if (!Array.isArray(xs) || xs.length < 1 || xs.length > MACKINNON_MAX_SERIES - 1) {
    throw new RangeError(
      `The cointegration test needs 1 to ${MACKINNON_MAX_SERIES - 1} x columns (MacKinnon's tables); ` +
        `got ${Array.isArray(xs) ? xs.length : "none"}.`,
    );
  }
  const columns = xs.map((column, index) => {
    const values = finiteSeries(column as number[], `x column ${index + 1}`);
    if (values.length !== n)
      throw new RangeError(`x column ${index + 1} has ${values.length} values but y has ${n}.`);
    return values;
  });
  if (trend === "ct") columns.push(Array.from({ length: n }, (_, t) => t + 1));
  const series = columns.length - (trend === "ct" ? 1 : 0) + 1;
  if (n <= columns.length + 1) {
    throw new RangeError(`The cointegration test needs more than ${columns.length + 1} values; got ${n}.`);
  }

  const fit = ols(target, columns);
  const criticalValues = mackinnonCriticalValues(series, trend, n - 1);
  if (fit.r2 !== null && fit.r2 >= 1 - 100 * SQRT_EPSILON) {
    return { statistic: -Infinity, pValue: 0, criticalValues, usedLags: 0, nobs: 0, trend, exactFit: true };
  }
  const residuals = target.map((value, t) => {
    let fitted = fit.interceptValue;
    columns.forEach((column, k) => {
      fitted += (fit.coefficients[k] ?? 0) * column[t];
    });
    return value - fitted;
  });
  const adf = adfStatistic(
    residuals,
    "n",
    options.maxLags,
    autolag,
    "The cointegrating regression's residual series",
  );
  return {
    statistic: adf.statistic,
    pValue: mackinnonP(adf.statistic, trend, series),
    criticalValues,
    usedLags: adf.usedLags,
    nobs: adf.nobs,
    trend,
    exactFit: false,
  };
}
