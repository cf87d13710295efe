/**
 * Reading what Excel passes to a custom function, shared by every RPO.* function (REGRESS included).
 *
 * Excel hands a range argument over as a 2-D array of cell values: numbers, strings (text, "" for an
 * empty string, and on Excel on the web null for a blank cell), booleans, and (for some argument
 * types) error objects or data-type objects. The rules, the same for every function:
 *
 * - a finite number is a value; a number stored as plain decimal text ("12.5", " -1e3 ") is read as
 *   that number; text formatted for display ('1,234', '10%', '(5)', '$5') is INVALID with a message
 *   saying how to convert it (its reading depends on a locale the runtime cannot know);
 * - null, undefined, "" or only spaces, and an Excel error value are MISSING (never zero);
 * - any other text, TRUE/FALSE, NaN, ±Infinity or an unknown object is INVALID: the caller stops
 *   with #VALUE! and a message naming the cell.
 *
 * Excel desktop has passed blank cells as 0 (office-js #1951, #4702, #5262); nothing here can tell
 * such a 0 from a real one (see docs/functions.md, "Blank cells").
 *
 * Result cells use the error-cell convention of src/core: { error: "#N/A" | "#VALUE!" | "#NUM!", message }.
 * Pure: no Excel, Office.js or DOM.
 */

/** Excel error values a result cell can hold. Only #N/A and #VALUE! can carry a message in Excel. */
export type CellErrorCode = "#N/A" | "#VALUE!" | "#NUM!";

/** An error in one result cell; `message` may be "" (no message, as LINEST's #N/A padding). */
export interface CellError {
  error: CellErrorCode;
  message: string;
}

/** One result cell: a number, a text ("" for an intentionally blank cell) or an error. */
export type Cell = number | string | CellError;

export function isCellError(cell: unknown): cell is CellError {
  return typeof cell === "object" && cell !== null && typeof (cell as CellError).error === "string";
}

/**
 * A result cell as the spreadsheet shows it: blank for null (null would show as 0 inside an array,
 * office-js #1503), finite numbers and text as they are, NaN/Infinity as #NUM!, anything else as
 * #VALUE!. The one rule behind the custom functions' return values (src/functions/errors.ts) and
 * the cached values we write for them (sample/formulas-eval.ts).
 */
export function shownCell(cell: Cell | null | undefined): Cell {
  if (cell === null || cell === undefined) return "";
  if (typeof cell === "number") return Number.isFinite(cell) ? cell : { error: "#NUM!", message: "" };
  if (typeof cell === "string" || isCellError(cell)) return cell;
  return { error: "#VALUE!", message: "unexpected result value" };
}

/**
 * The whole call cannot be answered: the formula's cell shows `code` (default #VALUE!) and, for
 * #VALUE! and #N/A, the message (written for the spreadsheet user).
 */
export class FunctionInputError extends Error {
  override readonly name: string = "FunctionInputError";
  readonly code: CellErrorCode;
  constructor(message: string, code: CellErrorCode = "#VALUE!") {
    super(message);
    this.code = code;
  }
}

/** Excel's error values as text (how they appear when passed as strings). */
export const EXCEL_ERROR_TEXTS: ReadonlySet<string> = new Set([
  "#NULL!",
  "#DIV/0!",
  "#VALUE!",
  "#REF!",
  "#NAME?",
  "#NUM!",
  "#N/A",
  "#GETTING_DATA",
  "#SPILL!",
  "#CONNECT!",
  "#BLOCKED!",
  "#UNKNOWN!",
  "#FIELD!",
  "#CALC!",
  "#BUSY!",
  "#PYTHON!",
  "#TIMEOUT!",
]);

/** A plain decimal number, optionally signed, with optional exponent: what we accept as numeric text. */
const NUMERIC_TEXT = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

export type Reading =
  { kind: "number"; value: number } | { kind: "missing" } | { kind: "invalid"; what: string };

function isErrorValue(value: object): boolean {
  // CustomFunctions.Error-like ({ code: "#DIV/0!" }) or an Excel data-type error ({ type: "Error", ... }).
  const v = value as { code?: unknown; type?: unknown; errorType?: unknown };
  if (typeof v.code === "string" && EXCEL_ERROR_TEXTS.has(v.code)) return true;
  return v.type === "Error" || typeof v.errorType === "string";
}

/** 'text' in quotes, shortened to 40 characters. */
export function quote(text: string): string {
  const short = text.length > 40 ? `${text.slice(0, 37)}...` : text;
  return `'${short}'`;
}

/**
 * Text that looks like a number formatted for display ('1,234', '10%', '(5)', '$5', '1 234,5'):
 * refused, because how to read it depends on the workbook's locale, which Excel's JavaScript-only
 * custom-functions runtime cannot know (cultureInfo needs ExcelApi 1.11, absent there).
 */
const FORMATTED_NUMBER =
  /^[(+-]?\s*[$€£¥]?\s*[+-]?(?=[\d.,'\s\u00a0\u202f]*\d)[\d.,'\s\u00a0\u202f]+\s*%?\s*[$€£¥]?\s*\)?$/;

/** The message for text that is not a plain number; `blankHint` says what a blank does instead. */
function textMessage(value: string, functionName: string, blankHint: string): string {
  if (FORMATTED_NUMBER.test(value.trim())) {
    return (
      `holds text ${quote(value)}, a number formatted as text: ${functionName} reads only plain numbers ` +
      "(its separators and symbols depend on the workbook's language, which a custom function cannot know). " +
      'Convert it with NUMBERVALUE, e.g. =NUMBERVALUE(A2, ".", ",") for 1,234.5 (VALUE also works in your own language), ' +
      "or enter it as a number"
    );
  }
  return `holds text ${quote(value)}: ${functionName} needs numbers (${blankHint})`;
}

/** The default hint: what most functions do with a blank. */
export const BLANK_LEAVES_ROW_OUT = "a blank cell leaves its row out";

/**
 * Classifies one cell value as Excel passes it to a custom function.
 * @param functionName named in the message for text ("REGRESS needs numbers ...")
 * @param blankHint what a blank does in this argument, shown with a text cell's message
 */
export function readCell(
  value: unknown,
  functionName = "REGRESS",
  blankHint = BLANK_LEAVES_ROW_OUT,
): Reading {
  if (value === null || value === undefined) return { kind: "missing" };
  switch (typeof value) {
    case "number":
      return Number.isFinite(value)
        ? { kind: "number", value }
        : { kind: "invalid", what: `holds ${String(value)}, which is not a finite number` };
    case "string": {
      const text = value.trim();
      if (text === "" || EXCEL_ERROR_TEXTS.has(text.toUpperCase())) return { kind: "missing" };
      if (NUMERIC_TEXT.test(text)) {
        const parsed = Number(text);
        if (Number.isFinite(parsed)) return { kind: "number", value: parsed };
      }
      return { kind: "invalid", what: textMessage(value, functionName, blankHint) };
    }
    case "boolean":
      return {
        kind: "invalid",
        what: `holds ${value ? "TRUE" : "FALSE"}, a logical value (use 1 and 0 for a yes/no variable)`,
      };
    case "object":
      if (isErrorValue(value)) return { kind: "missing" };
      {
        // Excel data types (for example { type: "Double", basicValue: 3 }) carry their plain value.
        const basic = (value as { basicValue?: unknown }).basicValue;
        if (basic !== undefined && typeof basic !== "object") return readCell(basic, functionName, blankHint);
      }
      return { kind: "invalid", what: "holds a value that is not a number" };
    default:
      return { kind: "invalid", what: "holds a value that is not a number" };
  }
}

/** Null or undefined: how Excel passes an omitted optional argument. */
export function isOmitted(value: unknown): boolean {
  return value === null || value === undefined;
}

/**
 * A rectangular 2-D array from an argument; a single value counts as 1 x 1.
 * @param fail makes the error thrown for an empty or ragged argument (default FunctionInputError)
 */
export function asMatrix(
  value: unknown,
  name: string,
  fail: (message: string) => Error = (message) => new FunctionInputError(message),
): unknown[][] {
  if (!Array.isArray(value)) return [[value]];
  if (value.length === 0) throw fail(`${name} is empty`);
  const rows = (value as unknown[]).map((row): unknown[] =>
    Array.isArray(row) ? (row as unknown[]) : [row],
  );
  const width = rows[0].length;
  if (width === 0) throw fail(`${name} is empty`);
  if (rows.some((row) => row.length !== width)) {
    throw fail(`${name} is not rectangular: its rows have different lengths`);
  }
  return rows;
}

/** "12 rows x 1 column". */
export function matrixSize(m: unknown[][]): string {
  const r = m.length;
  const c = m[0].length;
  return `${r} row${r === 1 ? "" : "s"} x ${c} column${c === 1 ? "" : "s"}`;
}

/** "row 4", "column 2" or "row 4, column 2", depending on the argument's shape (1-based). */
export function cellPosition(m: unknown[][], r: number, c: number): string {
  if (m[0].length === 1) return `row ${r + 1}`;
  if (m.length === 1) return `column ${c + 1}`;
  return `row ${r + 1}, column ${c + 1}`;
}
