/**
 * Upper tail of the F distribution, P(F(d1, d2) ≥ f), for nested-model F tests (season-of-year terms,
 * docs/method.md §2b). Computed as the regularized incomplete beta function
 *
 *   P(F ≥ f) = I_{d2 / (d2 + d1 f)}(d2 / 2, d1 / 2)
 *
 * (Abramowitz & Stegun 26.6.2) with @stdlib's betainc, which evaluates the upper or lower tail
 * directly, so small p-values keep their relative accuracy.
 */
import betainc from "@stdlib/math-base-special-betainc";

/** null when the degrees of freedom are not positive finite numbers or f is not a number ≥ 0. */
export function fUpperTail(f: number, d1: number, d2: number): number | null {
  if (!(Number.isFinite(d1) && d1 > 0 && Number.isFinite(d2) && d2 > 0)) return null;
  if (Number.isNaN(f) || f < 0) return null;
  if (f === Infinity) return 0;
  const x = d2 / (d2 + d1 * f);
  const p = betainc(x, d2 / 2, d1 / 2, true, false);
  return Number.isFinite(p) ? Math.min(1, Math.max(0, p)) : null;
}
