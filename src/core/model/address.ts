/**
 * A1 addresses, the one home for every layer (diagnostics, the hosts' formulas and defined
 * names, the .xlsx reader): 0-based row/column ↔ "D17", and sheet names as a formula writes them.
 * Columns run A..Z, AA..AZ, …, XFD (bijective base 26).
 */

const CODE_A = 65; // "A"
const CODE_Z = 90; // "Z"
const CODE_0 = 48; // "0"
const LOWER_CASE_BIT = 32; // ASCII: clearing it upper-cases a letter
const LETTERS = 26;

/** 0-based column index → column letters (0 → "A", 25 → "Z", 26 → "AA", 16383 → "XFD"). */
export function columnLetters(col: number): string {
  if (!Number.isInteger(col) || col < 0)
    throw new RangeError(`column index must be a whole number ≥ 0, got ${col}`);
  let n = col + 1;
  let letters = "";
  while (n > 0) {
    const rem = (n - 1) % LETTERS;
    letters = String.fromCharCode(CODE_A + rem) + letters;
    n = Math.floor((n - 1) / LETTERS);
  }
  return letters;
}

/**
 * Column letters → 0-based column index ("A" → 0, "AB" → 27, "xfd" → 16383), reading `ref`
 * up to `end` or its first non-letter, so "AB12" → 27. Case-insensitive; -1 when there is none.
 */
export function columnFromLetters(ref: string, end = ref.length): number {
  let n = 0;
  for (let i = 0; i < end; i++) {
    const c = ref.charCodeAt(i) & ~LOWER_CASE_BIT;
    if (c < CODE_A || c > CODE_Z) break;
    n = n * LETTERS + (c - CODE_A + 1);
  }
  return n - 1;
}

/**
 * A cell reference without `$` ("AB12", as the `r` attribute of an .xlsx cell) → 0-based row and
 * column; row -1 when it has no digits. Called once per cell by the .xlsx reader, so it scans
 * the characters instead of matching a regular expression.
 */
export function cellFromReference(ref: string): { row: number; col: number } {
  let i = 0;
  let col = 0;
  for (; i < ref.length; i++) {
    const c = ref.charCodeAt(i) & ~LOWER_CASE_BIT;
    if (c < CODE_A || c > CODE_Z) break;
    col = col * LETTERS + (c - CODE_A + 1);
  }
  let row = 0;
  for (; i < ref.length; i++) {
    const d = ref.charCodeAt(i) - CODE_0;
    if (d < 0 || d > 9) break;
    row = row * 10 + d;
  }
  return { row: row - 1, col: col - 1 };
}

/** 0-based row and column → "D17". */
export function cellAddress(row: number, col: number): string {
  if (!Number.isInteger(row) || row < 0)
    throw new RangeError(`row index must be a whole number ≥ 0, got ${row}`);
  return columnLetters(col) + String(row + 1);
}

/** 0-based inclusive rectangle → "B2:B40" (a single cell gives "B2"). */
export function rangeAddress(row: number, col: number, rowEnd: number, colEnd: number): string {
  const first = cellAddress(row, col);
  const last = cellAddress(rowEnd, colEnd);
  return first === last ? first : `${first}:${last}`;
}

/** A sheet name quoted for a formula: 'My Sheet'!A1 (quotes doubled; always quoting is valid). */
export function quotedSheetName(sheet: string): string {
  return `'${sheet.replace(/'/g, "''")}'`;
}

/** Sheet name as Excel writes it in a reference: quoted only when it is not a plain identifier. */
export function sheetReference(sheet: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(sheet) ? sheet : quotedSheetName(sheet);
}
