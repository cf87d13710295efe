/**
 * Argument shapes of the RPO.* functions: a series (one column or one row), a block of series
 * (one column per lever), a numeric matrix, a whole number, a choice from a list, goal directions.
 * Every cell goes through `readCell` (cells.ts), so the rules for blanks, numbers stored as text,
 * text and logical values are the same in every function. Errors are FunctionInputError with a
 * message that names the argument and the cell. Pure.
 */
import { asMatrix, cellPosition, FunctionInputError, isOmitted, matrixSize, readCell } from "./cells";

/** A cleaned series: a finite number or null (missing) per cell, in reading order. */
export type CleanSeries = (number | null)[];

/** "1 value" / "12 values". */
export function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}

function cleanCell(m: unknown[][], r: number, c: number, name: string, fn: string): number | null {
  const reading = readCell(m[r][c], fn);
  if (reading.kind === "invalid") {
    throw new FunctionInputError(`${fn}: ${name} ${cellPosition(m, r, c)} ${reading.what}`);
  }
  return reading.kind === "number" ? reading.value : null;
}

/** A required argument: #VALUE! "… is required" when omitted. */
function required(value: unknown, name: string, fn: string): unknown[][] {
  if (isOmitted(value)) throw new FunctionInputError(`${fn}: ${name} is required`);
  return asMatrix(value, name, (message) => new FunctionInputError(`${fn}: ${message}`));
}

/** One column or one row of values (a single cell counts as one value); blanks are null. */
export function readSeries(value: unknown, name: string, fn: string): CleanSeries {
  const m = required(value, name, fn);
  if (m.length > 1 && m[0].length > 1) {
    throw new FunctionInputError(
      `${fn}: ${name} (${matrixSize(m)}) must be a single column or a single row of values`,
    );
  }
  const out: CleanSeries = [];
  for (let r = 0; r < m.length; r++)
    for (let c = 0; c < m[0].length; c++) out.push(cleanCell(m, r, c, name, fn));
  return out;
}

/**
 * Goal weights (LEVERAGE, PLAN): one per goal, a blank counts as 0 (the goal is ignored). As the
 * workbook's Goals sheet, a negative weight is refused, and so are weights that are all 0.
 */
export function readWeights(value: unknown, name: string, fn: string): number[] {
  const w = readSeries(value, name, fn).map((v) => v ?? 0);
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
): { series: CleanSeries[]; rows: number; cols: number } {
  const m = required(value, name, fn);
  const rows = m.length;
  const cols = m[0].length;
  const series: CleanSeries[] = [];
  if (byRows) {
    for (let r = 0; r < rows; r++) series.push(m[r].map((_, c) => cleanCell(m, r, c, name, fn)));
  } else {
    for (let c = 0; c < cols; c++) series.push(m.map((_, r) => cleanCell(m, r, c, name, fn)));
  }
  return { series, rows, cols };
}

/** A rectangular block of numbers; blanks are null. */
export function readMatrix(value: unknown, name: string, fn: string): (number | null)[][] {
  const m = required(value, name, fn);
  return m.map((row, r) => row.map((_, c) => cleanCell(m, r, c, name, fn)));
}

/** A single optional value: the one cell of a 1 x 1 array, or the value itself. */
function scalar(value: unknown, name: string, fn: string): unknown {
  if (!Array.isArray(value)) return value;
  const m = asMatrix(value, name, (message) => new FunctionInputError(`${fn}: ${message}`));
  if (m.length !== 1 || m[0].length !== 1) {
    throw new FunctionInputError(`${fn}: ${name} must be a single value, not a range of ${matrixSize(m)}`);
  }
  return m[0][0];
}

/** An optional number; omitted or blank gives `fallback`. */
export function readNumber(value: unknown, name: string, fn: string, fallback: number): number {
  const v = scalar(value, name, fn);
  const reading = readCell(v, fn);
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

/** Goal directions: "Increase"/"Decrease" (case-insensitive) or +1/−1, one per cell of a column or row. */
export function readDirections(value: unknown, name: string, fn: string): number[] {
  const m = required(value, name, fn);
  if (m.length > 1 && m[0].length > 1) {
    throw new FunctionInputError(`${fn}: ${name} (${matrixSize(m)}) must be a single column or a single row`);
  }
  const out: number[] = [];
  for (let r = 0; r < m.length; r++) {
    for (let c = 0; c < m[0].length; c++) {
      const v = m[r][c];
      const where = `${name} ${cellPosition(m, r, c)}`;
      const text = typeof v === "string" ? v.trim().toLowerCase() : null;
      if (text === "increase") out.push(1);
      else if (text === "decrease") out.push(-1);
      else {
        const reading = readCell(v, fn);
        if (reading.kind === "number" && (reading.value === 1 || reading.value === -1))
          out.push(reading.value);
        else if (reading.kind === "missing") {
          throw new FunctionInputError(
            `${fn}: ${where} is blank: give Increase or Decrease (or 1 / -1) for every goal`,
          );
        } else {
          throw new FunctionInputError(`${fn}: ${where} must be Increase or Decrease (or 1 / -1)`);
        }
      }
    }
  }
  return out;
}
