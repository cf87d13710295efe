/**
 * Finding the header row of an input and the column of each expected header.
 *
 * A sheet's header row is the first of its first 20 rows that holds every required header
 * (title rows above it are fine); a table's header row is its first row. Headers match trimmed,
 * case-insensitively, with internal whitespace collapsed; columns may come in any order and
 * columns we do not expect are left alone.
 */
import { cellText, isBlank, matchKey } from "./input-cells";
import { Diagnostics, listText, quote, sentence } from "./diagnostics";
import type { GridView } from "./locate";
import type { Severity } from "./types";
import { closest } from "./suggest";

export const HEADER_SEARCH_ROWS = 20;

export interface ColumnSpec {
  /** Key the parser uses. */
  key: string;
  /** Header as documented. */
  header: string;
  required: boolean;
}

export interface HeaderCell {
  text: string;
  /** Grid column. */
  col: number;
}

export interface HeaderMatch {
  /** Grid row of the header. */
  row: number;
  /** Grid column of each found spec key. */
  columns: Map<string, number>;
  /** Non-blank header cells that match no spec, left to right. */
  others: HeaderCell[];
}

function headerCells(view: GridView, r: number): HeaderCell[] {
  const cells: HeaderCell[] = [];
  for (let c = 0; c < view.cols; c++) {
    const value = view.cell(r, c);
    if (isBlank(value)) continue;
    const text = cellText(value);
    if (text !== null && text !== "") cells.push({ text, col: c });
  }
  return cells;
}

/** How well a row looks like the header: [required headers present, near-misses of the others]. */
function headerScore(cells: HeaderCell[], required: readonly ColumnSpec[]): [number, number] {
  const keys = new Set(cells.map((cell) => matchKey(cell.text)));
  const present = required.filter((s) => keys.has(matchKey(s.header)));
  const texts = cells.map((cell) => cell.text);
  const near = required.filter((s) => !present.includes(s) && closest(s.header, texts) !== null);
  return [present.length, near.length];
}

/**
 * Locates the header row and maps columns. Missing required columns and duplicated expected
 * columns are reported with `severity` (error, or warning for the optional Actions input); null
 * is returned when the input cannot be read.
 */
export function findHeader(
  view: GridView,
  specs: readonly ColumnSpec[],
  diags: Diagnostics,
  severity: Severity = "error",
): HeaderMatch | null {
  const lastRow = view.table === null ? Math.min(HEADER_SEARCH_ROWS, view.rows) : Math.min(1, view.rows);
  const required = specs.filter((s) => s.required);
  let bestRow = -1;
  let best: [number, number] = [0, 0];
  for (let r = 0; r < lastRow; r++) {
    const score = headerScore(headerCells(view, r), required);
    if (score[0] === required.length) {
      bestRow = r;
      break;
    }
    if (score[0] > best[0] || (score[0] === best[0] && score[1] > best[1])) {
      best = score;
      bestRow = r;
    }
  }
  const expected = listText(required.map((s) => quote(s.header)));
  if (bestRow < 0 && view.table !== null && view.rows > 0) bestRow = 0;
  if (bestRow < 0) {
    const where =
      view.table === null ? `in the first ${HEADER_SEARCH_ROWS} rows of ${view.label}` : `in ${view.label}`;
    diags.add(
      severity,
      "missing-header",
      view.sheet,
      view.rows > 0 ? view.address(0, 0) : null,
      view.rows === 0
        ? `${sentence(view.label)} is empty. Add a header row with the columns ${expected} and the data below it.`
        : `No header row found ${where}. Put the headers ${expected} in one row above the data.`,
    );
    return null;
  }

  const cells = headerCells(view, bestRow);
  const columns = new Map<string, number>();
  const others: HeaderCell[] = [];
  for (const cell of cells) {
    const spec = specs.find((s) => matchKey(s.header) === matchKey(cell.text));
    if (!spec) {
      others.push(cell);
      continue;
    }
    const first = columns.get(spec.key);
    if (first !== undefined) {
      diags.add(
        severity,
        "duplicate-column",
        view.sheet,
        view.address(bestRow, cell.col),
        `Two columns are headed ${quote(spec.header)} (${view.address(bestRow, first)} and ` +
          `${view.address(bestRow, cell.col)}); the first is used. Delete or rename the other.`,
      );
      continue;
    }
    columns.set(spec.key, cell.col);
  }

  let complete = true;
  const unclaimed = [...others];
  for (const spec of required) {
    if (columns.has(spec.key)) continue;
    complete = false;
    const near = closest(
      spec.header,
      unclaimed.map((c) => c.text),
    );
    const nearCell = unclaimed.find((c) => c.text === near);
    const hint =
      nearCell === undefined
        ? `Add a column headed ${quote(spec.header)}.`
        : `Did you mean ${quote(nearCell.text)} (${view.address(bestRow, nearCell.col)})? Rename it to ${quote(spec.header)}.`;
    if (nearCell) unclaimed.splice(unclaimed.indexOf(nearCell), 1);
    diags.add(
      severity,
      "missing-column",
      view.sheet,
      view.address(bestRow, 0),
      `No ${quote(spec.header)} column in the header row (row ${view.sheetRow(bestRow)}) of ${view.label}. ${hint}`,
    );
  }
  if (!complete) return null;

  for (const spec of specs.filter((s) => !s.required && !columns.has(s.key))) {
    const near = closest(
      spec.header,
      others.map((c) => c.text),
    );
    const nearCell = others.find((c) => c.text === near);
    if (nearCell) {
      diags.info(
        "unrecognised-column",
        view.sheet,
        view.address(bestRow, nearCell.col),
        `Column ${quote(nearCell.text)} is ignored. If it is meant to be the optional ${quote(spec.header)} column, rename it to ${quote(spec.header)}.`,
      );
    }
  }
  return { row: bestRow, columns, others };
}

/** Whether grid row r is blank in every one of `cols`. */
export function isBlankRow(view: GridView, r: number, cols: Iterable<number>): boolean {
  for (const c of cols) if (!isBlank(view.cell(r, c))) return false;
  return true;
}
