/** A SheetSpec -> worksheet XML (xl/worksheets/sheetN.xml). */
import {
  isErrorValue,
  type CachedValue,
  type CellStyle,
  type ColorScaleRule,
  type FormulaValue,
  type OutValue,
  type PrintSetup,
  type SheetSpec,
} from "../../core/report/spec";
import { cellAddress, cellFromReference } from "../../core/model/address";
import { rangeRef } from "./range-refs";
import { DAYS_1900_TO_1904, isDateFormatCode } from "./date-system";
import { rgb } from "./write-styles";
import { escapeAttr, escapeSpreadsheetText, escapeText, stripIllegalXmlChars } from "./xml";

export const MAX_ROWS = 1048576;
export const MAX_COLS = 16384;
/** Excel's limit on the characters in one cell. */
const MAX_CELL_TEXT = 32767;

const NS =
  'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ' +
  'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';

function isFormula(v: OutValue): v is FormulaValue {
  return typeof v === "object" && v !== null;
}

function numberText(n: number): string {
  return Object.is(n, -0) ? "0" : String(n);
}

function textCell(ref: string, s: string, text: string): string {
  const t = text.length > MAX_CELL_TEXT ? text.slice(0, MAX_CELL_TEXT) : text;
  const space = /^\s|\s$|[\n\t]/.test(t) ? ' xml:space="preserve"' : "";
  return `<c r="${ref}"${s} t="inlineStr"><is><t${space}>${escapeSpreadsheetText(t)}</t></is></c>`;
}

/**
 * How Excel stores a call to an add-in's JavaScript custom function in a file: `RPO.SENSITIVITY(`
 * is saved as `_xldudf_RPO_SENSITIVITY(` and shown with its namespace again once the add-in
 * loads (office-js issues #5611, Excel-Custom-Functions #108).
 */
export function formulaInFile(formula: string): string {
  return formula.replace(/\bRPO\.([A-Z][A-Z0-9_]*)\s*\(/g, "_xldudf_RPO_$1(");
}

/** Bottom-right address of a spill area anchored at `ref` ("B5" + 5×3 → "D9"). */
function spillEnd(ref: string, spill: { rows: number; cols: number }): string {
  const anchor = cellFromReference(ref);
  return cellAddress(anchor.row + Math.max(1, spill.rows) - 1, anchor.col + Math.max(1, spill.cols) - 1);
}

/**
 * A formula's cached value as Excel stores it: `<v>` after the formula (or alone, in the other
 * cells of an array formula's area), typed by `t`: a number untyped, text `t="str"` (an empty text
 * too: `<v></v>`), a logical `t="b"` (1/0), an error `t="e"` (`<v>#N/A</v>`). A number that is not
 * finite cannot be stored: it is the #NUM! error, as Excel would show it.
 */
function cachedParts(value: CachedValue | undefined): { t: string; v: string } {
  if (value === undefined) return { t: "", v: "" };
  if (typeof value === "number") {
    return Number.isFinite(value)
      ? { t: "", v: `<v>${numberText(value)}</v>` }
      : { t: ' t="e"', v: "<v>#NUM!</v>" };
  }
  if (typeof value === "string") {
    const text = value.length > MAX_CELL_TEXT ? value.slice(0, MAX_CELL_TEXT) : value;
    return { t: ' t="str"', v: `<v>${escapeSpreadsheetText(text)}</v>` };
  }
  if (typeof value === "boolean") return { t: ' t="b"', v: `<v>${value ? 1 : 0}</v>` };
  if (isErrorValue(value)) return { t: ' t="e"', v: `<v>${escapeText(value.error)}</v>` };
  return { t: "", v: "" };
}

/** A cell of an array formula's area other than its anchor: only its cached value. */
function arrayCellXml(ref: string, value: CachedValue, xf: number): string {
  const s = xf > 0 ? ` s="${xf}"` : "";
  const { t, v } = cachedParts(value);
  return `<c r="${ref}"${s}${t}>${v}</c>`;
}

/** One cell's XML; a string is always literal text (never a formula), whatever it starts with. */
export function cellXml(ref: string, value: OutValue, xf: number): string {
  const s = xf > 0 ? ` s="${xf}"` : "";
  if (value === null || value === "") return s ? `<c r="${ref}"${s}/>` : "";
  if (typeof value === "string") return textCell(ref, s, value);
  if (typeof value === "boolean") return `<c r="${ref}"${s} t="b"><v>${value ? 1 : 0}</v></c>`;
  if (typeof value === "number") {
    return Number.isFinite(value)
      ? `<c r="${ref}"${s}><v>${numberText(value)}</v></c>`
      : `<c r="${ref}"${s} t="e"><v>#NUM!</v></c>`;
  }
  if (isFormula(value)) {
    const text = escapeText(stripIllegalXmlChars(formulaInFile(value.formula.replace(/^=/, ""))));
    const f = value.spill
      ? `<f t="array" ref="${ref}:${spillEnd(ref, value.spill)}">${text}</f>`
      : `<f>${text}</f>`;
    const { t, v } = cachedParts(value.spill && value.cachedArray ? value.cachedArray[0]?.[0] : value.cached);
    return `<c r="${ref}"${s}${t}>${f}${v}</c>`;
  }
  return "";
}

/**
 * The cached values of the array formulas' cells other than their anchors, by cell key
 * (row * MAX_COLS + col). Throws when an area's values do not match its size, or when a cell of
 * an area holds a value of its own: either is a bug in the sheet's builder, and Excel would refuse
 * the file ("array formula overlaps").
 */
function arrayAreaCells(spec: SheetSpec): Map<number, CachedValue> {
  const cells = new Map<number, CachedValue>();
  spec.values.forEach((line, r) =>
    line.forEach((value, c) => {
      if (!isFormula(value) || !value.spill || !value.cachedArray) return;
      const { rows, cols } = value.spill;
      const values = value.cachedArray;
      if (values.length !== rows || values.some((row) => row.length !== cols)) {
        throw new Error(
          `Sheet "${spec.name}" cell ${cellAddress(r, c)}: the array formula covers ${rows} x ${cols} cells but carries values for ${values.length} x ${values[0]?.length ?? 0}.`,
        );
      }
      for (let i = 0; i < rows; i++) {
        for (let j = 0; j < cols; j++) {
          if (i === 0 && j === 0) continue;
          const inside = spec.values[r + i]?.[c + j];
          const key = (r + i) * MAX_COLS + c + j;
          if ((inside !== undefined && inside !== null && inside !== "") || cells.has(key)) {
            throw new Error(
              `Sheet "${spec.name}" cell ${cellAddress(r + i, c + j)} lies inside the array formula at ${cellAddress(r, c)} but holds a value of its own.`,
            );
          }
          cells.set(key, values[i][j]);
        }
      }
    }),
  );
  return cells;
}

/**
 * Resolves the style runs into one cellXfs index per styled cell (later runs win per property).
 * `dateCells` receives the cells whose number format shows a date.
 */
function resolveStyles(
  spec: SheetSpec,
  xfFor: (s: CellStyle) => number,
  dateCells: Set<number>,
): Map<number, number> {
  const runsAt = new Map<number, number[]>();
  spec.styles.forEach((run, i) => {
    const { row, col, rowEnd, colEnd } = run.range;
    for (let r = row; r <= rowEnd; r++) {
      for (let c = col; c <= colEnd; c++) {
        const key = r * MAX_COLS + c;
        const list = runsAt.get(key);
        if (list) list.push(i);
        else runsAt.set(key, [i]);
      }
    }
  });
  const byCombination = new Map<string, { xf: number; date: boolean }>();
  const out = new Map<number, number>();
  for (const [key, list] of runsAt) {
    const combo = list.join(",");
    let resolved = byCombination.get(combo);
    if (resolved === undefined) {
      const merged: CellStyle = {};
      for (const i of list) {
        for (const [k, v] of Object.entries(spec.styles[i].style)) {
          if (v !== undefined) (merged as Record<string, unknown>)[k] = v;
        }
      }
      resolved = {
        xf: Object.keys(merged).length > 0 ? xfFor(merged) : 0,
        date: merged.numberFormat !== undefined && isDateFormatCode(merged.numberFormat),
      };
      byCombination.set(combo, resolved);
    }
    out.set(key, resolved.xf);
    if (resolved.date) dateCells.add(key);
  }
  return out;
}

function colorScaleXml(rule: ColorScaleRule, priority: number): string {
  const cfvo = (kind: "min" | "max", value?: number) =>
    value === undefined ? `<cfvo type="${kind}"/>` : `<cfvo type="num" val="${numberText(value)}"/>`;
  return (
    `<conditionalFormatting sqref="${rangeRef(rule.range)}"><cfRule type="colorScale" priority="${priority}"><colorScale>` +
    cfvo("min", rule.min.value) +
    `<cfvo type="num" val="${numberText(rule.mid.value)}"/>` +
    cfvo("max", rule.max.value) +
    `<color rgb="FF${rgb(rule.min.color)}"/><color rgb="FF${rgb(rule.mid.color)}"/><color rgb="FF${rgb(rule.max.color)}"/>` +
    `</colorScale></cfRule></conditionalFormatting>`
  );
}

function sheetViewXml(freeze: SheetSpec["freeze"], active = false): string {
  const rows = freeze?.rows ?? 0;
  const cols = freeze?.cols ?? 0;
  const view = `<sheetView${active ? ' tabSelected="1"' : ""} workbookViewId="0"`;
  if (rows <= 0 && cols <= 0) return `<sheetViews>${view}/></sheetViews>`;
  const topLeft = cellAddress(rows, cols);
  const pane = rows > 0 && cols > 0 ? "bottomRight" : rows > 0 ? "bottomLeft" : "topRight";
  return (
    `<sheetViews>${view}><pane${cols > 0 ? ` xSplit="${cols}"` : ""}${rows > 0 ? ` ySplit="${rows}"` : ""}` +
    ` topLeftCell="${topLeft}" activePane="${pane}" state="frozen"/>` +
    `<selection pane="${pane}" activeCell="${topLeft}" sqref="${topLeft}"/></sheetView></sheetViews>`
  );
}

function inches(x: number): string {
  return String(Math.round(x * 100) / 100);
}

/** pageMargins, pageSetup and headerFooter (CT_Worksheet order); Excel's default margins without a print setup. */
function printXml(print: PrintSetup | undefined): string {
  if (!print)
    return '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>';
  const m = print.margins;
  const part = (p: { left: string; center: string; right: string }) =>
    (p.left ? `&L${p.left}` : "") + (p.center ? `&C${p.center}` : "") + (p.right ? `&R${p.right}` : "");
  const header = part(print.header);
  const footer = part(print.footer);
  return (
    `<pageMargins left="${inches(m.left)}" right="${inches(m.right)}" top="${inches(m.top)}" bottom="${inches(m.bottom)}" header="${inches(m.header)}" footer="${inches(m.footer)}"/>` +
    `<pageSetup orientation="${print.orientation}" fitToWidth="${print.fitToWidth}" fitToHeight="${print.fitToHeight}"/>` +
    (header || footer
      ? `<headerFooter>${header ? `<oddHeader>${escapeSpreadsheetText(header)}</oddHeader>` : ""}` +
        `${footer ? `<oddFooter>${escapeSpreadsheetText(footer)}</oddFooter>` : ""}</headerFooter>`
      : "")
  );
}

function colsXml(widths: number[]): string {
  const cols: string[] = [];
  for (let i = 0; i < widths.length; i++) {
    const w = widths[i];
    if (typeof w !== "number" || !Number.isFinite(w) || w <= 0) continue;
    cols.push(`<col min="${i + 1}" max="${i + 1}" width="${Math.min(w, 255)}" customWidth="1"/>`);
  }
  return cols.length > 0 ? `<cols>${cols.join("")}</cols>` : "";
}

/** A date cell's value moved from the 1900 date system (the core's) into the 1904 one. */
function to1904(value: OutValue): OutValue {
  if (typeof value === "number") return value - DAYS_1900_TO_1904;
  if (isFormula(value) && value.spill && value.cachedArray) {
    const anchor = value.cachedArray[0]?.[0];
    if (typeof anchor !== "number") return value;
    const rows = value.cachedArray.map((row) => [...row]);
    rows[0][0] = anchor - DAYS_1900_TO_1904;
    return { ...value, cachedArray: rows };
  }
  if (isFormula(value) && typeof value.cached === "number") {
    return { ...value, cached: value.cached - DAYS_1900_TO_1904 };
  }
  return value;
}

/** A cached value of an array formula's cell, in the 1904 date system when its cell shows a date. */
function cached1904(value: CachedValue): CachedValue {
  return typeof value === "number" ? value - DAYS_1900_TO_1904 : value;
}

/**
 * The worksheet XML for a spec. `drawingRelId` is the sheet relationship of its drawing (charts).
 * In a workbook using the 1904 date system (`date1904`), number cells with a date format are
 * written as 1904-system serials, so that Excel shows the same dates.
 */
export function buildSheetXml(
  spec: SheetSpec,
  xfFor: (s: CellStyle) => number,
  drawingRelId: string | null,
  date1904 = false,
): string {
  if (spec.values.length > MAX_ROWS || spec.values.some((r) => r.length > MAX_COLS)) {
    throw new Error(
      `Sheet "${spec.name}" is larger than an Excel worksheet (${MAX_ROWS} rows x ${MAX_COLS} columns).`,
    );
  }
  const dateCells = new Set<number>();
  const styled = resolveStyles(spec, xfFor, dateCells);
  const rowsWithStyle = new Map<number, number[]>();
  for (const key of styled.keys()) {
    const r = Math.floor(key / MAX_COLS);
    const list = rowsWithStyle.get(r);
    if (list) list.push(key % MAX_COLS);
    else rowsWithStyle.set(r, [key % MAX_COLS]);
  }
  const areaCells = arrayAreaCells(spec);
  const areaColsByRow = new Map<number, number[]>();
  for (const key of areaCells.keys()) {
    const r = Math.floor(key / MAX_COLS);
    const list = areaColsByRow.get(r);
    if (list) list.push(key % MAX_COLS);
    else areaColsByRow.set(r, [key % MAX_COLS]);
  }
  const rowIndexes = new Set<number>([...rowsWithStyle.keys(), ...areaColsByRow.keys()]);
  spec.values.forEach((_r, i) => rowIndexes.add(i));
  let maxRow = 0;
  let maxCol = 0;
  const rows: string[] = [];
  for (const r of [...rowIndexes].sort((a, b) => a - b)) {
    const values = spec.values[r] ?? [];
    const cols = new Set<number>([...(rowsWithStyle.get(r) ?? []), ...(areaColsByRow.get(r) ?? [])]);
    values.forEach((_v, c) => cols.add(c));
    const cells: string[] = [];
    for (const c of [...cols].sort((a, b) => a - b)) {
      const key = r * MAX_COLS + c;
      const inArea = areaCells.get(key);
      if (inArea !== undefined) {
        const date = date1904 && dateCells.has(key);
        cells.push(arrayCellXml(cellAddress(r, c), date ? cached1904(inArea) : inArea, styled.get(key) ?? 0));
        maxCol = Math.max(maxCol, c);
        continue;
      }
      const value = values[c] ?? null;
      const xml = cellXml(
        cellAddress(r, c),
        date1904 && dateCells.has(key) ? to1904(value) : value,
        styled.get(key) ?? 0,
      );
      if (xml === "") continue;
      cells.push(xml);
      maxCol = Math.max(maxCol, c);
    }
    if (cells.length === 0) continue;
    maxRow = Math.max(maxRow, r);
    const ht = spec.rowHeights?.[r];
    const height =
      typeof ht === "number" && Number.isFinite(ht) && ht > 0
        ? ` ht="${Math.min(409, Math.round(ht * 100) / 100)}" customHeight="1"`
        : "";
    rows.push(`<row r="${r + 1}"${height}>${cells.join("")}</row>`);
  }
  const tabColor = spec.tabColor ? `<tabColor rgb="FF${rgb(spec.tabColor)}"/>` : "";
  const fit = spec.print ? '<pageSetUpPr fitToPage="1"/>' : "";
  const tab = tabColor || fit ? `<sheetPr>${tabColor}${fit}</sheetPr>` : "";
  const dimension = rangeRef({ row: 0, col: 0, rowEnd: maxRow, colEnd: maxCol });
  const cf = spec.conditionalFormats.map((rule, i) => colorScaleXml(rule, i + 1)).join("");
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet ${NS}>${tab}<dimension ref="${dimension}"/>` +
    sheetViewXml(spec.freeze, spec.active === true) +
    '<sheetFormatPr defaultRowHeight="15"/>' +
    colsXml(spec.columnWidths) +
    (rows.length > 0 ? `<sheetData>${rows.join("")}</sheetData>` : "<sheetData/>") +
    cf +
    printXml(spec.print) +
    (drawingRelId ? `<drawing r:id="${escapeAttr(drawingRelId)}"/>` : "") +
    "</worksheet>"
  );
}
