/**
 * "Sensitivity": the lever × metric matrix of elasticities (recruitment KPIs, then business
 * outcomes), shaded green where raising the lever helps the metric and red where it hurts, by
 * size; non-significant estimates in grey italic without fill. A row under the metric names says
 * which model each metric was fitted in (docs/method.md §2a). Below: the raw p and the
 * Benjamini–Hochberg q of every estimate, fit statistics per metric with the evidence that chose its
 * model, the KPI → outcome discovery and the chained-vs-direct comparison for business outcomes.
 */
import type { MetricFit } from "../alignment/types";
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

/** "ADF p 0.41 · KPSS p ≤ 0.01" for the fit statistics. */
function testsText(fit: MetricFit): string {
  if (fit.evidence.tests.length === 0) return "not tested";
  return fit.evidence.tests
    .map((t) => {
      const p =
        t.test === "KPSS" && t.pValue <= 0.01
          ? "≤ 0.01"
          : t.test === "KPSS" && t.pValue >= 0.1
            ? "≥ 0.10"
            : t.pValue < 0.001
              ? "< 0.001"
              : t.pValue.toFixed(3);
      return `${t.test} p ${p}`;
    })
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
  b.put(
    2,
    0,
    "Each cell is an elasticity: the % change of the metric (column) for a 1% rise of the lever (row), from that metric's regression on all levers at once — in levels, or in period-to-period changes where the metric drifts (Model row).",
    undefined,
    false,
  );

  // Metric columns, grouped by layer.
  const metrics = [...results.metrics];
  for (const f of results.fits) if (!metrics.includes(f.metric)) metrics.push(f.metric);
  const grouped = GROUPS.map((g) => ({
    ...g,
    metrics: metrics.filter((m) => (ctx.metricInfo.get(m)?.layer ?? null) === g.layer),
  })).filter((g) => g.metrics.length > 0);
  const columns = grouped.flatMap((g) => g.metrics);

  const groupRow = 4;
  const headerRow = 5;
  const betterRow = 6;
  const modelRow = 7;
  const fitOf = new Map(results.fits.map((f) => [f.metric, f]));
  let col = 1;
  for (const g of grouped) {
    writeSection(b, groupRow, col, col + g.metrics.length - 1, g.label);
    col += g.metrics.length;
  }
  writeHeader(b, headerRow, 0, ["Lever", ...columns]);
  b.put(betterRow, 0, "Better when the metric is", { ...MUTED_STYLE }, false);
  columns.forEach((m, i) =>
    b.put(betterRow, 1 + i, ctx.metricInfo.get(m)?.better ?? "unknown", {
      ...MUTED_STYLE,
      horizontal: "center",
    }),
  );
  b.put(modelRow, 0, "Model (see Fit statistics)", { ...MUTED_STYLE }, false);
  columns.forEach((m, i) => {
    const fit = fitOf.get(m);
    b.put(
      modelRow,
      1 + i,
      fit ? MODEL_TEXT[fit.model] + (fit.evidence.seasonal ? " + seasons" : "") : "n/a",
      {
        ...MUTED_STYLE,
        horizontal: "center",
      },
    );
  });
  for (let i = 0; i < columns.length; i++) b.minWidth(1 + i, 12);

  const sens = new Map(results.sensitivities.map((s) => [`${s.lever}\u0000${s.metric}`, s]));
  results.levers.forEach((lever, i) => {
    const r = modelRow + 1 + i;
    b.put(r, 0, lever, { bold: true });
    columns.forEach((metric, k) => {
      const s = sens.get(`${lever}\u0000${metric}`);
      const e = finiteOrNull(s?.elasticity);
      const style = sensitivityStyle(e, s?.significant ?? false, ctx.metricInfo.get(metric)?.better ?? null);
      if (e === null) b.put(r, 1 + k, "n/a", { ...style, horizontal: "center" });
      else b.put(r, 1 + k, e, { numberFormat: FORMAT.elasticity, horizontal: "center", ...style });
    });
  });

  let row = modelRow + 1 + results.levers.length + 1;
  row = writeLegend(b, row, 0, sensitivityLegend(settings, [...ELASTICITY_BUCKETS]), [
    "Example: 0.20 means a 1% rise of the lever goes with a 0.2% rise of the metric, other levers held equal.",
    "Colours follow each metric's Better direction (rows above the levers), not the goals.",
    `Significant means a raw p below ${settings.significanceLevel}. With ${results.sensitivities.length} lever × metric tests in one analysis, about ${Math.round(results.sensitivities.length * settings.significanceLevel)} would pass by chance alone: the q-value (Benjamini–Hochberg) below controls that. Recommendations do not rest on single cells: they use each lever's goal leverage and its interval (Alignment sheet).`,
  ]);

  // Raw p and BH q, in the matrix's layout.
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
        const cell = sens.get(`${lever}\u0000${metric}`);
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
    b.put(row++, 0, note, MUTED_STYLE, false);
  }

  // Fit statistics.
  row += 1;
  writeSection(b, row, 0, 10, "Fit statistics: one multiple regression per metric");
  writeHeader(b, row + 1, 0, [
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
  row += 2;
  for (const f of results.fits) {
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
    b.put(
      row,
      10,
      f.warnings.length > 0 ? f.warnings.join("; ") : "none",
      f.warnings.length ? undefined : MUTED_STYLE,
      false,
    );
    row++;
  }
  if (results.fits.length === 0) b.put(row++, 0, "No metric could be fitted.", MUTED_STYLE, false);

  // Discovery.
  row += 1;
  writeSection(b, row, 0, 6, "Discovery: which recruitment KPIs drive which business outcomes");
  writeHeader(b, row + 1, 0, ["KPI", "Business outcome", "Elasticity", "p-value", "Significant", "n", "R²"]);
  row += 2;
  for (const d of results.discovery) {
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
  if (results.discovery.length === 0)
    b.put(row++, 0, "No KPI → outcome links were estimated.", MUTED_STYLE, false);

  // Chained vs direct.
  row += 1;
  writeSection(b, row, 0, 6, "Business outcomes: direct estimate vs. the chain through the KPIs");
  writeHeader(b, row + 1, 0, [
    "Lever",
    "Business outcome",
    "Direct elasticity",
    "Chained elasticity",
    "Main KPI via",
    "Its contribution",
    "Same direction",
  ]);
  row += 2;
  for (const c of results.chained) {
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
  if (results.chained.length === 0) b.put(row++, 0, "No chained effects were estimated.", MUTED_STYLE, false);
  writeNotes(b, row + 1, 0, [
    "Direct: the outcome's own regression on the levers. Chained: the lever's effect on each KPI times that KPI's effect on the outcome, summed over the KPIs.",
    "When both agree, the story lever → KPI → outcome holds; when they disagree, trust neither without a closer look.",
  ]);

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
