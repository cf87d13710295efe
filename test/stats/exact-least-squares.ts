/**
 * Exact least squares in rational arithmetic (BigInt fractions), for the accuracy tests only.
 *
 * Every double is a dyadic rational, so the normal equations A^T A b = A^T y of the double
 * inputs can be formed and solved without any rounding. The result is the true least-squares
 * solution of the data as the fit sees it: the reference that separates what an algorithm loses
 * from what the double inputs themselves cannot represent (GUIDE section 3's "ceiling").
 * Cost is fine for StRD sizes (at most 82 x 11).
 */

interface Rational {
  numerator: bigint;
  denominator: bigint; // > 0
}

function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

function rational(numerator: bigint, denominator = 1n): Rational {
  if (denominator < 0n) [numerator, denominator] = [-numerator, -denominator];
  const divisor = gcd(numerator, denominator);
  return divisor > 1n
    ? { numerator: numerator / divisor, denominator: denominator / divisor }
    : { numerator, denominator };
}

const ZERO = rational(0n);
const ONE = rational(1n);
const add = (a: Rational, b: Rational) =>
  rational(a.numerator * b.denominator + b.numerator * a.denominator, a.denominator * b.denominator);
const subtract = (a: Rational, b: Rational) =>
  add(a, { numerator: -b.numerator, denominator: b.denominator });
const multiply = (a: Rational, b: Rational) =>
  rational(a.numerator * b.numerator, a.denominator * b.denominator);
const divide = (a: Rational, b: Rational) =>
  rational(a.numerator * b.denominator, a.denominator * b.numerator);

/** The exact value of a finite double. */
export function fromDouble(value: number): Rational {
  let mantissa = Math.abs(value);
  let exponent = 0;
  while (!Number.isInteger(mantissa)) {
    mantissa *= 2;
    exponent += 1;
  }
  const numerator = BigInt(mantissa) * (value < 0 ? -1n : 1n);
  return rational(numerator, 2n ** BigInt(exponent));
}

/** Nearest double (within one ulp: a 64-bit quotient, then rounded once more). */
export function toDouble(value: Rational): number {
  if (value.numerator === 0n) return 0;
  const shift = BigInt(
    Math.max(0, 64 - (value.numerator.toString(2).length - value.denominator.toString(2).length)),
  );
  return Number((value.numerator << shift) / value.denominator) / 2 ** Number(shift);
}

/** Solves M z = rhs exactly (Gauss-Jordan with the first non-zero pivot). */
function solveExact(matrix: Rational[][], rhs: Rational[][]): Rational[][] {
  const size = matrix.length;
  const rows = matrix.map((row, i) => [...row, ...rhs[i]]);
  for (let column = 0; column < size; column++) {
    const pivot = rows.findIndex((row, i) => i >= column && row[column].numerator !== 0n);
    if (pivot < 0) throw new Error("singular normal equations");
    [rows[column], rows[pivot]] = [rows[pivot], rows[column]];
    const pivotRow = rows[column];
    for (let i = 0; i < size; i++) {
      if (i === column || rows[i][column].numerator === 0n) continue;
      const factor = divide(rows[i][column], pivotRow[column]);
      rows[i] = rows[i].map((value, j) => subtract(value, multiply(factor, pivotRow[j])));
    }
  }
  return rows.map((row, i) => row.slice(size).map((value) => divide(value, row[i])));
}

export interface ExactFit {
  /** Intercept first when fitted, then one per column. */
  coefficients: number[];
  standardErrors: number[];
  r2: number;
  residualSd: number;
}

/** The exact least-squares fit of the double data, rounded to doubles at the very end. */
export function exactLeastSquares(y: number[], columns: number[][], intercept: boolean): ExactFit {
  const n = y.length;
  const design = (intercept ? [new Array<number>(n).fill(1), ...columns] : columns).map((column) =>
    column.map(fromDouble),
  );
  const yExact = y.map(fromDouble);
  const dot = (a: Rational[], b: Rational[]) =>
    a.reduce((sum, value, i) => add(sum, multiply(value, b[i])), ZERO);
  const m = design.length;
  const gram = design.map((a) => design.map((b) => dot(a, b)));
  const identity = design.map((_, i) => design.map((__, j) => (i === j ? ONE : ZERO)));
  const solution = solveExact(
    gram,
    design.map((a, i) => [dot(a, yExact), ...identity[i]]),
  );
  const beta = solution.map((row) => row[0]);
  const residuals = yExact.map((value, i) =>
    design.reduce((rest, column, k) => subtract(rest, multiply(beta[k], column[i])), value),
  );
  const ssResidual = dot(residuals, residuals);
  let ssTotal: Rational;
  if (intercept) {
    const mean = divide(
      yExact.reduce((sum, value) => add(sum, value), ZERO),
      rational(BigInt(n)),
    );
    const deviations = yExact.map((value) => subtract(value, mean));
    ssTotal = dot(deviations, deviations);
  } else {
    ssTotal = dot(yExact, yExact);
  }
  const variance = divide(ssResidual, rational(BigInt(n - m)));
  return {
    coefficients: beta.map(toDouble),
    // sqrt of the correctly rounded variance: within about one ulp of the exact value.
    standardErrors: solution.map((row, j) => Math.sqrt(toDouble(multiply(variance, row[1 + j])))),
    r2: toDouble(divide(subtract(ssTotal, ssResidual), ssTotal)),
    residualSd: Math.sqrt(toDouble(variance)),
  };
}
