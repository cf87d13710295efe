/**
 * A SheetSpec -> the Office.js calls that draw it on a (new, hidden) worksheet, as a list of
 * operations with estimated request sizes so write.ts can pack them into few syncs. Whole ranges
 * only: values in row blocks, then number formats, fills, fonts, borders, widths, freeze panes,
 * conditional formats, charts and the tab colour. Nothing here syncs.
 */
import type { CellRange, CellStyle, OutValue, SheetSpec } from "../../core/report/spec";
import { a1 } from "./convert";
import { ACTION_OVERHEAD_BYTES, jsonBytes, PAYLOAD_BUDGET_BYTES } from "./payload";

export interface WriteOp {
  /** Estimated request bytes of the calls this operation queues. */
  bytes: number;
  /** Queues the calls (no sync). */
  apply(): void;
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

/** Row blocks of the values grid, each block's JSON within `budget`. */
export function valueBlocks(
  spec: SheetSpec,
  budget = PAYLOAD_BUDGET_BYTES,
): { row: number; values: (string | number | boolean)[][]; bytes: number }[] {
  const cols = spec.values.reduce((max, row) => Math.max(max, row.length), 0);
  if (cols === 0) return [];
  const blocks: { row: number; values: (string | number | boolean)[][]; bytes: number }[] = [];
  let current: (string | number | boolean)[][] = [];
  let start = 0;
  let bytes = ACTION_OVERHEAD_BYTES;
  spec.values.forEach((row, r) => {
    const out: (string | number | boolean)[] = [];
    for (let c = 0; c < cols; c++) out.push(excelValue(row[c]));
    const size = jsonBytes(out) + 1;
    if (current.length > 0 && bytes + size > budget) {
      blocks.push({ row: start, values: current, bytes });
      current = [];
      start = r;
      bytes = ACTION_OVERHEAD_BYTES;
    }
    current.push(out);
    bytes += size;
  });
  if (current.length > 0) blocks.push({ row: start, values: current, bytes });
  return blocks;
}

function styleCalls(range: () => Excel.Range, style: CellStyle): { bytes: number; apply: () => void }[] {
  const calls: { bytes: number; apply: () => void }[] = [];
  const add = (apply: () => void) => calls.push({ bytes: ACTION_OVERHEAD_BYTES, apply });
  if (style.fill) add(() => (range().format.fill.color = hex(style.fill!)));
  if (style.fontColor) add(() => (range().format.font.color = hex(style.fontColor!)));
  if (style.bold !== undefined) add(() => (range().format.font.bold = style.bold!));
  if (style.italic !== undefined) add(() => (range().format.font.italic = style.italic!));
  if (style.fontSize !== undefined) add(() => (range().format.font.size = style.fontSize!));
  if (style.wrap !== undefined) add(() => (range().format.wrapText = style.wrap!));
  if (style.horizontal) {
    const h = style.horizontal === "left" ? "Left" : style.horizontal === "center" ? "Center" : "Right";
    add(() => (range().format.horizontalAlignment = h));
  }
  type Edge = "EdgeTop" | "EdgeBottom" | "EdgeLeft" | "EdgeRight" | "InsideHorizontal" | "InsideVertical";
  const edges: Edge[] = [];
  if (style.border)
    edges.push("EdgeTop", "EdgeBottom", "EdgeLeft", "EdgeRight", "InsideHorizontal", "InsideVertical");
  else if (style.borderBottom) edges.push("EdgeBottom");
  for (const edge of edges) {
    calls.push({
      bytes: 2 * ACTION_OVERHEAD_BYTES,
      apply: () => {
        const border = range().format.borders.getItem(edge as Excel.BorderIndex);
        border.style = "Continuous";
        border.weight = "Thin";
      },
    });
  }
  return calls;
}

/**
 * Every operation that draws `spec` on the sheet `sheet()` returns (called when the op is applied,
 * after the op that created the sheet).
 */
export function renderOps(
  sheet: () => Excel.Worksheet,
  spec: SheetSpec,
  budget = PAYLOAD_BUDGET_BYTES,
): WriteOp[] {
  const ops: WriteOp[] = [];
  const cols = spec.values.reduce((max, row) => Math.max(max, row.length), 0);

  // 1. Values, in row blocks when one request would be too large.
  for (const block of valueBlocks(spec, budget)) {
    ops.push({
      bytes: block.bytes,
      apply: () => {
        sheet().getRangeByIndexes(block.row, 0, block.values.length, cols).values = block.values;
      },
    });
  }

  // 2. Number formats: one 2-D array per style run that sets one (later runs override earlier ones).
  for (const run of spec.styles) {
    const fmt = run.style.numberFormat;
    if (fmt === undefined) continue;
    const { row, col, rowEnd, colEnd } = run.range;
    const width = colEnd - col + 1;
    const rowBytes = width * (jsonBytes(fmt) + 1) + 2;
    // Long runs are split into row chunks so no request exceeds the budget.
    const step = Math.max(1, Math.floor((budget - ACTION_OVERHEAD_BYTES) / rowBytes));
    for (let r = row; r <= rowEnd; r += step) {
      const rows = Math.min(step, rowEnd - r + 1);
      const grid = Array.from({ length: rows }, () => Array<string>(width).fill(fmt));
      ops.push({
        bytes: ACTION_OVERHEAD_BYTES + rows * rowBytes,
        apply: () => {
          sheet().getRangeByIndexes(r, col, rows, width).numberFormat = grid;
        },
      });
    }
  }

  // 3. Fills, fonts, alignment, borders: scalar properties on whole ranges.
  for (const run of spec.styles) {
    let cached: Excel.Range | null = null;
    const range = () => (cached ??= rangeOf(sheet(), run.range));
    for (const call of styleCalls(range, run.style)) ops.push(call);
  }

  // 4. Column widths (points), freeze panes, tab colour.
  spec.columnWidths.forEach((chars, col) => {
    if (!(chars > 0)) return;
    ops.push({
      bytes: ACTION_OVERHEAD_BYTES,
      apply: () => {
        sheet().getRangeByIndexes(0, col, 1, 1).getEntireColumn().format.columnWidth = widthToPoints(chars);
      },
    });
  });
  const freeze = spec.freeze;
  if (freeze && (freeze.rows > 0 || freeze.cols > 0)) {
    ops.push({
      bytes: ACTION_OVERHEAD_BYTES,
      apply: () => {
        const panes = sheet().freezePanes;
        if (freeze.rows > 0 && freeze.cols > 0) panes.freezeAt(a1(0, 0, freeze.rows - 1, freeze.cols - 1));
        else if (freeze.rows > 0) panes.freezeRows(freeze.rows);
        else panes.freezeColumns(freeze.cols);
      },
    });
  }
  if (spec.tabColor) {
    const color = hex(spec.tabColor);
    ops.push({ bytes: ACTION_OVERHEAD_BYTES, apply: () => (sheet().tabColor = color) });
  }

  // 5. Conditional formats (three-colour scales).
  for (const rule of spec.conditionalFormats) {
    ops.push({
      bytes: 3 * ACTION_OVERHEAD_BYTES,
      apply: () => {
        const cf = rangeOf(sheet(), rule.range).conditionalFormats.add("ColorScale");
        cf.colorScale.criteria = {
          minimum:
            rule.min.value === undefined
              ? { type: "LowestValue", color: hex(rule.min.color) }
              : { formula: String(rule.min.value), type: "Number", color: hex(rule.min.color) },
          midpoint: { formula: String(rule.mid.value), type: "Number", color: hex(rule.mid.color) },
          maximum:
            rule.max.value === undefined
              ? { type: "HighestValue", color: hex(rule.max.color) }
              : { formula: String(rule.max.value), type: "Number", color: hex(rule.max.color) },
        };
      },
    });
  }

  // 6. Bar charts: created on the first series, then every series set explicitly.
  for (const chart of spec.charts) {
    if (chart.series.length === 0) continue;
    ops.push({
      bytes: (4 + 4 * chart.series.length) * ACTION_OVERHEAD_BYTES,
      apply: () => {
        const s = sheet();
        const c = s.charts.add("BarClustered", rangeOf(s, chart.series[0].values), "Columns");
        c.title.text = chart.title;
        chart.series.forEach((spec, k) => {
          const series = k === 0 ? c.series.getItemAt(0) : c.series.add(spec.name);
          series.name = spec.name;
          series.setValues(rangeOf(s, spec.values));
          series.setXAxisValues(rangeOf(s, chart.categories));
          if (spec.color) series.format.fill.setSolidColor(hex(spec.color));
        });
        const { row, col, widthCols, heightRows } = chart.anchor;
        c.setPosition(
          a1(row, col, row, col),
          a1(row + heightRows - 1, col + widthCols - 1, row + heightRows - 1, col + widthCols - 1),
        );
      },
    });
  }
  return ops;
}
