/**
 * Reading the value columns of Observations: numbers per period, missing values summarised per
 * column, and trailing periods without data dropped.
 */
import { describeCell, readNumber } from "./input-cells";
import { Diagnostics, quote } from "./diagnostics";
import { isBlankRow } from "./header";
import type { GridView } from "./locate";

/** Text errors reported one by one per column; the rest are counted in one message. */
const MAX_CELL_ERRORS_PER_COLUMN = 5;
/** Missing cells named in a column's missing-values warning. */
const MISSING_CELLS_SHOWN = 5;

/** An Observations column matched to a lever or metric. */
export interface SeriesColumn {
  name: string;
  isLever: boolean;
  col: number;
}

/** Rows at the end that have a Period but no values (dates filled in ahead) are not periods yet. */
export function dropTrailingEmptyPeriods(
  view: GridView,
  rows: number[],
  seriesCols: number[],
  diags: Diagnostics,
): number[] {
  if (seriesCols.length === 0) return rows;
  let end = rows.length;
  while (end > 0 && isBlankRow(view, rows[end - 1], seriesCols)) end--;
  if (end === rows.length) return rows;
  const dropped = rows.slice(end);
  const first = view.sheetRow(dropped[0]);
  const last = view.sheetRow(dropped[dropped.length - 1]);
  diags.info(
    "trailing-empty-periods",
    view.sheet,
    view.address(dropped[0], 0),
    `${first === last ? `Row ${first} has` : `Rows ${first}-${last} have`} a Period but no values yet, so ` +
      `${first === last ? "it is" : "they are"} ignored; the history ends at the last period with data.`,
  );
  return rows.slice(0, end);
}

/** One column's values; blanks and Excel errors are missing (summarised), text and TRUE/FALSE are errors. */
export function readSeries(
  view: GridView,
  rows: readonly number[],
  s: SeriesColumn,
  diags: Diagnostics,
): (number | null)[] {
  const missing: string[] = [];
  const bad: string[] = [];
  const out = rows.map((r) => {
    const value = view.cell(r, s.col);
    if (typeof value === "number" && Number.isFinite(value)) return value; // the common case
    const read = readNumber(value);
    if (read.kind === "number") return read.value;
    const cell = view.address(r, s.col);
    if (read.kind === "blank" || read.kind === "error") {
      missing.push(`${cell} ${read.kind === "blank" ? "blank" : read.code}`);
      return null;
    }
    bad.push(cell);
    if (bad.length <= MAX_CELL_ERRORS_PER_COLUMN) {
      diags.error(
        read.kind === "text" ? "text-in-number" : "boolean-in-number",
        view.sheet,
        cell,
        `The cell holds ${describeCell(value)} where a number is expected (${quote(s.name)}); ` +
          `clear the cell or enter a number.`,
      );
    }
    return null;
  });
  if (bad.length > MAX_CELL_ERRORS_PER_COLUMN) {
    diags.error(
      "text-in-number",
      view.sheet,
      bad[MAX_CELL_ERRORS_PER_COLUMN],
      `${bad.length - MAX_CELL_ERRORS_PER_COLUMN} more cells of column ${quote(s.name)} hold text or TRUE/FALSE where numbers are ` +
        `expected (${bad.slice(MAX_CELL_ERRORS_PER_COLUMN, MAX_CELL_ERRORS_PER_COLUMN + 5).join(", ")}${bad.length > MAX_CELL_ERRORS_PER_COLUMN + 5 ? ", …" : ""}); clear them or enter numbers.`,
    );
  }
  const numbers = out.filter((v) => v !== null).length;
  if (missing.length > 0 && numbers > 0) {
    const shown = missing.slice(0, MISSING_CELLS_SHOWN).join(", ");
    const more =
      missing.length > MISSING_CELLS_SHOWN ? `, and ${missing.length - MISSING_CELLS_SHOWN} more` : "";
    diags.warning(
      "missing-values",
      view.sheet,
      missing[0].split(" ")[0],
      `${quote(s.name)} has ${missing.length} missing value${missing.length > 1 ? "s" : ""} (${shown}${more}); ` +
        `those periods are left out where this column is needed. Fill them in if you have the numbers.`,
    );
  }
  return out;
}
