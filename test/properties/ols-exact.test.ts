/**
 * The regression (src/core/stats/ols.ts) against an exact rational solve on small random integer
 * problems: coefficients, standard errors and R² agree to (nearly) the last digit.
 */
import fc from "fast-check";
import { ols } from "../../src/core/stats/ols";
import { exactLeastSquares } from "../stats/exact-least-squares";

/** Correct significant digits of `got` against `want` (absolute error when want is 0), capped at 15. */
function lre(got: number, want: number): number {
  if (got === want) return 15;
  const error = want === 0 ? Math.abs(got) : Math.abs(got - want) / Math.abs(want);
  return Math.min(15, -Math.log10(error));
}

const problemArb = fc
  .record({ n: fc.integer({ min: 4, max: 12 }), p: fc.integer({ min: 1, max: 3 }), intercept: fc.boolean() })
  .filter(({ n, p, intercept }) => n > p + (intercept ? 1 : 0))
  .chain(({ n, p, intercept }) =>
    fc.record({
      intercept: fc.constant(intercept),
      y: fc.array(fc.integer({ min: -50, max: 50 }), { minLength: n, maxLength: n }),
      columns: fc.array(fc.array(fc.integer({ min: -20, max: 20 }), { minLength: n, maxLength: n }), {
        minLength: p,
        maxLength: p,
      }),
    }),
  );

/** Full column rank, checked exactly: the exact solve throws on singular normal equations. */
function exactOrNull(y: number[], columns: number[][], intercept: boolean) {
  try {
    return exactLeastSquares(y, columns, intercept);
  } catch {
    return null;
  }
}

test("ols matches the exact least-squares solution on small integer problems", () => {
  fc.assert(
    fc.property(problemArb, ({ y, columns, intercept }) => {
      const exact = exactOrNull(y, columns, intercept);
      fc.pre(exact !== null);
      const fit = ols(y, columns, { intercept });
      fc.pre(fit.dropped.length === 0); // numerically rank-deficient (near-collinear) problems aside
      const coefficients = intercept ? [fit.interceptValue, ...fit.coefficients] : fit.coefficients;
      exact!.coefficients.forEach((want, j) => {
        // Integer data: coefficients that are exactly 0 are compared absolutely.
        expect(lre(coefficients[j]!, want)).toBeGreaterThanOrEqual(want === 0 ? 13 : 12);
      });
      const errors = intercept ? [fit.interceptStandardError, ...fit.standardErrors] : fit.standardErrors;
      exact!.standardErrors.forEach((want, j) => {
        if (!Number.isFinite(want) || want === 0) return; // exact fit: no residual variance
        expect(lre(errors[j]!, want)).toBeGreaterThanOrEqual(11);
      });
      // R² lies in [0, 1]: near 0 its relative error is a poor measure (1 - SSres/SStot cancels),
      // so it must be right to 11 significant digits or to 1e-14 absolutely.
      if (Number.isFinite(exact!.r2) && fit.r2 !== null) {
        expect(lre(fit.r2, exact!.r2) >= 11 || Math.abs(fit.r2 - exact!.r2) <= 1e-14).toBe(true);
      }
    }),
    { numRuns: Number(process.env.FC_RUNS ?? 150) },
  );
});
