/** The Metrics input: recruitment KPIs (time to fill…) and business outcomes (attrition…). */
import { matchKey } from "./input-cells";
import { Diagnostics, quote } from "./diagnostics";
import { findHeader, type ColumnSpec } from "./header";
import { checkName, type Parsed } from "./levers";
import { reportHiddenRows, type GridView } from "./locate";
import { dataRows, readNumberCell, readTextCell } from "./read";
import { closest } from "./suggest";
import type { Better, Layer, Lever, Metric } from "./types";

export const METRIC_COLUMNS: readonly ColumnSpec[] = [
  { key: "name", header: "Metric", required: true },
  { key: "layer", header: "Layer", required: true },
  { key: "unit", header: "Unit", required: true },
  { key: "better", header: "Better", required: true },
  { key: "lag", header: "Lag", required: false },
];

/** Accepted Layer text (matched ignoring case and extra spaces). */
export const LAYER_WORDS: Record<string, Layer> = {
  recruitment: "Recruitment",
  "recruitment kpi": "Recruitment",
  kpi: "Recruitment",
  business: "Business",
  "business outcome": "Business",
  outcome: "Business",
};

/** Accepted Better text. */
export const BETTER_WORDS: Record<string, Better> = {
  higher: "Higher",
  "higher is better": "Higher",
  lower: "Lower",
  "lower is better": "Lower",
};

/** Looks a word up in a table of accepted words; reports it (with the closest word) when unknown. */
export function readWord<T>(
  view: GridView,
  r: number,
  c: number,
  text: string | undefined,
  words: Record<string, T>,
  code: "invalid-layer" | "invalid-better" | "invalid-direction",
  column: string,
  diags: Diagnostics,
): T | undefined {
  if (text === undefined) return undefined;
  const found = words[matchKey(text)];
  if (found !== undefined) return found;
  const canonical = [...new Set(Object.values(words).map(String))];
  const near = text === "" ? null : closest(text, Object.keys(words));
  const nearWord = near === null ? null : String(words[near]);
  diags.error(
    code,
    view.sheet,
    view.address(r, c),
    `${text === "" ? `The ${column} cell is blank` : `${column} ${quote(text)} is not recognised`}; ` +
      `enter ${canonical.map(quote).join(" or ")}${nearWord ? ` (did you mean ${quote(nearWord)}?)` : ""}.`,
  );
  return undefined;
}

export interface ParsedMetrics extends Parsed<Metric> {
  /** Metrics whose Layer or Better could not be read (they carry a placeholder; an error is reported). */
  unsure: Set<string>;
}

export function parseMetrics(
  view: GridView | null,
  levers: readonly Lever[],
  diags: Diagnostics,
): ParsedMetrics {
  const unsure = new Set<string>();
  if (view === null) return { items: [], readable: false, rowCount: 0, unsure };
  const header = findHeader(view, METRIC_COLUMNS, diags);
  if (header === null) return { items: [], readable: false, rowCount: 0, unsure };
  const col = (key: string) => header.columns.get(key) as number;
  const rows = dataRows(view, header, [...header.columns.values()]);
  const seen = new Map<string, string>();
  const leverByKey = new Map(levers.map((l) => [matchKey(l.name), l]));
  const metrics: Metric[] = [];

  for (const r of rows) {
    const name = readTextCell(view, r, col("name"), diags, "metric name");
    if (name === undefined || !checkName(view, r, col("name"), name, "metric", seen, diags)) continue;
    const lever = leverByKey.get(matchKey(name));
    if (lever) {
      diags.error(
        "name-conflict",
        view.sheet,
        view.address(r, col("name")),
        `${quote(name)} is both a lever (${lever.source.sheet}!${lever.source.cell}) and a metric; ` +
          `Observations could not tell their columns apart. Rename one of them.`,
      );
      continue;
    }
    const layerText = readTextCell(view, r, col("layer"), diags, "Layer");
    const layer = readWord(view, r, col("layer"), layerText, LAYER_WORDS, "invalid-layer", "Layer", diags);
    const unit = readTextCell(view, r, col("unit"), diags, "Unit", "warning") ?? "";
    const betterText = readTextCell(view, r, col("better"), diags, "Better");
    const better = readWord(
      view,
      r,
      col("better"),
      betterText,
      BETTER_WORDS,
      "invalid-better",
      "Better",
      diags,
    );
    const lagCol = header.columns.get("lag");
    const lag = readNumberCell(view, r, lagCol, diags, { what: `Lag of metric ${quote(name)}` });
    if (typeof lag === "number" && (!Number.isInteger(lag) || lag < 0)) {
      diags.error(
        "invalid-lag",
        view.sheet,
        view.address(r, lagCol as number),
        `The Lag of metric ${quote(name)} is ${lag}; it must be a whole number of periods, 0 or more ` +
          `(0 = the metric moves in the same period as the lever).`,
      );
    }
    if (layer === undefined || better === undefined) unsure.add(name);
    metrics.push({
      name,
      layer: layer ?? "Recruitment",
      unit,
      better: better ?? "Higher",
      lag: typeof lag === "number" && Number.isInteger(lag) && lag >= 0 ? lag : 0,
      source: { sheet: view.sheet, cell: view.address(r, col("name")) },
    });
  }
  reportHiddenRows(view, rows, diags);
  return { items: metrics, readable: true, rowCount: rows.length, unsure };
}
