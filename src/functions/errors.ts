/**
 * Core result cells -> what a custom function returns to Excel.
 *
 * Core modules describe an error cell as { error: "#N/A" | "#VALUE!" | "#NUM!", message }; Excel
 * wants a CustomFunctions.Error (CustomFunctionsRuntime 1.2; the #N/A code and messages inside a
 * returned array need 1.3, which the manifest requires). Excel shows a message only for #VALUE!
 * and #N/A, so #NUM! is returned without one.
 *
 * Also guards what Excel would display wrongly: null shows as 0 inside an array (office-js #1503),
 * so a blank cell is returned as "", and NaN/Infinity never reach the sheet (they become #NUM!).
 */
import {
  FunctionInputError,
  isCellError,
  shownCell,
  type Cell,
  type CellError,
} from "../core/functions/cell-arguments";

export type ExcelCell = number | string | boolean | CustomFunctions.Error;

/** A CustomFunctions.Error for a core error cell. */
export function toCustomFunctionsError(cell: CellError): CustomFunctions.Error {
  const message = cell.message === "" ? undefined : cell.message;
  switch (cell.error) {
    case "#N/A":
      return new CustomFunctions.Error(CustomFunctions.ErrorCode.notAvailable, message);
    case "#NUM!":
      return new CustomFunctions.Error(CustomFunctions.ErrorCode.invalidNumber);
    case "#VALUE!":
    default:
      return new CustomFunctions.Error(CustomFunctions.ErrorCode.invalidValue, message);
  }
}

/** One cell for Excel: finite numbers and text as they are, errors as CustomFunctions.Error. */
export function toExcelCell(cell: Cell | null | undefined): ExcelCell {
  const shown = shownCell(cell);
  return isCellError(shown) ? toCustomFunctionsError(shown) : shown;
}

/** A whole result array for Excel. */
export function toExcelMatrix(cells: Cell[][]): ExcelCell[][] {
  return cells.map((row) => row.map(toExcelCell));
}

/**
 * The error a failed call throws: the FunctionInputError's code (#VALUE!, #N/A or #NUM!) or
 * #VALUE!, with the failure's message (core input errors carry a message written for the
 * spreadsheet user; Excel cannot show one with #NUM!). A thrown CustomFunctions.Error passes through.
 */
export function toThrownError(error: unknown, functionName: string): CustomFunctions.Error {
  if (error instanceof CustomFunctions.Error) return error;
  const text = error instanceof Error ? error.message : String(error);
  // Messages of src/core/functions already start with "NAME: ".
  const message = text.startsWith(`${functionName}: `) ? text : `${functionName}: ${text}`;
  if (error instanceof FunctionInputError) return toCustomFunctionsError({ error: error.code, message });
  return new CustomFunctions.Error(CustomFunctions.ErrorCode.invalidValue, message);
}
