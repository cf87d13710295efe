/**
 * Inference for one coefficient: standard error, t statistic, two-sided p-value and 95%
 * confidence interval, with null wherever the value is undefined.
 *
 * Conventions (shared with ols.ts):
 * - dfResidual <= 0: the residual variance is undefined, so SE, t, p and the interval are null
 *   (LINEST shows #NUM! there).
 * - Residual sum of squares exactly 0 with dfResidual > 0 (an exact fit): SE = 0, the interval
 *   collapses to the estimate, and t and p are null because coefficient / 0 is undefined (LINEST
 *   shows #NUM! for the F statistic in that case).
 */
import { twoSidedPValue } from "./tdist";

export interface CoefficientInference {
  standardError: number | null;
  tStatistic: number | null;
  pValue: number | null;
  ciLow: number | null;
  ciHigh: number | null;
}

/**
 * @param varianceFactor the coefficient's diagonal entry of (A^T A)^-1.
 * @param residualVariance SSres / dfResidual, or null when dfResidual <= 0.
 * @param criticalValue the t quantile for the interval (2.228... for df = 10), or null.
 */
export function coefficientInference(
  estimate: number,
  varianceFactor: number,
  residualVariance: number | null,
  dfResidual: number,
  criticalValue: number | null,
): CoefficientInference {
  if (residualVariance === null) {
    return { standardError: null, tStatistic: null, pValue: null, ciLow: null, ciHigh: null };
  }
  const standardError = finiteOrNull(Math.sqrt(residualVariance * varianceFactor));
  if (standardError === null) {
    return { standardError, tStatistic: null, pValue: null, ciLow: null, ciHigh: null };
  }
  const tStatistic = standardError === 0 ? null : finiteOrNull(estimate / standardError);
  const pValue = tStatistic === null ? null : twoSidedPValue(tStatistic, dfResidual);
  const halfWidth = criticalValue === null ? null : finiteOrNull(criticalValue * standardError);
  return {
    standardError,
    tStatistic,
    pValue,
    ciLow: halfWidth === null ? null : finiteOrNull(estimate - halfWidth),
    ciHigh: halfWidth === null ? null : finiteOrNull(estimate + halfWidth),
  };
}

/** The value, or null when it is NaN or infinite. */
export function finiteOrNull(value: number): number | null {
  return Number.isFinite(value) ? value : null;
}
