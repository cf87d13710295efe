/** Shared strings and worksheet cell data (`sheetData`), read into the RawWorkbook shapes. */
import { isoDateTimeToSerial } from "../../core/dates";
import { cellFromReference } from "../../core/model/address";
import type { CellValue, RawGrid } from "../../core/model/raw";
import { DAYS_1900_TO_1904 } from "./date-system";
import { decodeSpreadsheetText, scanXml, xmlText } from "./xml";

/**
 * `xl/sharedStrings.xml`: rich-text runs concatenated, phonetic runs (`rPh`) ignored. Like every
 * part the reader takes, it must be complete (XmlSyntaxError otherwise; see xml.ts).
 */
export function parseSharedStrings(xml: string): string[] {
  const out: string[] = [];
  let inSi = false;
  let phonetic = 0;
  let collecting = false;
  let buf = "";
  scanXml(
    xml,
    {
      open(tag) {
        const name = tag.name;
        if (name === "si") {
          inSi = !tag.selfClosing;
          buf = "";
          if (tag.selfClosing) out.push("");
        } else if (name === "rPh" && !tag.selfClosing) phonetic++;
        else if (name === "t" && inSi && phonetic === 0 && !tag.selfClosing) collecting = true;
      },
      close(name, _s, _e, selfClosing) {
        if (name === "t") collecting = false;
        else if (name === "rPh" && !selfClosing) phonetic = Math.max(0, phonetic - 1);
        else if (name === "si" && inSi) {
          out.push(decodeSpreadsheetText(buf));
          inSi = false;
        }
      },
      text(start, end, cdata) {
        if (collecting) buf += xmlText(xml, start, end, cdata);
      },
    },
    "complete",
  );
  return out;
}

const CELL_ATTRS = ["r", "t", "s"] as const;

export interface ParsedSheet {
  grid: RawGrid;
  hiddenRows: number[];
}

/**
 * Reads every cell value of a worksheet. Rows and cells without an `r` attribute take the next
 * position. The grid is the bounding box of the non-empty cells. Dates come out as 1900-system
 * serials: in a 1904 workbook pass `dates1904`, the cell formats (`s`) that show a date
 * (see date-system.ts); those number cells are moved into the 1900 system.
 */
export function parseWorksheet(
  xml: string,
  shared: string[],
  dates1904: ReadonlySet<number> | null = null,
): ParsedSheet {
  const grid = new SparseGrid();
  const hiddenRows: number[] = [];
  let inData = false;
  let row = -1;
  let col = -1;
  let type = "n";
  let style = 0;
  let mode = 0; // 0 none, 1 in <v>, 2 in <t> of an inline string
  let inCell = false;
  let inIs = false;
  let phonetic = 0;
  let v: string | null = null;
  let inline: string | null = null;
  const found: (string | undefined)[] = [undefined, undefined, undefined];

  scanXml(
    xml,
    {
      open(tag) {
        const name = tag.name;
        if (!inData) {
          if (name === "sheetData" && !tag.selfClosing) inData = true;
          return;
        }
        if (name === "c") {
          tag.attrsInto(CELL_ATTRS, found);
          const ref = found[0];
          if (ref !== undefined) {
            const cell = cellFromReference(ref);
            col = cell.col;
            if (cell.row >= 0) row = cell.row;
          } else col++;
          type = found[1] ?? "n";
          style = found[2] === undefined ? 0 : Number(found[2]);
          v = null;
          inline = null;
          inCell = !tag.selfClosing;
        } else if (name === "v") {
          if (inCell && !tag.selfClosing) {
            mode = 1;
            v = "";
          } else if (inCell) v = "";
        } else if (name === "row") {
          const r = tag.attr("r");
          row = r !== undefined ? Number(r) - 1 : row + 1;
          col = -1;
          const hidden = tag.attr("hidden");
          if (hidden === "1" || hidden === "true") hiddenRows.push(row);
        } else if (name === "is") inIs = !tag.selfClosing;
        else if (name === "t") {
          if (inIs && phonetic === 0 && !tag.selfClosing) {
            mode = 2;
            if (inline === null) inline = "";
          }
        } else if (name === "rPh" && !tag.selfClosing) phonetic++;
      },
      close(name, _s, _e, selfClosing) {
        if (!inData) return;
        if (name === "c") {
          if (!inCell) return;
          inCell = false;
          let value = cellValue(type, v, inline, shared);
          if (dates1904 !== null && typeof value === "number" && type === "n" && dates1904.has(style)) {
            value += DAYS_1900_TO_1904;
          }
          if (value !== null) grid.set(row, col, value);
        } else if (name === "v" || name === "t") mode = 0;
        else if (name === "is") inIs = false;
        else if (name === "rPh" && !selfClosing) phonetic = Math.max(0, phonetic - 1);
        else if (name === "sheetData") inData = false;
      },
      text(start, end, cdata) {
        if (mode === 1) v += xmlText(xml, start, end, cdata);
        else if (mode === 2) inline += xmlText(xml, start, end, cdata);
      },
    },
    "complete",
  );
  return { grid: grid.toGrid(), hiddenRows };
}

function cellValue(type: string, v: string | null, inline: string | null, shared: string[]): CellValue {
  switch (type) {
    case "n": {
      if (v === null || v === "") return null;
      const n = Number(v); // accepts surrounding whitespace
      if (Number.isNaN(n)) return v.trim();
      return n === 0 && v.trim() === "" ? null : n;
    }
    case "s": {
      if (v === null || v.trim() === "") return null;
      return shared[Number(v)] ?? null;
    }
    case "inlineStr":
      if (inline !== null) return decodeSpreadsheetText(inline);
      return v === null ? null : decodeSpreadsheetText(v);
    case "str":
      return v === null ? null : decodeSpreadsheetText(v);
    case "b":
      return v === null ? null : v.trim() === "1" || v.trim().toLowerCase() === "true";
    case "e":
      return v === null ? null : { kind: "error", code: v.trim() };
    case "d":
      return v === null ? null : (isoDateTimeToSerial(v) ?? v); // an ISO date names the day itself
    default:
      return v;
  }
}

/** Cells by row (rows arrive mostly in order), turned into the dense bounding-box grid at the end. */
class SparseGrid {
  private rows: (CellValue[] | undefined)[] = [];
  private minRow = Infinity;
  private maxRow = -1;
  private minCol = Infinity;
  private maxCol = -1;

  set(row: number, col: number, value: CellValue): void {
    if (!(row >= 0 && col >= 0)) return; // a malformed reference
    let line = this.rows[row];
    if (line === undefined) line = this.rows[row] = [];
    line[col] = value;
    if (row < this.minRow) this.minRow = row;
    if (row > this.maxRow) this.maxRow = row;
    if (col < this.minCol) this.minCol = col;
    if (col > this.maxCol) this.maxCol = col;
  }

  toGrid(): RawGrid {
    if (this.maxRow < 0) return { values: [], originRow: 0, originCol: 0 };
    const width = this.maxCol - this.minCol + 1;
    const values = new Array<CellValue[]>(this.maxRow - this.minRow + 1);
    for (let r = 0; r < values.length; r++) {
      const src = this.rows[r + this.minRow];
      if (src !== undefined && this.minCol === 0 && src.length === width) {
        for (let c = 0; c < width; c++) if (src[c] === undefined) src[c] = null; // reuse the row
        values[r] = src;
        continue;
      }
      const out = new Array<CellValue>(width);
      for (let c = 0; c < width; c++) out[c] = src?.[c + this.minCol] ?? null;
      values[r] = out;
    }
    this.rows = [];
    return { values, originRow: this.minRow, originCol: this.minCol };
  }
}

/** The sub-rectangle of a grid (0-based sheet coordinates, inclusive), padded with nulls. */
export function sliceGrid(grid: RawGrid, r0: number, c0: number, r1: number, c1: number): CellValue[][] {
  const out: CellValue[][] = [];
  for (let r = r0; r <= r1; r++) {
    const src = grid.values[r - grid.originRow];
    const line: CellValue[] = [];
    for (let c = c0; c <= c1; c++) line.push(src?.[c - grid.originCol] ?? null);
    out.push(line);
  }
  return out;
}
