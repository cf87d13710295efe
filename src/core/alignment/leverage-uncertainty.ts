/**
 * Standard error of a lever's goal leverage (docs/method.md §5).
 *
 * Goal leverage is a fixed linear combination of the lever's elasticities on the goal metrics,
 * L = Σ_g c_g e_g with c_g = w_g s_g / Σ w, and e_g = k_g b_g (k_g = x̄/ȳ in levels, 1 in changes,
 * treated as fixed). Each coefficient is linear in its regression's errors: by Frisch–Waugh–Lovell,
 * b_g − β_g = Σ_t a_g,t u_g,t with a_g = z_g / z_gᵀz_g, where z_g is the lever's column (as fitted)
 * with the other levers, the intercept and any season terms partialled out. Hence
 *
 *   Var(L) = Σ_g Σ_h c_g k_g c_h k_h Σ_{t in both fits} a_g,t a_h,t σ_gh,
 *
 * assuming errors uncorrelated across periods (the fitted form was chosen for that, §2a) and
 * correlated across metrics within a period: σ_gg = s_g² (the regression's residual variance, so a
 * single-metric leverage has exactly that coefficient's OLS standard error) and σ_gh = ρ_gh s_g s_h with
 * ρ_gh the correlation of the two fits' residuals over their common periods (0 with fewer than
 * MIN_COMMON periods). This is the seemingly-unrelated-regressions covariance of OLS estimates
 * (Zellner 1962) computed on each fit's own rows, so metrics with different lags, forms or gaps combine.
 * Every estimate counts, significant or not: selecting only significant effects first would give an
 * interval that excludes 0 almost by construction.
 */
import { ols } from "../stats/ols";
import type { SensitivityFit } from "./sensitivity";

/** Residual correlations over fewer common periods than this are taken as 0. */
export const MIN_COMMON = 8;

/** One goal metric's part in a leverage: its fit and c_g (weight × direction / Σ weights). */
export interface LeverageTerm {
  metric: string;
  fit: SensitivityFit;
  coefficient: number;
}

export interface LeverageUncertainty {
  stdError: number;
  /** Smallest residual degrees of freedom among the fits that contribute (for the t quantile). */
  df: number;
}

/**
 * FWL weights of one column's coefficient, by target row index; null when the column was not fitted.
 * Cached per fit and column, since each goal metric's fit serves every lever and both goal sets.
 */
export class InfluenceCache {
  private readonly cache = new Map<SensitivityFit, Map<number, Map<number, number> | null>>();

  weights(fit: SensitivityFit, column: number): Map<number, number> | null {
    let perFit = this.cache.get(fit);
    if (!perFit) {
      perFit = new Map();
      this.cache.set(fit, perFit);
    }
    if (!perFit.has(column)) perFit.set(column, influenceWeights(fit, column));
    return perFit.get(column) ?? null;
  }
}

function influenceWeights(fit: SensitivityFit, column: number): Map<number, number> | null {
  const detail = fit.detail;
  const k = detail ? detail.used.indexOf(column) : -1;
  if (!detail || k < 0 || fit.rows[column]?.coefficient === null) return null;
  const others = [...detail.columns.filter((_, i) => i !== k), ...detail.controls];
  const x = detail.columns[k];
  let z: number[];
  if (others.length === 0) {
    const m = x.reduce((s, v) => s + v, 0) / x.length;
    z = x.map((v) => v - m);
  } else {
    const partial = ols(x, others, { intercept: true, refinementSteps: 0 });
    z = x.map((v, i) => {
      let fitted = partial.interceptValue;
      others.forEach((col, j) => {
        const b = partial.coefficients[j];
        if (b !== null && b !== undefined) fitted += b * col[i];
      });
      return v - fitted;
    });
  }
  const zz = z.reduce((s, v) => s + v * v, 0);
  if (!(zz > 0)) return null;
  const weights = new Map<number, number>();
  detail.rows.forEach((s, i) => weights.set(s, z[i] / zz));
  return weights;
}

/**
 * Correlation of two fits' residuals over their common rows (0 with too few), uncentred as in
 * Zellner's SUR estimate: each fit's residuals already average 0 over its own rows, and re-centring
 * on the common rows would treat the two fits' means as estimated twice (docs/method.md §6).
 */
function residualCorrelation(a: SensitivityFit, b: SensitivityFit): number {
  if (a === b) return 1;
  const da = a.detail;
  const db = b.detail;
  if (!da || !db) return 0;
  const byRow = new Map<number, number>();
  da.rows.forEach((s, i) => byRow.set(s, da.residuals[i]));
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  let common = 0;
  db.rows.forEach((s, i) => {
    const ra = byRow.get(s);
    if (ra === undefined) return;
    const rb = db.residuals[i];
    sab += ra * rb;
    saa += ra * ra;
    sbb += rb * rb;
    common++;
  });
  if (common < MIN_COMMON || !(saa > 0) || !(sbb > 0)) return 0;
  return Math.max(-1, Math.min(1, sab / Math.sqrt(saa * sbb)));
}

/**
 * @param column the lever's index among the fits' columns
 * @param terms the goal metrics with estimates (terms whose fit has no estimate for the lever add nothing)
 * @returns null when no term has an estimate with a residual standard error
 */
export function leverageUncertainty(
  column: number,
  terms: readonly LeverageTerm[],
  cache: InfluenceCache = new InfluenceCache(),
): LeverageUncertainty | null {
  const parts = terms.flatMap((term) => {
    const detail = term.fit.detail;
    const scale = detail?.scale[column] ?? null;
    const weights = cache.weights(term.fit, column);
    if (!detail || detail.sigma === null || scale === null || weights === null || term.coefficient === 0) {
      return [];
    }
    return [{ fit: term.fit, c: term.coefficient * scale, sigma: detail.sigma, weights }];
  });
  if (parts.length === 0) return null;
  let variance = 0;
  for (const g of parts) {
    for (const h of parts) {
      const rho = residualCorrelation(g.fit, h.fit);
      if (rho === 0) continue;
      let cross = 0;
      const [small, large] =
        g.weights.size <= h.weights.size ? [g.weights, h.weights] : [h.weights, g.weights];
      for (const [s, a] of small) {
        const b = large.get(s);
        if (b !== undefined) cross += a * b;
      }
      variance += g.c * h.c * rho * g.sigma * h.sigma * cross;
    }
  }
  const df = Math.min(...parts.map((p) => p.fit.detail?.dfResidual ?? 0));
  if (!(variance >= 0) || !Number.isFinite(variance) || df <= 0) return null;
  return { stdError: Math.sqrt(variance), df };
}
