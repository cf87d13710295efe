/**
 * Argument shapes of the RPO.* functions: a series (one column or one row), a block of series
 * (one column per lever), a numeric matrix, a whole number, a choice from a list, goal directions.
 * Arguments arrive as canonical values (grid.ts: every range already converted into a typed array
 * in one pass, blanks as missing), so the rules for blanks, numbers stored as text, text and
 * logical values are the same in every function (cells.ts). Errors are FunctionInputError with a
 * message that names the argument and the cell. Pure.
 */
import { BLANK_LEAVES_ROW_OUT, FunctionInputError, isOmitted, readCell } from "./cell-arguments";
import { isGrid, otherAt, toGrid, valueAt, type Grid } from "./grid";

/** A cleaned series: a finite number or null (missing) per cell, in reading order. */
export type CleanSeries = (number | null)[];

/** "1 value" / "12 values". */
export function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}

/** "12 rows x 1 column". */
export function gridSize(g: Grid): string {
  return `${count(g.rows, "row")} x ${count(g.cols, "column")}`;
}

/** "row 4", "column 2" or "row 4, column 2", depending on the argument's shape (1-based). */
export function positionIn(g: Grid, r: number, c: number): string {
  if (g.cols === 1) return `row ${r + 1}`;
  if (g.rows === 1) return `column ${c + 1}`;
  return `row ${r + 1}, column ${c + 1}`;
}

/** A grid from a canonical argument; empty or ragged ranges are #VALUE! with a message. */
export function gridOf(value: unknown, name: string, fn: string): Grid {
  if (isOmitted(value)) throw new FunctionInputError(`${fn}: ${name} is required`);
  const g = isGrid(value) ? value : toGrid(value);
  if (g.problem === "empty") throw new FunctionInputError(`${fn}: ${name} is empty`);
  if (g.problem === "ragged") {
    throw new FunctionInputError(`${fn}: ${name} is not rectangular: its rows have different lengths`);
  }
  return g;
}

/** The number at (r, c), null for a blank; a cell that is not a number is #VALUE! naming it. */
export function numberAt(
  g: Grid,
  r: number,
  c: number,
  name: string,
  fn: string,
  blankHint: string,
): number | null {
  if (g.others !== null) {
    const other = otherAt(g, r, c);
    if (other !== undefined) {
      const reading = readCell(other, fn, blankHint);
      const what = reading.kind === "invalid" ? reading.what : "holds a value that is not a number";
      throw new FunctionInputError(`${fn}: ${name} ${positionIn(g, r, c)} ${what}`);
    }
  }
  return valueAt(g, r, c);
}

/** Throws for the first cell that is not a number (row by row, as a user reads), if any. */
export function checkNumbers(g: Grid, name: string, fn: string, blankHint: string): void {
  if (g.others === null) return;
  for (let r = 0; r < g.rows; r++) for (let c = 0; c < g.cols; c++) numberAt(g, r, c, name, fn, blankHint);
}

/**
 * Overflow and underflow: statistics square and multiply the values, so a number whose square
 * leaves double precision (above 1e150, or non-zero below 1e-150 in magnitude) cannot be used.
 * #NUM! (Excel shows no message with it; docs/functions.md says so).
 */
export const LARGEST_MAGNITUDE = 1e150;
export const SMALLEST_MAGNITUDE = 1e-150;
export function checkMagnitude(g: Grid, fn: string): void {
  if (g.maxAbs > LARGEST_MAGNITUDE || g.minAbs < SMALLEST_MAGNITUDE) {
    throw new FunctionInputError(
      `${fn}: a value's magnitude is outside 1e-150 .. 1e150, where its square under- or overflows`,
      "#NUM!",
    );
  }
}

/** One column or one row of values (a single cell counts as one value); blanks are null. */
export function readSeries(
  value: unknown,
  name: string,
  fn: string,
  blankHint = BLANK_LEAVES_ROW_OUT,
): CleanSeries {
  const g = gridOf(value, name, fn);
  if (g.rows > 1 && g.cols > 1) {
    throw new FunctionInputError(
      `${fn}: ${name} (${gridSize(g)}) must be a single column or a single row of values`,
    );
  }
  checkNumbers(g, name, fn, blankHint);
  const out: CleanSeries = new Array<CleanSeries[number]>(g.values.length);
  // Column-major storage of a single row or column is its reading order.
  for (let i = 0; i < g.values.length; i++) {
    const v = g.values[i];
    out[i] = v === v ? v : null;
  }
  return out;
}

/** True when the argument is a single row of several cells (a series laid out across columns). */
export function isRowGrid(value: unknown): boolean {
  if (Array.isArray(value)) return value.length === 1 && Array.isArray(value[0]) && value[0].length > 1;
  return isGrid(value) && value.rows === 1 && value.cols > 1;
}

/**
 * Goal weights (LEVERAGE, PLAN): one per goal, a blank counts as 0 (the goal is ignored). As the
 * workbook's Goals sheet, a negative weight is refused, and so are weights that are all 0.
 */
export function readWeights(value: unknown, name: string, fn: string): number[] {
  const w = readSeries(value, name, fn, "a blank weight counts as 0").map((v) => v ?? 0);
  const negative = w.findIndex((v) => v < 0);
  if (negative >= 0) {
    throw new FunctionInputError(
      `${fn}: ${name} ${negative + 1} is ${w[negative]}; weights must be 0 or more ` +
        `(they are relative: 2 counts twice as much as 1; 0 or blank ignores the goal)`,
    );
  }
  if (w.length > 0 && w.every((v) => v === 0)) {
    throw new FunctionInputError(
      `${fn}: every ${name.replace(/s$/, "")} is 0 or blank; give at least one goal a weight above 0`,
    );
  }
  return w;
}

/**
 * A block of series, one per column (rows are periods). When `byRows` is true (the target series
 * was given as a row), each row of the block is one series instead.
 */
export function readSeriesBlock(
  value: unknown,
  name: string,
  fn: string,
  byRows: boolean,
): { series: CleanSeries[]; rows: number; cols: number; grid: Grid } {
  const g = gridOf(value, name, fn);
  checkNumbers(g, name, fn, BLANK_LEAVES_ROW_OUT);
  const series: CleanSeries[] = [];
  const at = (r: number, c: number) => valueAt(g, r, c);
  if (byRows) {
    for (let r = 0; r < g.rows; r++) series.push(Array.from({ length: g.cols }, (_, c) => at(r, c)));
  } else {
    for (let c = 0; c < g.cols; c++) series.push(Array.from({ length: g.rows }, (_, r) => at(r, c)));
  }
  return { series, rows: g.rows, cols: g.cols, grid: g };
}

/** A rectangular block of numbers; blanks are null. */
export function readMatrix(value: unknown, name: string, fn: string, blankHint: string): (number | null)[][] {
  const g = gridOf(value, name, fn);
  checkNumbers(g, name, fn, blankHint);
  return Array.from({ length: g.rows }, (_, r) => Array.from({ length: g.cols }, (_, c) => valueAt(g, r, c)));
}

/** A single optional value: the one cell of a 1 x 1 array, or the value itself. */
function scalar(raw: unknown, name: string, fn: string): unknown {
  const value = Array.isArray(raw) ? toGrid(raw) : raw;
  if (!isGrid(value)) return value;
  if (value.problem === "empty") throw new FunctionInputError(`${fn}: ${name} is empty`);
  if (value.rows !== 1 || value.cols !== 1) {
    throw new FunctionInputError(`${fn}: ${name} must be a single value, not a range of ${gridSize(value)}`);
  }
  const other = otherAt(value, 0, 0);
  if (other !== undefined) return other;
  const v = value.values[0];
  return v === v ? v : null;
}

/** An optional number; omitted or blank gives `fallback`. */
export function readNumber(value: unknown, name: string, fn: string, fallback: number): number {
  const v = scalar(value, name, fn);
  const reading = readCell(v, fn, "leave it blank for the default");
  if (reading.kind === "missing") {
    if (isOmitted(v) || (typeof v === "string" && v.trim() === "")) return fallback;
    throw new FunctionInputError(`${fn}: ${name} is an error value, not a number`);
  }
  if (reading.kind === "invalid") throw new FunctionInputError(`${fn}: ${name} ${reading.what}`);
  return reading.value;
}

/** An optional whole number from `min` to `max`; omitted or blank gives `fallback`. */
export function readWholeNumber(
  value: unknown,
  name: string,
  fn: string,
  fallback: number,
  min: number,
  max: number,
): number {
  const n = readNumber(value, name, fn, fallback);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new FunctionInputError(`${fn}: ${name} must be a whole number from ${min} to ${max} (got ${n})`);
  }
  return n;
}

/** One of `choices` (case-insensitive); omitted or blank gives the first choice. */
export function readChoice<T extends string>(
  value: unknown,
  name: string,
  fn: string,
  choices: readonly T[],
): T {
  const v = scalar(value, name, fn);
  if (isOmitted(v) || (typeof v === "string" && v.trim() === "")) return choices[0];
  const text = typeof v === "string" ? v.trim().toLowerCase() : "";
  const found = choices.find((c) => c.toLowerCase() === text);
  if (found === undefined) {
    const shown = typeof v === "string" ? `"${v}"` : String(v);
    throw new FunctionInputError(
      `${fn}: ${name} must be one of ${choices.map((c) => `"${c}"`).join(", ")} (got ${shown})`,
    );
  }
  return found;
}

/** An optional TRUE/FALSE (or 1/0); omitted or blank gives `fallback`. */
export function readBoolean(value: unknown, name: string, fn: string, fallback: boolean): boolean {
  const v = scalar(value, name, fn);
  if (isOmitted(v) || (typeof v === "string" && v.trim() === "")) return fallback;
  if (typeof v === "boolean") return v;
  if (typeof v === "number" && Number.isFinite(v)) return v !== 0;
  if (typeof v === "string") {
    const t = v.trim().toUpperCase();
    if (t === "TRUE") return true;
    if (t === "FALSE") return false;
  }
  throw new FunctionInputError(`${fn}: ${name} must be TRUE or FALSE`);
}

/** Goal directions: "Increase"/"Decrease" (case-insensitive) or +1/−1, one per cell of a column or row. */
export function readDirections(value: unknown, name: string, fn: string): number[] {
  const g = gridOf(value, name, fn);
  if (g.rows > 1 && g.cols > 1) {
    throw new FunctionInputError(`${fn}: ${name} (${gridSize(g)}) must be a single column or a single row`);
  }
  const out: number[] = [];
  for (let r = 0; r < g.rows; r++) {
    for (let c = 0; c < g.cols; c++) {
      const where = `${name} ${positionIn(g, r, c)}`;
      const other = otherAt(g, r, c);
      const text = typeof other === "string" ? other.trim().toLowerCase() : null;
      if (text === "increase") out.push(1);
      else if (text === "decrease") out.push(-1);
      else if (other !== undefined) {
        throw new FunctionInputError(`${fn}: ${where} must be Increase or Decrease (or 1 / -1)`);
      } else {
        const v = valueAt(g, r, c);
        if (v === 1 || v === -1) out.push(v);
        else if (v === null) {
          throw new FunctionInputError(
            `${fn}: ${where} is blank: give Increase or Decrease (or 1 / -1) for every goal`,
          );
        } else throw new FunctionInputError(`${fn}: ${where} must be Increase or Decrease (or 1 / -1)`);
      }
    }
  }
  return out;
}
