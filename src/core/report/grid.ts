/**
 * A small writer for one SheetSpec: cells by (row, col), style runs, column widths measured
 * from the table cells, and the parts every output sheet shares (title, "as of" line, header row,
 * section rows, notes).
 *
 * Safety: numbers that are not finite become empty cells, so NaN/Infinity never reach a host;
 * strings are stored as they are (the host writes them as literal text; see spec.ts) apart from
 * control characters that cannot live in a cell and Excel's 32,767-character limit.
 */
import {
  headerFooterText,
  type CellStyle,
  type ChartSpec,
  type ConditionalRule,
  type DefinedNameSpec,
  type OutValue,
  type PrintSetup,
  type SheetSpec,
  type StyleRun,
} from "./spec";
import { FORMAT, readableDate, runStampParts } from "./format";
import { HEADER, MUTED_FONT, SECTION, TITLE_FONT } from "./palette";

const MAX_CELL_TEXT = 32_767;
const MIN_WIDTH = 6;
const MAX_WIDTH = 60;
/** Widest a column grows for measured text; longer text in it wraps (printed sheets stay one page wide). */
const MAX_TEXT_WIDTH = 42;
/** A header label wraps onto up to three lines: its column needs about this many characters at most. */
const HEADER_WIDTH = 9;
/** Notes and legend meanings are split into lines of at most this many characters (they overflow to the right, and print only inside the print area). */
export const NOTE_CHARS = 105;
// eslint-disable-next-line no-control-regex -- user text may carry control characters no spreadsheet can show
const CONTROL_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g;

function cleanValue(value: OutValue | undefined): OutValue {
  if (value === undefined) return null;
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (typeof value === "string") {
    const text = value.replace(CONTROL_CHARS, "");
    return text.length > MAX_CELL_TEXT ? text.slice(0, MAX_CELL_TEXT) : text;
  }
  return value;
}

/** Characters a value needs in a column (an estimate: Excel widths are in characters too). */
function displayLength(value: OutValue, numberFormat: string | undefined, wrap = false): number {
  if (value === null) return 0;
  if (typeof value === "string" && wrap) {
    const longestWord = Math.max(0, ...value.split(/\s+/).map((w) => w.length));
    return Math.max(longestWord, Math.min(value.length, HEADER_WIDTH));
  }
  if (typeof value === "string") return Math.max(...value.split("\n").map((l) => l.length));
  if (typeof value === "boolean") return 5;
  if (typeof value === "number") {
    if (numberFormat === FORMAT.date) return 11;
    if (numberFormat === FORMAT.dateTime) return 17;
    if (numberFormat === FORMAT.percent) return 7;
    const text = Number.isInteger(value) ? String(value) : value.toFixed(4);
    return Math.min(text.length, 12);
  }
  return 10;
}

export class SheetBuilder {
  private readonly grid: OutValue[][] = [];
  private readonly runs: StyleRun[] = [];
  private readonly measured: number[] = [];
  private readonly minimums: number[] = [];
  private readonly fixed = new Set<number>();
  private readonly wrapped = new Set<number>();
  /** Cells written with putOverflowing() (titles, notes): they overflow and never wrap. */
  private readonly overflowing = new Set<string>();
  /** Headline defined names (headline-names.ts) pointing at cells of this sheet. */
  private readonly definedNames: DefinedNameSpec[] = [];

  /** Index of the first row after everything written so far. */
  get nextRow(): number {
    return this.grid.length;
  }

  /** Writes one cell; its text counts towards its column's width (and wraps when longer than a capped column). */
  put(row: number, col: number, value: OutValue | undefined, style?: CellStyle): void {
    this.write(row, col, value, style, "measured");
  }

  /**
   * Writes one cell whose text overflows into the empty cells on its right (titles, notes, the as-of
   * line): it never widens its column and never wraps.
   */
  putOverflowing(row: number, col: number, value: OutValue | undefined, style?: CellStyle): void {
    this.write(row, col, value, style, "overflowing");
  }

  /** Writes values left to right from (row, col), all with the same style, each measured as by put(). */
  putRow(row: number, col: number, values: (OutValue | undefined)[], style?: CellStyle): void {
    values.forEach((v, i) => this.put(row, col + i, v, style));
    if (values.length === 0) while (this.grid.length <= row) this.grid.push([]);
  }

  private write(
    row: number,
    col: number,
    value: OutValue | undefined,
    style: CellStyle | undefined,
    width: "measured" | "overflowing",
  ): void {
    while (this.grid.length <= row) this.grid.push([]);
    const line = this.grid[row];
    while (line.length < col) line.push(null);
    const clean = cleanValue(value);
    line[col] = clean;
    if (style) this.style(row, col, row, col, style);
    const key = `${row},${col}`;
    if (width === "overflowing") {
      this.overflowing.add(key);
      return;
    }
    this.overflowing.delete(key);
    if (!this.fixed.has(col)) {
      const len = displayLength(clean, style?.numberFormat, style?.wrap === true);
      this.measured[col] = Math.max(this.measured[col] ?? 0, len);
    }
  }

  /** Applies a style to a rectangle (inclusive bounds); later runs override earlier ones. */
  style(row: number, col: number, rowEnd: number, colEnd: number, style: CellStyle): void {
    if (rowEnd < row || colEnd < col) return;
    this.runs.push({ range: { row, col, rowEnd, colEnd }, style: { ...style } });
  }

  /** The value written at (row, col) so far (null when none). */
  valueAt(row: number, col: number): OutValue {
    return this.grid[row]?.[col] ?? null;
  }

  /** Fixes a column's width (measured text no longer widens it). */
  fixWidth(col: number, width: number): void {
    this.minimums[col] = width;
    this.measured[col] = 0;
    this.fixed.add(col);
  }

  /** Fixes a column's width and wraps every text in it that is longer (long free text: rationale, reason). */
  wrapWidth(col: number, width: number): void {
    this.fixWidth(col, width);
    this.wrapped.add(col);
  }

  /** Makes a column at least `width` characters wide. */
  minWidth(col: number, width: number): void {
    this.minimums[col] = Math.max(this.minimums[col] ?? 0, width);
  }

  /** Heights of the rows whose wrapped text needs more than one line (estimated by word-wrapping at the column width). */
  private wrappedRowHeights(columnWidths: number[]): (number | null)[] {
    const lines = new Map<number, number>();
    for (const run of this.runs) {
      if (!run.style.wrap) continue;
      for (let r = run.range.row; r <= run.range.rowEnd; r++) {
        for (let c = run.range.col; c <= run.range.colEnd; c++) {
          const v = this.grid[r]?.[c];
          if (typeof v !== "string" || v === "") continue;
          // Excel's width unit is a digit (7 px); average text runs about 6 px a character.
          const width = Math.max(1, Math.floor(((columnWidths[c] ?? 8.43) - 1) * 1.1));
          const n = v.split("\n").reduce((sum, part) => sum + splitLine(part, width).length, 0);
          lines.set(r, Math.max(lines.get(r) ?? 1, n));
        }
      }
    }
    const heights: (number | null)[] = [];
    for (const [r, n] of lines) {
      if (n <= 1) continue;
      while (heights.length <= r) heights.push(null);
      heights[r] = n * LINE_POINTS;
    }
    return heights;
  }

  /** Leaves an empty row (so the values grid has it even if nothing else is written there). */
  blankRow(): number {
    const row = this.grid.length;
    this.grid.push([]);
    return row;
  }

  /** Declares workbook-level defined names for cells of this sheet (SheetSpec.names). */
  name(...names: DefinedNameSpec[]): void {
    this.definedNames.push(...names.map((n) => ({ ...n })));
  }

  build(meta: {
    name: string;
    tabColor?: string;
    freeze?: { rows: number; cols: number };
    conditionalFormats?: ConditionalRule[];
    charts?: ChartSpec[];
    /** How the sheet prints; see printOptions(). */
    print?: PrintOptions;
    active?: boolean;
  }): SheetSpec {
    // Every styled cell exists in the grid, so runs stay inside the values' bounds.
    for (const run of this.runs) {
      for (let r = run.range.row; r <= run.range.rowEnd; r++) {
        while (this.grid.length <= r) this.grid.push([]);
        const line = this.grid[r];
        while (line.length <= run.range.colEnd) line.push(null);
      }
    }
    const columns = Math.max(0, ...this.grid.map((l) => l.length));
    const columnWidths: number[] = [];
    for (let c = 0; c < columns; c++) {
      // Measured widths are capped (long text wraps); explicit minimums are not.
      const fromContent = this.measured[c] ? Math.min(MAX_TEXT_WIDTH, this.measured[c] + 2) : 0;
      columnWidths.push(
        Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, fromContent, this.minimums[c] ?? 0, MIN_WIDTH + 4)),
      );
    }
    // A gap where text meets a number: a right-aligned number followed by left-aligned text would
    // read as one word ("0.504No"), so such text is centred unless its style says otherwise.
    const aligned = new Set<string>();
    for (const run of this.runs)
      if (run.style.horizontal)
        for (let r = run.range.row; r <= run.range.rowEnd; r++)
          for (let c = run.range.col; c <= run.range.colEnd; c++) aligned.add(`${r},${c}`);
    this.grid.forEach((line, r) => {
      for (let c = 1; c < line.length; c++) {
        const left = line[c - 1];
        const key = `${r},${c}`;
        // Overflowing text (titles, the as-of line, notes) stays left-aligned: centred, it would spill both ways.
        if (typeof line[c] !== "string" || line[c] === "" || aligned.has(key) || this.overflowing.has(key))
          continue;
        if (typeof left === "number" || (typeof left === "object" && left !== null))
          this.runs.push({
            range: { row: r, col: c, rowEnd: r, colEnd: c },
            style: { horizontal: "center" },
          });
      }
    });
    // Measured text longer than its column wraps inside it (never runs into the next column).
    for (let c = 0; c < columns; c++) {
      if (!this.wrapped.has(c) && (!this.measured[c] || this.measured[c] + 2 <= columnWidths[c])) continue;
      this.grid.forEach((line, r) => {
        const v = line[c];
        if (typeof v === "string" && v.length + 1 > columnWidths[c] && !this.overflowing.has(`${r},${c}`))
          this.runs.push({ range: { row: r, col: c, rowEnd: r, colEnd: c }, style: { wrap: true } });
      });
    }
    const rowHeights = this.wrappedRowHeights(columnWidths);
    const charts = meta.charts ?? [];
    const spec: SheetSpec = {
      name: meta.name,
      tabColor: meta.tabColor,
      values: this.grid.map((l) => l.slice()),
      styles: this.runs.map((r) => ({ range: { ...r.range }, style: { ...r.style } })),
      columnWidths,
      ...(rowHeights.length > 0 ? { rowHeights } : {}),
      freeze: meta.freeze,
      conditionalFormats: meta.conditionalFormats ?? [],
      charts,
    };
    if (meta.print) spec.print = printSetup(spec, meta.print);
    if (meta.active) spec.active = true;
    if (this.definedNames.length > 0) spec.names = this.definedNames.map((n) => ({ ...n }));
    return spec;
  }
}

/** Height in points of one line of 11-point text, as Excel's default row. */
export const LINE_POINTS = 15;

/** What a sheet builder says about printing; the rest (area, orientation) is derived. */
export interface PrintOptions {
  run: RunInfo;
  /** Rows repeated on every page (the table's header row or rows). */
  titleRows?: { first: number; last: number };
  /** 1 = squeeze onto one page tall (the Summary); default 0 = as many pages as needed. */
  fitToHeight?: number;
  /** Default: portrait when the columns fit a portrait page at 100%, landscape otherwise. */
  orientation?: "portrait" | "landscape";
}

/** Printable width in pixels (96 dpi) of A4 portrait and of US Letter landscape (the narrower of each) with our margins. */
export const PRINTABLE_PX = { portrait: (8.27 - 0.8) * 96, landscape: (11 - 0.8) * 96 } as const;

/** Width in pixels of a column `width` characters wide (Calibri 11, Excel's rule: 7 px per character + 5 px padding). */
export function columnPixels(width: number): number {
  return Math.round(width * 7 + 5);
}

/** Pixels of the columns a print area spans. */
export function areaPixels(spec: SheetSpec, colEnd: number): number {
  let px = 0;
  for (let c = 0; c <= colEnd; c++) px += columnPixels(spec.columnWidths[c] ?? 8.43);
  return px;
}

/** The scale fitting `spec`'s print area to one page wide (≤ 1). */
export function printScale(spec: SheetSpec): number {
  if (!spec.print) return 1;
  const px = areaPixels(spec, spec.print.area.colEnd);
  return Math.min(1, PRINTABLE_PX[spec.print.orientation] / px);
}

/** Printable height in points of US Letter portrait and of A4 landscape (the shorter of each) within our top and bottom margins. */
export const PRINTABLE_PT_HEIGHT = { portrait: (11 - 1.2) * 72, landscape: (8.27 - 1.2) * 72 } as const;

/** Points of the rows a print area spans (rows without a height have the default). */
export function areaPoints(spec: SheetSpec, rowEnd: number): number {
  let pt = 0;
  for (let r = 0; r <= rowEnd; r++) pt += spec.rowHeights?.[r] ?? LINE_POINTS;
  return pt;
}

/**
 * The scale a sheet prints at: fitted one page wide, and for a sheet fitted one page tall (the
 * Summary) also to the page's height.
 */
export function onePageScale(spec: SheetSpec): number {
  if (!spec.print) return 1;
  const tall = PRINTABLE_PT_HEIGHT[spec.print.orientation] / areaPoints(spec, spec.print.area.rowEnd);
  return spec.print.fitToHeight === 1 ? Math.min(printScale(spec), tall) : printScale(spec);
}

function printSetup(spec: SheetSpec, o: PrintOptions): PrintSetup {
  let rowEnd = Math.max(0, spec.values.length - 1);
  let colEnd = Math.max(0, spec.columnWidths.length - 1);
  for (const chart of spec.charts) {
    rowEnd = Math.max(rowEnd, chart.anchor.row + chart.anchor.heightRows - 1);
    colEnd = Math.max(colEnd, chart.anchor.col + chart.anchor.widthCols - 1);
  }
  const px = areaPixels(spec, colEnd);
  const orientation = o.orientation ?? (px <= PRINTABLE_PX.portrait ? "portrait" : "landscape");
  const run = o.run;
  const stamp = runStampParts(run.runStamp);
  const who = run.engagement ? headerFooterText(run.engagement) : "&F";
  return {
    orientation,
    fitToWidth: 1,
    fitToHeight: o.fitToHeight ?? 0,
    titleRows: o.titleRows,
    area: { row: 0, col: 0, rowEnd, colEnd },
    header: {
      left: who,
      center: headerFooterText(spec.name),
      right: headerFooterText(`As of ${readableDate(run.asOf)}`),
    },
    footer: {
      left: headerFooterText(`rpo-align ${run.toolVersion}${stamp ? ` · run ${stamp.text}` : ""}`),
      center: "Page &P of &N",
      right: "",
    },
    margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
  };
}

export interface RunInfo {
  asOf: number;
  runStamp: string;
  toolVersion: string;
  /** The engagement's name for page headers; absent = the workbook's file name (`&F`). */
  engagement?: string;
}

export const TITLE_STYLE: CellStyle = { bold: true, fontSize: 14, fontColor: TITLE_FONT };
export const HEADER_STYLE: CellStyle = {
  bold: true,
  fill: HEADER.fill,
  fontColor: HEADER.font,
  borderBottom: true,
};
export const SECTION_STYLE: CellStyle = { bold: true, fill: SECTION.fill, fontColor: SECTION.font };
export const MUTED_STYLE: CellStyle = { italic: true, fontColor: MUTED_FONT };

/** Row 0: the sheet's title (and a subtitle line of plain text when given, row 1 moves down). */
export function writeTitle(b: SheetBuilder, title: string): void {
  b.putOverflowing(0, 0, title, TITLE_STYLE);
}

/**
 * The "as of" line: "As of" | date | "Run" | local run time (a date cell) | "<zone> · rpo-align <version>".
 * The cells are not measured: the line overflows to the right over empty cells.
 */
export function writeAsOf(b: SheetBuilder, row: number, run: RunInfo): void {
  b.putOverflowing(row, 0, "As of", { bold: true });
  b.putOverflowing(row, 1, run.asOf, { numberFormat: FORMAT.date, horizontal: "left" });
  const stamp = runStampParts(run.runStamp);
  b.putOverflowing(
    row,
    2,
    stamp ? `Run ${stamp.text} · rpo-align ${run.toolVersion}` : `rpo-align ${run.toolVersion}`,
    { fontColor: MUTED_FONT },
  );
}

/** A styled header row (long labels wrap onto up to three lines); returns the row index. */
export function writeHeader(b: SheetBuilder, row: number, col: number, labels: string[]): number {
  b.putRow(row, col, labels, { ...HEADER_STYLE, wrap: true });
  return row;
}

/** Splits a sentence into lines of at most `max` characters at spaces (a longer word stays whole). */
export function splitLine(text: string, max = NOTE_CHARS): string[] {
  if (text.length <= max) return [text];
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(" ")) {
    if (line !== "" && line.length + 1 + word.length > max) {
      lines.push(line);
      line = word;
    } else line = line === "" ? word : `${line} ${word}`;
  }
  if (line !== "") lines.push(line);
  return lines;
}

/** A section title row filled from `col` to `colEnd`. */
export function writeSection(b: SheetBuilder, row: number, col: number, colEnd: number, text: string): void {
  b.putOverflowing(row, col, text, SECTION_STYLE);
  b.style(row, col, row, Math.max(col, colEnd), SECTION_STYLE);
}

/** Plain explanatory lines (overflowing to the right, split to stay printable); returns the next free row. */
export function writeNotes(b: SheetBuilder, row: number, col: number, lines: string[]): number {
  let r = row;
  for (const line of lines) for (const part of splitLine(line)) b.putOverflowing(r++, col, part);
  return r;
}
