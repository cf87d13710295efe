/**
 * Householder QR with column pivoting (Businger & Golub 1965) and an explicit rank decision.
 *
 * A P = Q R, where A is n x m (column-major Float64Array), P a column permutation, Q a product of
 * Householder reflectors H_k = I - tau_k v_k v_k^T and R upper triangular. At step k a column
 * whose remaining part (rows k..n-1) is largest *relative to its own full length* is moved to
 * position k (within PIVOT_PREFERENCE_FACTOR of the largest, the lowest index wins). Pivoting on
 * relative length is Businger-Golub pivoting applied to the column-equilibrated matrix A D
 * (D = diag(1 / ||a_j||)) without forming it, so the choice and the rank decision do not depend
 * on the columns' units (dollars or millions of dollars). Householder QR itself is column-scale
 * invariant, so nothing is lost by not scaling the data.
 *
 * Rank decision: factorisation stops at the first step k with |R_kk| / ||a_pk|| <= tolerance,
 * which is |R_kk| <= tolerance * |R_00| for A D (there R_00 = 1); every column not yet taken is
 * then within 1 / PIVOT_PREFERENCE_FACTOR of the tolerance too. Columns from position k on are
 * numerically dependent on the first k; the reflectors are still applied to them, so their first
 * k rows hold R12 (used to explain what each dropped column depends on).
 *
 * References: P. Businger, G. H. Golub (1965), "Linear least squares solutions by Householder
 * transformations", Numer. Math. 7, 269-276; G. H. Golub, C. F. Van Loan, Matrix Computations,
 * 4th ed., section 5.4.2; LAPACK dgeqp3/dlaqp2 (norm downdating with recomputation), dlarfg.
 */

/** Result of householderQrPivoted; all arrays are owned by it. */
export interface PivotedQr {
  rows: number;
  cols: number;
  /**
   * n x m column-major: R on and above the diagonal (rows < rank are meaningful), the
   * Householder vectors v_k below the diagonal of column k (their leading 1 is implicit).
   */
  factors: Float64Array;
  /** tau_k of H_k = I - tau_k v_k v_k^T for k < rank (tau = 0 means H_k = I). */
  tau: Float64Array;
  /** permutation[k] = index in the input matrix of the column placed at position k. */
  permutation: Int32Array;
  /** Numerical rank: number of leading columns accepted by the rank decision. */
  rank: number;
  /** Euclidean lengths of the input columns. */
  columnNorms: Float64Array;
}

const EPS = 2 ** -52;
/** LAPACK's threshold for recomputing a downdated column norm (sqrt(eps)): below it, cancellation
 * in the downdate formula has eaten half the digits. */
const NORM_RECOMPUTE_THRESHOLD = Math.sqrt(EPS);
/**
 * Pivot choice prefers the caller's column order: take the lowest-index column whose relative
 * remaining length is at least this fraction of the largest ("threshold pivoting"). Pure
 * Businger-Golub (fraction 1) drops whichever column of a dependent set happens to be longest; with
 * 1/2, a dependent column is still never taken while an independent one is left (their relative
 * lengths differ by many orders of magnitude), but of a set like dummy columns plus the intercept,
 * or x1, x2 and a total x1 + x2, the later column is the one dropped, as users expect.
 * Householder QR is backward stable with any pivot order, so accuracy does not depend on this.
 */
const PIVOT_PREFERENCE_FACTOR = 0.5;

/**
 * Euclidean norm of data[start .. end-1], rescaled only when the plain sum of squares over- or
 * underflows.
 */
export function euclideanNorm(data: Float64Array, start: number, end: number): number {
  let sumOfSquares = 0;
  for (let i = start; i < end; i++) sumOfSquares += data[i] * data[i];
  if (sumOfSquares < Number.POSITIVE_INFINITY && sumOfSquares > 1e-280) return Math.sqrt(sumOfSquares);
  let scale = 0;
  for (let i = start; i < end; i++) scale = Math.max(scale, Math.abs(data[i]));
  if (scale === 0) return 0;
  let scaled = 0;
  for (let i = start; i < end; i++) {
    const t = data[i] / scale;
    scaled += t * t;
  }
  return scale * Math.sqrt(scaled);
}

/**
 * Factorises `matrix` (n x m, column-major) in place and returns it wrapped in a PivotedQr.
 * The caller must pass a copy if it still needs A.
 *
 * @param rankTolerance relative tolerance of the rank decision (see module comment); 0 stops only
 *   at an exactly zero remaining column.
 */
export function householderQrPivoted(
  matrix: Float64Array,
  rows: number,
  cols: number,
  rankTolerance: number,
): PivotedQr {
  const n = rows;
  const a = matrix;
  const tau = new Float64Array(Math.min(n, cols));
  const permutation = new Int32Array(cols);
  const columnNorms = new Float64Array(cols);
  // Norms of the remaining parts (downdated) and the values they were last recomputed at.
  const partialNorms = new Float64Array(cols);
  const recomputedNorms = new Float64Array(cols);
  for (let j = 0; j < cols; j++) {
    permutation[j] = j;
    columnNorms[j] = euclideanNorm(a, j * n, (j + 1) * n);
    partialNorms[j] = columnNorms[j];
    recomputedNorms[j] = columnNorms[j];
  }

  const steps = Math.min(n, cols);
  let rank = steps;
  for (let k = 0; k < steps; k++) {
    const pivot = choosePivot(k, cols, partialNorms, columnNorms, permutation);
    if (pivot !== k) {
      swapColumns(a, n, k, pivot);
      swap(permutation, k, pivot);
      swap(partialNorms, k, pivot);
      swap(recomputedNorms, k, pivot);
      swap(columnNorms, k, pivot);
    }

    const diagonal = k * n + k;
    const tailNorm = euclideanNorm(a, diagonal + 1, (k + 1) * n);
    const remainingLength = Math.hypot(a[diagonal], tailNorm);
    if (remainingLength <= rankTolerance * columnNorms[k] || remainingLength === 0) {
      rank = k;
      break;
    }

    makeReflector(a, n, k, tailNorm, tau);
    applyReflectorToTrailingColumns(a, n, k, tau[k], cols);
    downdateNorms(a, n, k, cols, partialNorms, recomputedNorms);
  }
  return { rows, cols, factors: a, tau, permutation, rank, columnNorms };
}

/** Position (>= k) of the next pivot: the lowest original index among the near-longest columns. */
function choosePivot(
  k: number,
  cols: number,
  partialNorms: Float64Array,
  columnNorms: Float64Array,
  permutation: Int32Array,
): number {
  let best = -1;
  for (let j = k; j < cols; j++) {
    const relative = columnNorms[j] === 0 ? 0 : partialNorms[j] / columnNorms[j];
    if (relative > best) best = relative;
  }
  let pivot = k;
  let pivotOriginalIndex = Number.POSITIVE_INFINITY;
  for (let j = k; j < cols; j++) {
    const relative = columnNorms[j] === 0 ? 0 : partialNorms[j] / columnNorms[j];
    if (relative >= best * PIVOT_PREFERENCE_FACTOR && permutation[j] < pivotOriginalIndex) {
      pivot = j;
      pivotOriginalIndex = permutation[j];
    }
  }
  return pivot;
}

/**
 * LAPACK dlarfg on column k: chooses beta = -sign(alpha) ||x|| (no cancellation in alpha - beta),
 * tau = (beta - alpha) / beta, v = [1; x_tail / (alpha - beta)]; stores beta as R_kk.
 */
function makeReflector(a: Float64Array, n: number, k: number, tailNorm: number, tau: Float64Array): void {
  const diagonal = k * n + k;
  const alpha = a[diagonal];
  if (tailNorm === 0) {
    tau[k] = 0;
    return;
  }
  const beta = alpha >= 0 ? -Math.hypot(alpha, tailNorm) : Math.hypot(alpha, tailNorm);
  tau[k] = (beta - alpha) / beta;
  const scale = 1 / (alpha - beta);
  const end = (k + 1) * n;
  for (let i = diagonal + 1; i < end; i++) a[i] *= scale;
  a[diagonal] = beta;
}

/**
 * Applies H_k = I - tau v v^T (v stored below the diagonal of column k of `factors`) to the
 * length-n vector held in `target` from offset `targetOffset` (rows k..n-1 change).
 */
export function applyReflector(
  factors: Float64Array,
  n: number,
  k: number,
  tauK: number,
  target: Float64Array,
  targetOffset: number,
): void {
  if (tauK === 0) return;
  const vStart = k * n + k + 1;
  const tStart = targetOffset + k + 1;
  const count = n - k - 1;
  let w = target[targetOffset + k];
  for (let i = 0; i < count; i++) w += factors[vStart + i] * target[tStart + i];
  w *= tauK;
  target[targetOffset + k] -= w;
  for (let i = 0; i < count; i++) target[tStart + i] -= w * factors[vStart + i];
}

/**
 * Applies H_k to columns k+1..cols-1 of the factorisation, four columns per pass so that each
 * element of v_k is loaded once for both (the QR is memory-bound on tall matrices).
 */
function applyReflectorToTrailingColumns(
  a: Float64Array,
  n: number,
  k: number,
  tauK: number,
  cols: number,
): void {
  if (tauK === 0) return;
  const vStart = k * n + k + 1;
  const count = n - k - 1;
  let j = k + 1;
  for (; j + 3 < cols; j += 4) {
    const c1 = j * n + k;
    const c2 = c1 + n;
    const c3 = c2 + n;
    const c4 = c3 + n;
    let w1 = a[c1];
    let w2 = a[c2];
    let w3 = a[c3];
    let w4 = a[c4];
    for (let i = 1; i <= count; i++) {
      const v = a[vStart + i - 1];
      w1 += v * a[c1 + i];
      w2 += v * a[c2 + i];
      w3 += v * a[c3 + i];
      w4 += v * a[c4 + i];
    }
    w1 *= tauK;
    w2 *= tauK;
    w3 *= tauK;
    w4 *= tauK;
    a[c1] -= w1;
    a[c2] -= w2;
    a[c3] -= w3;
    a[c4] -= w4;
    for (let i = 1; i <= count; i++) {
      const v = a[vStart + i - 1];
      a[c1 + i] -= w1 * v;
      a[c2 + i] -= w2 * v;
      a[c3 + i] -= w3 * v;
      a[c4 + i] -= w4 * v;
    }
  }
  for (; j < cols; j++) applyReflector(a, n, k, tauK, a, j * n);
}

/** LAPACK dlaqp2's downdate ||x(k+1:)||^2 = ||x(k:)||^2 - R_kj^2, recomputed when it cancels. */
function downdateNorms(
  a: Float64Array,
  n: number,
  k: number,
  cols: number,
  partialNorms: Float64Array,
  recomputedNorms: Float64Array,
): void {
  for (let j = k + 1; j < cols; j++) {
    if (partialNorms[j] === 0) continue;
    const ratio = Math.abs(a[j * n + k]) / partialNorms[j];
    const remainingFraction = Math.max(0, (1 - ratio) * (1 + ratio));
    const drift = partialNorms[j] / recomputedNorms[j];
    if (remainingFraction * drift * drift <= NORM_RECOMPUTE_THRESHOLD) {
      partialNorms[j] = euclideanNorm(a, j * n + k + 1, (j + 1) * n);
      recomputedNorms[j] = partialNorms[j];
    } else {
      partialNorms[j] *= Math.sqrt(remainingFraction);
    }
  }
}

function swapColumns(a: Float64Array, n: number, p: number, q: number): void {
  const pOffset = p * n;
  const qOffset = q * n;
  for (let i = 0; i < n; i++) {
    const t = a[pOffset + i];
    a[pOffset + i] = a[qOffset + i];
    a[qOffset + i] = t;
  }
}

function swap(values: Float64Array | Int32Array, p: number, q: number): void {
  const t = values[p];
  values[p] = values[q];
  values[q] = t;
}

/** Overwrites the length-n vector with Q^T vector (H_{rank-1} ... H_0 vector). */
export function applyQTranspose(qr: PivotedQr, vector: Float64Array): void {
  for (let k = 0; k < qr.rank; k++) applyReflector(qr.factors, qr.rows, k, qr.tau[k], vector, 0);
}

/** Overwrites the length-n vector with Q vector (H_0 ... H_{rank-1} vector). */
export function applyQ(qr: PivotedQr, vector: Float64Array): void {
  for (let k = qr.rank - 1; k >= 0; k--) applyReflector(qr.factors, qr.rows, k, qr.tau[k], vector, 0);
}

/** Solves R11 x = rhs in place (R11 = leading rank x rank block of R; back substitution). */
export function solveUpper(qr: PivotedQr, rhs: Float64Array): void {
  const { factors, rows: n, rank } = qr;
  for (let k = rank - 1; k >= 0; k--) {
    const value = rhs[k] / factors[k * n + k];
    rhs[k] = value;
    const columnOffset = k * n;
    for (let i = 0; i < k; i++) rhs[i] -= factors[columnOffset + i] * value;
  }
}

/** Solves R11^T x = rhs in place (forward substitution). */
export function solveUpperTranspose(qr: PivotedQr, rhs: Float64Array): void {
  const { factors, rows: n, rank } = qr;
  for (let k = 0; k < rank; k++) {
    const columnOffset = k * n;
    let value = rhs[k];
    for (let i = 0; i < k; i++) value -= factors[columnOffset + i] * rhs[i];
    rhs[k] = value / factors[columnOffset + k];
  }
}

/** R11^-1 as a rank x rank column-major upper-triangular array (column j solves R11 z = e_j). */
export function upperInverse(qr: PivotedQr): Float64Array {
  const { factors, rows: n, rank } = qr;
  const inverse = new Float64Array(rank * rank);
  for (let j = 0; j < rank; j++) {
    const column = j * rank;
    inverse[column + j] = 1 / factors[j * n + j];
    for (let k = j - 1; k >= 0; k--) {
      let sum = 0;
      for (let l = k + 1; l <= j; l++) sum += factors[l * n + k] * inverse[column + l];
      inverse[column + k] = -sum / factors[k * n + k];
    }
  }
  return inverse;
}
