/**
 * Reading the inputs through Office.js in as few round trips as the sizes allow:
 *   sync 1: worksheet names, visibility, sheet-scoped names (our marker) and tables, and the
 *           date-system probe (date-system.ts: a defined name that lives only inside this sync);
 *   sync 2: for each candidate sheet/table and our history sheet, its size and the cells inside a
 *           top-left window sized so the whole response stays under the payload budget;
 *   sync 3+: only for ranges larger than their window: row blocks, several per sync, each sync
 *           under the budget and every range read under Excel's 5,000,000-cell cap.
 * An ordinary engagement workbook is read in 2 syncs. In a 1904-date-system workbook the reads
 * also load number formats, and date cells are moved into the 1900 system the core works in.
 */
import type { CellValue, RawSheet, RawTable, RawWorkbook } from "../../core/model/raw";
import { inputKindOfTable, isInputCandidate } from "../../core/model/locate";
import { HISTORY_SHEET } from "../../core/report/build";
import { planOutputNames } from "../../core/report/names";
import { OUTPUT_MARKER_NAME } from "../../core/report/spec";
import type { HostProgress } from "../host";
import { rangeAddress } from "../../core/model/address";
import { toCellGrid } from "./convert";
import { datesTo1900, NUMBER_FORMAT_BYTES_PER_CELL, queueDateSystemProbe } from "./date-system";
import { sheetTarget, tableTarget, tableValues, type Target } from "./read-targets";
import {
  estimateReadBytes,
  packBatches,
  PAYLOAD_BUDGET_BYTES,
  plannedBytesPerCell,
  READ_BYTES_PER_CELL,
  READ_BYTES_PER_RANGE,
  rowsPerReadBlock,
} from "./payload";

/** Name of our history sheet, read back for the report's history. */
/** Prefix of the hidden sheets a write builds before swapping them in (write.ts). */
export const TEMP_SHEET_PREFIX = "~rpo-tmp-";

/** Columns of the first-sync window; wider ranges are read in row blocks. */
export const WINDOW_COLS = 64;

/** Load paths of sync 1 (precise, so nothing else crosses the wire). */
export const SHEET_LOAD_PATHS = [
  "items/name",
  "items/visibility",
  "items/names/items/name",
  "items/tables/items/name",
  "items/tables/items/showHeaders",
  "items/tables/items/showTotals",
].join(",");

export interface ReadOptions {
  signal?: AbortSignal;
  onProgress?: (p: HostProgress) => void;
  /** Bytes one sync may receive (tests lower it). */
  budget?: number;
}

export interface SheetInfo {
  name: string;
  visibility: string;
  marked: boolean;
  tables: { name: string; showHeaders: boolean; showTotals: boolean }[];
}

/** Sync-1 result as plain data, also used by write.ts. */
export function describeSheets(sheets: Excel.WorksheetCollection): SheetInfo[] {
  return sheets.items.map((s) => ({
    name: s.name,
    visibility: s.visibility,
    marked: s.names.items.some((n) => n.name.toLowerCase() === OUTPUT_MARKER_NAME.toLowerCase()),
    tables: s.tables.items.map((t) => ({
      name: t.name,
      showHeaders: t.showHeaders,
      showTotals: t.showTotals,
    })),
  }));
}

const DIMS = "rowIndex,columnIndex,rowCount,columnCount";

function isTempSheet(name: string): boolean {
  return name.startsWith(TEMP_SHEET_PREFIX);
}

function historySheetName(infos: SheetInfo[], outputSheets: string[]): string | null {
  try {
    const plan = planOutputNames(
      [HISTORY_SHEET],
      infos.map((s) => s.name),
      outputSheets,
    )[0];
    return plan.replaces ? plan.target : null;
  } catch {
    return null; // both the name and its alternate are user sheets
  }
}

export async function readWorkbook(
  context: Excel.RequestContext,
  options: ReadOptions = {},
): Promise<RawWorkbook> {
  const budget = options.budget ?? PAYLOAD_BUDGET_BYTES;
  const progress = (fraction: number) => options.onProgress?.({ step: "reading", fraction });
  options.signal?.throwIfAborted();
  progress(0);

  // Sync 1: the workbook's structure and its date system.
  let worksheets = context.workbook.worksheets;
  worksheets.load(SHEET_LOAD_PATHS);
  const probe = queueDateSystemProbe(context);
  let date1904: boolean | null;
  try {
    await context.sync();
    date1904 = probe.result();
  } catch {
    // No defined name can be added here (a read-only view): read without the probe, 1900 system.
    options.signal?.throwIfAborted();
    worksheets = context.workbook.worksheets;
    worksheets.load(SHEET_LOAD_PATHS);
    await context.sync();
    date1904 = null;
  }
  options.signal?.throwIfAborted();
  // A 1904 workbook's cells come with their number formats (which numbers are dates).
  const formats = date1904 === true;
  const cellPaths = formats ? "values,valueTypes,numberFormat" : "values,valueTypes";
  const perCell = READ_BYTES_PER_CELL + (formats ? NUMBER_FORMAT_BYTES_PER_CELL : 0);
  const grid = (range: Excel.Range) => {
    const values = toCellGrid(range.values, range.valueTypes);
    return formats ? datesTo1900(values, range.numberFormat) : values;
  };

  const infos = describeSheets(worksheets);
  const outputSheets = infos.filter((s) => s.marked).map((s) => s.name);
  const history = historySheetName(infos, outputSheets);
  const proxies = new Map(worksheets.items.map((s) => [s.name, s]));

  // Sync 2: sizes of every candidate, and its cells inside a budgeted window.
  const targets: Target[] = [];
  const otherTables: RawTable[] = [];
  for (const info of infos) {
    const sheet = proxies.get(info.name)!;
    const isOutput = info.marked || isTempSheet(info.name);
    if ((!isOutput && isInputCandidate(info.name)) || info.name === history) {
      targets.push(sheetTarget(sheet, info.name));
    }
    for (const t of info.tables) {
      if (isOutput) continue;
      if (inputKindOfTable(t.name) === null) {
        // Listed by name only (the core suggests near-miss names); its cells are never needed.
        otherTables.push({ name: t.name, sheetName: info.name, values: [], originRow: 0, originCol: 0 });
        continue;
      }
      targets.push(tableTarget(sheet, sheet.tables.getItem(t.name), info.name, t));
    }
  }
  const totalWeight = targets.reduce((sum, t) => sum + t.weight, 0);
  for (const t of targets) {
    // This target's share of the response budget, as a window of WINDOW_COLS columns.
    const share = (budget * t.weight) / Math.max(1, totalWeight) - 2 * READ_BYTES_PER_RANGE;
    const rows = Math.max(1, Math.floor(share / (WINDOW_COLS * perCell + 4)));
    const address = rangeAddress(0, 0, rows - 1, WINDOW_COLS - 1);
    t.full.load(DIMS);
    // A sheet's used range may not exist (empty sheet), so its window is taken from the sheet.
    t.window =
      t.kind === "sheet"
        ? t.sheetProxy.getRange(address).getUsedRangeOrNullObject(true)
        : t.full.getIntersectionOrNullObject(address);
    t.window.load(`${cellPaths},${DIMS}`);
    t.columns?.load("items/name");
  }
  if (targets.length > 0) {
    await context.sync();
    options.signal?.throwIfAborted();
  }
  progress(0.5);

  const blocks: { target: Target; row: number; rows: number }[] = [];
  for (const t of targets) {
    if (t.full.isNullObject) {
      t.values = [];
      continue;
    }
    t.rowIndex = t.full.rowIndex;
    t.columnIndex = t.full.columnIndex;
    t.rowCount = t.full.rowCount;
    t.columnCount = t.full.columnCount;
    const w = t.window;
    const complete =
      !w.isNullObject &&
      w.rowIndex === t.rowIndex &&
      w.columnIndex === t.columnIndex &&
      w.rowCount === t.rowCount &&
      w.columnCount === t.columnCount;
    if (complete) {
      t.values = grid(w);
      continue;
    }
    // Too large for its window: row blocks.
    t.bytesPerCell = plannedBytesPerCell(
      w.isNullObject
        ? null
        : {
            values: w.values,
            valueTypes: w.valueTypes,
            ...(formats ? { numberFormat: w.numberFormat } : {}),
          },
      perCell,
    );
    const step = rowsPerReadBlock(t.columnCount, budget, t.bytesPerCell);
    for (let r = 0; r < t.rowCount; r += step)
      blocks.push({ target: t, row: r, rows: Math.min(step, t.rowCount - r) });
  }

  // Sync 3+: row blocks, packed so each sync's response stays under the budget.
  const batches = packBatches(
    blocks,
    (b) => estimateReadBytes(b.rows, b.target.columnCount, b.target.bytesPerCell),
    budget,
  );
  const parts = new Map<Target, CellValue[][][]>();
  let done = 0;
  for (const batch of batches) {
    const ranges = batch.map((b) => {
      const range = b.target.sheetProxy.getRangeByIndexes(
        b.target.rowIndex + b.row,
        b.target.columnIndex,
        b.rows,
        b.target.columnCount,
      );
      range.load(cellPaths);
      return range;
    });
    await context.sync();
    options.signal?.throwIfAborted();
    batch.forEach((b, k) => {
      const list = parts.get(b.target) ?? [];
      list.push(grid(ranges[k]));
      parts.set(b.target, list);
    });
    done += batch.length;
    progress(0.5 + (0.5 * done) / blocks.length);
  }
  for (const [t, list] of parts) t.values = list.flat();

  const sheets: RawSheet[] = [];
  const tables: RawTable[] = [];
  let historySheet: RawSheet | null = null;
  for (const t of targets) {
    const values = t.values ?? [];
    if (t.kind === "sheet") {
      const raw: RawSheet = { name: t.sheet, values, originRow: t.rowIndex, originCol: t.columnIndex };
      if (t.sheet === history) historySheet = raw;
      else sheets.push(raw);
    } else {
      tables.push(tableValues(t, values));
    }
  }
  progress(1);
  return {
    sheets,
    tables: [...tables, ...otherTables],
    sheetNames: infos.map((s) => s.name),
    outputSheets,
    history: historySheet,
  };
}
