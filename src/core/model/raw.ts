/**
 * What a host hands the core: the cell values of the candidate input sheets and tables, nothing else.
 * Every host (xlsx file, Office.js, tests) produces this same shape, so parsing is written once.
 */

/** An Excel error value such as #N/A or #DIV/0!, as it appears in a cell. */
export interface CellError {
  kind: "error";
  code: string;
}

/**
 * One cell's value as the host read it. Dates arrive as Excel serial numbers (what both
 * Office.js `values` and the .xlsx file store) in the 1900 date system: a host reading a workbook
 * in the 1904 system moves its date cells by 1462 days (the xlsx host does; see
 * hosts/xlsx/date-system.ts). Text is never interpreted by the host.
 */
export type CellValue = number | string | boolean | null | CellError;

/** A rectangular block of cells and where its top-left cell sits on its worksheet (0-based). */
export interface RawGrid {
  values: CellValue[][];
  /** 0-based row of values[0] on the worksheet. */
  originRow: number;
  /** 0-based column of values[r][0] on the worksheet. */
  originCol: number;
}

export interface RawSheet extends RawGrid {
  /** Worksheet name exactly as in the workbook. */
  name: string;
  /** Rows hidden by the user (0-based sheet rows); informational only: hidden rows are still data. */
  hiddenRows?: number[];
}

export interface RawTable extends RawGrid {
  /** Table name (e.g. "tblLevers"). values[0] is the header row. */
  name: string;
  /** Worksheet the table lives on. */
  sheetName: string;
}

export interface RawWorkbook {
  /** Candidate input worksheets (a host may read all worksheets, or only those `isInputCandidate` accepts). */
  sheets: RawSheet[];
  tables: RawTable[];
  /** Names of every worksheet in the workbook, in tab order (also those not read). */
  sheetNames: string[];
  /** Names of the worksheets that carry the rpo-align output marker (see report/spec.ts). */
  outputSheets: string[];
  /**
   * The values of our own "Alignment History" sheet from the previous run, if there is one
   * (the report appends to it). Null when absent or not ours.
   */
  history: RawSheet | null;
}

export function isCellError(value: CellValue): value is CellError {
  return typeof value === "object" && value !== null && value.kind === "error";
}
