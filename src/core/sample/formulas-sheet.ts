/**
 * "Formulas": a sheet for the sample workbook that uses every RPO.* worksheet function on the
 * sample's own data (the Observations and Goals sheets), with LINEST beside RPO.REGRESS and SLOPE /
 * CORREL beside ELASTICITY / BESTLAG, and a label explaining each block. All cells are formulas
 * ({ formula }) that spill; the sheet recalculates when the data change. docs/functions.md
 * describes the functions.
 *
 * `buildFormulasSheet(input)` takes the layout it needs (names, lags, row span, column letters,
 * the current goal rows); `formulasInputFromSpecs(specs)` reads that layout from the sample's input
 * SheetSpecs (Metrics, Goals, Observations header rows), so the sheet follows template.ts.
 */
import { SENSITIVITY_ALL_ROWS } from "../functions/library";
import { columnLetters } from "../model/address";
import type { OutValue, SheetSpec } from "../report/spec";
import {
  HEADER_STYLE,
  MUTED_STYLE,
  SheetBuilder,
  TITLE_STYLE,
  writeNotes,
  writeSection,
} from "../report/grid";
import { DEFAULT_SETTINGS } from "../alignment/settings";

export interface FormulasSheetInput {
  /** Lever names, in the order of their (adjacent) Observations columns. */
  levers: readonly string[];
  /** Metrics with their lag (periods) and layer. */
  metrics: readonly { name: string; lag: number; layer: "Recruitment" | "Business" }[];
  observations: {
    sheet: string;
    /** First and last data rows (1-based, as in A1 notation). */
    firstRow: number;
    lastRow: number;
    /** Column letter of each lever and metric. */
    columns: Readonly<Record<string, string>>;
  };
  /** The current goal set: its rows on the Goals sheet and the columns holding metric, direction, weight. */
  goals: {
    sheet: string;
    rows: readonly number[];
    metricColumn: string;
    directionColumn: string;
    weightColumn: string;
  };
  significanceLevel?: number;
  movementWindow?: number;
}

/** 0 -> "A", 26 -> "AA". */
export const columnLetter = columnLetters;

/** A sheet name as used in a formula: always quoted ('Sheet 1'!A1), quotes doubled. */
function sheetRef(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

/** A1 address of a 0-based (row, col) on this sheet, absolute. */
function abs(row: number, col: number): string {
  return `$${columnLetter(col)}$${row + 1}`;
}

function block(row: number, col: number, rowEnd: number, colEnd: number): string {
  return `${abs(row, col)}:${abs(rowEnd, colEnd)}`;
}

/** A formula cell; `rows × cols` is its result's size when it returns an array (it spills). */
const f = (formula: string, rows = 1, cols = 1): OutValue =>
  rows * cols > 1 ? { formula, spill: { rows, cols } } : { formula };
const LABEL = { bold: true } as const;
const NOTE = { ...MUTED_STYLE };

/** The Formulas sheet. Every RPO function appears at least once. */
export function buildFormulasSheet(input: FormulasSheetInput): SheetSpec {
  const { levers, metrics, observations: obs, goals } = input;
  const alpha = input.significanceLevel ?? DEFAULT_SETTINGS.significanceLevel;
  const window = input.movementWindow ?? DEFAULT_SETTINGS.movementWindow;
  const o = sheetRef(obs.sheet);
  const g = sheetRef(goals.sheet);
  const rows = obs.lastRow - obs.firstRow + 1;
  const col = (name: string) => {
    const letter = obs.columns[name];
    if (!letter) throw new Error(`The Observations layout has no column for ${name}`);
    return letter;
  };
  const series = (name: string) => `${o}!$${col(name)}$${obs.firstRow}:$${col(name)}$${obs.lastRow}`;
  const leverBlock = `${o}!$${col(levers[0])}$${obs.firstRow}:$${col(levers[levers.length - 1])}$${obs.lastRow}`;
  const L = levers.length;
  const M = metrics.length;
  const firstMetric = metrics[0];

  const b = new SheetBuilder();
  b.put(0, 0, "Formulas: the RPO worksheet functions on this workbook's own data", TITLE_STYLE, false);
  let r = writeNotes(b, 1, 0, [
    "Every number on this sheet is a live formula over the Observations and Goals sheets: change the data and it recalculates.",
    "The RPO functions need the rpo-align add-in to be loaded; each formula spills its result to the right and below. docs/functions.md explains each one.",
  ]);
  b.fixWidth(0, 34);

  // 1. REGRESS beside LINEST.
  r++;
  writeSection(
    b,
    r,
    0,
    L + 1,
    `1. RPO.REGRESS beside LINEST: ${firstMetric.name} on all levers (same arguments, same layout)`,
  );
  r++;
  const regressArgs = `${series(firstMetric.name)}, ${leverBlock}, TRUE, TRUE`;
  b.put(r, 0, "RPO.REGRESS (coefficients last lever first, then b)", LABEL, false);
  b.put(r, 1, f(`RPO.REGRESS(${regressArgs})`, 5, L + 1));
  b.put(
    r + 5,
    0,
    "LINEST, for comparison (identical unless a lever is dropped: REGRESS says so)",
    LABEL,
    false,
  );
  b.put(r + 5, 1, f(`LINEST(${regressArgs})`, 5, L + 1));
  r += 11;

  // 2. Sensitivity in full for one metric.
  writeSection(
    b,
    r,
    0,
    L + 1,
    `2. RPO.SENSITIVITY with measure "all": ${firstMetric.name} (lag ${firstMetric.lag})`,
  );
  r++;
  b.putRow(r, 0, ["Measure", ...levers], HEADER_STYLE);
  r++;
  b.put(
    r,
    0,
    f(
      `RPO.SENSITIVITY(${series(firstMetric.name)}, ${leverBlock}, ${firstMetric.lag}, "all")`,
      SENSITIVITY_ALL_ROWS.length,
      L + 1,
    ),
  );
  r += SENSITIVITY_ALL_ROWS.length + 1;

  // 3. Elasticity matrix (levers x metrics), as on the Sensitivity sheet, and the p-values.
  const matrix = (title: string, measure: string): { top: number } => {
    writeSection(b, r, 0, M, title);
    r++;
    b.putRow(r, 0, ["Lever \\ metric", ...metrics.map((m) => m.name)], HEADER_STYLE);
    r++;
    const top = r;
    levers.forEach((lever, i) => b.put(top + i, 0, lever, LABEL));
    metrics.forEach((m, k) =>
      b.put(
        top,
        1 + k,
        f(`TRANSPOSE(RPO.SENSITIVITY(${series(m.name)}, ${leverBlock}, ${m.lag}, "${measure}"))`, L, 1),
      ),
    );
    r = top + L + 1;
    return { top };
  };
  const elast = matrix(
    "3. Elasticities (RPO.SENSITIVITY per metric, with its lag): the Sensitivity sheet's matrix",
    "elasticity",
  );
  const pval = matrix("4. p-values of the same regressions", "pvalue");
  const eRange = block(elast.top, 1, elast.top + L - 1, M);
  const pRange = block(pval.top, 1, pval.top + L - 1, M);

  // 5. Effects that count for goal leverage.
  writeSection(
    b,
    r,
    0,
    M,
    `5. Effects that count: the elasticity where p < ${alpha}, else 0 (what goal leverage uses)`,
  );
  r++;
  b.putRow(r, 0, ["Lever \\ metric", ...metrics.map((m) => m.name)], HEADER_STYLE);
  r++;
  const counted = r;
  levers.forEach((lever, i) => b.put(counted + i, 0, lever, LABEL));
  b.put(counted, 1, f(`IF(ISNUMBER(${pRange})*(${pRange}<${alpha}), ${eRange}, 0)`, L, M));
  const countedRange = block(counted, 1, counted + L - 1, M);
  const metricHeader = block(counted - 1, 1, counted - 1, M);
  r = counted + L + 1;

  // 6. Goal leverage for the current goals.
  const G = goals.rows.length;
  writeSection(
    b,
    r,
    0,
    Math.max(G, 2),
    "6. RPO.LEVERAGE under the current goals: the Alignment sheet's Goal leverage",
  );
  r++;
  b.put(r, 0, "Goal metric", LABEL);
  b.put(r + 1, 0, "Direction", LABEL);
  b.put(r + 2, 0, "Weight", LABEL);
  goals.rows.forEach((row, k) => {
    b.put(r, 1 + k, f(`${g}!$${goals.metricColumn}$${row}`));
    b.put(r + 1, 1 + k, f(`${g}!$${goals.directionColumn}$${row}`));
    b.put(r + 2, 1 + k, f(`${g}!$${goals.weightColumn}$${row}`));
  });
  const goalMetricRow = r;
  const directions = block(r + 1, 1, r + 1, G);
  const weights = block(r + 2, 1, r + 2, G);
  r += 3;
  b.put(r, 0, "Lever \\ goal (counted effects)", HEADER_STYLE);
  goals.rows.forEach((_, k) => b.put(r, 1 + k, f(abs(goalMetricRow, 1 + k)), HEADER_STYLE));
  b.put(r, G + 1, "Goal leverage", HEADER_STYLE);
  r++;
  const goalTop = r;
  levers.forEach((lever, i) => b.put(goalTop + i, 0, lever, LABEL));
  goals.rows.forEach((_, k) =>
    b.put(
      goalTop,
      1 + k,
      f(`INDEX(${countedRange}, 0, MATCH(${abs(goalMetricRow, 1 + k)}, ${metricHeader}, 0))`, L, 1),
    ),
  );
  const goalBlock = block(goalTop, 1, goalTop + L - 1, G);
  b.put(goalTop, G + 1, f(`RPO.LEVERAGE(${goalBlock}, ${directions}, ${weights})`, L, 1));
  const leverageRange = block(goalTop, G + 1, goalTop + L - 1, G + 1);
  r = goalTop + L + 1;

  // 7. Movement, score and RAG.
  writeSection(
    b,
    r,
    0,
    4,
    `7. Movement (last ${window} periods against the ${window} before), score and RPO.RAG`,
  );
  r++;
  b.putRow(r, 0, ["Lever", "Movement", "Goal leverage", "Score", "RAG"], HEADER_STYLE);
  r++;
  const moveTop = r;
  const last = obs.lastRow;
  levers.forEach((lever, i) => {
    const c = col(lever);
    const recent = `${o}!$${c}$${last - window + 1}:$${c}$${last}`;
    const before = `${o}!$${c}$${last - 2 * window + 1}:$${c}$${last - window}`;
    b.put(moveTop + i, 0, lever, LABEL);
    b.put(moveTop + i, 1, f(`(AVERAGE(${recent})-AVERAGE(${before}))/ABS(AVERAGE(${before}))`), {
      numberFormat: "0.0%",
    });
    b.put(moveTop + i, 2, f(`INDEX(${leverageRange}, ${i + 1})`), { numberFormat: "0.000" });
    b.put(moveTop + i, 3, f(`${abs(moveTop + i, 1)}*${abs(moveTop + i, 2)}`), { numberFormat: "0.0000" });
  });
  b.put(moveTop, 4, f(`RPO.RAG(${block(moveTop, 3, moveTop + L - 1, 3)})`, L, 1));
  r = moveTop + L;
  r = writeNotes(b, r, 0, [
    "Movement here is the plain relative change; the analysis measures a lever that averaged 0 against its range instead (docs/method.md §7).",
  ]);
  b.style(r - 1, 0, r - 1, 0, NOTE);
  r++;

  // 8. What-if and chain.
  writeSection(
    b,
    r,
    0,
    M,
    "8. RPO.WHATIF: predicted change of each metric for the lever changes in column B (all elasticities)",
  );
  r++;
  b.put(r, 0, "Lever", HEADER_STYLE);
  b.put(r, 1, "Change", HEADER_STYLE);
  r++;
  const changeTop = r;
  levers.forEach((lever, i) => {
    b.put(changeTop + i, 0, lever, LABEL);
    b.put(changeTop + i, 1, i === 0 ? 0.1 : 0, { numberFormat: "0%" });
  });
  r = changeTop + L + 1;
  b.put(r - 1, 0, "Predicted change per metric:", LABEL, false);
  b.putRow(
    r,
    1,
    metrics.map((m) => m.name),
    HEADER_STYLE,
  );
  r++;
  b.put(r, 1, f(`RPO.WHATIF(${eRange}, ${block(changeTop, 1, changeTop + L - 1, 1)})`, 1, M));
  r += 2;

  const kpis = metrics.map((m, k) => ({ ...m, k })).filter((m) => m.layer === "Recruitment");
  const outcomes = metrics.map((m, k) => ({ ...m, k })).filter((m) => m.layer === "Business");
  const adjacent = (list: { k: number }[]) => list.every((m, i) => i === 0 || m.k === list[i - 1].k + 1);
  if (kpis.length > 0 && outcomes.length > 0 && adjacent(kpis)) {
    writeSection(
      b,
      r,
      0,
      Math.max(outcomes.length, kpis.length),
      "9. RPO.CHAIN: levers -> recruitment KPIs -> business outcomes",
    );
    r++;
    const kpiBlock = `${o}!$${col(kpis[0].name)}$${obs.firstRow}:$${col(kpis[kpis.length - 1].name)}$${obs.lastRow}`;
    const minKpiLag = Math.min(...kpis.map((k) => k.lag));
    b.putRow(r, 0, ["KPI \\ outcome (elasticity)", ...outcomes.map((m) => m.name)], HEADER_STYLE);
    r++;
    const kpiTop = r;
    kpis.forEach((k, i) => b.put(kpiTop + i, 0, k.name, LABEL));
    outcomes.forEach((m, j) =>
      b.put(
        kpiTop,
        1 + j,
        f(
          `TRANSPOSE(RPO.SENSITIVITY(${series(m.name)}, ${kpiBlock}, ${Math.max(0, m.lag - minKpiLag)}))`,
          kpis.length,
          1,
        ),
      ),
    );
    r = kpiTop + kpis.length;
    r = writeNotes(b, r, 0, [
      "Each outcome regressed on the KPIs with one lag for all of them (the outcome's lag relative to the quickest KPI); the Sensitivity sheet's discovery shifts each KPI by its own relative lag, so small differences are expected.",
    ]);
    b.style(r - 1, 0, r - 1, 0, NOTE);
    r++;
    b.putRow(r, 0, ["Lever \\ outcome (chained)", ...outcomes.map((m) => m.name)], HEADER_STYLE);
    r++;
    levers.forEach((lever, i) => b.put(r + i, 0, lever, LABEL));
    const leverKpi = block(elast.top, 1 + kpis[0].k, elast.top + L - 1, 1 + kpis[kpis.length - 1].k);
    b.put(
      r,
      1,
      f(
        `RPO.CHAIN(${leverKpi}, ${block(kpiTop, 1, kpiTop + kpis.length - 1, outcomes.length)})`,
        L,
        outcomes.length,
      ),
    );
    r += L + 1;
  }

  // 10. ELASTICITY and BESTLAG beside SLOPE and CORREL.
  writeSection(
    b,
    r,
    0,
    6,
    "10. One lever, one metric: RPO.ELASTICITY and RPO.BESTLAG beside SLOPE and CORREL",
  );
  r++;
  b.putRow(
    r,
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
  r++;
  const pairs = levers.slice(0, Math.min(L, 4)).map((lever, i) => ({ lever, metric: metrics[i % M].name }));
  pairs.forEach(({ lever, metric }, i) => {
    const row = r + i;
    const x = series(lever);
    const y = series(metric);
    b.put(row, 0, lever, LABEL);
    b.put(row, 1, metric);
    b.put(row, 2, f(`RPO.ELASTICITY(${y}, ${x})`), { numberFormat: "0.000" });
    b.put(row, 3, f(`SLOPE(${y}, ${x})*AVERAGE(${x})/AVERAGE(${y})`), { numberFormat: "0.000" });
    b.put(row, 4, f(`RPO.ELASTICITY(${y}, ${x}, "log")`), { numberFormat: "0.000" });
    b.put(row, 5, f(`RPO.BESTLAG(${x}, ${y}, 6)`, 1, 2));
    const k = abs(row, 5);
    const xs = `${o}!$${col(lever)}$${obs.firstRow}:INDEX(${x}, ${rows}-${k})`;
    const ys = `INDEX(${y}, 1+${k}):${o}!$${col(metric)}$${obs.lastRow}`;
    b.put(row, 7, f(`CORREL(${xs}, ${ys})`), { numberFormat: "0.000" });
  });
  r += pairs.length;
  writeNotes(b, r, 0, [
    "BESTLAG spills two cells: the lag (periods) and the correlation of the lever with the metric that many periods later; CORREL recomputes that correlation.",
  ]);
  b.style(r, 0, r, 0, NOTE);

  return b.build({ name: "Formulas", tabColor: "808080", freeze: { rows: 1, cols: 1 } });
}

/** Text of a cell in a spec, or "" (formulas and numbers are not text). */
function text(spec: SheetSpec, row: number, c: number): string {
  const v = spec.values[row]?.[c];
  return typeof v === "string" ? v : "";
}

/**
 * The Formulas sheet's input read from the sample's input specs (template.ts): Metrics (name,
 * layer, lag), Observations (header row 1, data from row 2) and Goals (the set with the latest
 * Effective from). Levers are the Observations columns that are not the Period or a metric.
 */
export function formulasInputFromSpecs(specs: readonly SheetSpec[]): FormulasSheetInput {
  const find = (name: string) => {
    const s = specs.find((x) => x.name === name);
    if (!s) throw new Error(`The sample has no ${name} sheet`);
    return s;
  };
  const metricsSpec = find("Metrics");
  const obsSpec = find("Observations");
  const goalsSpec = find("Goals");
  const header = (s: SheetSpec) => (s.values[0] ?? []).map((v) => (typeof v === "string" ? v : ""));

  const mh = header(metricsSpec);
  const [mName, mLayer, mLag] = ["Metric", "Layer", "Lag"].map((h) => mh.indexOf(h));
  const metrics = metricsSpec.values.slice(1).flatMap((row, i) => {
    const name = text(metricsSpec, i + 1, mName);
    if (name === "") return [];
    const lag = Number(row[mLag] ?? 0);
    const layer =
      text(metricsSpec, i + 1, mLayer) === "Business" ? ("Business" as const) : ("Recruitment" as const);
    return [{ name, lag: Number.isFinite(lag) ? lag : 0, layer }];
  });

  const oh = header(obsSpec);
  const columns: Record<string, string> = {};
  oh.forEach((h, c) => {
    if (h !== "") columns[h] = columnLetter(c);
  });
  const metricNames = new Set(metrics.map((m) => m.name));
  const levers = oh.filter((h, c) => c > 0 && h !== "" && !metricNames.has(h));

  const gh = header(goalsSpec);
  const [gMetric, gDirection, gWeight, gFrom] = ["Metric", "Direction", "Weight", "Effective from"].map((h) =>
    gh.indexOf(h),
  );
  const dates = goalsSpec.values.slice(1).map((row) => Number(row[gFrom]));
  const latest = Math.max(...dates.filter((d) => Number.isFinite(d)));
  const rows = dates.flatMap((d, i) => (d === latest ? [i + 2] : []));

  return {
    levers,
    metrics,
    observations: { sheet: obsSpec.name, firstRow: 2, lastRow: obsSpec.values.length, columns },
    goals: {
      sheet: goalsSpec.name,
      rows,
      metricColumn: columnLetter(gMetric),
      directionColumn: columnLetter(gDirection),
      weightColumn: columnLetter(gWeight),
    },
  };
}
