/** Escaping for the XML we write, and SpreadsheetML's `_xHHHH_` string escapes. */

/** Escapes text content (`&`, `<`, `>`). Callers must have removed illegal characters. */
export function escapeText(s: string): string {
  return /[&<>]/.test(s) ? s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;") : s;
}

const ATTR_ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "\t": "&#9;",
  "\n": "&#10;",
  "\r": "&#13;",
};

/** Escapes an attribute value, including quotes and whitespace that would be normalised away. */
export function escapeAttr(s: string): string {
  return /[&<>"\t\n\r]/.test(s) ? s.replace(/[&<>"\t\n\r]/g, (c) => ATTR_ESCAPES[c]) : s;
}

/**
 * Characters XML 1.0 cannot carry (C0 controls except tab/LF, U+FFFE/U+FFFF), CR (which parsers
 * fold into LF) and the underscore of a literal `_xHHHH_` (which Excel would decode).
 */
// eslint-disable-next-line no-control-regex -- control characters are what must be escaped here
const NEEDS_ST_X = /[\u0000-\u0008\u000B-\u001F\uFFFE\uFFFF]|_(?=x[0-9A-Fa-f]{4}_)/g;
// eslint-disable-next-line no-control-regex -- these are exactly the characters XML 1.0 forbids
export const ILLEGAL_XML_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
export const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Makes any JavaScript string safe for a SpreadsheetML string element (ST_Xstring): control
 * characters become `_xHHHH_` (Excel's own escape), a literal `_xHHHH_` keeps its meaning by
 * escaping its underscore as `_x005F_`, lone surrogates become U+FFFD; then XML-escapes.
 */
export function escapeSpreadsheetText(s: string): string {
  const out = s
    .replace(LONE_SURROGATE, "\uFFFD")
    .replace(NEEDS_ST_X, (c) => `_x${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}_`);
  return escapeText(out);
}

/** Decodes Excel's `_xHHHH_` escapes in string content (sharedStrings, inline strings). */
export function decodeSpreadsheetText(s: string): string {
  if (s.indexOf("_x") < 0) return s;
  return s.replace(/_x([0-9A-Fa-f]{4})_/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** Removes characters that are illegal in XML 1.0 (for attribute values such as names). */
export function stripIllegalXmlChars(s: string): string {
  return s.replace(ILLEGAL_XML_CHARS, "").replace(LONE_SURROGATE, "\uFFFD");
}
