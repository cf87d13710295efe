/**
 * The augmented Dickey–Fuller regression and its lag search, as statsmodels' `adfuller` (0.13.5)
 * runs them; the formulas, lag rules and references are in unitroot.ts, which adds the p-value
 * and critical values. Separate so that cointegration.ts can test residuals (no deterministic
 * terms, "n") without a cycle of imports.
 */
import type { TrendTerms } from "./mackinnon";
import { ols } from "./ols";
import { finiteSeries } from "./series";

/** Information criterion for the lag search, or null for a fixed number of lags (maxLags). */
export type LagCriterion = "AIC" | "BIC" | null;

/** Deterministic terms of the internal regression; "n" (none) serves the Engle–Granger residual test. */
export type AdfRegression = TrendTerms | "n";

/** The ADF regression without p-values (shared with cointegration.ts, which tests residuals with "n"). */
export interface AdfStatistic {
  statistic: number;
  usedLags: number;
  nobs: number;
  maxLags: number;
  informationCriterion: number | null;
}

const TREND_COUNT: Record<AdfRegression, number> = { n: 0, c: 1, ct: 2 };
/** Residuals this small relative to the changes are rounding noise: the regression fits exactly. */
const EXACT_FIT_RATIO = 1e-24;

/** statsmodels' default and largest allowed lag for n values and a regression. */
function lagBounds(n: number, regression: AdfRegression): { cap: number; rule: number } {
  // statsmodels' cap is floor(n/2) - k - 1. With k = 0 ("n") and n even its largest lag leaves the
  // search's regression no residual degree of freedom (a perfect fit, AIC = -inf, a 0/0 statistic
  // that statsmodels reports as 0); floor((n - 3 - k) / 2) keeps at least one and is the same as
  // statsmodels' cap for "c" and "ct".
  const cap = Math.min(
    Math.floor(n / 2) - TREND_COUNT[regression] - 1,
    Math.floor((n - 3 - TREND_COUNT[regression]) / 2),
  );
  const rule = Math.ceil(12 * Math.pow(n / 100, 1 / 4));
  return { cap, rule };
}

function minimumLength(regression: AdfRegression, lags: number): number {
  const k = TREND_COUNT[regression];
  return Math.max(2 * (lags + k + 1), 2 * lags + 3 + k);
}

/**
 * OLS of Δy_j on [trend,] y_j, Δy_{j-1}, ..., Δy_{j-lags} for j = first..m-1 (m = n - 1), with an
 * intercept unless regression is "n". The lag search passes refinementSteps 0 (plain Householder
 * QR: it needs only SSR and the rank, and runs maxLags + 1 fits); the final fit uses ols' default.
 */
function fitLag(
  y: number[],
  dy: number[],
  lags: number,
  first: number,
  regression: AdfRegression,
  refinementSteps?: number,
) {
  const m = dy.length;
  const rows = m - first;
  const columns: number[][] = [];
  if (regression === "ct") columns.push(Array.from({ length: rows }, (_, r) => r + 1));
  columns.push(y.slice(first, m));
  for (let k = 1; k <= lags; k++) columns.push(dy.slice(first - k, m - k));
  const target = dy.slice(first, m);
  const fit = ols(target, columns, { intercept: regression !== "n", refinementSteps });
  return { fit, target, levelColumn: regression === "ct" ? 1 : 0, rows };
}

/**
 * The ADF statistic and lag choice of statsmodels' adfuller (no p-value).
 * @throws RangeError for non-finite values, too few values for the lags, a constant series or
 *   one whose changes the regression fits exactly.
 */
export function adfStatistic(
  series: readonly number[],
  regression: AdfRegression,
  maxLagsOption: number | undefined,
  autolag: LagCriterion,
  what = "The series",
): AdfStatistic {
  const y = finiteSeries(series, what);
  const n = y.length;
  const { cap, rule } = lagBounds(n, regression);
  let maxLags: number;
  if (maxLagsOption === undefined) {
    if (cap < 0) {
      throw new RangeError(
        `${what} has ${n} values; the unit-root test with regression "${regression}" needs at least ` +
          `${minimumLength(regression, 0)}.`,
      );
    }
    maxLags = Math.min(cap, rule);
  } else {
    if (!(Number.isInteger(maxLagsOption) && maxLagsOption >= 0)) {
      throw new RangeError(`maxLags must be a non-negative integer; got ${maxLagsOption}.`);
    }
    if (maxLagsOption > cap) {
      throw new RangeError(
        `${what} has ${n} values; ${maxLagsOption} lags with regression "${regression}" need at least ` +
          `${minimumLength(regression, maxLagsOption)} (at most ${cap} lags for ${n} values).`,
      );
    }
    maxLags = maxLagsOption;
  }
  if (y.every((value) => value === y[0])) {
    throw new RangeError(`${what} is constant (${y[0]}): a unit-root test needs a series that varies.`);
  }
  const dy = y.slice(1).map((value, j) => value - y[j]);

  let usedLags = maxLags;
  let informationCriterion: number | null = null;
  if (autolag !== null) {
    for (let lags = 0; lags <= maxLags; lags++) {
      const { fit, rows } = fitLag(y, dy, lags, maxLags, regression, 0);
      const llf = -(rows / 2) * Math.log(fit.ssResidual) - (1 + Math.log(Math.PI / (rows / 2))) * (rows / 2);
      const penalty = autolag === "AIC" ? 2 : Math.log(rows);
      const criterion = -2 * llf + penalty * fit.rank;
      if (informationCriterion === null || criterion < informationCriterion) {
        informationCriterion = criterion;
        usedLags = lags;
      }
    }
  }

  const { fit, target, levelColumn, rows } = fitLag(y, dy, usedLags, usedLags, regression);
  const scale = target.reduce((sum, value) => sum + value * value, 0);
  const statistic = fit.tStatistics[levelColumn];
  if (statistic === null || fit.dfResidual < 1 || fit.ssResidual <= EXACT_FIT_RATIO * scale) {
    throw new RangeError(
      `${what}'s changes are fitted exactly by the unit-root test regression (for example a constant ` +
        "series after differencing, or a straight line): the test is undefined; treat the series as deterministic.",
    );
  }
  return { statistic, usedLags, nobs: rows, maxLags, informationCriterion };
}
