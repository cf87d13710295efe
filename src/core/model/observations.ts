/**
 * The Observations input: one row per period, a Period date column and one column per lever and
 * metric, headed by its name (matched ignoring case and extra spaces).
 */
import { isBlank, matchKey } from "./input-cells";
import { serialToIso } from "../dates";
import { Diagnostics, listText, quote, sentence } from "./diagnostics";
import { findHeader, isBlankRow, type ColumnSpec } from "./header";
import { reportHiddenRows, type GridView } from "./locate";
import { readDateColumn } from "./read";
import { dropTrailingEmptyPeriods, readSeries, type SeriesColumn } from "./series";
import { closest } from "./suggest";
import type { Lever, Metric, Observations } from "./types";

/**
 * What a lever the data cannot estimate (empty, constant, or constant after differencing) does to
 * the others: the Summary shows it above everything else (report/unusable-levers.ts).
 */
export const OMITTED_LEVER_NOTE =
  "the other levers' estimates may absorb its effect (they are estimated as if it did not move).";

export const OBSERVATION_COLUMNS: readonly ColumnSpec[] = [
  { key: "period", header: "Period", required: true },
];

export interface ObservationsContext {
  levers: readonly Lever[];
  metrics: readonly Metric[];
  /** False when Levers or Metrics could not be read: unmatched columns are then not reported. */
  namesReadable: boolean;
}

export interface ObservationsResult {
  observations: Observations | null;
  /** Levers without a column or without a single value: they cannot be analysed and leave the model. */
  excludedLevers: Set<string>;
}

/** A column that is neither Period nor a lever or metric. */
interface ExtraColumn {
  text: string;
  col: number;
  unnamed?: boolean;
}

export function parseObservations(
  view: GridView | null,
  ctx: ObservationsContext,
  diags: Diagnostics,
): ObservationsResult {
  const excludedLevers = new Set<string>();
  if (view === null) return { observations: null, excludedLevers };
  const header = findHeader(view, OBSERVATION_COLUMNS, diags);
  if (header === null) return { observations: null, excludedLevers };
  const periodCol = header.columns.get("period") as number;
  const { columns, extras } = mapColumns(view, header.row, header.others, ctx, diags);
  const seriesCols = columns.map((s) => s.col);

  let rows: number[] = [];
  for (let r = header.row + 1; r < view.rows; r++)
    if (!isBlankRow(view, r, [periodCol, ...seriesCols])) rows.push(r);
  rows = dropTrailingEmptyPeriods(view, rows, seriesCols, diags);
  reportUnnamedColumns(view, rows, periodCol, columns, header.others, extras);
  if (ctx.namesReadable && extras.length > 0) {
    const one = extras.length === 1;
    const phrases = extras.map(
      (e) =>
        `${e.unnamed ? "an unnamed column" : `column ${quote(e.text)}`} (${view.address(header.row, e.col)})`,
    );
    // A warning, not an info: a lever the user forgot to list on Levers would otherwise leave the
    // model without a word (and bias the other levers' estimates); see docs/workbook-format.md.
    diags.warning(
      "extra-columns",
      view.sheet,
      view.address(header.row, extras[0].col),
      `${sentence(listText(phrases))} ${one ? "is" : "are"} on neither Levers nor Metrics, so ${one ? "it is" : "they are"} ` +
        `not analysed. If ${one ? "it is a lever or a metric" : "they are levers or metrics"}, add ${one ? "its" : "their"} ` +
        `name${one ? "" : "s"} to Levers or Metrics${extras.some((e) => e.unnamed) ? " (an unnamed column needs a header first)" : ""}; ` +
        `otherwise nothing needs to change.`,
    );
  }

  const dates = readDateColumn(view, rows, periodCol, diags, { header: "Period" });
  const values = new Map(columns.map((s) => [s.name, readSeries(view, rows, s, diags)]));

  // Keep rows with a valid, first-seen period.
  const firstRowOf = new Map<number, number>();
  const kept: { r: number; period: number; index: number }[] = [];
  rows.forEach((r, index) => {
    const period = dates.get(r);
    if (period === null) {
      diags.error(
        "missing-date",
        view.sheet,
        view.address(r, periodCol),
        `Row ${view.sheetRow(r)} has values but no Period; enter the period's date or clear the row.`,
      );
    }
    if (typeof period !== "number") return;
    const first = firstRowOf.get(period);
    if (first !== undefined) {
      diags.error(
        "duplicate-period",
        view.sheet,
        view.address(r, periodCol),
        `Period ${serialToIso(period)} appears twice (rows ${view.sheetRow(first)} and ${view.sheetRow(r)}); ` +
          `keep one row per period.`,
      );
      return;
    }
    firstRowOf.set(period, r);
    kept.push({ r, period, index });
  });
  reportHiddenRows(view, rows, diags);
  if (rows.length === 0) {
    diags.error(
      "no-observations",
      view.sheet,
      view.address(header.row, periodCol),
      `${sentence(view.label)} has no data rows below its header; add one row per period.`,
    );
    return { observations: null, excludedLevers };
  }

  const ascending = kept.every((k, i) => i === 0 || kept[i - 1].period < k.period);
  if (!ascending) {
    kept.sort((a, b) => a.period - b.period);
    diags.info(
      "periods-reordered",
      view.sheet,
      view.address(header.row, periodCol),
      `The rows of ${view.label} are not in date order; they are analysed sorted by Period (the sheet is not changed).`,
    );
  }

  // Series in Levers order, then Metrics order; a metric without a column gets an all-missing series.
  const series: Record<string, (number | null)[]> = {};
  const byName = new Map(columns.map((s) => [s.name, s]));
  for (const item of [...ctx.levers.map((l) => l.name), ...ctx.metrics.map((m) => m.name)]) {
    const s = byName.get(item);
    const isLever = ctx.levers.some((l) => l.name === item);
    if (s === undefined) {
      if (isLever) excludedLevers.add(item);
      else series[item] = kept.map(() => null);
      continue;
    }
    const all = values.get(s.name) as (number | null)[];
    const picked = kept.map((k) => all[k.index]);
    if (!picked.some((v) => v !== null)) {
      diags.warning(
        isLever ? "empty-lever" : "empty-series",
        view.sheet,
        view.address(header.row, s.col),
        `The column for ${isLever ? "lever" : "metric"} ${quote(s.name)} has no numbers, so ` +
          (isLever
            ? `the lever is left out of the analysis and ${OMITTED_LEVER_NOTE}`
            : "the metric cannot be analysed.") +
          ` Enter its values per period.`,
      );
      if (isLever) {
        excludedLevers.add(item);
        continue;
      }
    }
    series[item] = picked;
  }

  return {
    observations: {
      periods: kept.map((k) => k.period),
      series,
      sourceRows: kept.map((k) => view.sheetRow(k.r)),
      sheet: view.sheet,
    },
    excludedLevers,
  };
}

/** Matches header cells to lever and metric names; reports duplicates and levers/metrics without a column. */
function mapColumns(
  view: GridView,
  headerRow: number,
  others: readonly { text: string; col: number }[],
  ctx: ObservationsContext,
  diags: Diagnostics,
): { columns: SeriesColumn[]; extras: ExtraColumn[] } {
  const byKey = new Map<string, { name: string; isLever: boolean }>();
  for (const l of ctx.levers) byKey.set(matchKey(l.name), { name: l.name, isLever: true });
  for (const m of ctx.metrics)
    if (!byKey.has(matchKey(m.name))) byKey.set(matchKey(m.name), { name: m.name, isLever: false });
  const columns: SeriesColumn[] = [];
  const extras: ExtraColumn[] = [];
  for (const cell of others) {
    const item = byKey.get(matchKey(cell.text));
    if (!item) {
      extras.push(cell);
      continue;
    }
    const first = columns.find((s) => s.name === item.name);
    if (first) {
      diags.error(
        "duplicate-column",
        view.sheet,
        view.address(headerRow, cell.col),
        `Two columns are headed ${quote(item.name)} (${view.address(headerRow, first.col)} and ` +
          `${view.address(headerRow, cell.col)}); delete or rename one.`,
      );
      continue;
    }
    columns.push({ ...item, col: cell.col });
  }
  if (!ctx.namesReadable) return { columns, extras };
  const unclaimed = [...extras];
  for (const item of [
    ...ctx.levers.map((l) => ({ name: l.name, isLever: true })),
    ...ctx.metrics.map((m) => ({ name: m.name, isLever: false })),
  ]) {
    if (columns.some((s) => s.name === item.name)) continue;
    const near = closest(
      item.name,
      unclaimed.map((e) => e.text),
    );
    const nearCell = unclaimed.find((e) => e.text === near);
    if (nearCell) unclaimed.splice(unclaimed.indexOf(nearCell), 1);
    const list = item.isLever ? "Levers" : "Metrics";
    const hint = nearCell
      ? `Did you mean ${quote(nearCell.text)} (${view.address(headerRow, nearCell.col)})? Rename that header to ${quote(item.name)}.`
      : `Add a column headed ${quote(item.name)} with its value per period, or remove ${quote(item.name)} from ${list}.`;
    // An error: the structure of the sheets is the user's to fix, and analysing without a listed
    // lever would bias the other levers' estimates (docs/workbook-format.md, "Unusable series").
    diags.error(
      "missing-series",
      view.sheet,
      view.address(headerRow, nearCell ? nearCell.col : 0),
      `${sentence(view.label)} has no column for ${item.isLever ? "lever" : "metric"} ${quote(item.name)} ` +
        `(listed on ${list}). ${hint}`,
    );
  }
  return { columns, extras };
}

/** Columns with data below a blank header are listed with the extra columns. */
function reportUnnamedColumns(
  view: GridView,
  rows: readonly number[],
  periodCol: number,
  columns: readonly SeriesColumn[],
  others: readonly { col: number }[],
  extras: ExtraColumn[],
): void {
  for (let c = 0; c < view.cols; c++) {
    if (c === periodCol || columns.some((s) => s.col === c) || others.some((o) => o.col === c)) continue;
    if (rows.some((r) => !isBlank(view.cell(r, c)))) extras.push({ text: "", col: c, unnamed: true });
  }
  extras.sort((a, b) => a.col - b.col);
}
