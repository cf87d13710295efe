/**
 * "Alignment History": one row per analysis date (as-of), kept across runs. The previous sheet's
 * values come back in as a RawSheet; rows that parse are kept, the row of the same as-of date is
 * replaced by this run's, and rows are sorted by as-of date.
 *
 * Parsing is forgiving: the header row is found by its first two labels ("As of", "Run stamp")
 * wherever it sits; rows whose as-of cell is not a date are ignored (notes, stray edits); counts
 * that are not numbers become empty; RAG cells other than Green/Amber/Red become empty.
 */
import type { Rag, Results } from "../alignment/types";
import type { CellValue, RawSheet } from "../model/raw";
import type { SheetSpec } from "./spec";
import { ragCounts, type ReportContext } from "./context";
import { finiteOrNull, FORMAT, isoDateToSerial, runStampParts } from "./format";
import { SheetBuilder, writeAsOf, writeHeader, writeTitle } from "./grid";
import { ragLegend, writeLegend } from "./legend";
import { AMBER, GREEN, RED, statusText, TAB_COLORS } from "./palette";
import { RAG_LABEL, ragStyle } from "./alignment-sheet";

export const HISTORY_FIXED_HEADERS = [
  "As of",
  "Run stamp",
  "Green",
  "Amber",
  "Red",
  "Overall score",
] as const;

export interface HistoryRow {
  /** Excel serial date (whole days). */
  asOf: number;
  runStamp: string;
  green: number | null;
  amber: number | null;
  red: number | null;
  /** (green − red) / levers, −1..+1. */
  overall: number | null;
  rags: Map<string, Rag>;
}

export interface ParsedHistory {
  rows: HistoryRow[];
  /** Lever columns in the previous sheet's order. */
  levers: string[];
}

const MAX_SERIAL = 2_958_465; // 9999-12-31

function text(v: CellValue | undefined): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "string") return v.trim();
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  return "";
}

function dateOf(v: CellValue | undefined): number | null {
  if (typeof v === "number") return Number.isFinite(v) && v >= 1 && v <= MAX_SERIAL ? Math.floor(v) : null;
  if (typeof v === "string") return isoDateToSerial(v);
  return null;
}

function numberOf(v: CellValue | undefined): number | null {
  if (typeof v === "number") return finiteOrNull(v);
  if (typeof v === "string" && v.trim() !== "") {
    const t = v.trim();
    const n = t.endsWith("%") ? Number(t.slice(0, -1)) / 100 : Number(t);
    return finiteOrNull(n);
  }
  return null;
}

function ragOf(v: CellValue | undefined): Rag | null {
  // Written as "✔ Green" (symbol and word); older sheets have the word alone.
  const t = text(v)
    .replace(/^[^A-Za-z]+/, "")
    .toLowerCase();
  return t === "green" || t === "amber" || t === "red" ? t : null;
}

/** Reads a previous history sheet; never throws, returns no rows when nothing parses. */
export function parseHistory(sheet: RawSheet | null): ParsedHistory {
  const empty: ParsedHistory = { rows: [], levers: [] };
  if (!sheet || !Array.isArray(sheet.values)) return empty;
  const grid = sheet.values;
  const headerIndex = grid.findIndex(
    (line) =>
      Array.isArray(line) &&
      text(line[0]).toLowerCase() === "as of" &&
      text(line[1]).toLowerCase().startsWith("run stamp"),
  );
  if (headerIndex < 0) return empty;
  const header = grid[headerIndex];
  const columns: { col: number; kind: "green" | "amber" | "red" | "overall" | "lever"; lever?: string }[] =
    [];
  const levers: string[] = [];
  for (let c = 2; c < header.length; c++) {
    const label = text(header[c]);
    if (label === "") break;
    const lower = label.toLowerCase();
    if (c < HISTORY_FIXED_HEADERS.length && (lower === "green" || lower === "amber" || lower === "red")) {
      columns.push({ col: c, kind: lower });
    } else if (c < HISTORY_FIXED_HEADERS.length && lower === "overall score") {
      columns.push({ col: c, kind: "overall" });
    } else if (!levers.includes(label)) {
      levers.push(label);
      columns.push({ col: c, kind: "lever", lever: label });
    }
  }
  const rows: HistoryRow[] = [];
  for (let r = headerIndex + 1; r < grid.length; r++) {
    const line = grid[r];
    if (!Array.isArray(line)) continue;
    const asOf = dateOf(line[0]);
    if (asOf === null) continue;
    const row: HistoryRow = {
      asOf,
      runStamp: text(line[1]),
      green: null,
      amber: null,
      red: null,
      overall: null,
      rags: new Map(),
    };
    for (const col of columns) {
      const v = line[col.col];
      if (col.kind === "lever") {
        const rag = ragOf(v);
        if (rag && col.lever) row.rags.set(col.lever, rag);
      } else if (col.kind === "overall") row.overall = numberOf(v);
      else row[col.kind] = numberOf(v);
    }
    rows.push(row);
  }
  return { rows, levers };
}

/** This run's history row. */
export function currentHistoryRow(results: Results, runStamp: string): HistoryRow {
  const counts = ragCounts(results.alignment.map((a) => a.rag));
  return {
    asOf: Math.floor(results.asOf),
    runStamp,
    green: counts.green,
    amber: counts.amber,
    red: counts.red,
    overall: counts.net,
    rags: new Map(results.alignment.map((a) => [a.lever, a.rag])),
  };
}

/** Previous rows plus this run's: same as-of replaced (also duplicates among previous rows), sorted by as-of. */
export function mergeHistory(previous: HistoryRow[], current: HistoryRow): HistoryRow[] {
  const byDate = new Map<number, HistoryRow>();
  for (const row of previous) byDate.set(row.asOf, row);
  byDate.set(current.asOf, current);
  return [...byDate.values()].sort((a, b) => a.asOf - b.asOf);
}

export function buildHistorySheet(ctx: ReportContext, name: string): SheetSpec {
  const parsed = parseHistory(ctx.options.history);
  const current = currentHistoryRow(ctx.results, ctx.options.runStamp);
  const rows = mergeHistory(parsed.rows, current);
  const levers = [...ctx.results.levers];
  for (const a of ctx.results.alignment) if (!levers.includes(a.lever)) levers.push(a.lever);
  for (const l of parsed.levers) if (!levers.includes(l)) levers.push(l);

  const b = new SheetBuilder();
  writeTitle(b, "Alignment history: one row per analysis date");
  writeAsOf(b, 1, ctx.run);
  const headerRow = 3;
  writeHeader(b, headerRow, 0, [...HISTORY_FIXED_HEADERS, ...levers]);
  const countStyles = [GREEN, AMBER, RED];
  rows.forEach((h, i) => {
    const r = headerRow + 1 + i;
    const isCurrent = h === current;
    b.put(r, 0, h.asOf, { numberFormat: FORMAT.date, bold: isCurrent });
    // The run time as a date cell in the runner's local time (older rows may hold text).
    const stamp = runStampParts(h.runStamp);
    const serial = stamp?.serial ?? (/^\d+(\.\d+)?$/.test(h.runStamp) ? Number(h.runStamp) : null);
    if (serial !== null) b.put(r, 1, serial, { numberFormat: FORMAT.dateTime, horizontal: "left" });
    else b.put(r, 1, h.runStamp);
    [h.green, h.amber, h.red].forEach((count, k) =>
      b.put(r, 2 + k, count, {
        numberFormat: FORMAT.count,
        fill: countStyles[k].fill,
        fontColor: countStyles[k].font,
        horizontal: "center",
      }),
    );
    b.put(r, 5, h.overall, { numberFormat: FORMAT.percent });
    levers.forEach((lever, k) => {
      const rag = h.rags.get(lever);
      if (rag) b.put(r, 6 + k, statusText(rag, RAG_LABEL[rag]), { ...ragStyle(rag), horizontal: "center" });
    });
  });
  for (let k = 0; k < levers.length; k++) b.minWidth(6 + k, 10);
  b.minWidth(1, 22);

  const zone = runStampParts(ctx.options.runStamp)?.zone;
  writeLegend(b, headerRow + rows.length + 2, 0, ragLegend(ctx.options.settings), [
    "Green / Amber / Red columns: how many levers had each colour on that date.",
    `Run stamp: when the analysis ran, in the local time of whoever ran it${zone ? ` (this run: ${zone})` : ""}.`,
    "Overall score = (green − red) ÷ levers: +100% all green, −100% all red.",
    "Each run adds its as-of date; a rerun for the same date replaces that row.",
  ]);
  return b.build({
    name,
    tabColor: TAB_COLORS.history,
    freeze: { rows: headerRow + 1, cols: 1 },
    print: { run: ctx.run, titleRows: { first: headerRow, last: headerRow } },
  });
}
