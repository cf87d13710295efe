/**
 * The file is not a readable .xlsx workbook. The message is for the user: it says what the file
 * appears to be and what to do about it. `kind` is stable, for tests and the CLI's exit codes.
 */
export type XlsxFormatKind =
  | "empty"
  | "xls"
  | "encrypted"
  | "text"
  | "pdf"
  | "not-zip"
  | "truncated"
  | "damaged"
  | "damaged-part"
  | "ods"
  | "xlsb"
  | "word"
  | "powerpoint"
  | "no-workbook"
  | "strict"
  | "too-large";

export class XlsxFormatError extends Error {
  constructor(
    readonly kind: XlsxFormatKind,
    message: string,
  ) {
    super(message);
    this.name = "XlsxFormatError";
  }
}

const SAVE_AS = "open it in Excel and save it as an Excel Workbook (.xlsx), then try again";

export function damaged(detail: string): XlsxFormatError {
  return new XlsxFormatError(
    "damaged",
    `This .xlsx file is damaged (${detail}). Open it in Excel (which can often repair it) and save it again, or use an earlier copy.`,
  );
}

/**
 * A part of the package is not well-formed XML to its end (cut off by a crashed export or a sync
 * conflict, or edited by hand). `what` names it for the user ("the Observations sheet"); `part` is
 * the part's name in the package and `detail` what is wrong. Nothing is analysed from such a file.
 */
export function damagedPart(what: string, part: string, detail: string): XlsxFormatError {
  const first = what.charAt(0).toUpperCase() + what.slice(1);
  return new XlsxFormatError(
    "damaged-part",
    `${first} is damaged: its XML (${part}) is incomplete or malformed (${detail}). Open the workbook in ` +
      "Excel and save it again (Excel offers to repair a damaged file), or use an earlier copy; nothing was " +
      "analysed or written.",
  );
}

export function truncated(): XlsxFormatError {
  return new XlsxFormatError(
    "truncated",
    "This .xlsx file is incomplete: the zip package ends too early, as if a download or copy was interrupted. " +
      "Get a complete copy of the workbook (or save it again from Excel) and try again.",
  );
}

function containsUtf16(bytes: Uint8Array, text: string): boolean {
  const needle = new Uint8Array(text.length * 2);
  for (let i = 0; i < text.length; i++) needle[i * 2] = text.charCodeAt(i);
  outer: for (let i = 0; i + needle.length <= bytes.length; i++) {
    for (let j = 0; j < needle.length; j++) if (bytes[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

function looksLikeText(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 4096);
  let printable = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i];
    if (b === 0) return false;
    if (b === 9 || b === 10 || b === 13 || b >= 32) printable++;
  }
  return printable / n > 0.95;
}

/**
 * Throws an XlsxFormatError when the bytes cannot be a zip package; says what they are instead.
 * Returns normally for anything starting with a zip signature (truncation is found later).
 */
export function sniffNotZip(bytes: Uint8Array): void {
  if (bytes.length === 0) {
    throw new XlsxFormatError(
      "empty",
      "This file is empty (0 bytes), so there is no workbook to read. Choose the engagement workbook saved from Excel as .xlsx.",
    );
  }
  const b = (i: number) => bytes[i] ?? -1;
  if (b(0) === 0x50 && b(1) === 0x4b) return; // "PK"
  if (b(0) === 0xd0 && b(1) === 0xcf && b(2) === 0x11 && b(3) === 0xe0) {
    if (containsUtf16(bytes, "EncryptedPackage")) {
      throw new XlsxFormatError(
        "encrypted",
        "This workbook is protected with a password (encrypted), so it cannot be read. In Excel choose File > Info > " +
          "Protect Workbook > Encrypt with Password, clear the password, save, and try again.",
      );
    }
    throw new XlsxFormatError("xls", `This file is an Excel 97-2003 .xls workbook; ${SAVE_AS}.`);
  }
  if (b(0) === 0x25 && b(1) === 0x50 && b(2) === 0x44 && b(3) === 0x46) {
    throw new XlsxFormatError(
      "pdf",
      "This file is a PDF document, not an Excel workbook. Choose the .xlsx workbook.",
    );
  }
  if (looksLikeText(bytes)) {
    throw new XlsxFormatError(
      "text",
      "This file contains plain text (for example a CSV file renamed to .xlsx), not an Excel workbook; " +
        `${SAVE_AS}.`,
    );
  }
  throw new XlsxFormatError(
    "not-zip",
    `This file is not an Excel .xlsx workbook (it is not a zip package). If it opens in Excel, ${SAVE_AS}.`,
  );
}

/** Explains a zip package that has no SpreadsheetML workbook, by the parts it does have. */
export function notAWorkbook(partNames: string[], mimetype: string | null): XlsxFormatError {
  const has = (prefix: string) => partNames.some((p) => p.toLowerCase().startsWith(prefix));
  if (mimetype?.includes("opendocument.spreadsheet") || has("content.xml")) {
    return new XlsxFormatError(
      "ods",
      "This file is an OpenDocument spreadsheet (.ods). Open it in Excel or LibreOffice and save it as an Excel Workbook (.xlsx), then try again.",
    );
  }
  if (partNames.some((p) => p.toLowerCase().endsWith("workbook.bin"))) {
    return new XlsxFormatError("xlsb", `This file is an Excel Binary Workbook (.xlsb); ${SAVE_AS}.`);
  }
  if (has("word/")) {
    return new XlsxFormatError(
      "word",
      "This file is a Word document, not an Excel workbook. Choose the .xlsx workbook.",
    );
  }
  if (has("ppt/")) {
    return new XlsxFormatError(
      "powerpoint",
      "This file is a PowerPoint presentation, not an Excel workbook. Choose the .xlsx workbook.",
    );
  }
  return new XlsxFormatError(
    "no-workbook",
    "This file is a zip package but not an Excel workbook (it has no xl/workbook.xml). " +
      `If it opens in Excel, ${SAVE_AS}.`,
  );
}
