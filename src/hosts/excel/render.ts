/**
 * A SheetSpec -> the Office.js calls that draw it on a (new, hidden) worksheet, as a list of
 * operations with estimated request sizes so write.ts can pack them into few syncs. Whole ranges
 * only: values in row blocks, then number formats, fills, fonts, borders, widths, freeze panes,
 * conditional formats, charts and the tab colour. Nothing here syncs.
 */
import { isDateFormatCode, DAYS_1900_TO_1904 } from "../xlsx/date-system";
import type { CellRange, CellStyle, OutValue, SheetSpec } from "../../core/report/spec";
import type { WriteOp } from "./batches";
import { rangeAddress } from "../../core/model/address";
import { jsonBytes, PAYLOAD_BUDGET_BYTES, REQUEST_BYTES } from "./payload";

export type { WriteOp } from "./batches";

/** A line chart's axis bounds, number formats and legend: about five property sets (~300 bytes each, measured per property on a new object). */
const LINE_CHART_AXIS_BYTES = 1_500;

/** Prefix of the names of the charts we draw, so a later run removes only ours. */
export const CHART_NAME_PREFIX = "RpoAlign_Chart_";

export interface RenderOptions {
  /** Bytes one sync may send. */
  budget?: number;
  /** The workbook uses the 1904 date system: date cells are written as 1904-system serials. */
  date1904?: boolean;
}

/**
 * Text that Excel would not keep as the same text when written through `values` gets a leading
 * apostrophe (Excel's quote prefix: the cell holds the text without it and shows it verbatim).
 * That is text starting with = + - @ (a formula), ' (the prefix itself), # (an error literal),
 * TRUE/FALSE (a boolean) and anything with a digit (Excel may read it as a number, date, time,
 * percentage or fraction, depending on the locale).
 */
export function literalText(text: string): string {
  if (text === "") return text;
  return /^[=+\-@'#]/.test(text) || /\d/.test(text) || /^\s*(true|false)\s*$/i.test(text) ? `'${text}` : text;
}

/** The value Office.js `values` receives for one spec cell. */
export function excelValue(value: OutValue | undefined): string | number | boolean {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return literalText(value);
  if (typeof value === "number") return Number.isFinite(value) ? value : "";
  if (typeof value === "boolean") return value;
  return `=${value.formula}`; // built by the report, never from user text
}

/** Excel column width in characters -> Office.js columnWidth in points (Calibri 11: 7 px per char + 5 px padding; 0.75 pt per px). */
export function widthToPoints(chars: number): number {
  return Math.round((chars * 7 + 5) * 0.75 * 100) / 100;
}

function hex(color: string): string {
  return color.startsWith("#") ? color : `#${color}`;
}

function rangeOf(sheet: Excel.Worksheet, r: CellRange): Excel.Range {
  return sheet.getRangeByIndexes(r.row, r.col, r.rowEnd - r.row + 1, r.colEnd - r.col + 1);
}

/** Cells (row * 16384 + col) of `spec` whose number format shows a date (the last run setting one wins). */
export function dateCells(spec: SheetSpec): Set<number> {
  const cells = new Set<number>();
  for (const run of spec.styles) {
    const fmt = run.style.numberFormat;
    if (fmt === undefined) continue;
    const isDate = isDateFormatCode(fmt);
    for (let r = run.range.row; r <= run.range.rowEnd; r++) {
      for (let c = run.range.col; c <= run.range.colEnd; c++) {
        if (isDate) cells.add(r * 16384 + c);
        else cells.delete(r * 16384 + c);
      }
    }
  }
  return cells;
}

type Cell = string | number | boolean;

/** Row blocks of the values grid, each block's request within `budget`. */
export function valueBlocks(
  spec: SheetSpec,
  budget = PAYLOAD_BUDGET_BYTES,
  date1904 = false,
): { row: number; values: Cell[][]; bytes: number }[] {
  const cols = spec.values.reduce((max, row) => Math.max(max, row.length), 0);
  if (cols === 0) return [];
  const dates = date1904 ? dateCells(spec) : null;
  const room = Math.max(1, budget - REQUEST_BYTES.perSync);
  const blocks: { row: number; values: Cell[][]; bytes: number }[] = [];
  let current: Cell[][] = [];
  let start = 0;
  let bytes: number = REQUEST_BYTES.values;
  spec.values.forEach((row, r) => {
    const out: Cell[] = [];
    for (let c = 0; c < cols; c++) {
      let v = excelValue(row[c]);
      if (dates && typeof v === "number" && dates.has(r * 16384 + c)) v -= DAYS_1900_TO_1904;
      out.push(v);
    }
    const size = jsonBytes(out) + 1;
    if (current.length > 0 && bytes + size > room) {
      blocks.push({ row: start, values: current, bytes });
      current = [];
      start = r;
      bytes = REQUEST_BYTES.values;
    }
    current.push(out);
    bytes += size;
  });
  if (current.length > 0) blocks.push({ row: start, values: current, bytes });
  return blocks;
}

/** An operation writing a 2-D grid property at (row, col), which splits itself by rows on a retry. */
function gridOp(
  sheet: () => Excel.Worksheet,
  row: number,
  col: number,
  grid: Cell[][],
  bytes: number,
  property: "values" | "numberFormat",
): WriteOp {
  const open = property === "values" ? REQUEST_BYTES.values : REQUEST_BYTES.numberFormat;
  return {
    bytes,
    apply: () => {
      const range = sheet().getRangeByIndexes(row, col, grid.length, grid[0].length);
      if (property === "values") range.values = grid;
      else range.numberFormat = grid as string[][];
    },
    split:
      grid.length < 2
        ? undefined
        : () => {
            const half = Math.ceil(grid.length / 2);
            const parts = [grid.slice(0, half), grid.slice(half)];
            return parts.map((part, k) =>
              gridOp(sheet, row + k * half, col, part, open + jsonBytes(part), property),
            );
          },
  };
}

type Edge = "EdgeTop" | "EdgeBottom" | "EdgeLeft" | "EdgeRight" | "InsideHorizontal" | "InsideVertical";

/**
 * The border edges Excel accepts on a range: the inside edges only where there is an inside (two
 * rows for InsideHorizontal, two columns for InsideVertical); on a single cell Excel refuses them.
 */
export function borderEdges(range: CellRange, style: CellStyle): Edge[] {
  if (style.border) {
    const edges: Edge[] = ["EdgeTop", "EdgeBottom", "EdgeLeft", "EdgeRight"];
    if (range.rowEnd > range.row) edges.push("InsideHorizontal");
    if (range.colEnd > range.col) edges.push("InsideVertical");
    return edges;
  }
  return style.borderBottom ? ["EdgeBottom"] : [];
}

function styleCalls(range: (attempt: number) => Excel.Range, cells: CellRange, style: CellStyle): WriteOp[] {
  const calls: WriteOp[] = [];
  const cost = (edge: boolean) =>
    calls.length === 0
      ? REQUEST_BYTES.styleFirst + (edge ? REQUEST_BYTES.borderEdge : 0)
      : edge
        ? REQUEST_BYTES.borderEdge
        : REQUEST_BYTES.styleProperty;
  const add = (apply: (r: Excel.Range) => void) => {
    const bytes = cost(false);
    calls.push({ bytes, apply: (attempt) => apply(range(attempt)) });
  };
  if (style.fill) add((r) => (r.format.fill.color = hex(style.fill!)));
  if (style.fontColor) add((r) => (r.format.font.color = hex(style.fontColor!)));
  if (style.bold !== undefined) add((r) => (r.format.font.bold = style.bold!));
  if (style.italic !== undefined) add((r) => (r.format.font.italic = style.italic!));
  if (style.fontSize !== undefined) add((r) => (r.format.font.size = style.fontSize!));
  if (style.wrap !== undefined) add((r) => (r.format.wrapText = style.wrap!));
  if (style.horizontal) {
    const h = style.horizontal === "left" ? "Left" : style.horizontal === "center" ? "Center" : "Right";
    add((r) => (r.format.horizontalAlignment = h));
  }
  for (const edge of borderEdges(cells, style)) {
    calls.push({
      bytes: cost(true),
      apply: (attempt) => {
        const border = range(attempt).format.borders.getItem(edge as Excel.BorderIndex);
        border.style = "Continuous";
        border.weight = "Thin";
      },
    });
  }
  return calls;
}

/**
 * The operations that draw `spec`'s cells on the sheet `sheet()` returns (called when an op is
 * applied, after the op that created the sheet): values in row blocks, number formats, fills,
 * fonts, alignment, borders and colour scales.
 */
export function cellOps(
  sheet: () => Excel.Worksheet,
  spec: SheetSpec,
  options: RenderOptions = {},
): WriteOp[] {
  const budget = options.budget ?? PAYLOAD_BUDGET_BYTES;
  const ops: WriteOp[] = [];
  const cols = spec.values.reduce((max, row) => Math.max(max, row.length), 0);
  const room = Math.max(1, budget - REQUEST_BYTES.perSync);

  // 1. Values, in row blocks when one request would be too large.
  for (const block of valueBlocks(spec, budget, options.date1904)) {
    const grid = block.values.map((row) => (row.length === cols ? row : [...row]));
    ops.push(gridOp(sheet, block.row, 0, grid, block.bytes, "values"));
  }

  // 2. Number formats: one 2-D array per style run that sets one (later runs override earlier ones).
  for (const run of spec.styles) {
    const fmt = run.style.numberFormat;
    if (fmt === undefined) continue;
    const { row, col, rowEnd, colEnd } = run.range;
    const width = colEnd - col + 1;
    const rowBytes = width * (jsonBytes(fmt) + 1) + 2;
    // Long runs are split into row chunks so no request exceeds the budget.
    const step = Math.max(1, Math.floor((room - REQUEST_BYTES.numberFormat) / rowBytes));
    for (let r = row; r <= rowEnd; r += step) {
      const rows = Math.min(step, rowEnd - r + 1);
      const grid = Array.from({ length: rows }, () => Array<string>(width).fill(fmt));
      ops.push(gridOp(sheet, r, col, grid, REQUEST_BYTES.numberFormat + rows * rowBytes, "numberFormat"));
    }
  }

  // 3. Fills, fonts, alignment, borders: scalar properties on whole ranges.
  for (const run of spec.styles) {
    let cached: { attempt: number; range: Excel.Range } | null = null;
    const range = (attempt: number) => {
      if (!cached || cached.attempt !== attempt) cached = { attempt, range: rangeOf(sheet(), run.range) };
      return cached.range;
    };
    ops.push(...styleCalls(range, run.range, run.style));
  }

  // 4. Conditional formats (three-colour scales).
  for (const rule of spec.conditionalFormats) {
    const criteria = {
      minimum:
        rule.min.value === undefined
          ? { type: "LowestValue", color: hex(rule.min.color) }
          : { formula: String(rule.min.value), type: "Number", color: hex(rule.min.color) },
      midpoint: { formula: String(rule.mid.value), type: "Number", color: hex(rule.mid.color) },
      maximum:
        rule.max.value === undefined
          ? { type: "HighestValue", color: hex(rule.max.color) }
          : { formula: String(rule.max.value), type: "Number", color: hex(rule.max.color) },
    } as Excel.ConditionalColorScaleCriteria;
    ops.push({
      bytes: REQUEST_BYTES.conditionalFormat + jsonBytes(criteria),
      apply: () => {
        const cf = rangeOf(sheet(), rule.range).conditionalFormats.add("ColorScale");
        cf.colorScale.criteria = criteria;
      },
    });
  }
  return ops;
}

/**
 * The sheet-level parts of `spec`, which a range copy does not carry: column widths, freeze
 * panes, tab colour and charts (named CHART_NAME_PREFIX + n, on the sheet they are drawn on).
 */
export function sheetOps(sheet: () => Excel.Worksheet, spec: SheetSpec): WriteOp[] {
  const ops: WriteOp[] = [];
  spec.columnWidths.forEach((chars, col) => {
    if (!(chars > 0)) return;
    ops.push({
      bytes: REQUEST_BYTES.columnWidth,
      apply: () => {
        sheet().getRangeByIndexes(0, col, 1, 1).getEntireColumn().format.columnWidth = widthToPoints(chars);
      },
    });
  });
  const freeze = spec.freeze;
  if (freeze && (freeze.rows > 0 || freeze.cols > 0)) {
    ops.push({
      bytes: REQUEST_BYTES.action,
      apply: () => {
        const panes = sheet().freezePanes;
        if (freeze.rows > 0 && freeze.cols > 0)
          panes.freezeAt(rangeAddress(0, 0, freeze.rows - 1, freeze.cols - 1));
        else if (freeze.rows > 0) panes.freezeRows(freeze.rows);
        else panes.freezeColumns(freeze.cols);
      },
    });
  }
  if (spec.tabColor) {
    const color = hex(spec.tabColor);
    ops.push({ bytes: REQUEST_BYTES.action, apply: () => (sheet().tabColor = color) });
  }

  // Charts (clustered bars, or lines with markers): created on the first series, then every
  // series set explicitly.
  spec.charts.forEach((chart, n) => {
    if (chart.series.length === 0) return;
    ops.push({
      bytes:
        REQUEST_BYTES.chart +
        (chart.series.length - 1) * REQUEST_BYTES.chartSeries +
        jsonBytes(chart.title) +
        jsonBytes(chart.series.map((s) => s.name)) +
        (chart.kind === "line" ? LINE_CHART_AXIS_BYTES : 0),
      apply: () => {
        const s = sheet();
        const line = chart.kind === "line";
        const type = line ? "LineMarkers" : "BarClustered";
        const c = s.charts.add(type, rangeOf(s, chart.series[0].values), "Columns");
        c.name = `${CHART_NAME_PREFIX}${n + 1}`;
        c.title.text = chart.title;
        chart.series.forEach((spec, k) => {
          const series = k === 0 ? c.series.getItemAt(0) : c.series.add(spec.name);
          series.name = spec.name;
          series.setValues(rangeOf(s, spec.values));
          series.setXAxisValues(rangeOf(s, chart.categories));
          if (spec.color && line) series.format.line.color = hex(spec.color);
          else if (spec.color) series.format.fill.setSolidColor(hex(spec.color));
        });
        if (chart.kind === "line") {
          // ExcelApi 1.7/1.8: axis bounds and number formats; one series needs no legend.
          const axis = c.axes.valueAxis;
          if (chart.valueAxis?.min !== undefined) axis.minimum = chart.valueAxis.min;
          if (chart.valueAxis?.max !== undefined) axis.maximum = chart.valueAxis.max;
          if (chart.valueAxis?.numberFormat) axis.numberFormat = chart.valueAxis.numberFormat;
          if (chart.categoryFormat) c.axes.categoryAxis.numberFormat = chart.categoryFormat;
          if (chart.series.length === 1) c.legend.visible = false;
        }
        const { row, col, widthCols, heightRows } = chart.anchor;
        c.setPosition(
          rangeAddress(row, col, row, col),
          rangeAddress(row + heightRows - 1, col + widthCols - 1, row + heightRows - 1, col + widthCols - 1),
        );
      },
    });
  });
  return ops;
}

/** Every operation that draws `spec` on the sheet `sheet()` returns (cells, then sheet-level parts). */
export function renderOps(
  sheet: () => Excel.Worksheet,
  spec: SheetSpec,
  options: RenderOptions = {},
): WriteOp[] {
  return [...cellOps(sheet, spec, options), ...sheetOps(sheet, spec)];
}
