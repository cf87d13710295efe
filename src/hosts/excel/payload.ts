/**
 * Request and response size estimates for Office.js batches. Excel on the web rejects a request or
 * a response over 5 MB (RequestPayloadSizeLimitExceeded) and one range read is capped at 5,000,000
 * cells; we keep every batch under PAYLOAD_BUDGET_BYTES (4 MB) and every read under
 * MAX_CELLS_PER_READ. See docs/excel-host.md for how the per-cell figures were chosen.
 */

/** What one sync may send or receive, with 1 MB of headroom below Excel on the web's 5 MB limit. */
export const PAYLOAD_BUDGET_BYTES = 4_000_000;
/** Excel's documented cap on the cells of one range read. */
export const MAX_CELLS_PER_READ = 5_000_000;

/**
 * Estimated response bytes per cell when `values` and `valueTypes` are both loaded, before the
 * content is known. A number is at most 24 characters in JSON ("-1.2345678901234567e-123") plus
 * a comma; its type `"Double",` is 9. A text cell is taken as 40 characters of text plus quotes
 * and comma (43) and `"String",` (9). 56 covers the larger of the two plus the row brackets.
 */
export const READ_BYTES_PER_CELL = 56;
/** JSON overhead of one loaded range in a response (property names, address, brackets). */
export const READ_BYTES_PER_RANGE = 512;
/**
 * Request bytes of the calls a write queues, calibrated against Microsoft's own client runtime
 * (`bench/excel-runtime.ts` serialises every sync exactly as Excel on the web receives it; the
 * figures in brackets are what it measured per call, with 4-5 digit action ids), each raised by
 * about 20% for longer ids and path variants. test/excel/real-runtime.test.ts checks that every
 * sync of whole analyses stays under its estimate.
 */
export const REQUEST_BYTES = {
  /** Fixed part of every request, plus what packing cannot see (a range's path sent again in the next sync). */
  perSync: 4_000,
  /** A new range and its `values` (445), plus the JSON of the values. */
  values: 560,
  /** A new range and its `numberFormat` (479), plus the JSON of the formats. */
  numberFormat: 600,
  /** A new range and its first format property (fill colour: 742). */
  styleFirst: 900,
  /** Each further format property on the same range (97-249, a new font/fill object included). */
  styleProperty: 320,
  /** A border edge: the first on a new range (1,057) gets styleFirst + this; each further one (403). */
  borderEdge: 560,
  /** A column width through getEntireColumn (971). */
  columnWidth: 1_200,
  /** A colour scale (1,131 with its criteria). */
  conditionalFormat: 1_400,
  /** A bar chart with one series (2,830), and each further series (2,043). */
  chart: 3_400,
  chartSeries: 2_500,
  /** range.copyFrom between two new ranges (885). */
  copy: 1_100,
  /** A sheet-level call: add, rename, show/hide, delete, a name added or changed, freeze panes. */
  action: 400,
} as const;

/** UTF-8 size of a JSON value as Office.js would serialise it. */
export function jsonBytes(value: unknown): number {
  const text = JSON.stringify(value) ?? "";
  let bytes = text.length;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) continue;
    if (code < 0x800) bytes += 1;
    else if (code >= 0xd800 && code <= 0xdbff) {
      bytes += 2; // surrogate pair: 4 bytes for 2 UTF-16 units
      i++;
    } else bytes += 2;
  }
  return bytes;
}

/** Estimated response size of reading `rows` x `cols` cells (values + valueTypes). */
export function estimateReadBytes(rows: number, cols: number, bytesPerCell = READ_BYTES_PER_CELL): number {
  return READ_BYTES_PER_RANGE + rows * (cols * bytesPerCell + 4);
}

/** Rows per block so that one block's read stays within the budget and the cell cap. */
export function rowsPerReadBlock(
  cols: number,
  budget = PAYLOAD_BUDGET_BYTES,
  bytesPerCell = READ_BYTES_PER_CELL,
): number {
  const byBytes = Math.floor((budget - READ_BYTES_PER_RANGE) / (Math.max(1, cols) * bytesPerCell + 4));
  const byCells = Math.floor(MAX_CELLS_PER_READ / Math.max(1, cols));
  return Math.max(1, Math.min(byBytes, byCells));
}

/**
 * Bytes per cell to plan a range's blocks with: the estimate, or 1.25 x what a sample of the same
 * range (its first-sync window) actually measured, whichever is larger (long texts). The sample's
 * `numberFormat` counts when it was loaded too (1904 workbooks; `estimate` then includes it).
 */
export function plannedBytesPerCell(
  sample: { values: unknown[][]; valueTypes: unknown[][]; numberFormat?: unknown[][] } | null,
  estimate = READ_BYTES_PER_CELL,
): number {
  if (!sample) return estimate;
  const cells = sample.values.reduce((n, row) => n + row.length, 0);
  if (cells === 0) return estimate;
  const loaded = [sample.values, sample.valueTypes, ...(sample.numberFormat ? [sample.numberFormat] : [])];
  const measured = loaded.reduce((n, part) => n + jsonBytes(part), 0) / cells;
  return Math.max(estimate, Math.ceil(measured * 1.25));
}

/** Groups items into consecutive batches whose summed size stays within the budget. */
export function packBatches<T>(items: T[], size: (item: T) => number, budget = PAYLOAD_BUDGET_BYTES): T[][] {
  const batches: T[][] = [];
  let current: T[] = [];
  let used = 0;
  for (const item of items) {
    const s = size(item);
    if (current.length > 0 && used + s > budget) {
      batches.push(current);
      current = [];
      used = 0;
    }
    current.push(item);
    used += s;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}
