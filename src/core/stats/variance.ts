/**
 * Variance factors of the coefficients: the diagonal of G = (A^T A)^-1 over the kept columns, so
 * that SE_j = sigma * sqrt(G_jj).
 *
 * G0 = R^-1 R^-T from the Householder R is the inverse Gram matrix of a slightly perturbed A, so
 * its entries carry a relative error of order cond(A) * eps (about 1e-12 on NIST Longley and
 * 4e-14 on Wampler3-5, one to two digits short of what the double inputs allow). One
 * Newton-Schulz step
 *
 *     G1 = G0 + G0 (I - M G0),   M = A^T A formed in double-double,
 *
 * squares that error: G - G1 = (G - G0) M (G - G0), so ||M^1/2 (G - G1) M^1/2|| is the square of
 * the same quantity for G0, about (cond(A) eps)^2. The residual I - M G0 must be computed in
 * double-double (it is the difference of two nearly equal matrices); the correction G0 (I - M G0)
 * is small and is formed in double.
 *
 * References: G. Schulz (1933), "Iterative Berechnung der reziproken Matrix", ZAMM 13, 57-59;
 * N. J. Higham, Accuracy and Stability of Numerical Algorithms, 2nd ed., SIAM 2002, sections 14.1
 * and 20.3 (the perturbation of (A^T A)^-1 by the QR backward error).
 */
import { SPLITTER } from "./ddouble";
import { type PivotedQr, upperInverse } from "./householder";

/** Rows per block of the Gram accumulation: a block of all kept columns stays in cache. */
const GRAM_ROW_BLOCK = 512;

/**
 * Diagonal of (A_kept^T A_kept)^-1 in pivoted order (position k is design column
 * qr.permutation[k]).
 *
 * @param refine apply the Newton-Schulz step (costs one pass over A in double-double,
 *   n * rank^2 / 2 exact products); without it, the plain R^-1 R^-T diagonal.
 */
export function varianceFactors(design: Float64Array, qr: PivotedQr, refine: boolean): Float64Array {
  const rank = qr.rank;
  const inverse = upperInverse(qr);
  const g0 = new Float64Array(rank * rank);
  for (let i = 0; i < rank; i++) {
    for (let j = i; j < rank; j++) {
      // (R^-1 R^-T)_ij = sum over l >= max(i, j) of Rinv_il Rinv_jl (Rinv upper triangular).
      let sum = 0;
      for (let l = j; l < rank; l++) sum += inverse[l * rank + i] * inverse[l * rank + j];
      g0[j * rank + i] = sum;
      g0[i * rank + j] = sum;
    }
  }
  const diagonal = new Float64Array(rank);
  for (let j = 0; j < rank; j++) diagonal[j] = g0[j * rank + j];
  if (!refine || rank === 0) return diagonal;

  const gram = gramDoubleDouble(design, qr);
  const residual = identityMinusProduct(gram.high, gram.low, g0, rank);
  for (let j = 0; j < rank; j++) {
    let correction = 0;
    for (let l = 0; l < rank; l++) correction += g0[l * rank + j] * residual[j * rank + l];
    const refined = diagonal[j] + correction;
    // A correction that is not small means the step cannot be trusted (cond(A) * eps near 1).
    if (refined > 0 && Math.abs(correction) < 1e-3 * diagonal[j]) diagonal[j] = refined;
  }
  return diagonal;
}

/**
 * M = A_kept^T A_kept as high + low parts (symmetric, column-major rank x rank), every product
 * exact (Dekker) and every sum compensated (Knuth TwoSum), accumulated block by block of rows.
 */
function gramDoubleDouble(design: Float64Array, qr: PivotedQr): { high: Float64Array; low: Float64Array } {
  const { rows: n, rank, permutation } = qr;
  const high = new Float64Array(rank * rank);
  const low = new Float64Array(rank * rank);
  const blockHigh = new Float64Array(GRAM_ROW_BLOCK * rank);
  const blockValue = new Float64Array(GRAM_ROW_BLOCK * rank);
  for (let start = 0; start < n; start += GRAM_ROW_BLOCK) {
    const count = Math.min(GRAM_ROW_BLOCK, n - start);
    for (let k = 0; k < rank; k++) {
      const offset = permutation[k] * n + start;
      for (let i = 0; i < count; i++) {
        const value = design[offset + i];
        const c = SPLITTER * value;
        blockValue[k * GRAM_ROW_BLOCK + i] = value;
        blockHigh[k * GRAM_ROW_BLOCK + i] = c - (c - value);
      }
    }
    for (let a = 0; a < rank; a++) {
      const aOffset = a * GRAM_ROW_BLOCK;
      for (let b = a; b < rank; b++) {
        const bOffset = b * GRAM_ROW_BLOCK;
        let sumHigh = high[b * rank + a];
        let sumLow = low[b * rank + a];
        for (let i = 0; i < count; i++) {
          const x = blockValue[aOffset + i];
          const xHigh = blockHigh[aOffset + i];
          const xLow = x - xHigh;
          const y = blockValue[bOffset + i];
          const yHigh = blockHigh[bOffset + i];
          const yLow = y - yHigh;
          const product = x * y;
          const productError = xHigh * yHigh - product + xHigh * yLow + xLow * yHigh + xLow * yLow;
          const s = sumHigh + product;
          const z = s - sumHigh;
          sumLow += sumHigh - (s - z) + (product - z) + productError;
          sumHigh = s;
        }
        high[b * rank + a] = sumHigh;
        low[b * rank + a] = sumLow;
      }
    }
  }
  for (let a = 0; a < rank; a++) {
    for (let b = a; b < rank; b++) {
      const s = high[b * rank + a] + low[b * rank + a];
      const lowPart = low[b * rank + a] - (s - high[b * rank + a]);
      high[b * rank + a] = high[a * rank + b] = s;
      low[b * rank + a] = low[a * rank + b] = lowPart;
    }
  }
  return { high, low };
}

/** I - (high + low) G0 in double-double, rounded to double (column-major rank x rank). */
function identityMinusProduct(
  high: Float64Array,
  low: Float64Array,
  g0: Float64Array,
  rank: number,
): Float64Array {
  const result = new Float64Array(rank * rank);
  for (let j = 0; j < rank; j++) {
    for (let i = 0; i < rank; i++) {
      let sumHigh = i === j ? 1 : 0;
      let sumLow = 0;
      for (let l = 0; l < rank; l++) {
        const m = -high[l * rank + i];
        const g = g0[j * rank + l];
        const product = m * g;
        const cm = SPLITTER * m;
        const mHigh = cm - (cm - m);
        const mLow = m - mHigh;
        const cg = SPLITTER * g;
        const gHigh = cg - (cg - g);
        const gLow = g - gHigh;
        const productError = mHigh * gHigh - product + mHigh * gLow + mLow * gHigh + mLow * gLow;
        const s = sumHigh + product;
        const z = s - sumHigh;
        sumLow += sumHigh - (s - z) + (product - z) + productError - low[l * rank + i] * g;
        sumHigh = s;
      }
      result[j * rank + i] = sumHigh + sumLow;
    }
  }
  return result;
}
