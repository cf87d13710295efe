/**
 * The Formulas sheet's estimation blocks (formulas-sheet.ts): its title, RPO.REGRESS beside LINEST,
 * RPO.SENSITIVITY in full and as lever × metric matrices, the effects that count (1–5), and one
 * lever against one metric beside SLOPE and CORREL (10). Each writes from a given row and returns
 * the row after its last one (or the rows later blocks refer to); the sheet leaves one empty row
 * (GAP) between blocks.
 */
import { SENSITIVITY_ALL_ROWS } from "../functions/library";
import { isErrorValue, type CachedValue } from "../report/spec";
import { HEADER_STYLE, TITLE_STYLE, writeNotes, writeSection } from "../report/grid";
import {
  average,
  correl,
  countedEffect,
  excelLinest,
  rpoArray,
  rpoElasticity,
  slope,
  transpose,
  type Shown,
} from "./formulas-eval";
import { abs, LABEL, NOTE, rangeOf, type FormulasWriter, type LeverRows } from "./formulas-writer";

/** Title and the two lines on how the sheet works. */
export function writeIntro(w: FormulasWriter): number {
  w.b.putOverflowing(0, 0, "Formulas: the RPO worksheet functions on this workbook's own data", TITLE_STYLE);
  const next = writeNotes(w.b, 1, 0, [
    "Every number on this sheet is a live formula over the Observations and Goals sheets: change the data and it recalculates.",
    "The RPO functions need the rpo-align add-in to be loaded; each formula spills its result to the right and below. docs/functions.md explains each one.",
  ]);
  w.b.fixWidth(0, 34);
  return next;
}

/** Rows of LINEST's (and REGRESS's) result with stats = TRUE: coefficients, errors, R², F, sums of squares. */
const LINEST_STATS_ROWS = 5;

/** 1. REGRESS beside LINEST, for the first metric on all levers. */
export function writeRegressBesideLinest(w: FormulasWriter, row: number): number {
  const { b, L } = w;
  const metric = w.metrics[0];
  writeSection(
    b,
    row,
    0,
    L + 1,
    `1. RPO.REGRESS beside LINEST: ${metric.name} on all levers (same arguments, same layout)`,
  );
  let r = row + 1;
  const regressArgs = `${w.series(metric.name)}, ${w.leverBlock}, TRUE, TRUE`;
  const y = w.seriesCells(metric.name);
  b.putOverflowing(r, 0, "RPO.REGRESS (coefficients last lever first, then b)", LABEL);
  r += w.array(
    r,
    1,
    `RPO.REGRESS(${regressArgs})`,
    rpoArray("REGRESS", [y, w.leverCells, true, true], LINEST_STATS_ROWS, L + 1),
  ).rows;
  b.putOverflowing(
    r,
    0,
    "LINEST, for comparison (identical unless a lever is dropped: REGRESS says so)",
    LABEL,
  );
  r += w.array(
    r,
    1,
    `LINEST(${regressArgs})`,
    excelLinest({ knownY: y, knownX: w.leverCells, constant: true, stats: true }, LINEST_STATS_ROWS, L + 1),
  ).rows;
  return r;
}

/** 2. SENSITIVITY with measure "all" for the first metric. */
export function writeSensitivityInFull(w: FormulasWriter, row: number): number {
  const metric = w.metrics[0];
  writeSection(
    w.b,
    row,
    0,
    w.L + 1,
    `2. RPO.SENSITIVITY with measure "all": ${metric.name} (lag ${metric.lag})`,
  );
  const header = row + 1;
  w.b.putRow(header, 0, ["Measure", ...w.levers], HEADER_STYLE);
  const top = header + 1;
  return (
    top +
    w.array(
      top,
      0,
      `RPO.SENSITIVITY(${w.series(metric.name)}, ${w.leverBlock}, ${metric.lag}, "all")`,
      rpoArray(
        "SENSITIVITY",
        [w.seriesCells(metric.name), w.leverCells, metric.lag, "all", null],
        SENSITIVITY_ALL_ROWS.length,
        w.L + 1,
      ),
    ).rows
  );
}

/** 3 and 4. One SENSITIVITY measure for every lever × metric (metrics with their own lag), as on the Sensitivity sheet. */
export function writeSensitivityMatrix(
  w: FormulasWriter,
  row: number,
  title: string,
  measure: string,
): LeverRows {
  const { b, L, M } = w;
  writeSection(b, row, 0, M, title);
  const header = row + 1;
  b.putRow(header, 0, ["Lever \\ metric", ...w.metrics.map((m) => m.name)], HEADER_STYLE);
  const top = header + 1;
  const end = w.rowLabels(top, w.levers);
  w.metrics.forEach((m, k) =>
    w.array(
      top,
      1 + k,
      `TRANSPOSE(RPO.SENSITIVITY(${w.series(m.name)}, ${w.leverBlock}, ${m.lag}, "${measure}"))`,
      transpose(rpoArray("SENSITIVITY", [w.seriesCells(m.name), w.leverCells, m.lag, measure, null], 1, L)),
    ),
  );
  return { top, end };
}

/** 5. The effects that count for goal leverage: the elasticity where its p-value is below alpha, else 0. */
export function writeCountedEffects(
  w: FormulasWriter,
  row: number,
  elasticities: LeverRows,
  pValues: LeverRows,
): LeverRows {
  const { b, M, alpha } = w;
  writeSection(
    b,
    row,
    0,
    M,
    `5. Effects that count: the elasticity where p < ${alpha}, else 0 (what goal leverage uses)`,
  );
  const header = row + 1;
  b.putRow(header, 0, ["Lever \\ metric", ...w.metrics.map((m) => m.name)], HEADER_STYLE);
  const top = header + 1;
  const end = w.rowLabels(top, w.levers);
  const eArea = w.leverArea(elasticities.top, M);
  const pArea = w.leverArea(pValues.top, M);
  const pCells = w.ownBlock(pArea);
  const eCells = w.ownBlock(eArea);
  const pRange = rangeOf(pArea);
  w.array(
    top,
    1,
    `IF(ISNUMBER(${pRange})*(${pRange}<${alpha}), ${rangeOf(eArea)}, 0)`,
    pCells.map((line, i) => line.map((p, k) => countedEffect(p, eCells[i][k], alpha))),
  );
  return { top, end };
}

/** Columns of the one-lever-one-metric block, in the order of its header row. */
const PAIR = {
  lever: 0,
  metric: 1,
  elasticityMean: 2,
  slopeElasticity: 3,
  elasticityLog: 4,
  bestLag: 5,
  correlCheck: 7,
} as const;
/** The longest lag BESTLAG tries. */
const MAX_LAG = 6;

/** 10. ELASTICITY and BESTLAG beside SLOPE and CORREL, for up to four lever–metric pairs. */
export function writeOneLeverOneMetric(w: FormulasWriter, row: number): number {
  const { b, L, M, obs } = w;
  writeSection(
    b,
    row,
    0,
    6,
    "10. One lever, one metric: RPO.ELASTICITY and RPO.BESTLAG beside SLOPE and CORREL",
  );
  const header = row + 1;
  b.putRow(
    header,
    0,
    [
      "Lever",
      "Metric",
      "ELASTICITY mean",
      "SLOPE x mean x / mean y",
      "ELASTICITY log",
      "Best lag",
      "Correlation",
      "CORREL at that lag",
    ],
    HEADER_STYLE,
  );
  const top = header + 1;
  const rows = obs.lastRow - obs.firstRow + 1;
  const pairs = w.levers
    .slice(0, Math.min(L, 4))
    .map((lever, i) => ({ lever, metric: w.metrics[i % M].name }));
  const decimals = { numberFormat: "0.000" };
  pairs.forEach(({ lever, metric }, i) => {
    const r = top + i;
    const x = w.series(lever);
    const y = w.series(metric);
    const xCells = w.seriesCells(lever);
    const yCells = w.seriesCells(metric);
    b.put(r, PAIR.lever, lever, LABEL);
    b.put(r, PAIR.metric, metric);
    w.single(
      r,
      PAIR.elasticityMean,
      `RPO.ELASTICITY(${y}, ${x})`,
      rpoElasticity([yCells, xCells, null]),
      decimals,
    );
    w.single(
      r,
      PAIR.slopeElasticity,
      `SLOPE(${y}, ${x})*AVERAGE(${x})/AVERAGE(${y})`,
      slopeElasticity(yCells.flat(), xCells.flat()),
      decimals,
    );
    w.single(
      r,
      PAIR.elasticityLog,
      `RPO.ELASTICITY(${y}, ${x}, "log")`,
      rpoElasticity([yCells, xCells, "log"]),
      decimals,
    );
    // BESTLAG spills the lag and, beside it, the correlation at that lag.
    w.array(
      r,
      PAIR.bestLag,
      `RPO.BESTLAG(${x}, ${y}, ${MAX_LAG})`,
      rpoArray("BESTLAG", [xCells, yCells, MAX_LAG, null], 1, 2),
    );
    const k = abs(r, PAIR.bestLag);
    const xs = `${w.obsSheet}!$${w.col(lever)}$${obs.firstRow}:INDEX(${x}, ${rows}-${k})`;
    const ys = `INDEX(${y}, 1+${k}):${w.obsSheet}!$${w.col(metric)}$${obs.lastRow}`;
    w.single(
      r,
      PAIR.correlCheck,
      `CORREL(${xs}, ${ys})`,
      laggedCorrel(xCells.flat(), yCells.flat(), w.own(r, PAIR.bestLag)),
      decimals,
    );
  });
  const notes = top + pairs.length;
  const next = writeNotes(b, notes, 0, [
    "BESTLAG spills two cells: the lag (periods) and the correlation of the lever with the metric that many periods later; CORREL recomputes that correlation.",
  ]);
  b.style(notes, 0, notes, 0, NOTE);
  return next;
}

/** SLOPE(y, x)*AVERAGE(x)/AVERAGE(y), evaluated left to right as Excel does. */
function slopeElasticity(y: Shown[], x: Shown[]): CachedValue {
  const b = slope(y, x);
  const mx = average(x);
  const my = average(y);
  for (const v of [b, mx, my]) if (isErrorValue(v)) return v;
  if (my === 0) return { error: "#DIV/0!" };
  return ((b as number) * (mx as number)) / (my as number);
}

/**
 * CORREL(x[1 .. n−k], y[1+k .. n]) for the lag k in the BESTLAG cell: the ranges
 * `$X$2:INDEX(x, n−k)` and `INDEX(y, 1+k):$Y$last`. INDEX truncates k; a position outside the
 * range is #REF!.
 */
function laggedCorrel(x: Shown[], y: Shown[], lagCell: Shown): CachedValue {
  if (isErrorValue(lagCell)) return lagCell;
  const k = typeof lagCell === "number" ? Math.trunc(lagCell) : lagCell === null ? 0 : Number.NaN;
  if (!Number.isFinite(k)) return { error: "#VALUE!" };
  const n = y.length;
  if (n - k < 1 || 1 + k < 1 || n - k > n || 1 + k > n) return { error: "#REF!" };
  return correl(x.slice(0, n - k), y.slice(k));
}
