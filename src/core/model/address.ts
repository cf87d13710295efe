/**
 * A1 addresses for diagnostics: 0-based row/column → "D17", and sheet-qualified references.
 * Columns run A..Z, AA..AZ, …, XFD (bijective base 26).
 */

/** 0-based column index → column letters (0 → "A", 25 → "Z", 26 → "AA", 16383 → "XFD"). */
export function columnLetters(col: number): string {
  if (!Number.isInteger(col) || col < 0)
    throw new RangeError(`column index must be a whole number ≥ 0, got ${col}`);
  let n = col + 1;
  let letters = "";
  while (n > 0) {
    const rem = (n - 1) % 26;
    letters = String.fromCharCode(65 + rem) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
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

/** Sheet name as Excel writes it in a reference: quoted when it is not a plain identifier. */
export function sheetReference(sheet: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(sheet) ? sheet : `'${sheet.replace(/'/g, "''")}'`;
}
