/**
 * LINEST-compatible regression: reading spreadsheet ranges and laying results out as LINEST does.
 *
 * Excel's LINEST(known_y's, [known_x's], [const], [stats]) returns
 *
 *   m_p     m_p-1   ...  m_1     b
 *   se_p    se_p-1  ...  se_1    se_b      (rows 2-5 only when stats = TRUE)
 *   R²      se_y    #N/A ...     #N/A
 *   F       df      #N/A ...     #N/A
 *   ss_reg  ss_resid #N/A ...    #N/A
 *
 * with the coefficients in reverse column order and the intercept b last (0 when const = FALSE,
 * and then se_b = #N/A). Reference: Microsoft, "LINEST function"; [MS-OI29500] 2.1.985 (LINEST):
 * collinear x columns are omitted from the fit and shown with m = 0 and se = 0, and df = n - rank.
 *
 * Where this module departs from LINEST, on purpose:
 * - A column LINEST drops silently is shown as #N/A with a message in its coefficient and standard
 *   error cells ("x column 3 is collinear with columns 1, 2: dropped, ..."); the rest of the fit stands.
 * - Rows holding a blank (null, "" or whitespace) or an Excel error value in known_y or known_x are
 *   left out (LINEST answers #VALUE! instead). Numbers stored as text ("12.5") are read as numbers.
 * - Any other text, or a logical value (TRUE/FALSE) inside a range, stops the whole call with a
 *   message naming the cell, e.g. "known_x row 4, column 2 holds text 'abc'". LINEST also answers
 *   #VALUE! for these; the message is what it adds.
 * - A statistic that is undefined for the fit (for example standard errors with zero residual
 *   degrees of freedom) is #N/A with a message, never NaN or Infinity.
 *
 * Pure: no Excel, Office.js or DOM. The least-squares fit itself is passed in (see `Fitter`), so
 * this module and its tests do not depend on which solver is used.
 */
import type { DroppedColumn, OlsOptions, OlsResult } from "../stats/types";
import { isGrid, toGrid, type Grid } from "./grid";
import { gridSize, positionIn } from "./args";
import { FunctionInputError, isOmitted, readCell, type Cell, type CellError } from "./cell-arguments";

/** The whole call cannot be answered (bad shapes, text in a range, no complete rows, ...): #VALUE!. */
export class LinestInputError extends FunctionInputError {
  override readonly name = "LinestInputError";
}

/** Least-squares fit: y and the x columns (one array of n values per column). */
export type Fitter = (y: ArrayLike<number>, columns: ArrayLike<number>[], options: OlsOptions) => OlsResult;

/** The arguments as Excel passes them to a custom function (2-D arrays; omitted arguments as null). */
export interface LinestRequest {
  knownY: unknown;
  knownX?: unknown;
  constant?: unknown;
  stats?: unknown;
}

/** How observations and variables are laid out in the ranges. */
export type Orientation = "columns" | "rows" | "block";

/** Cleaned, numeric regression input. */
export interface LinestData {
  /** One value per observation used. */
  y: ArrayLike<number>;
  /** One array per x variable, each with one value per observation used. */
  columns: ArrayLike<number>[];
  intercept: boolean;
  stats: boolean;
  orientation: Orientation;
  /** Observations in the ranges, used or not. */
  observations: number;
  /** 1-based positions (rows, or columns for row-oriented data) of the observations left out. */
  omitted: number[];
  /** Largest and smallest non-zero magnitude among the numbers read (0 / Infinity when none). */
  magnitude?: { max: number; min: number };
}

export const ARGUMENT_NAMES = { y: "known_y", x: "known_x", constant: "const", stats: "stats" } as const;

// ---------------------------------------------------------------------------------------------
// Reading cells
// ---------------------------------------------------------------------------------------------

/** Reads TRUE/FALSE arguments (const, stats); omitted or blank gives the default. */
export function readFlag(value: unknown, name: string, fallback: boolean): boolean {
  if (value === null || value === undefined) return fallback;
  if (typeof value === "boolean") return value;
  if (typeof value === "number" && Number.isFinite(value)) return value !== 0;
  if (typeof value === "string") {
    const text = value.trim().toUpperCase();
    if (text === "") return fallback;
    if (text === "TRUE") return true;
    if (text === "FALSE") return false;
  }
  if (Array.isArray(value) && value.length === 1 && Array.isArray(value[0]) && value[0].length === 1) {
    return readFlag(value[0][0], name, fallback);
  }
  if (isGrid(value) && value.rows === 1 && value.cols === 1) {
    const other = value.others?.get(0);
    const v = value.values[0];
    return readFlag(other !== undefined ? other : v === v ? v : null, name, fallback);
  }
  throw new LinestInputError(`${name} must be TRUE or FALSE`);
}

// ---------------------------------------------------------------------------------------------
// Preparing the data
// ---------------------------------------------------------------------------------------------

/** A grid for an argument, with LINEST's messages for empty and ragged ranges. */
function gridFor(value: unknown, name: string): Grid {
  const g = isGrid(value) ? value : toGrid(value);
  if (g.problem === "empty") throw new LinestInputError(`${name} is empty`);
  if (g.problem === "ragged")
    throw new LinestInputError(`${name} is not rectangular: its rows have different lengths`);
  return g;
}

/**
 * Checks shapes, reads every cell and drops incomplete observations, as described at the top of
 * this module. Throws LinestInputError with a message a spreadsheet user can act on.
 *
 * The ranges are read once into typed arrays (grid.ts): with known_y a column and no blank, y and
 * the x columns are views of those arrays, so nothing is copied per cell before the fit.
 */
export function prepareLinest(request: LinestRequest): LinestData {
  const intercept = readFlag(request.constant, ARGUMENT_NAMES.constant, true);
  const stats = readFlag(request.stats, ARGUMENT_NAMES.stats, false);
  if (isOmitted(request.knownY)) throw new LinestInputError(`${ARGUMENT_NAMES.y} is required`);
  const yg = gridFor(request.knownY, ARGUMENT_NAMES.y);
  const rows = yg.rows;
  const cols = yg.cols;
  const orientation: Orientation = cols === 1 ? "columns" : rows === 1 ? "rows" : "block";
  const n = rows * cols;

  let xg: Grid | null = null;
  let variables = 1; // LINEST: known_x omitted is {1, 2, 3, ...}, the same size as known_y
  if (!isOmitted(request.knownX)) {
    const x = gridFor(request.knownX, ARGUMENT_NAMES.x);
    const mismatch = (need: string) =>
      new LinestInputError(
        `${ARGUMENT_NAMES.x} (${gridSize(x)}) does not match ${ARGUMENT_NAMES.y} (${gridSize(yg)}): ${need}`,
      );
    if (orientation === "columns") {
      if (x.rows !== rows) throw mismatch(`it needs ${rows} row${rows === 1 ? "" : "s"}, one per y value`);
      variables = x.cols;
    } else if (orientation === "rows") {
      if (x.cols !== cols) throw mismatch(`it needs ${cols} columns, one per y value`);
      variables = x.rows;
    } else {
      if (x.rows !== rows || x.cols !== cols) {
        throw mismatch(
          "when known_y is a block of several rows and columns, known_x must be one block of the same size",
        );
      }
    }
    xg = x;
  }

  // Grid index of observation i (reading order) and of x variable j at observation i.
  const yIndex = (i: number) => (orientation === "block" ? (i % cols) * rows + Math.floor(i / cols) : i);
  const xIndex = (i: number, j: number): number => {
    if (orientation === "columns") return j * rows + i;
    if (orientation === "rows") return i * (xg as Grid).rows + j;
    return yIndex(i);
  };
  const where = (g: Grid, index: number) => positionIn(g, index % g.rows, Math.floor(index / g.rows));

  // Cells that are not numbers: the first in reading order (y before x at each observation) stops the call.
  if (yg.others !== null || (xg !== null && xg.others !== null)) {
    for (let i = 0; i < n; i++) {
      const yOther = yg.others?.get(yIndex(i));
      if (yOther !== undefined) throw invalidCell(ARGUMENT_NAMES.y, where(yg, yIndex(i)), yOther);
      if (xg === null || xg.others === null) continue;
      for (let j = 0; j < variables; j++) {
        const xOther = xg.others.get(xIndex(i, j));
        if (xOther !== undefined) throw invalidCell(ARGUMENT_NAMES.x, where(xg, xIndex(i, j)), xOther);
      }
    }
  }

  const yv = yg.values;
  const xv = xg?.values ?? null;
  const complete = (i: number): boolean => {
    if (yv[yIndex(i)] !== yv[yIndex(i)]) return false;
    if (xv !== null)
      for (let j = 0; j < variables; j++) if (xv[xIndex(i, j)] !== xv[xIndex(i, j)]) return false;
    return true;
  };
  const anyMissing = yg.missing > 0 || (xg !== null && xg.missing > 0);
  const omitted: number[] = [];
  let kept: number[] | null = null;
  if (anyMissing) {
    kept = [];
    for (let i = 0; i < n; i++) (complete(i) ? kept : omitted).push(i);
    if (kept.length === 0) {
      throw new LinestInputError(
        `no complete rows: every observation has a blank or an error in ${ARGUMENT_NAMES.y} or ${ARGUMENT_NAMES.x}`,
      );
    }
  }

  let y: Float64Array;
  let columns: Float64Array[];
  if (kept === null && orientation === "columns") {
    // The common case: views of the converted ranges, no copy.
    y = yv;
    columns =
      xv === null
        ? [Float64Array.from({ length: n }, (_, i) => i + 1)]
        : Array.from({ length: variables }, (_, j) => xv.subarray(j * rows, (j + 1) * rows));
  } else {
    const used = kept ?? Array.from({ length: n }, (_, i) => i);
    y = Float64Array.from(used, (i) => yv[yIndex(i)]);
    columns = Array.from({ length: variables }, (_, j) =>
      xv === null ? Float64Array.from(used, (i) => i + 1) : Float64Array.from(used, (i) => xv[xIndex(i, j)]),
    );
  }
  return {
    y,
    columns,
    intercept,
    stats,
    orientation,
    observations: n,
    omitted: omitted.map((i) => i + 1),
    magnitude: {
      max: Math.max(yg.maxAbs, xg?.maxAbs ?? 0),
      min: Math.min(yg.minAbs, xg?.minAbs ?? Infinity),
    },
  };
}

function invalidCell(name: string, position: string, value: unknown): LinestInputError {
  const reading = readCell(value);
  const what = reading.kind === "invalid" ? reading.what : "holds a value that is not a number";
  return new LinestInputError(`${name} ${position} ${what}`);
}

// ---------------------------------------------------------------------------------------------
// Layout
// ---------------------------------------------------------------------------------------------

const NA_PADDING: CellError = { error: "#N/A", message: "" };

/** "x column 3" / "x row 3" / "x": how the user sees x variable j (0-based). */
function variableName(data: LinestData, j: number): string {
  if (data.orientation === "block" || data.columns.length === 1) return "the x variable";
  return `x ${data.orientation === "rows" ? "row" : "column"} ${j + 1}`;
}

function listOthers(data: LinestData, others: number[]): string {
  const noun = data.orientation === "rows" ? "row" : "column";
  const parts: string[] = [];
  if (others.includes(-1)) parts.push("the intercept");
  const kept = others.filter((c) => c >= 0).map((c) => c + 1);
  if (kept.length === 1) parts.push(`${noun} ${kept[0]}`);
  else if (kept.length > 1) parts.push(`${noun}s ${kept.join(", ")}`);
  return parts.join(" and ");
}

/** The message shown in a dropped column's coefficient and standard-error cells. */
export function droppedMessage(data: LinestData, dropped: DroppedColumn): string {
  const name = variableName(data, dropped.column);
  const observation = data.orientation === "rows" ? "column" : "row";
  const tail = "dropped, as LINEST would silently do (LINEST shows 0 here)";
  const others = listOthers(data, dropped.with);
  if (dropped.kind === "constant") {
    return data.intercept
      ? `${name} has the same value in every ${observation} used, so it duplicates the intercept: ${tail}`
      : `${name} is zero in every ${observation} used, so it carries no information: ${tail}`;
  }
  return others === ""
    ? `${name} is collinear with the other x values: ${tail}`
    : `${name} is collinear with ${others}: ${tail}`;
}

function noDegreesOfFreedom(fit: OlsResult): string | null {
  if (fit.dfResidual > 0) return null;
  const rows = `${fit.n} data point${fit.n === 1 ? "" : "s"} used`;
  const fitted = `${fit.rank} coefficient${fit.rank === 1 ? "" : "s"} fitted`;
  return `no residual degrees of freedom (${rows}, ${fitted})`;
}

/** Why a statistic is undefined, in words. */
function undefinedReason(fit: OlsResult, statistic: "coefficient" | "r2" | "f"): string {
  if (fit.yConstant) {
    return fit.intercept
      ? "known_y has the same value wherever it is used, so the fit has no variation to measure"
      : "known_y is zero wherever it is used, so the fit has no variation to measure";
  }
  const noDf = noDegreesOfFreedom(fit);
  if (noDf && statistic !== "r2") return noDf;
  const regressors = fit.rank - (fit.intercept ? 1 : 0);
  if (statistic === "f" && regressors === 0) return "no x column was kept in the fit";
  if (statistic !== "coefficient" && fit.ssRegression === 0 && fit.ssResidual === 0) {
    return fit.intercept
      ? "known_y has the same value wherever it is used"
      : "known_y is zero wherever it is used";
  }
  if (statistic === "f" && fit.ssResidual === 0) return "the fit is exact (the residual sum of squares is 0)";
  return noDf ?? "not defined for this data";
}

/** A statistic as a cell: a finite number, or #N/A (undefined) / #NUM! (not finite). */
function statCell(
  value: number | null,
  what: string,
  fit: OlsResult,
  statistic: "coefficient" | "r2" | "f" = "coefficient",
): Cell {
  if (value === null || value === undefined) {
    return { error: "#N/A", message: `${what} is undefined: ${undefinedReason(fit, statistic)}` };
  }
  if (!Number.isFinite(value)) return { error: "#NUM!", message: `${what} is not a finite number` };
  return value;
}

/**
 * The LINEST array for a fit: one row (coefficients) or, with `data.stats`, five rows, p + 1 wide.
 * Every cell is a finite number or a CellError; nothing is null, NaN or Infinity.
 */
export function linestLayout(fit: OlsResult, data: LinestData): Cell[][] {
  const p = data.columns.length;
  const droppedBy = new Map<number, DroppedColumn>(fit.dropped.map((d) => [d.column, d]));
  const coefficients: Cell[] = [];
  const errors: Cell[] = [];
  for (let j = p - 1; j >= 0; j--) {
    const dropped = droppedBy.get(j);
    if (dropped) {
      const cell: CellError = { error: "#N/A", message: droppedMessage(data, dropped) };
      coefficients.push(cell);
      errors.push({ ...cell });
      continue;
    }
    const name = variableName(data, j);
    coefficients.push(statCell(fit.coefficients[j], `the coefficient of ${name}`, fit));
    errors.push(statCell(fit.standardErrors[j], `the standard error of ${name}`, fit));
  }
  if (fit.intercept) {
    coefficients.push(statCell(fit.interceptValue, "the intercept", fit));
    errors.push(statCell(fit.interceptStandardError, "the standard error of the intercept", fit));
  } else {
    coefficients.push(0);
    errors.push({
      error: "#N/A",
      message: "no intercept was fitted (const = FALSE), so it has no standard error (as LINEST)",
    });
  }
  if (!data.stats) return [coefficients];

  const pad = (cells: Cell[]): Cell[] => {
    while (cells.length < p + 1) cells.push({ ...NA_PADDING });
    return cells;
  };
  return [
    coefficients,
    errors,
    pad([statCell(fit.r2, "R²", fit, "r2"), statCell(fit.standardErrorY, "the standard error of y", fit)]),
    pad([statCell(fit.f, "the F statistic", fit, "f"), statCell(fit.dfResidual, "df", fit)]),
    pad([
      statCell(fit.ssRegression, "the regression sum of squares", fit),
      statCell(fit.ssResidual, "the residual sum of squares", fit),
    ]),
  ];
}

/**
 * REGRESS in one call: read the arguments, fit with `fit`, lay the result out as LINEST does.
 * Numbers whose squares leave double precision (magnitude above 1e150, or non-zero below 1e-150)
 * are #NUM!, as a fit whose sums of squares overflow.
 */
export function linest(request: LinestRequest, fit: Fitter): Cell[][] {
  const data = prepareLinest(request);
  if (data.magnitude && (data.magnitude.max > 1e150 || data.magnitude.min < 1e-150)) {
    throw new LinestInputError(
      "a value's magnitude is outside 1e-150 .. 1e150, where its square under- or overflows",
      "#NUM!",
    );
  }
  let result: OlsResult;
  try {
    result = fit(data.y, data.columns, { intercept: data.intercept });
  } catch (error) {
    if (error instanceof RangeError) throw new LinestInputError(error.message, "#NUM!");
    throw error;
  }
  return linestLayout(result, data);
}
