/**
 * Lag check: does a metric's regression on the levers fit clearly better at a lag other than the one
 * declared on the Metrics sheet? Compares adjusted R² (so fits over different numbers of periods and
 * levers stay comparable) at k = 0 … max(3, declared + 2), in the metric's own form (levels or
 * changes, without season terms), and reports the best k when it beats the
 * declared lag by at least MIN_GAIN. Informational only: the analysis always uses the declared lag.
 */
import type { Series } from "./lag";
import { regressLagged, type FittedForm, type SensitivityFit } from "./sensitivity";

/** Adjusted-R² improvement needed before a different lag is suggested. */
export const MIN_GAIN = 0.2;

export function adjustedR2(fit: SensitivityFit): number | null {
  if (fit.method !== "ols" || fit.r2 === null) return null;
  const p = fit.rows.filter((r) => r.coefficient !== null).length;
  const df = fit.n - p - 1;
  if (df <= 0) return null;
  return 1 - ((1 - fit.r2) * (fit.n - 1)) / df;
}

export interface LagSuggestion {
  declared: number;
  declaredAdjustedR2: number;
  best: number;
  bestAdjustedR2: number;
}

export function checkLag(
  metric: Series,
  levers: readonly Series[],
  declared: number,
  declaredFit: SensitivityFit,
  options: { endIndex: number; minDegreesOfFreedom: number; form?: FittedForm; periods?: readonly number[] },
): LagSuggestion | null {
  const base = adjustedR2(declaredFit);
  if (base === null) return null;
  let best = declared;
  let bestValue = base;
  const top = Math.max(3, declared + 2);
  for (let k = 0; k <= top; k++) {
    if (k === declared) continue;
    const fit = regressLagged(metric, levers, k, {
      ...options,
      significanceLevel: 0.05,
      precision: "screening",
    });
    const value = adjustedR2(fit);
    if (value !== null && value > bestValue) {
      best = k;
      bestValue = value;
    }
  }
  if (best === declared || bestValue - base < MIN_GAIN) return null;
  return { declared, declaredAdjustedR2: base, best, bestAdjustedR2: bestValue };
}
