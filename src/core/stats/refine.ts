/**
 * Least-squares solution from a pivoted QR, refined through the augmented system (Björck 1967):
 *
 *     [ I   A ] [ r ]   [ b ]
 *     [ A^T 0 ] [ x ] = [ 0 ]
 *
 * Each step computes, in double-double arithmetic (ddouble.ts),
 *     f = b - r - A x,   g = -A^T r,
 * and solves the same system for corrections (dr, dx) with the existing factors A P = Q [R; 0]:
 *     R^T h = g,   d = Q^T f = [d1; d2],   dx = R^-1 (d1 - h),   dr = Q [h; d2].
 * Refining x and r together, rather than x alone (x += QR-solve of b - A x), keeps converging on
 * problems with large residuals, where the error term in cond(A)^2 * |r| dominates (NIST Longley,
 * Wampler3-5). Convergence needs roughly cond(A) * eps < 1 (Björck, Numerical Methods for Least
 * Squares Problems, SIAM 1996, section 2.9).
 *
 * References: Å. Björck (1967), "Iterative refinement of linear least squares solutions I",
 * BIT 7, 257-278; Å. Björck, G. H. Golub (1967), "Iterative refinement of linear least squares
 * solutions by Householder transformation", BIT 7, 322-337.
 */
import { SPLITTER } from "./ddouble";
import { applyQ, applyQTranspose, type PivotedQr, solveUpper, solveUpperTranspose } from "./householder";

export interface RefinedSolution {
  /** Coefficients by pivoted position k < rank (position k belongs to design column permutation[k]). */
  coefficients: Float64Array;
  /** Residuals b - A x, refined together with x. */
  residuals: Float64Array;
  /** Refinement steps whose correction was applied. */
  stepsApplied: number;
}

const EPS = 2 ** -52;

/**
 * Solves min ||b - A x|| over the first qr.rank pivoted columns and refines the solution.
 *
 * @param design the original n x m column-major A (not the factorised copy).
 * @param maxSteps at most this many refinement steps; stops earlier once a correction no longer
 *   changes any coefficient by more than eps relative, or stops contracting (no convergence).
 */
export function solveAndRefine(
  design: Float64Array,
  qr: PivotedQr,
  b: ArrayLike<number>,
  maxSteps: number,
): RefinedSolution {
  const n = qr.rows;
  const rank = qr.rank;
  const coefficients = new Float64Array(rank);
  const residuals = new Float64Array(n);

  // Plain QR solution: d = Q^T b, x = R^-1 d1, r = Q [0; d2].
  const d = Float64Array.from(b);
  applyQTranspose(qr, d);
  for (let k = 0; k < rank; k++) coefficients[k] = d[k];
  solveUpper(qr, coefficients);
  residuals.set(d);
  residuals.fill(0, 0, rank);
  applyQ(qr, residuals);

  const f = new Float64Array(n);
  const g = new Float64Array(rank);
  const h = new Float64Array(rank);
  let previousCorrection = Number.POSITIVE_INFINITY;
  let stepsApplied = 0;
  for (let step = 0; step < maxSteps; step++) {
    augmentedResiduals(design, qr, b, coefficients, residuals, f, g);

    h.set(g);
    solveUpperTranspose(qr, h);
    applyQTranspose(qr, f); // f now holds d = Q^T f
    const dx = new Float64Array(rank);
    for (let k = 0; k < rank; k++) dx[k] = f[k] - h[k];
    solveUpper(qr, dx);
    for (let k = 0; k < rank; k++) f[k] = h[k];
    applyQ(qr, f); // f now holds dr = Q [h; d2]

    const correction = relativeCorrection(dx, coefficients);
    if (correction > previousCorrection) break; // diverging: cond(A) * eps is too large
    for (let k = 0; k < rank; k++) coefficients[k] += dx[k];
    for (let i = 0; i < n; i++) residuals[i] += f[i];
    stepsApplied++;
    if (correction <= EPS) break;
    previousCorrection = correction;
  }
  if (maxSteps > 0) settleExactFit(design, qr, b, coefficients, residuals);
  return { coefficients, residuals, stepsApplied };
}

/**
 * When x reproduces b exactly (an exact fit such as y = 2 + 3x, or NIST Wampler1), the iterate r
 * converges towards 0 but stops at rounding dust (1e-46, say), which would turn "SE = 0, t
 * undefined" into absurd t statistics. For fits whose residuals are already below eps * ||b||,
 * compute b - A x exactly (double-double) and, when it vanishes in every row, make r exactly 0.
 */
function settleExactFit(
  design: Float64Array,
  qr: PivotedQr,
  b: ArrayLike<number>,
  x: Float64Array,
  r: Float64Array,
): void {
  let residualSquares = 0;
  let bSquares = 0;
  for (let i = 0; i < r.length; i++) {
    residualSquares += r[i] * r[i];
    bSquares += b[i] * b[i];
  }
  if (residualSquares === 0 || residualSquares > EPS * EPS * bSquares) return;
  const exactResidual = new Float64Array(r.length);
  augmentedResiduals(design, qr, b, x, new Float64Array(r.length), exactResidual, new Float64Array(qr.rank));
  if (exactResidual.every((value) => value === 0)) r.fill(0);
}

/** max_k |dx_k| / |x_k| (0/0 = 0; a change to an exact zero counts as large). */
function relativeCorrection(dx: Float64Array, x: Float64Array): number {
  let largest = 0;
  for (let k = 0; k < dx.length; k++) {
    if (dx[k] === 0) continue;
    const relative = x[k] === 0 ? Number.POSITIVE_INFINITY : Math.abs(dx[k] / x[k]);
    if (relative > largest) largest = relative;
  }
  return largest;
}

/**
 * f = b - r - A x and g = -A^T r, both accumulated in double-double (Dekker TwoProduct and Knuth
 * TwoSum inlined; see ddouble.ts for the reference versions) and rounded to double at the end.
 * One pass over each kept column of A serves both, which halves the memory traffic.
 */
export function augmentedResiduals(
  design: Float64Array,
  qr: PivotedQr,
  b: ArrayLike<number>,
  x: Float64Array,
  r: Float64Array,
  f: Float64Array,
  g: Float64Array,
): void {
  const n = qr.rows;
  const fLow = new Float64Array(n);
  const rHigh = new Float64Array(n);
  const rLow = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    // f_i starts as b_i - r_i, exactly (TwoSum).
    const bi = b[i];
    const minusR = -r[i];
    const s = bi + minusR;
    const z = s - bi;
    f[i] = s;
    fLow[i] = bi - (s - z) + (minusR - z);
    // Veltkamp split of r_i, reused by every column's product a_ij * r_i.
    const c = SPLITTER * r[i];
    const hi = c - (c - r[i]);
    rHigh[i] = hi;
    rLow[i] = r[i] - hi;
  }

  for (let k = 0; k < qr.rank; k++) {
    const offset = qr.permutation[k] * n;
    const xk = -x[k];
    const cx = SPLITTER * xk;
    const xHigh = cx - (cx - xk);
    const xLow = xk - xHigh;
    let gHigh = 0;
    let gLow = 0;
    for (let i = 0; i < n; i++) {
      const aij = design[offset + i];
      const ca = SPLITTER * aij;
      const aHigh = ca - (ca - aij);
      const aLow = aij - aHigh;

      // f_i += a_ij * (-x_k), exactly as p + pError, then TwoSum into f_i.
      const p = aij * xk;
      const pError = aHigh * xHigh - p + aHigh * xLow + aLow * xHigh + aLow * xLow;
      const fi = f[i];
      const s = fi + p;
      const z = s - fi;
      f[i] = s;
      fLow[i] += fi - (s - z) + (p - z) + pError;

      // g_k += a_ij * r_i, likewise.
      const q = aij * r[i];
      const qError = aHigh * rHigh[i] - q + aHigh * rLow[i] + aLow * rHigh[i] + aLow * rLow[i];
      const t = gHigh + q;
      const w = t - gHigh;
      gLow += gHigh - (t - w) + (q - w) + qError;
      gHigh = t;
    }
    g[k] = -(gHigh + gLow);
  }
  for (let i = 0; i < n; i++) f[i] += fLow[i];
}
