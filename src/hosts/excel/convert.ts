/** Office.js range values (+ valueTypes) -> the core's CellValue grid. */
import type { CellValue } from "../../core/model/raw";
import { columnLetters } from "../../core/model/address";

/**
 * One cell. Office.js gives "" for a blank cell and the error text ("#N/A") for an error cell, so
 * `valueTypes` decides: "Empty" -> null, "Error" -> CellError, "Boolean"/"Double"/"Integer" as is.
 * Dates are serial numbers already. Text "" (a formula returning "") is treated as blank.
 */
export function toCellValue(value: unknown, type: string | undefined): CellValue {
  switch (type) {
    case "Empty":
      return null;
    case "Error":
      return { kind: "error", code: String(value) };
    case "Boolean":
      return typeof value === "boolean" ? value : String(value).toUpperCase() === "TRUE";
    case "Double":
    case "Integer":
      return typeof value === "number" ? value : Number(value);
    default:
      if (value === "" || value === null || value === undefined) return null;
      if (typeof value === "number" || typeof value === "boolean" || typeof value === "string") return value;
      return String(value); // rich values: their text
  }
}

export function toCellGrid(values: unknown[][], types: string[][]): CellValue[][] {
  return values.map((row, r) => row.map((v, c) => toCellValue(v, types[r]?.[c])));
}

/** Column letters for a 0-based column index (the core's; 0 -> "A", 26 -> "AA"). */
export { columnLetters };

/** A1 address of a 0-based rectangle, e.g. (0,0,9,3) -> "A1:D10". */
export function a1(row: number, col: number, rowEnd: number, colEnd: number): string {
  const start = `${columnLetters(col)}${row + 1}`;
  return row === rowEnd && col === colEnd ? start : `${start}:${columnLetters(colEnd)}${rowEnd + 1}`;
}
