/** A1 references <-> 0-based coordinates. */
import { cellAddress, columnLetters } from "../../core/model/address";

/** Column index (0-based) of the letters in `ref[0..end)`, e.g. "AB" -> 27. Case-insensitive. */
export function colFromLetters(ref: string, end = ref.length): number {
  let n = 0;
  for (let i = 0; i < end; i++) {
    const c = ref.charCodeAt(i) & ~32; // upper-case
    if (c < 65 || c > 90) break;
    n = n * 26 + (c - 64);
  }
  return n - 1;
}

/** The core's A1 helpers (one implementation for every host and the diagnostics). */
export const colLetters = columnLetters;
export const a1 = cellAddress;

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
  const col = colFromLetters(m[1]);
  const rowEnd = m[4] === undefined ? row : Number(m[4]) - 1;
  const colEnd = m[3] === undefined ? col : colFromLetters(m[3]);
  return {
    row: Math.min(row, rowEnd),
    col: Math.min(col, colEnd),
    rowEnd: Math.max(row, rowEnd),
    colEnd: Math.max(col, colEnd),
  };
}

export function rangeRef(r: Rect, absolute = false): string {
  const d = absolute ? "$" : "";
  const start = `${d}${colLetters(r.col)}${d}${r.row + 1}`;
  if (r.row === r.rowEnd && r.col === r.colEnd && !absolute) return start;
  return `${start}:${d}${colLetters(r.colEnd)}${d}${r.rowEnd + 1}`;
}

/** A sheet name quoted for use in a formula: 'My Sheet'!A1 (quotes doubled; always quoted, which is valid). */
export function quoteSheetName(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}
