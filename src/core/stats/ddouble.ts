/**
 * Error-free transformations and double-double ("compensated") accumulation.
 *
 * A double-double value is an unevaluated sum hi + lo with |lo| <= ulp(hi)/2: about 106 bits of
 * significand from two ordinary doubles. The least-squares refinement (refine.ts) needs residuals
 * b - r - A x and A^T r whose terms cancel almost completely; computed in plain double they are
 * pure rounding noise, computed here they are accurate to about eps^2 * sum |terms|.
 *
 * References:
 * - T. J. Dekker (1971), "A floating-point technique for extending the available precision",
 *   Numerische Mathematik 18, 224-242 (Split, TwoProduct, FastTwoSum).
 * - D. E. Knuth, TAOCP vol. 2, section 4.2.2 (TwoSum without a magnitude test).
 * - T. Ogita, S. M. Rump, S. Oishi (2005), "Accurate sum and dot product",
 *   SIAM J. Sci. Comput. 26(6), 1955-1988 (Sum2 / Dot2: result as if computed in twice the
 *   working precision, then rounded).
 *
 * The hot loops in refine.ts inline these formulas for speed; the functions here are the
 * reference versions, used everywhere speed does not matter and by the tests.
 *
 * Valid for finite inputs whose products neither overflow nor underflow (|a| below about
 * 1e300 for Split); regression data in a spreadsheet is far inside that range.
 */

/** A double-double number hi + lo. */
export interface DoubleDouble {
  hi: number;
  lo: number;
}

/** 2^27 + 1: Veltkamp's splitting constant for binary64 (53 = 26 + 27 bits). */
export const SPLITTER = 134217729;

/**
 * TwoSum (Knuth): s = fl(a + b) and e with a + b = s + e exactly, for any a, b.
 * s = a + b; z = s - a; e = (a - (s - z)) + (b - z).
 */
export function twoSum(a: number, b: number): DoubleDouble {
  const s = a + b;
  const z = s - a;
  return { hi: s, lo: a - (s - z) + (b - z) };
}

/**
 * Split (Veltkamp/Dekker): a = hi + lo where hi and lo each fit in 26 bits, so that any product
 * of two halves is exact. c = SPLITTER * a; hi = c - (c - a); lo = a - hi.
 */
export function split(a: number): DoubleDouble {
  const c = SPLITTER * a;
  const hi = c - (c - a);
  return { hi, lo: a - hi };
}

/**
 * TwoProduct (Dekker): p = fl(a * b) and e with a * b = p + e exactly (no FMA needed).
 * e = ((ah*bh - p) + ah*bl + al*bh) + al*bl with a = ah + al, b = bh + bl from split().
 */
export function twoProduct(a: number, b: number): DoubleDouble {
  const p = a * b;
  const ca = SPLITTER * a;
  const ah = ca - (ca - a);
  const al = a - ah;
  const cb = SPLITTER * b;
  const bh = cb - (cb - b);
  const bl = b - bh;
  return { hi: p, lo: ah * bh - p + ah * bl + al * bh + al * bl };
}

/**
 * Mutable double-double accumulator (Ogita-Rump-Oishi Sum2/Dot2 pattern): the running sum is
 * carried in `hi` by TwoSum, the exact rounding errors of every step are added into `lo`.
 * The final value hi + lo is as accurate as if computed in double-double and then rounded.
 */
export class CompensatedSum {
  hi = 0;
  lo = 0;

  /** Adds a double exactly into the running sum (error kept in lo). */
  add(value: number): this {
    const s = this.hi + value;
    const z = s - this.hi;
    this.lo += this.hi - (s - z) + (value - z);
    this.hi = s;
    return this;
  }

  /** Adds the product a * b, whose rounding error is kept too (TwoProduct + TwoSum). */
  addProduct(a: number, b: number): this {
    const product = twoProduct(a, b);
    this.add(product.hi);
    this.lo += product.lo;
    return this;
  }

  /** Adds a double-double value. */
  addDoubleDouble(value: DoubleDouble): this {
    this.add(value.hi);
    this.lo += value.lo;
    return this;
  }

  /** The sum as a normalised double-double (FastTwoSum of hi and lo). */
  toDoubleDouble(): DoubleDouble {
    const s = this.hi + this.lo;
    return { hi: s, lo: this.lo - (s - this.hi) };
  }

  /** The sum rounded to a double. */
  value(): number {
    return this.hi + this.lo;
  }
}

/** Sum of values, accurate as if computed in double-double (Ogita-Rump-Oishi Sum2). */
export function compensatedSum(values: ArrayLike<number>): number {
  const acc = new CompensatedSum();
  for (let i = 0; i < values.length; i++) acc.add(values[i]);
  return acc.value();
}

/** Dot product sum x_i * y_i, accurate as if computed in double-double (Ogita-Rump-Oishi Dot2). */
export function compensatedDot(x: ArrayLike<number>, y: ArrayLike<number>): number {
  return compensatedDotDoubleDouble(x, y).hi;
}

/** As compensatedDot, returning the double-double sum (hi + lo, normalised). */
export function compensatedDotDoubleDouble(x: ArrayLike<number>, y: ArrayLike<number>): DoubleDouble {
  const acc = new CompensatedSum();
  for (let i = 0; i < x.length; i++) acc.addProduct(x[i], y[i]);
  return acc.toDoubleDouble();
}

/**
 * Sum of squares about a centre c, sum (x_i - c)^2, with each deviation x_i - c kept exactly as
 * a double-double (TwoSum) before squaring. Used for the centred total sum of squares, where a
 * naive one-pass formula sum x^2 - n mean^2 cancels catastrophically.
 */
export function compensatedSumOfSquaredDeviations(values: ArrayLike<number>, centre: number): DoubleDouble {
  const acc = new CompensatedSum();
  for (let i = 0; i < values.length; i++) {
    const deviation = twoSum(values[i], -centre);
    acc.addProduct(deviation.hi, deviation.hi);
    // (hi + lo)^2 = hi^2 + 2 hi lo + lo^2; lo^2 is below eps^2 hi^2 and is dropped.
    acc.lo += 2 * deviation.hi * deviation.lo;
  }
  return acc.toDoubleDouble();
}

/** Difference of two double-double numbers, a - b, as a double-double. */
export function subtractDoubleDouble(a: DoubleDouble, b: DoubleDouble): DoubleDouble {
  const s = twoSum(a.hi, -b.hi);
  const lo = s.lo + (a.lo - b.lo);
  const hi = s.hi + lo;
  return { hi, lo: lo - (hi - s.hi) };
}
