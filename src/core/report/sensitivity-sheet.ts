/**
 * "Sensitivity": the lever × metric matrix of elasticities (recruitment KPIs, then business
 * outcomes), shaded green where raising the lever helps the metric and red where it hurts, by
 * size; non-significant estimates in grey italic without fill. A row under the metric names says
 * which model each metric was fitted in (docs/method.md §2a). Below: the raw p and the
 * Benjamini–Hochberg q of every estimate, fit statistics per metric with the evidence that chose its
 * model, the KPI → outcome discovery and the chained-vs-direct comparison for business outcomes.
 */
import type { MetricFit } from "../alignment/types";
import type { AnalysisResults } from "../results";
import type { Layer } from "../model/types";
import type { CellStyle, SheetSpec } from "./spec";
import type { ReportContext } from "./context";
import { finiteOrNull, FORMAT } from "./format";
import {
  MUTED_STYLE,
  SheetBuilder,
  writeAsOf,
  writeHeader,
  writeNotes,
  writeSection,
  writeTitle,
} from "./grid";
import { sensitivityLegend, swatchStyle, writeLegend } from "./legend";
import { HELPS_SCALE, HURTS_SCALE, TAB_COLORS } from "./palette";

/** Upper bounds of the |elasticity| buckets: slight < 0.05 ≤ moderate < 0.2 ≤ strong < 0.5 ≤ very strong. */
export const ELASTICITY_BUCKETS = [0.05, 0.2, 0.5] as const;

export function elasticityBucket(e: number): number {
  const a = Math.abs(e);
  let bucket = 0;
  for (const bound of ELASTICITY_BUCKETS) if (a >= bound) bucket++;
  return bucket;
}

/**
 * Style of one matrix cell. `better` is the metric's Better direction (null = unknown: no colour).
 */
export function sensitivityStyle(
  elasticity: number | null,
  significant: boolean,
  better: "Higher" | "Lower" | null,
): CellStyle {
  if (elasticity === null || !significant) return { ...MUTED_STYLE };
  if (better === null || elasticity === 0) return {};
  const helps = elasticity > 0 === (better === "Higher");
  const scale = helps ? HELPS_SCALE : HURTS_SCALE;
  return swatchStyle(scale[elasticityBucket(elasticity)]);
}

const GROUPS: { layer: Layer | null; label: string }[] = [
  { layer: "Recruitment", label: "Recruitment KPIs" },
  { layer: "Business", label: "Business outcomes" },
  { layer: null, label: "Other metrics" },
];

const METHOD_TEXT = {
  ols: "Least squares on all levers",
  insufficient: "Too little data: no estimates",
} as const;

/** The model row's short text. */
export const MODEL_TEXT: Record<MetricFit["model"], string> = {
  levels: "Levels",
  "log-changes": "Changes (log)",
  "relative-changes": "Changes (relative)",
};

/** "Levers stationary 1 of 7 · ADF p 0.41 · KPSS p ≤ 0.01" for the fit statistics. */
function testsText(fit: MetricFit): string {
  if (fit.evidence.tests.length === 0) return "not tested";
  const levers = fit.evidence.levers;
  const leverText = levers ? [`Levers stationary ${levers.stationary} of ${levers.tested}`] : [];
  return leverText
    .concat(
      fit.evidence.tests.map((t) => {
        const p =
          t.test === "KPSS" && t.pValue <= 0.01
            ? "≤ 0.01"
            : t.test === "KPSS" && t.pValue >= 0.1
              ? "≥ 0.10"
              : t.pValue < 0.001
                ? "< 0.001"
                : t.pValue.toFixed(3);
        return `${t.test} p ${p}`;
      }),
    )
    .join(" · ");
}

function yesNo(x: boolean | null): string {
  return x === null ? "n/a" : x ? "Yes" : "No";
}

export function buildSensitivitySheet(ctx: ReportContext, name: string): SheetSpec {
  const { results } = ctx;
  const { settings } = ctx.options;
  const b = new SheetBuilder();
  writeTitle(b, "Sensitivity: how each lever moves each metric");
  writeAsOf(b, 1, ctx.run);
  b.putOverflowing(
    2,
    0,
    "Each cell is an elasticity: the % change of the metric (column) for a 1% rise of the lever (row), from that metric's regression on all levers at once — in levels, or in period-to-period changes where the metric drifts (Model row).",
  );

  const grouped = metricGroups(ctx);
  const columns = grouped.flatMap((g) => g.metrics);
  const modelRow = writeMatrixHeader(b, ctx, grouped);
  const cellOf = sensitivityLookup(results.sensitivities);
  let row = writeElasticityRows(b, ctx, columns, cellOf, modelRow + 1);
  row = writeLegend(b, row + 1, 0, sensitivityLegend(settings, [...ELASTICITY_BUCKETS]), [
    "Example: 0.20 means a 1% rise of the lever goes with a 0.2% rise of the metric, other levers held equal.",
    "Colours follow each metric's Better direction (rows above the levers), not the goals.",
    `Significant means a raw p below ${settings.significanceLevel}. With ${results.sensitivities.length} lever × metric tests in one analysis, about ${Math.round(results.sensitivities.length * settings.significanceLevel)} would pass by chance alone: the q-value (Benjamini–Hochberg) below controls that. Recommendations do not rest on single cells: they use each lever's goal leverage and its interval (Alignment sheet).`,
  ]);
  row = writeTestMatrices(b, ctx, columns, cellOf, row);
  row = writeFitStatistics(b, results.fits, row + 1);
  row = writeDiscovery(b, results.discovery, row + 1);
  writeChainedVsDirect(b, results.chained, row + 1);

  // Widths chosen so the sheet prints one page wide at 70% or more (test/report/print.test.ts): long
  // texts (method, trend tests, reasons, warnings) wrap inside their columns. Column B holds the
  // Discovery and chain tables' business outcomes, E their KPIs (one line each), I the fit table's reasons.
  b.wrapWidth(0, 22);
  for (let c = 1; c <= 10; c++) if (c !== 8) b.wrapWidth(c, c === 1 ? 20 : c === 4 ? 16 : 13);
  b.wrapWidth(8, 40);
  return b.build({
    name,
    tabColor: TAB_COLORS.sensitivity,
    freeze: { rows: modelRow + 1, cols: 1 },
    // No print titles: the matrix header would print above the fit, discovery and chain tables,
    // which carry headers of their own.
    print: { run: ctx.run },
  });
}

interface MetricGroup {
  label: string;
  metrics: string[];
}

/** The matrix's metric columns, grouped by layer (recruitment KPIs, business outcomes, others); empty groups left out. */
function metricGroups(ctx: ReportContext): MetricGroup[] {
  const { results } = ctx;
  const metrics = [...results.metrics];
  for (const f of results.fits) if (!metrics.includes(f.metric)) metrics.push(f.metric);
  return GROUPS.map((g) => ({
    ...g,
    metrics: metrics.filter((m) => (ctx.metricInfo.get(m)?.layer ?? null) === g.layer),
  })).filter((g) => g.metrics.length > 0);
}

/** Rows of the matrix's header: layer groups, metric names, each metric's Better direction and its model. */
const MATRIX_HEADER = { group: 4, names: 5, better: 6, model: 7 } as const;

/** Writes the matrix's header rows; returns the last of them (the Model row), under which the levers follow. */
function writeMatrixHeader(b: SheetBuilder, ctx: ReportContext, grouped: MetricGroup[]): number {
  const columns = grouped.flatMap((g) => g.metrics);
  const fitOf = new Map(ctx.results.fits.map((f) => [f.metric, f]));
  let col = 1;
  for (const g of grouped) {
    writeSection(b, MATRIX_HEADER.group, col, col + g.metrics.length - 1, g.label);
    col += g.metrics.length;
  }
  writeHeader(b, MATRIX_HEADER.names, 0, ["Lever", ...columns]);
  b.putOverflowing(MATRIX_HEADER.better, 0, "Better when the metric is", { ...MUTED_STYLE });
  columns.forEach((m, i) =>
    b.put(MATRIX_HEADER.better, 1 + i, ctx.metricInfo.get(m)?.better ?? "unknown", {
      ...MUTED_STYLE,
      horizontal: "center",
    }),
  );
  b.putOverflowing(MATRIX_HEADER.model, 0, "Model (see Fit statistics)", { ...MUTED_STYLE });
  columns.forEach((m, i) => {
    const fit = fitOf.get(m);
    b.put(
      MATRIX_HEADER.model,
      1 + i,
      fit ? MODEL_TEXT[fit.model] + (fit.evidence.seasonal ? " + seasons" : "") : "n/a",
      {
        ...MUTED_STYLE,
        horizontal: "center",
      },
    );
  });
  for (let i = 0; i < columns.length; i++) b.minWidth(1 + i, 12);
  return MATRIX_HEADER.model;
}

type SensitivityCell = AnalysisResults["sensitivities"][number];

/** The estimate of one lever on one metric, if any. */
function sensitivityLookup(
  sensitivities: readonly SensitivityCell[],
): (lever: string, metric: string) => SensitivityCell | undefined {
  const byPair = new Map(sensitivities.map((s) => [`${s.lever}\u0000${s.metric}`, s]));
  return (lever, metric) => byPair.get(`${lever}\u0000${metric}`);
}

/** One row per lever of elasticities, shaded by the metric's Better direction; returns the row after the last. */
function writeElasticityRows(
  b: SheetBuilder,
  ctx: ReportContext,
  columns: string[],
  cellOf: (lever: string, metric: string) => SensitivityCell | undefined,
  top: number,
): number {
  const { levers } = ctx.results;
  levers.forEach((lever, i) => {
    const r = top + i;
    b.put(r, 0, lever, { bold: true });
    columns.forEach((metric, k) => {
      const s = cellOf(lever, metric);
      const e = finiteOrNull(s?.elasticity);
      const style = sensitivityStyle(e, s?.significant ?? false, ctx.metricInfo.get(metric)?.better ?? null);
      if (e === null) b.put(r, 1 + k, "n/a", { ...style, horizontal: "center" });
      else b.put(r, 1 + k, e, { numberFormat: FORMAT.elasticity, horizontal: "center", ...style });
    });
  });
  return top + levers.length;
}

/** The raw p and the BH q of every estimate, each in the matrix's layout with a note; returns the next free row. */
function writeTestMatrices(
  b: SheetBuilder,
  ctx: ReportContext,
  columns: string[],
  cellOf: (lever: string, metric: string) => SensitivityCell | undefined,
  from: number,
): number {
  const { results } = ctx;
  const { settings } = ctx.options;
  let row = from;
  for (const [label, pick, note] of [
    [
      "p-value (raw)",
      (x: { pValue: number | null }) => x.pValue,
      "Two-sided p of each elasticity in its metric's model.",
    ],
    [
      "q-value (false discovery rate)",
      (x: { qValue?: number | null }) => x.qValue ?? null,
      `Benjamini–Hochberg q over all ${results.sensitivities.length} lever × metric tests of this analysis: among cells with q below 0.05, at most about 5% are expected to be false discoveries.`,
    ],
  ] as const) {
    row += 1;
    writeSection(b, row, 0, columns.length, label);
    writeHeader(b, row + 1, 0, ["Lever", ...columns]);
    row += 2;
    for (const lever of results.levers) {
      b.put(row, 0, lever, { bold: true });
      columns.forEach((metric, k) => {
        const cell = cellOf(lever, metric);
        const v = cell ? finiteOrNull(pick(cell)) : null;
        if (v === null) b.put(row, 1 + k, "n/a", { ...MUTED_STYLE, horizontal: "center" });
        else
          b.put(row, 1 + k, v, {
            numberFormat: FORMAT.pValue,
            horizontal: "center",
            ...(v < settings.significanceLevel ? { bold: true } : MUTED_STYLE),
          });
      });
      row++;
    }
    b.putOverflowing(row++, 0, note, MUTED_STYLE);
  }
  return row;
}

/** One row per metric's regression: size, fit, lag, model and the evidence that chose it; returns the next free row. */
function writeFitStatistics(b: SheetBuilder, fits: readonly MetricFit[], from: number): number {
  writeSection(b, from, 0, 10, "Fit statistics: one multiple regression per metric");
  writeHeader(b, from + 1, 0, [
    "Metric",
    "Layer",
    "n",
    "R²",
    "Lag (periods)",
    "Method",
    "Model",
    "Trend tests",
    "Why this model",
    "Changes lost to gaps",
    "Warnings",
  ]);
  let row = from + 2;
  for (const f of fits) {
    b.put(row, 6, MODEL_TEXT[f.model] + (f.evidence.seasonal ? " + season terms" : ""));
    b.put(row, 7, testsText(f), f.evidence.tests.length ? undefined : MUTED_STYLE);
    b.put(row, 8, f.evidence.reason, { wrap: true });
    b.put(row, 9, f.gapsDropped, { numberFormat: FORMAT.count });
    b.put(row, 0, f.metric, { bold: true });
    b.put(row, 1, f.layer);
    b.put(row, 2, f.n, { numberFormat: FORMAT.count });
    b.put(
      row,
      3,
      finiteOrNull(f.r2) ?? "n/a",
      finiteOrNull(f.r2) === null ? MUTED_STYLE : { numberFormat: FORMAT.r2 },
    );
    b.put(row, 4, f.lag, { numberFormat: FORMAT.count });
    b.put(row, 5, METHOD_TEXT[f.method] ?? f.method, f.method === "ols" ? undefined : MUTED_STYLE);
    b.putOverflowing(
      row,
      10,
      f.warnings.length > 0 ? f.warnings.join("; ") : "none",
      f.warnings.length ? undefined : MUTED_STYLE,
    );
    row++;
  }
  if (fits.length === 0) b.putOverflowing(row++, 0, "No metric could be fitted.", MUTED_STYLE);
  return row;
}

/** The KPI → business outcome links found (one row each); returns the next free row. */
function writeDiscovery(b: SheetBuilder, discovery: AnalysisResults["discovery"], from: number): number {
  writeSection(b, from, 0, 6, "Discovery: which recruitment KPIs drive which business outcomes");
  writeHeader(b, from + 1, 0, ["KPI", "Business outcome", "Elasticity", "p-value", "Significant", "n", "R²"]);
  let row = from + 2;
  for (const d of discovery) {
    const e = finiteOrNull(d.elasticity);
    const p = finiteOrNull(d.pValue);
    const muted = d.significant ? {} : MUTED_STYLE;
    b.put(row, 0, d.kpi, { bold: true });
    b.put(row, 1, d.outcome);
    b.put(row, 2, e ?? "n/a", { numberFormat: FORMAT.elasticity, ...muted });
    b.put(row, 3, p ?? "n/a", { numberFormat: FORMAT.pValue, ...muted });
    b.put(row, 4, yesNo(d.significant), d.significant ? { bold: true } : MUTED_STYLE);
    b.put(row, 5, d.n, { numberFormat: FORMAT.count });
    b.put(row, 6, finiteOrNull(d.r2) ?? "n/a", { numberFormat: FORMAT.r2 });
    row++;
  }
  if (discovery.length === 0)
    b.putOverflowing(row++, 0, "No KPI → outcome links were estimated.", MUTED_STYLE);
  return row;
}

/** Each lever's direct elasticity on each business outcome beside the chain through the KPIs, and how to read them. */
function writeChainedVsDirect(
  b: SheetBuilder,
  chainedEffects: AnalysisResults["chained"],
  from: number,
): number {
  writeSection(b, from, 0, 6, "Business outcomes: direct estimate vs. the chain through the KPIs");
  writeHeader(b, from + 1, 0, [
    "Lever",
    "Business outcome",
    "Direct elasticity",
    "Chained elasticity",
    "Main KPI via",
    "Its contribution",
    "Same direction",
  ]);
  let row = from + 2;
  for (const c of chainedEffects) {
    const direct = finiteOrNull(c.direct);
    const chained = finiteOrNull(c.chained);
    const main = c.via[0];
    const agree =
      direct === null || chained === null || direct === 0 || chained === 0
        ? null
        : direct > 0 === chained > 0;
    b.put(row, 0, c.lever, { bold: true });
    b.put(row, 1, c.outcome);
    b.put(row, 2, direct ?? "n/a", direct === null ? MUTED_STYLE : { numberFormat: FORMAT.elasticity });
    b.put(row, 3, chained ?? "n/a", chained === null ? MUTED_STYLE : { numberFormat: FORMAT.elasticity });
    b.put(row, 4, main?.kpi ?? "n/a", main ? undefined : MUTED_STYLE);
    const contribution = finiteOrNull(main?.contribution);
    b.put(
      row,
      5,
      contribution ?? "n/a",
      contribution === null ? MUTED_STYLE : { numberFormat: FORMAT.elasticity },
    );
    b.put(row, 6, yesNo(agree), agree === false ? { bold: true } : agree === null ? MUTED_STYLE : undefined);
    row++;
  }
  if (chainedEffects.length === 0)
    b.putOverflowing(row++, 0, "No chained effects were estimated.", MUTED_STYLE);
  return writeNotes(b, row + 1, 0, [
    "Direct: the outcome's own regression on the levers. Chained: the lever's effect on each KPI times that KPI's effect on the outcome, summed over the KPIs.",
    "When both agree, the story lever → KPI → outcome holds; when they disagree, trust neither without a closer look.",
  ]);
}
