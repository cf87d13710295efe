/**
 * Breusch–Godfrey test of serial correlation in a regression's residuals (Breusch 1978; Godfrey 1978;
 * Greene, Econometric Analysis, §20.7), as statsmodels' `acorr_breusch_godfrey(results, nlags)`
 * computes its F form:
 *
 *   auxiliary regression  e_t = a + x_t'b + Σ_{k=1..L} ρ_k e_{t−k} + v_t,   e_{t−k} = 0 before the first row
 *   F = ((SSR_0 − SSR_1) / L) / (SSR_1 / (n − r)),    p = P(F(L, n − r) ≥ F)
 *
 * with SSR_0 the sum of squared residuals without the lags (Σ e² when e are least-squares residuals on
 * the same x, orthogonal to them) and r the auxiliary design's rank. H0: no autocorrelation up to lag L.
 *
 * Unlike statsmodels, a row may say that the period before it is missing (`afterGap`): its lagged
 * residual is then 0 as at the start, so a gap never pairs two periods that are not consecutive.
 */
import { fUpperTail } from "./fdist";
import { ols } from "./ols";

export interface BreuschGodfreyResult {
  f: number;
  pValue: number;
  /** Numerator and denominator degrees of freedom. */
  df1: number;
  df2: number;
  /** First-order autocorrelation coefficient ρ̂_1 of the auxiliary regression. */
  rho: number;
}

/**
 * @param residuals e_t of the original regression, in time order
 * @param columns the original regression's explanatory columns (without the intercept, which is added)
 * @param lags L ≥ 1
 * @param afterGap per row: true when the previous period has no row (lagged residuals restart at 0)
 * @throws RangeError when there are too few rows for the auxiliary regression or the residuals are all 0
 */
export function breuschGodfrey(
  residuals: readonly number[],
  columns: readonly (readonly number[])[],
  lags = 1,
  afterGap: readonly boolean[] = [],
): BreuschGodfreyResult {
  const n = residuals.length;
  if (!Number.isInteger(lags) || lags < 1)
    throw new RangeError(`lags must be a whole number ≥ 1, not ${lags}.`);
  if (n < columns.length + lags + 3) {
    throw new RangeError(
      `The Breusch–Godfrey test needs at least ${columns.length + lags + 3} residuals for ${columns.length} columns and ${lags} lag(s); there are ${n}.`,
    );
  }
  const ss0 = residuals.reduce((s, e) => s + e * e, 0);
  if (!(ss0 > 0)) throw new RangeError("The residuals are all 0: the regression fits exactly.");
  // Lagged residuals, restarting at 0 after a gap (and at the start).
  const lagged: number[][] = [];
  for (let k = 1; k <= lags; k++) {
    const col = new Array<number>(n).fill(0);
    let run = 0; // rows since the last restart
    for (let t = 0; t < n; t++) {
      run = t === 0 || afterGap[t] ? 0 : run + 1;
      col[t] = run >= k ? residuals[t - k] : 0;
    }
    lagged.push(col);
  }
  const aux = ols([...residuals], [...columns.map((c) => [...c]), ...lagged], { intercept: true });
  const df2 = aux.dfResidual;
  const ss1 = aux.ssResidual;
  if (df2 <= 0 || !(ss1 > 0))
    throw new RangeError("The auxiliary regression has no residual degrees of freedom.");
  const f = Math.max(0, (ss0 - ss1) / lags / (ss1 / df2));
  const pValue = fUpperTail(f, lags, df2);
  if (pValue === null) throw new RangeError("The Breusch–Godfrey p-value is undefined.");
  return { f, pValue, df1: lags, df2, rho: aux.coefficients[columns.length] ?? 0 };
}
