/** Ranges in .xlsx formulas and defined names; cell letters and digits are the core's (model/address.ts). */
import { columnFromLetters, columnLetters } from "../../core/model/address";

export interface Rect {
  row: number;
  col: number;
  rowEnd: number;
  colEnd: number;
}

/** Parses "A1", "$A$1:$D$10" or "B2:C3" (no sheet part). Null when it is not a cell reference. */
export function parseRef(ref: string): Rect | null {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d+)(?::\$?([A-Za-z]{1,3})\$?(\d+))?$/.exec(ref.trim());
  if (!m) return null;
  const row = Number(m[2]) - 1;
  const col = columnFromLetters(m[1]);
  const rowEnd = m[4] === undefined ? row : Number(m[4]) - 1;
  const colEnd = m[3] === undefined ? col : columnFromLetters(m[3]);
  return {
    row: Math.min(row, rowEnd),
    col: Math.min(col, colEnd),
    rowEnd: Math.max(row, rowEnd),
    colEnd: Math.max(col, colEnd),
  };
}

export function rangeRef(r: Rect, absolute = false): string {
  const d = absolute ? "$" : "";
  const start = `${d}${columnLetters(r.col)}${d}${r.row + 1}`;
  if (r.row === r.rowEnd && r.col === r.colEnd && !absolute) return start;
  return `${start}:${d}${columnLetters(r.colEnd)}${d}${r.rowEnd + 1}`;
}
