/**
 * What the Formulas sheet's formulas evaluate to, so that the file can cache it beside each formula
 * (a viewer without the add-in then shows the numbers, not #NAME?; docs/functions.md).
 *
 * - RPO.* cells: the memoised core functions themselves (src/core/functions, what the add-in's
 *   custom functions run), called with the cell values Excel would pass, their results turned into
 *   cell values as src/functions does it (a whole-call failure fills the area with its error code).
 * - The built-ins the sheet uses (LINEST, SLOPE, CORREL, AVERAGE, and the IF / INDEX / MATCH
 *   glue): Excel's documented semantics, the statistics from src/core/stats (LINEST is the layout
 *   RPO.REGRESS returns, with Excel's 0 for a collinear column).
 *
 * Pure. The values are what Excel shows up to the last bits of floating point: Excel recalculates
 * anyway once anything changes, and test/sample/formulas-cache.test.ts checks the built-ins against
 * LibreOffice's own recalculation.
 */
import { RPO_FUNCTIONS } from "../functions";
import { FunctionInputError, isCellError, shownCell, type Cell } from "../functions/cell-arguments";
import { linest } from "../functions/linest";
import { ols } from "../stats/ols";
import { isErrorValue, type CachedValue, type ErrorValue, type OutValue } from "../report/spec";

/** A cell as a formula sees it: its value, or null when it is blank. */
export type Shown = CachedValue | null;

const error = (code: ErrorValue["error"]): ErrorValue => ({ error: code });

/** The cell values of one sheet, by 0-based (row, col): literal values, and what formulas show. */
export class ValueGrid {
  private readonly cells = new Map<string, CachedValue>();

  /** A grid of a spec's values (row 0 = the sheet's row 1); a formula shows its cached value(s). */
  static of(values: readonly (readonly OutValue[])[]): ValueGrid {
    const grid = new ValueGrid();
    values.forEach((line, r) =>
      line.forEach((v, c) => {
        if (v === null || v === "") return;
        if (typeof v !== "object") grid.set(r, c, v);
        else if (v.spill && v.cachedArray) grid.setBlock(r, c, v.cachedArray);
        else if (v.cached !== undefined) grid.set(r, c, v.cached);
      }),
    );
    return grid;
  }

  set(row: number, col: number, value: CachedValue): void {
    this.cells.set(`${row},${col}`, value);
  }

  setBlock(row: number, col: number, block: readonly (readonly CachedValue[])[]): void {
    block.forEach((line, i) => line.forEach((v, j) => this.set(row + i, col + j, v)));
  }

  get(row: number, col: number): Shown {
    return this.cells.get(`${row},${col}`) ?? null;
  }

  /** The rectangle (inclusive bounds), row by row, as Excel passes a range. */
  block(row: number, col: number, rowEnd: number, colEnd: number): Shown[][] {
    const out: Shown[][] = [];
    for (let r = row; r <= rowEnd; r++) {
      const line: Shown[] = [];
      for (let c = col; c <= colEnd; c++) line.push(this.get(r, c));
      out.push(line);
    }
    return out;
  }
}

/** A rows × cols area holding one value (a whole-call error fills its array formula's area). */
export function filled(value: CachedValue, rows: number, cols: number): CachedValue[][] {
  return Array.from({ length: rows }, () => Array.from({ length: cols }, () => value));
}

/** The first error value in reading order among the arguments' cells, if any. */
function firstError(args: readonly unknown[]): ErrorValue | null {
  for (const arg of args) {
    const cells = Array.isArray(arg) ? (arg as unknown[][]).flat() : [arg];
    const found = cells.find(isErrorValue);
    if (found) return found;
  }
  return null;
}

/** A core result cell as Excel shows it (shownCell, the rule the custom functions return by). */
function cachedCell(cell: Cell | null | undefined): CachedValue {
  const shown = shownCell(cell);
  return isCellError(shown) ? error(shown.error) : shown;
}

/** The code a failed call shows (src/functions/errors.ts toThrownError). */
function thrownCode(failure: unknown): ErrorValue {
  return failure instanceof FunctionInputError ? error(failure.code) : error("#VALUE!");
}

export type RpoArrayFunction = Exclude<keyof typeof RPO_FUNCTIONS, "ELASTICITY">;

/**
 * What an RPO.* array formula shows: the function's result cells, or, when the call fails, its
 * error in every cell of the `rows` × `cols` area the formula was given. Excel does not run a
 * custom function whose range argument holds an error value (docs/functions.md, "Error cells"):
 * the area shows that error then. `args` are the values Excel passes (ranges as row arrays, blanks
 * as null, omitted arguments as null).
 */
export function rpoArray(id: RpoArrayFunction, args: unknown[], rows: number, cols: number): CachedValue[][] {
  const blocked = firstError(args);
  if (blocked) return filled(blocked, rows, cols);
  try {
    const fn = RPO_FUNCTIONS[id] as (...a: unknown[]) => Cell[][];
    return fn(...args).map((line) => line.map(cachedCell));
  } catch (failure) {
    return filled(thrownCode(failure), rows, cols);
  }
}

/** RPO.ELASTICITY, declared with a single-number result: the number, or the error it throws. */
export function rpoElasticity(args: unknown[]): CachedValue {
  const blocked = firstError(args);
  if (blocked) return blocked;
  try {
    const cell = RPO_FUNCTIONS.ELASTICITY(...args)[0][0];
    if (isCellError(cell)) return error(cell.error);
    return typeof cell === "number" && Number.isFinite(cell) ? cell : error("#NUM!");
  } catch (failure) {
    return thrownCode(failure);
  }
}

/** Excel's TRANSPOSE. */
export function transpose(block: CachedValue[][]): CachedValue[][] {
  return (block[0] ?? []).map((_, c) => block.map((line) => line[c]));
}

/** What a reference to one cell shows: a blank cell shows 0. */
export function referenced(value: Shown): CachedValue {
  return value === null ? 0 : value;
}

/** The numbers of a range argument as Excel's statistical functions read them (text, logicals, blanks ignored). */
function numbersOf(cells: readonly Shown[]): number[] | ErrorValue {
  const out: number[] = [];
  for (const v of cells) {
    if (isErrorValue(v)) return v;
    if (typeof v === "number") out.push(v);
  }
  return out;
}

/** AVERAGE(range). */
export function average(cells: readonly Shown[]): number | ErrorValue {
  const xs = numbersOf(cells);
  if (isErrorValue(xs)) return xs;
  if (xs.length === 0) return error("#DIV/0!");
  let sum = 0;
  for (const x of xs) sum += x;
  return sum / xs.length;
}

/**
 * The pairs SLOPE and CORREL use: both cells numbers (a pair with text, a logical or a blank on
 * either side is ignored); an error cell is the result; ranges of different sizes are #N/A.
 */
function pairs(ys: readonly Shown[], xs: readonly Shown[]): { y: number[]; x: number[] } | ErrorValue {
  if (ys.length !== xs.length) return error("#N/A");
  const y: number[] = [];
  const x: number[] = [];
  for (let i = 0; i < ys.length; i++) {
    const a = ys[i];
    const b = xs[i];
    if (isErrorValue(a)) return a;
    if (isErrorValue(b)) return b;
    if (typeof a === "number" && typeof b === "number") {
      y.push(a);
      x.push(b);
    }
  }
  return { y, x };
}

/** The least-squares line of y on x (src/core/stats/ols), or #DIV/0! when x does not vary. */
function line(ys: readonly Shown[], xs: readonly Shown[]) {
  const data = pairs(ys, xs);
  if (isErrorValue(data)) return data;
  if (data.y.length < 2) return error("#DIV/0!");
  const fit = ols(data.y, [data.x], { intercept: true });
  const slope = fit.coefficients[0];
  return slope === null ? error("#DIV/0!") : { fit, slope };
}

/** SLOPE(known_y, known_x). */
export function slope(ys: readonly Shown[], xs: readonly Shown[]): number | ErrorValue {
  const l = line(ys, xs);
  return isErrorValue(l) ? l : l.slope;
}

/**
 * CORREL(array1, array2): Pearson's r = sign(slope) · √R² of the least-squares line (the same
 * number: R² of a simple regression is r²); #DIV/0! when either side does not vary.
 */
export function correl(xs: readonly Shown[], ys: readonly Shown[]): number | ErrorValue {
  const l = line(ys, xs);
  if (isErrorValue(l)) return l;
  const r2 = l.fit.r2;
  if (r2 === null || !Number.isFinite(r2)) return error("#DIV/0!");
  return Math.sign(l.slope) * Math.sqrt(Math.min(1, Math.max(0, r2)));
}

/**
 * LINEST(known_y, known_x, const, stats) with every cell a number (Excel: #VALUE! otherwise), laid
 * out by src/core/stats/linest (the fit RPO.REGRESS returns). Where REGRESS shows a dropped
 * collinear column as #N/A with a message, LINEST shows 0 for its coefficient and standard error.
 */
export function excelLinest(
  args: { knownY: Shown[][]; knownX: Shown[][]; constant: boolean; stats: boolean },
  rows: number,
  cols: number,
): CachedValue[][] {
  const { knownY, knownX, constant, stats } = args;
  const cells = [...knownY.flat(), ...knownX.flat()];
  const blocked = cells.find(isErrorValue);
  if (blocked) return filled(blocked, rows, cols);
  if (cells.some((v) => typeof v !== "number")) return filled(error("#VALUE!"), rows, cols);
  try {
    return linest({ knownY, knownX, constant, stats }, ols).map((lineCells, r) =>
      lineCells.map((cell) => (r < 2 && isCellError(cell) && cell.message !== "" ? 0 : cachedCell(cell))),
    );
  } catch (failure) {
    return filled(thrownCode(failure), rows, cols);
  }
}

/** (a − b) / |b|, with Excel's error rules (an error operand is the result; dividing by 0 is #DIV/0!). */
export function relativeChange(a: number | ErrorValue, b: number | ErrorValue): number | ErrorValue {
  if (isErrorValue(a)) return a;
  if (isErrorValue(b)) return b;
  return b === 0 ? error("#DIV/0!") : (a - b) / Math.abs(b);
}

/** a · b for two cells, with Excel's rules (errors propagate left first; text that is not a number is #VALUE!; blank is 0). */
export function times(a: Shown, b: Shown): CachedValue {
  const asNumber = (v: Shown): number | ErrorValue => {
    if (v === null) return 0;
    if (isErrorValue(v)) return v;
    if (typeof v === "boolean") return v ? 1 : 0;
    if (typeof v === "number") return v;
    const n = Number(v);
    return v.trim() !== "" && Number.isFinite(n) ? n : error("#VALUE!");
  };
  const x = asNumber(a);
  if (isErrorValue(x)) return x;
  const y = asNumber(b);
  if (isErrorValue(y)) return y;
  return x * y;
}

/**
 * IF(ISNUMBER(p)*(p<alpha), e, 0) for one cell: ISNUMBER of an error is FALSE but p<alpha is that
 * error, and FALSE × error is the error; text compares greater than any number; a blank is 0.
 */
export function countedEffect(p: Shown, e: Shown, alpha: number): CachedValue {
  if (isErrorValue(p)) return p;
  if (typeof p !== "number") return 0;
  if (!(p < alpha)) return 0;
  return referenced(e);
}

/** INDEX(block, 0, MATCH(key, header, 0)): the block's column headed by `key` (case-insensitive text match), else #N/A. */
export function columnHeaded(block: CachedValue[][], header: readonly Shown[], key: Shown): CachedValue[][] {
  if (isErrorValue(key)) return filled(key, block.length, 1);
  const same = (v: Shown) =>
    typeof v === "string" && typeof key === "string"
      ? v.toLowerCase() === key.toLowerCase()
      : v !== null && v === key;
  const c = header.findIndex(same);
  if (c < 0) return filled(error("#N/A"), block.length, 1);
  return block.map((lineCells) => [lineCells[c]]);
}
