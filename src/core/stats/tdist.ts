/**
 * Student's t distribution: the few functions a regression report needs, as thin wrappers over
 * the stdlib implementations (@stdlib/stats-base-dists-t-cdf, -t-quantile; incomplete beta
 * function based, accurate to a few ulps), so that p-values and intervals are not hand-rolled
 * approximations.
 *
 * Every function returns null where the value is undefined (degrees of freedom not a positive
 * finite number, a non-finite t), never NaN.
 */
import tCdf from "@stdlib/stats-base-dists-t-cdf";
import tQuantile from "@stdlib/stats-base-dists-t-quantile";

function validDegreesOfFreedom(df: number): boolean {
  return Number.isFinite(df) && df > 0;
}

/** P(T <= t) for T ~ t(df). */
export function studentTCdf(t: number, df: number): number | null {
  if (!validDegreesOfFreedom(df) || Number.isNaN(t)) return null;
  const value = tCdf(t, df);
  return Number.isFinite(value) ? value : null;
}

/**
 * Two-sided p-value P(|T| >= |t|) = 2 F(-|t|). Evaluating the lower tail directly avoids the
 * cancellation in 2 (1 - F(|t|)), which would round every p-value below about 1e-16 to 0 and lose
 * relative accuracy well before that.
 */
export function twoSidedPValue(t: number, df: number): number | null {
  if (!validDegreesOfFreedom(df) || !Number.isFinite(t)) return null;
  const value = 2 * tCdf(-Math.abs(t), df);
  return Number.isFinite(value) ? Math.min(1, value) : null;
}

/** Quantile F^-1(probability) for T ~ t(df); probability in (0, 1). */
export function studentTQuantile(probability: number, df: number): number | null {
  if (!validDegreesOfFreedom(df) || !(probability > 0 && probability < 1)) return null;
  const value = tQuantile(probability, df);
  return Number.isFinite(value) ? value : null;
}

/**
 * Critical value c with P(|T| <= c) = confidence, i.e. F^-1((1 + confidence) / 2): the half-width
 * of a two-sided confidence interval in standard errors (2.228... for 95% and df = 10).
 */
export function twoSidedCriticalValue(confidence: number, df: number): number | null {
  if (!(confidence > 0 && confidence < 1)) return null;
  return studentTQuantile(0.5 + confidence / 2, df);
}
