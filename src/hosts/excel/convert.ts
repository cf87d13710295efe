/** Office.js range values (+ valueTypes) -> the core's CellValue grid. */
import type { CellValue } from "../../core/model/raw";

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
      // Rich values: their text (an object as JSON, never "[object Object]").
      if (typeof value === "object") return JSON.stringify(value);
      return typeof value === "bigint" || typeof value === "symbol" ? value.toString() : null;
  }
}

export function toCellGrid(values: unknown[][], types: string[][]): CellValue[][] {
  return values.map((row, r) => row.map((v, c) => toCellValue(v, types[r]?.[c])));
}
