/**
 * Builds the regression design matrix from the caller's y and x columns: validation, the
 * intercept column, and the explicit detection of constant x columns (which the QR rank decision
 * would also find, but which deserve their own plain-English explanation).
 */

export interface Design {
  n: number;
  /** Column-major n x m design (intercept first when fitted, then the kept x columns in order). */
  matrix: Float64Array;
  /** For each design column, the caller's x column index, or -1 for the intercept. */
  sourceColumns: number[];
  /** x columns removed before the QR because they are constant (with an intercept) or all zero. */
  constantColumns: { column: number; value: number }[];
}

/** Label for users: "x column 3" (1-based) or "the intercept". */
export function columnLabel(sourceColumn: number): string {
  return sourceColumn < 0 ? "the intercept" : `x column ${sourceColumn + 1}`;
}

/**
 * @throws RangeError when there are no observations, the columns' lengths differ from y's, or a
 *   value is not a finite number (missing values must be removed by the caller, row-wise).
 */
export function buildDesign(y: ArrayLike<number>, columns: ArrayLike<number>[], intercept: boolean): Design {
  const n = y.length;
  if (n === 0) throw new RangeError("Regression needs at least one observation; y is empty.");
  checkedCopy(y, "y", new Float64Array(n), 0);
  columns.forEach((column, index) => {
    if (column.length !== n) {
      throw new RangeError(`${columnLabel(index)} has ${column.length} values but y has ${n}.`);
    }
  });

  // Copy every x column while validating it; constant columns are then left out by compaction.
  const width = columns.length + (intercept ? 1 : 0);
  const matrix = new Float64Array(n * width);
  const sourceColumns: number[] = [];
  const constantColumns: { column: number; value: number }[] = [];
  if (intercept) {
    matrix.fill(1, 0, n);
    sourceColumns.push(-1);
  }
  columns.forEach((column, index) => {
    const position = sourceColumns.length;
    const constant = checkedCopy(column, columnLabel(index), matrix, position * n);
    // With an intercept any constant column duplicates it; without one, only a zero column is
    // useless (a non-zero constant column then plays the intercept's role and is kept).
    if (constant !== null && (intercept || constant === 0))
      constantColumns.push({ column: index, value: constant });
    else sourceColumns.push(index);
  });
  const used = matrix.subarray(0, n * sourceColumns.length);
  return { n, matrix: used.length === matrix.length ? matrix : used.slice(), sourceColumns, constantColumns };
}

/**
 * Copies values into target from offset, checking each is a finite number (a blank cell passed
 * as null must not silently become 0). Returns the common value when all values are equal.
 */
function checkedCopy(
  values: ArrayLike<number>,
  label: string,
  target: Float64Array,
  offset: number,
): number | null {
  const first = values[0];
  let constant = true;
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (typeof value !== "number" || value - value !== 0) {
      throw new RangeError(`${label} has a value that is not a finite number in row ${i + 1}.`);
    }
    target[offset + i] = value;
    if (value !== first) constant = false;
  }
  return constant ? first : null;
}
