/** readXlsx: an .xlsx package (bytes) -> RawWorkbook. Tolerant: parts we do not use are never read. */
import type { RawSheet, RawTable, RawWorkbook } from "../../core/model/raw";
import { HISTORY_SHEET } from "../../core/report/build";
import { planOutputNames } from "../../core/report/names";
import { parseRef } from "./range-refs";
import { dateStyles } from "./date-system";
import { damagedPart, XlsxFormatError } from "./errors";
import { Package, relIs } from "./opc";
import { markedSheets, readWorkbookInfo, type SheetEntry, type WorkbookInfo } from "./read-workbook";
import { type ParsedSheet, parseSharedStrings, parseWorksheet, sliceGrid } from "./read-sheet";
import { parseXml, XmlSyntaxError } from "./xml";

/** Name of our history sheet (the report appends to it each run). */

/**
 * Largest worksheet XML read (uncompressed bytes): a sheet's XML is decoded into one string, and
 * V8 strings stop at 2^29 - 24 characters (about 537 MB). 500 MB is about 800,000 rows of 20
 * numeric columns as Excel writes them. See docs/limits.md.
 */
export const MAX_SHEET_XML_BYTES = 500_000_000;

export interface ReadXlsxOptions {
  /** Refuse a worksheet whose XML is larger (default MAX_SHEET_XML_BYTES; a setting for tests). */
  maxSheetBytes?: number;
  /** Which worksheets to return in `sheets` (default all). Tables are always read. */
  sheetFilter?: (name: string) => boolean;
  onProgress?: (fraction: number) => void;
  signal?: AbortSignal;
}

interface TableDef {
  name: string;
  ref: string;
  headerRows: number;
  totalsRows: number;
  columns: string[];
}

/**
 * Runs `read` on a part of the package; a part that is not well-formed to its end becomes an
 * XlsxFormatError naming it for the user (`what`, e.g. "the Observations sheet").
 */
function whole<T>(what: string, part: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof XmlSyntaxError) throw damagedPart(what, part, error.message);
    throw error;
  }
}

function parseTable(xml: string): TableDef | null {
  let def: TableDef | null = null;
  parseXml(
    xml,
    {
      open(name, a) {
        if (name === "table" && !def) {
          def = {
            name: a.displayName ?? a.name ?? "",
            ref: a.ref ?? "",
            headerRows: a.headerRowCount === undefined ? 1 : Number(a.headerRowCount),
            totalsRows: a.totalsRowCount === undefined ? 0 : Number(a.totalsRowCount),
            columns: [],
          };
        } else if (name === "tableColumn" && def) def.columns.push(a.name ?? "");
      },
    },
    { complete: true },
  );
  return def;
}

function tableValues(def: TableDef, sheet: ParsedSheet, sheetName: string): RawTable | null {
  const rect = parseRef(def.ref);
  if (!rect || def.name === "") return null;
  const lastRow = rect.rowEnd - (def.totalsRows > 0 ? def.totalsRows : 0);
  const values = sliceGrid(sheet.grid, rect.row, rect.col, lastRow, rect.colEnd);
  if (def.headerRows === 0) {
    values.unshift(def.columns.map((c) => c));
    return { name: def.name, sheetName, values, originRow: rect.row - 1, originCol: rect.col };
  }
  values[0] = values[0].map((v, i) => (v === null || v === "" ? (def.columns[i] ?? v) : v));
  return { name: def.name, sheetName, values, originRow: rect.row, originCol: rect.col };
}

/** Our own history sheet's name, if the workbook has one carrying our marker. */
function historySheetName(info: WorkbookInfo, outputSheets: string[]): string | null {
  try {
    const names = info.sheets.map((s) => s.name);
    const plan = planOutputNames([HISTORY_SHEET], names, outputSheets)[0];
    return plan.replaces ? plan.target : null;
  } catch {
    return null; // both the name and its alternate are user sheets
  }
}

function checkSheetSize(sheet: string, bytes: number, limit: number): void {
  if (bytes <= limit) return;
  const mb = (n: number) => `${Math.round(n / 1e6).toLocaleString("en-US")} MB`;
  throw new XlsxFormatError(
    "too-large",
    `The sheet "${sheet}" is too large to read: its cells take ${mb(bytes)} inside the workbook, more than ` +
      `rpo-align reads from one sheet (${mb(limit)}, about ${Math.round(limit / 625).toLocaleString("en-US")} rows of ` +
      "20 numeric columns). Keep the periods the analysis needs in this workbook (for example the last few years, " +
      "or one row per week or month instead of per day) and run again.",
  );
}

export function readXlsx(bytes: Uint8Array, options: ReadXlsxOptions = {}): RawWorkbook {
  const pkg = new Package(bytes);
  const info = whole("the workbook part (its list of sheets)", pkg.workbookPart() ?? "xl/workbook.xml", () =>
    readWorkbookInfo(pkg),
  );
  const filter = options.sheetFilter ?? (() => true);
  const outputSheets = markedSheets(info);
  const history = historySheetName(info, outputSheets);

  let shared: string[] | null = null;
  const sharedStrings = () => {
    if (shared === null) {
      const rel = pkg.rels(info.part).find((r) => relIs(r.type, "sharedStrings") && !r.external);
      const xml = rel ? pkg.text(rel.target) : null;
      shared = xml
        ? whole("the shared strings part (the text of the workbook's cells)", rel!.target, () =>
            parseSharedStrings(xml),
          )
        : [];
    }
    return shared;
  };

  // 1904 workbooks: the cell formats whose number cells are dates, to move them into the 1900 system.
  // The styles are read (and so checked whole) in every workbook: the writer adds ours to them.
  const stylesRel = pkg.rels(info.part).find((r) => relIs(r.type, "styles") && !r.external);
  const stylesXml = stylesRel ? pkg.text(stylesRel.target) : null;
  const dateFormats = whole("the styles part (the workbook's cell formats)", stylesRel?.target ?? "", () =>
    dateStyles(stylesXml),
  );
  const dates1904: Set<number> | null = info.date1904 ? dateFormats : null;

  const worksheets = info.sheets.filter((s) => s.kind === "worksheet" && s.part !== null && pkg.has(s.part));
  const tableDefs = new Map<SheetEntry, TableDef[]>();
  for (const s of worksheets) {
    const defs: TableDef[] = [];
    for (const rel of pkg.rels(s.part!)) {
      if (!relIs(rel.type, "table") || rel.external) continue;
      const xml = pkg.text(rel.target);
      const def = xml ? whole(`a table on the ${s.name} sheet`, rel.target, () => parseTable(xml)) : null;
      if (def) defs.push(def);
    }
    if (defs.length > 0) tableDefs.set(s, defs);
  }

  const needed = worksheets.filter((s) => filter(s.name) || tableDefs.has(s) || s.name === history);
  const sheets: RawSheet[] = [];
  const tables: RawTable[] = [];
  let historySheet: RawSheet | null = null;
  needed.forEach((s, k) => {
    options.signal?.throwIfAborted();
    checkSheetSize(s.name, pkg.entry(s.part!)!.size, options.maxSheetBytes ?? MAX_SHEET_XML_BYTES);
    const strings = sharedStrings();
    const parsed = whole(`the ${s.name} sheet`, s.part!, () =>
      parseWorksheet(pkg.text(s.part!)!, strings, dates1904),
    );
    const raw: RawSheet = { name: s.name, ...parsed.grid };
    if (parsed.hiddenRows.length > 0) raw.hiddenRows = parsed.hiddenRows;
    if (filter(s.name)) sheets.push(raw);
    if (s.name === history) historySheet = raw;
    for (const def of tableDefs.get(s) ?? []) {
      const t = tableValues(def, parsed, s.name);
      if (t) tables.push(t);
    }
    options.onProgress?.((k + 1) / needed.length);
  });

  return {
    sheets,
    tables,
    sheetNames: info.sheets.map((s) => s.name),
    outputSheets,
    history: historySheet,
  };
}
