/**
 * Standard normal distribution function Φ(x) = P(Z <= x) = erfc(-x / √2) / 2.
 *
 * Written through the complementary error function so that both tails keep full relative
 * accuracy (1 - Φ(x) = erfc(x / √2) / 2 never cancels); erfc is @stdlib/math-base-special-erfc
 * (FreeBSD msun's rational approximations, accurate to about 1 ulp). scipy's `norm.cdf` (cephes
 * `ndtr`) is the same formula.
 *
 * Reference: Abramowitz & Stegun (1964), Handbook of Mathematical Functions, 26.2.2 and 7.1.2.
 */
import erfc from "@stdlib/math-base-special-erfc";

/** Φ(x); NaN in, NaN out (callers validate). Φ(-∞) = 0, Φ(+∞) = 1. */
export function normalCdf(x: number): number {
  return 0.5 * erfc(-x * Math.SQRT1_2);
}
