/**
 * A declarative description of one output worksheet. The core builds it; each host renders it
 * (the xlsx host into the file's XML, the Excel host through Office.js). Nothing here knows
 * about either host.
 *
 * Safety rule every host must keep: a `string` value is literal text. It is never written as a
 * formula, even when it starts with "=", "+", "-" or "@" (user data flows into these strings).
 * Only `{ formula }` values are formulas, and only the report builder creates them.
 */

/** An Excel error value a formula can show (the file host stores it as an error cell, `t="e"`). */
export interface ErrorValue {
  error: "#N/A" | "#VALUE!" | "#NUM!" | "#DIV/0!" | "#NAME?" | "#REF!" | "#NULL!";
}

/** What a formula evaluates to, as a file stores it beside the formula for readers that do not recalculate. */
export type CachedValue = number | string | boolean | ErrorValue;

export function isErrorValue(value: unknown): value is ErrorValue {
  return typeof value === "object" && value !== null && typeof (value as ErrorValue).error === "string";
}

/** A formula the report builder wrote itself (never from user text). Without the leading "=". */
export interface FormulaValue {
  formula: string;
  /**
   * The value the formula evaluates to, cached in files so that readers that do not recalculate
   * (a mail preview, Excel before the add-in loads, LibreOffice by default) show it. For an array
   * formula, `cachedArray` instead.
   */
  cached?: CachedValue;
  /**
   * Size of the result when the formula returns an array. Excel 365 spills such a formula by
   * itself (the Excel host writes it in one cell); a file host writes it as an array formula over
   * this area, which every spreadsheet program computes in full.
   */
  spill?: { rows: number; cols: number };
  /**
   * The value of every cell of the array area (`spill.rows` rows of `spill.cols`), the anchor's
   * first: a file host stores each in its cell, as Excel does. The cells of the area other than
   * the anchor are empty in the sheet's values.
   */
  cachedArray?: CachedValue[][];
}

export type OutValue = number | string | boolean | null | FormulaValue;

/** Zero-based, inclusive cell rectangle. */
export interface CellRange {
  row: number;
  col: number;
  rowEnd: number;
  colEnd: number;
}

/** Colours are 6-digit RGB hex without '#', e.g. "C6EFCE". */
export interface CellStyle {
  numberFormat?: string;
  fill?: string;
  fontColor?: string;
  bold?: boolean;
  italic?: boolean;
  /** Font size in points; default is the workbook's. */
  fontSize?: number;
  wrap?: boolean;
  horizontal?: "left" | "center" | "right";
  /** Thin border below the cells (header rows). */
  borderBottom?: boolean;
  /** Thin border on all sides. */
  border?: boolean;
}

/** A style applied to a rectangle; later runs override earlier ones property by property. */
export interface StyleRun {
  range: CellRange;
  style: CellStyle;
}

/** Three-colour scale conditional format (Sensitivity matrix). */
export interface ColorScaleRule {
  kind: "colorScale";
  range: CellRange;
  min: { color: string; value?: number };
  mid: { color: string; value: number };
  max: { color: string; value?: number };
}

export type ConditionalRule = ColorScaleRule;

/** A clustered bar chart (horizontal bars), e.g. the goal-leverage tornado. */
export interface BarChartSpec {
  kind: "bar";
  title: string;
  /** Category labels, one per bar (a single column). */
  categories: CellRange;
  /** Series values (single columns, same height as categories). */
  series: { name: string; values: CellRange; color?: string }[];
  /** Where the chart sits: top-left cell and size in cells. */
  anchor: { row: number; col: number; widthCols: number; heightRows: number };
}

/**
 * A line chart with markers, e.g. alignment over time on the Summary. Categories may be date
 * cells: `categoryFormat` says how their labels read ("mmm yyyy").
 */
export interface LineChartSpec {
  kind: "line";
  title: string;
  /** Category labels or dates, one per point (a single column). */
  categories: CellRange;
  /** Number format of the category labels (date categories); absent = as the cells show them. */
  categoryFormat?: string;
  /** Series values (single columns, same height as categories). */
  series: { name: string; values: CellRange; color?: string }[];
  /** The value axis: its number format and, when given, fixed bounds. */
  valueAxis?: { numberFormat?: string; min?: number; max?: number };
  /** Where the chart sits: top-left cell and size in cells. */
  anchor: { row: number; col: number; widthCols: number; heightRows: number };
}

export type ChartSpec = BarChartSpec | LineChartSpec;

/**
 * How a sheet prints (both hosts write it: OOXML `pageSetup`/`headerFooter` and the print
 * defined names; Office.js `worksheet.pageLayout`, ExcelApi 1.9).
 *
 * Every output sheet prints one page wide; `fitToHeight` 0 lets it run on as many pages as its
 * rows need (1 = squeeze onto one page, used by the Summary). The builder lays each sheet out so
 * that fitting it to the page width never scales below MIN_PRINT_SCALE (test/report/print.test.ts).
 */
export interface PrintSetup {
  orientation: "portrait" | "landscape";
  /** Pages wide the sheet is fitted to (always 1 for our sheets). */
  fitToWidth: number;
  /** Pages tall the sheet is fitted to; 0 = as many as needed. */
  fitToHeight: number;
  /** Rows repeated at the top of every printed page (zero-based, inclusive), e.g. the header row. */
  titleRows?: { first: number; last: number };
  /** The print area: the used cells and every chart. */
  area: CellRange;
  /**
   * Header and footer texts in Excel's header/footer code (`&P` page, `&N` pages, `&F` file name,
   * `&&` a literal ampersand; see headerFooterText). Empty strings print nothing.
   */
  header: { left: string; center: string; right: string };
  footer: { left: string; center: string; right: string };
  /** Margins in inches. */
  margins: { left: number; right: number; top: number; bottom: number; header: number; footer: number };
}

/** Below this scale a printed sheet is hard to read: lay it out differently instead. */
export const MIN_PRINT_SCALE = 0.7;

/** User text as a literal inside a header/footer code ("&" would start a code). */
export function headerFooterText(text: string): string {
  return text.replace(/&/g, "&&");
}

export interface SheetSpec {
  name: string;
  /** Tab colour, RGB hex. */
  tabColor?: string;
  /** Rows of values starting at A1; rows may be ragged (missing cells are empty). */
  values: OutValue[][];
  styles: StyleRun[];
  /** Column widths in characters (Excel's "width"), index = column; missing = default width. */
  columnWidths: number[];
  /**
   * Row heights in points, index = row; missing = the default height. The builder sets them for
   * rows with wrapped text, because neither Excel nor LibreOffice grows a row when it opens a file.
   */
  rowHeights?: (number | null)[];
  /** Frozen rows and columns at the top-left. */
  freeze?: { rows: number; cols: number };
  conditionalFormats: ConditionalRule[];
  charts: ChartSpec[];
  /**
   * Workbook-level defined names for headline cells of this sheet (e.g. the goal score), so that
   * finance partners can build on `=RpoAlign_GoalScore` instead of a cell address. Hosts keep each
   * name pointing at its cell across re-analyses. Names must be valid Excel names (letters, digits,
   * `_` and `.`, starting with a letter or `_`, not like a cell address).
   */
  names?: DefinedNameSpec[];
  /** Page setup, print titles, print area, header and footer. Absent = the host's defaults. */
  print?: PrintSetup;
  /** The sheet the workbook opens on after a run (the Summary); at most one spec sets it. */
  active?: boolean;
}

/** A workbook-level defined name for one cell of an output sheet. */
export interface DefinedNameSpec {
  name: string;
  /** Zero-based cell on the sheet. */
  row: number;
  col: number;
  /** Shown in Excel's Name Manager. */
  comment?: string;
}

/**
 * How hosts mark a worksheet as rpo-align's own output: a hidden, sheet-scoped defined name.
 * It travels with the sheet in the file and through Office.js, so both hosts (and co-authors)
 * agree on which sheets may be replaced. A sheet without it is the user's and is never overwritten.
 */
export const OUTPUT_MARKER_NAME = "RpoAlign_Output";
/** The marker's value (a constant text formula). */
export const OUTPUT_MARKER_VALUE = '"rpo-align output"';
