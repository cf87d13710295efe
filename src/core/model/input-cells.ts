/**
 * Reading one cell: text (trimmed, otherwise verbatim), numbers (including numeric text such as
 * "12%", "1,200", "$4,100", "(12)"), and the key used to match names case-insensitively.
 */
import { quote } from "./diagnostics";
import { isCellError, type CellValue } from "./raw";

/** Name matching key: Unicode NFC, trimmed, internal whitespace collapsed, lower case. */
export function matchKey(text: string): string {
  return text.normalize("NFC").trim().replace(/\s+/g, " ").toLowerCase();
}

/** Text an Excel error value shows, also when a CSV-like host delivered it as text. */
const ERROR_TEXT =
  /^#(?:N\/A|DIV\/0!|VALUE!|REF!|NAME\?|NUM!|NULL!|SPILL!|CALC!|GETTING_DATA|FIELD!|BLOCKED!|CONNECT!|BUSY!|UNKNOWN!|PYTHON!)$/i;

/** Blank: null, "" or only whitespace (including non-breaking spaces). */
export function isBlank(value: CellValue | undefined): boolean {
  return value === null || value === undefined || (typeof value === "string" && value.trim() === "");
}

/** The error code a cell holds (#N/A …), or null. Text that spells an error code counts. */
export function errorCode(value: CellValue | undefined): string | null {
  if (value === undefined || value === null) return null;
  if (isCellError(value)) return value.code;
  if (typeof value === "string" && ERROR_TEXT.test(value.trim())) return value.trim().toUpperCase();
  return null;
}

/**
 * A cell as text: strings trimmed (nothing else changes), numbers as JavaScript prints them,
 * booleans as TRUE/FALSE, blanks as "". Null for an error value (the caller reports it).
 */
export function cellText(value: CellValue | undefined): string | null {
  if (value === undefined || value === null) return "";
  if (errorCode(value) !== null) return null;
  if (typeof value === "string") return value.trim();
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (typeof value === "number") return String(value);
  return null;
}

export type NumberRead =
  | { kind: "number"; value: number }
  | { kind: "blank" }
  | { kind: "error"; code: string }
  | { kind: "text"; text: string }
  | { kind: "boolean"; value: boolean };

const CURRENCY = "[$€£¥₹]";
const DIGITS = String.raw`(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d*)?|\.\d+`;
const NUMERIC_TEXT = new RegExp(
  String.raw`^(\()?\s*([+-])?\s*(${CURRENCY})?\s*([+-])?\s*(${DIGITS})(?:[eE]([+-]?\d+))?\s*(%)?\s*(${CURRENCY})?\s*(\))?$`,
);

const PLAIN_DECIMAL = /^-?\d+(?:\.\d+)?$/;

/**
 * Numeric text → number, or null. Accepts surrounding and non-breaking spaces, a leading + or -
 * (also the Unicode minus −), thousands commas in groups of three, a decimal point, an exponent,
 * a trailing % (divides by 100), one currency symbol ($ € £ ¥ ₹) before or after the number, and
 * accounting negatives in parentheses: "(12)" → -12, as Excel reads them when typed.
 */
export function parseNumericText(text: string): number | null {
  if (PLAIN_DECIMAL.test(text)) return Number(text) || 0; // fast path for the common case ("-0" → 0)
  const s = text
    .normalize("NFKC")
    .replace(/[\u2212\uFE63\uFF0D]/g, "-")
    .trim();
  const m = NUMERIC_TEXT.exec(s);
  if (!m) return null;
  const [, open, sign1, cur1, sign2, digits, exponent, percent, cur2, close] = m;
  if (Boolean(open) !== Boolean(close)) return null;
  if (sign1 && sign2) return null;
  if (open && (sign1 || sign2)) return null;
  if (cur1 && cur2) return null;
  if (percent && (cur1 || cur2)) return null;
  if (exponent !== undefined && digits.includes(",")) return null;
  const plain = digits.replace(/,/g, "");
  const power = (exponent === undefined ? 0 : Number(exponent)) - (percent ? 2 : 0);
  // Shifting the exponent (not dividing by 100) keeps "0.1%" exactly the double nearest 0.001.
  const magnitude = Number(power === 0 ? plain : `${plain}e${power}`);
  if (!Number.isFinite(magnitude)) return null;
  const negative = Boolean(open) || sign1 === "-" || sign2 === "-";
  return negative && magnitude !== 0 ? -magnitude : magnitude;
}

/** Classifies a cell where a number is expected. */
export function readNumber(value: CellValue | undefined): NumberRead {
  if (isBlank(value)) return { kind: "blank" };
  const code = errorCode(value);
  if (code !== null) return { kind: "error", code };
  if (typeof value === "number") {
    return Number.isFinite(value) ? { kind: "number", value } : { kind: "error", code: "#NUM!" };
  }
  if (typeof value === "boolean") return { kind: "boolean", value };
  const text = value as string;
  const parsed = parseNumericText(text);
  return parsed === null ? { kind: "text", text } : { kind: "number", value: parsed };
}

/** How a cell shows in a message: text quoted, errors by code, booleans as TRUE/FALSE. */
export function describeCell(value: CellValue | undefined): string {
  if (isBlank(value)) return "nothing";
  if (value === null || value === undefined) return "nothing";
  if (isCellError(value)) return value.code;
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (typeof value === "number") return String(value);
  return quote(value);
}
