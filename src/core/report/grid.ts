/**
 * A small writer for one SheetSpec: cells by (row, col), style runs, column widths measured
 * from the table cells, and the parts every output sheet shares (title, "as of" line, header row,
 * section rows, notes).
 *
 * Safety: numbers that are not finite become empty cells, so NaN/Infinity never reach a host;
 * strings are stored as they are (the host writes them as literal text; see spec.ts) apart from
 * control characters that cannot live in a cell and Excel's 32,767-character limit.
 */
import type { CellStyle, ChartSpec, ConditionalRule, OutValue, SheetSpec, StyleRun } from "./spec";
import { FORMAT } from "./format";
import { HEADER, MUTED_FONT, SECTION, TITLE_FONT } from "./palette";

const MAX_CELL_TEXT = 32_767;
const MIN_WIDTH = 6;
const MAX_WIDTH = 60;
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
function displayLength(value: OutValue, numberFormat: string | undefined): number {
  if (value === null) return 0;
  if (typeof value === "string") return Math.max(...value.split("\n").map((l) => l.length));
  if (typeof value === "boolean") return 5;
  if (typeof value === "number") {
    if (numberFormat === FORMAT.date) return 10;
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

  /** Index of the first row after everything written so far. */
  get nextRow(): number {
    return this.grid.length;
  }

  /**
   * Writes one cell. `measure` = the cell's text counts towards its column's width (false for
   * titles, notes and other text meant to overflow into empty cells on the right).
   */
  put(row: number, col: number, value: OutValue | undefined, style?: CellStyle, measure = true): void {
    while (this.grid.length <= row) this.grid.push([]);
    const line = this.grid[row];
    while (line.length < col) line.push(null);
    const clean = cleanValue(value);
    line[col] = clean;
    if (style) this.style(row, col, row, col, style);
    if (measure && !this.fixed.has(col)) {
      const len = displayLength(clean, style?.numberFormat);
      this.measured[col] = Math.max(this.measured[col] ?? 0, len);
    }
  }

  /** Writes values left to right from (row, col), all with the same style. */
  putRow(
    row: number,
    col: number,
    values: (OutValue | undefined)[],
    style?: CellStyle,
    measure = true,
  ): void {
    values.forEach((v, i) => this.put(row, col + i, v, style, measure));
    if (values.length === 0) while (this.grid.length <= row) this.grid.push([]);
  }

  /** Applies a style to a rectangle (inclusive bounds); later runs override earlier ones. */
  style(row: number, col: number, rowEnd: number, colEnd: number, style: CellStyle): void {
    if (rowEnd < row || colEnd < col) return;
    this.runs.push({ range: { row, col, rowEnd, colEnd }, style: { ...style } });
  }

  /** Fixes a column's width (measured text no longer widens it). */
  fixWidth(col: number, width: number): void {
    this.minimums[col] = width;
    this.measured[col] = 0;
    this.fixed.add(col);
  }

  /** Makes a column at least `width` characters wide. */
  minWidth(col: number, width: number): void {
    this.minimums[col] = Math.max(this.minimums[col] ?? 0, width);
  }

  /** Leaves an empty row (so the values grid has it even if nothing else is written there). */
  blankRow(): number {
    const row = this.grid.length;
    this.grid.push([]);
    return row;
  }

  build(meta: {
    name: string;
    tabColor?: string;
    freeze?: { rows: number; cols: number };
    conditionalFormats?: ConditionalRule[];
    charts?: ChartSpec[];
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
      // Measured widths are capped (long text wraps or overflows); explicit minimums are not.
      const fromContent = this.measured[c] ? Math.min(MAX_WIDTH, this.measured[c] + 2) : 0;
      columnWidths.push(Math.max(MIN_WIDTH, fromContent, this.minimums[c] ?? 0, MIN_WIDTH + 4));
    }
    return {
      name: meta.name,
      tabColor: meta.tabColor,
      values: this.grid.map((l) => l.slice()),
      styles: this.runs.map((r) => ({ range: { ...r.range }, style: { ...r.style } })),
      columnWidths,
      freeze: meta.freeze,
      conditionalFormats: meta.conditionalFormats ?? [],
      charts: meta.charts ?? [],
    };
  }
}

export interface RunInfo {
  asOf: number;
  runStamp: string;
  toolVersion: string;
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
  b.put(0, 0, title, TITLE_STYLE, false);
}

/** The "as of" line: "As of" | date | "Run <stamp> · rpo-align <version>". */
export function writeAsOf(b: SheetBuilder, row: number, run: RunInfo): void {
  b.put(row, 0, "As of", { bold: true }, false);
  b.put(row, 1, run.asOf, { numberFormat: FORMAT.date, horizontal: "left" });
  b.put(row, 2, `Run ${run.runStamp} · rpo-align ${run.toolVersion}`, { fontColor: MUTED_FONT }, false);
}

/** A styled header row; returns the row index. */
export function writeHeader(b: SheetBuilder, row: number, col: number, labels: string[]): number {
  b.putRow(row, col, labels, HEADER_STYLE);
  return row;
}

/** A section title row filled from `col` to `colEnd`. */
export function writeSection(b: SheetBuilder, row: number, col: number, colEnd: number, text: string): void {
  b.put(row, col, text, SECTION_STYLE, false);
  b.style(row, col, row, Math.max(col, colEnd), SECTION_STYLE);
}

/** Plain explanatory lines (overflowing to the right); returns the next free row. */
export function writeNotes(b: SheetBuilder, row: number, col: number, lines: string[]): number {
  lines.forEach((line, i) => b.put(row + i, col, line, undefined, false));
  return row + lines.length;
}
