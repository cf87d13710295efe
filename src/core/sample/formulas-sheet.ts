/**
 * "Formulas": a sheet for the sample workbook that uses every RPO.* worksheet function on the
 * sample's own data (the Observations and Goals sheets), with LINEST beside RPO.REGRESS and SLOPE /
 * CORREL beside ELASTICITY / BESTLAG, and a label explaining each block. All cells are formulas
 * ({ formula }) that spill; the sheet recalculates when the data change. docs/functions.md
 * describes the functions.
 *
 * Every formula carries the value it evaluates to (formulas-eval.ts: the RPO.* core functions
 * themselves, and Excel's built-ins over the same cells), so a file viewer without the add-in
 * shows numbers; an array formula covers exactly the cells its function returns.
 *
 * `buildFormulasSheet(input)` takes the layout it needs (names, lags, row span, column letters,
 * the current goal rows) and the cells of the sheets it reads; `formulasInputFromSpecs(specs)`
 * reads both from the sample's input SheetSpecs (Metrics, Goals, Observations header rows), so
 * the sheet follows template.ts.
 */
import { SENSITIVITY_ALL_ROWS } from "../functions/library";
import { columnFromLetters, columnLetters, quotedSheetName } from "../model/address";
import {
  isErrorValue,
  type CachedValue,
  type CellStyle,
  type OutValue,
  type SheetSpec,
} from "../report/spec";
import {
  HEADER_STYLE,
  MUTED_STYLE,
  SheetBuilder,
  TITLE_STYLE,
  writeNotes,
  writeSection,
} from "../report/grid";
import { DEFAULT_SETTINGS } from "../alignment/settings";
import {
  average,
  columnHeaded,
  correl,
  countedEffect,
  excelLinest,
  referenced,
  relativeChange,
  rpoArray,
  rpoElasticity,
  slope,
  times,
  transpose,
  ValueGrid,
  type Shown,
} from "./formulas-eval";

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
    /** The sheet's cells (row 0 = its row 1), to compute what each formula shows. */
    cells: readonly (readonly OutValue[])[];
  };
  /** The current goal set: its rows on the Goals sheet and the columns holding metric, direction, weight. */
  goals: {
    sheet: string;
    rows: readonly number[];
    metricColumn: string;
    directionColumn: string;
    weightColumn: string;
    /** The sheet's cells (row 0 = its row 1). */
    cells: readonly (readonly OutValue[])[];
  };
  significanceLevel?: number;
  movementWindow?: number;
}

/** A1 address of a 0-based (row, col) on this sheet, absolute. */
function abs(row: number, col: number): string {
  return `$${columnLetters(col)}$${row + 1}`;
}

function block(row: number, col: number, rowEnd: number, colEnd: number): string {
  return `${abs(row, col)}:${abs(rowEnd, colEnd)}`;
}

const LABEL = { bold: true } as const;
const NOTE = { ...MUTED_STYLE };

/** The Formulas sheet. Every RPO function appears at least once. */
export function buildFormulasSheet(input: FormulasSheetInput): SheetSpec {
  const { levers, metrics, observations: obs, goals } = input;
  const alpha = input.significanceLevel ?? DEFAULT_SETTINGS.significanceLevel;
  const window = input.movementWindow ?? DEFAULT_SETTINGS.movementWindow;
  const o = quotedSheetName(obs.sheet);
  const g = quotedSheetName(goals.sheet);
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

  // The cells the formulas read, as Excel passes them (one row array per sheet row, blanks null).
  const obsCells = ValueGrid.of(obs.cells);
  const goalCells = ValueGrid.of(goals.cells);
  const obsRows = (first: number, last: number, from: string, to = from) =>
    obsCells.block(first - 1, columnFromLetters(from), last - 1, columnFromLetters(to));
  const seriesCells = (name: string) => obsRows(obs.firstRow, obs.lastRow, col(name));
  const leverCells = obsRows(obs.firstRow, obs.lastRow, col(levers[0]), col(levers[L - 1]));

  const b = new SheetBuilder();
  /** What this sheet's formulas show, cell by cell (literal cells are read from the builder). */
  const shown = new ValueGrid();
  const own = (row: number, c: number): Shown => {
    const v = shown.get(row, c);
    if (v !== null) return v;
    const literal = b.valueAt(row, c);
    return literal === null || literal === "" || typeof literal === "object" ? null : literal;
  };
  const ownBlock = (row: number, c: number, rowEnd: number, colEnd: number): Shown[][] =>
    Array.from({ length: rowEnd - row + 1 }, (_, i) =>
      Array.from({ length: colEnd - c + 1 }, (_, j) => own(row + i, c + j)),
    );
  /** A formula with one value. */
  const single = (row: number, c: number, formula: string, value: CachedValue, style?: CellStyle) => {
    b.put(row, c, { formula, cached: value }, style);
    shown.set(row, c, value);
  };
  /** An array formula over exactly the cells of its result; returns the result's size. */
  const array = (row: number, c: number, formula: string, values: CachedValue[][], style?: CellStyle) => {
    const size = { rows: values.length, cols: values[0]?.length ?? 0 };
    if (size.rows === 0 || size.cols === 0) throw new Error(`${formula} returned no cells`);
    b.put(
      row,
      c,
      size.rows * size.cols > 1
        ? { formula, spill: size, cachedArray: values }
        : { formula, cached: values[0][0] },
      style,
    );
    shown.setBlock(row, c, values);
    return size;
  };

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
  const firstY = seriesCells(firstMetric.name);
  b.put(r, 0, "RPO.REGRESS (coefficients last lever first, then b)", LABEL, false);
  const regress = array(
    r,
    1,
    `RPO.REGRESS(${regressArgs})`,
    rpoArray("REGRESS", [firstY, leverCells, true, true], 5, L + 1),
  );
  r += regress.rows;
  b.put(r, 0, "LINEST, for comparison (identical unless a lever is dropped: REGRESS says so)", LABEL, false);
  r += array(r, 1, `LINEST(${regressArgs})`, excelLinest(firstY, leverCells, true, true, 5, L + 1)).rows;
  r++;

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
  r += array(
    r,
    0,
    `RPO.SENSITIVITY(${series(firstMetric.name)}, ${leverBlock}, ${firstMetric.lag}, "all")`,
    rpoArray(
      "SENSITIVITY",
      [firstY, leverCells, firstMetric.lag, "all", null],
      SENSITIVITY_ALL_ROWS.length,
      L + 1,
    ),
  ).rows;
  r++;

  // 3. Elasticity matrix (levers x metrics), as on the Sensitivity sheet, and the p-values.
  const matrix = (title: string, measure: string): { top: number } => {
    writeSection(b, r, 0, M, title);
    r++;
    b.putRow(r, 0, ["Lever \\ metric", ...metrics.map((m) => m.name)], HEADER_STYLE);
    r++;
    const top = r;
    levers.forEach((lever, i) => b.put(top + i, 0, lever, LABEL));
    metrics.forEach((m, k) =>
      array(
        top,
        1 + k,
        `TRANSPOSE(RPO.SENSITIVITY(${series(m.name)}, ${leverBlock}, ${m.lag}, "${measure}"))`,
        transpose(rpoArray("SENSITIVITY", [seriesCells(m.name), leverCells, m.lag, measure, null], 1, L)),
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
  const pCells = ownBlock(pval.top, 1, pval.top + L - 1, M);
  const eCells = ownBlock(elast.top, 1, elast.top + L - 1, M);
  array(
    counted,
    1,
    `IF(ISNUMBER(${pRange})*(${pRange}<${alpha}), ${eRange}, 0)`,
    pCells.map((line, i) => line.map((p, k) => countedEffect(p, eCells[i][k], alpha))),
  );
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
    const goalCell = (letter: string) => referenced(goalCells.get(row - 1, columnFromLetters(letter)));
    single(r, 1 + k, `${g}!$${goals.metricColumn}$${row}`, goalCell(goals.metricColumn));
    single(r + 1, 1 + k, `${g}!$${goals.directionColumn}$${row}`, goalCell(goals.directionColumn));
    single(r + 2, 1 + k, `${g}!$${goals.weightColumn}$${row}`, goalCell(goals.weightColumn));
  });
  const goalMetricRow = r;
  const directions = block(r + 1, 1, r + 1, G);
  const weights = block(r + 2, 1, r + 2, G);
  const directionCells = ownBlock(r + 1, 1, r + 1, G);
  const weightCells = ownBlock(r + 2, 1, r + 2, G);
  r += 3;
  b.put(r, 0, "Lever \\ goal (counted effects)", HEADER_STYLE);
  goals.rows.forEach((_, k) =>
    single(r, 1 + k, abs(goalMetricRow, 1 + k), referenced(own(goalMetricRow, 1 + k)), HEADER_STYLE),
  );
  b.put(r, G + 1, "Goal leverage", HEADER_STYLE);
  r++;
  const goalTop = r;
  levers.forEach((lever, i) => b.put(goalTop + i, 0, lever, LABEL));
  const countedCells = ownBlock(counted, 1, counted + L - 1, M) as CachedValue[][];
  const headerCells = ownBlock(counted - 1, 1, counted - 1, M)[0];
  goals.rows.forEach((_, k) =>
    array(
      goalTop,
      1 + k,
      `INDEX(${countedRange}, 0, MATCH(${abs(goalMetricRow, 1 + k)}, ${metricHeader}, 0))`,
      columnHeaded(countedCells, headerCells, own(goalMetricRow, 1 + k)),
    ),
  );
  const goalBlock = block(goalTop, 1, goalTop + L - 1, G);
  array(
    goalTop,
    G + 1,
    `RPO.LEVERAGE(${goalBlock}, ${directions}, ${weights})`,
    rpoArray("LEVERAGE", [ownBlock(goalTop, 1, goalTop + L - 1, G), directionCells, weightCells], L, 1),
  );
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
    const mean = (first: number, end: number) => average(obsRows(first, end, c).flat());
    b.put(moveTop + i, 0, lever, LABEL);
    single(
      moveTop + i,
      1,
      `(AVERAGE(${recent})-AVERAGE(${before}))/ABS(AVERAGE(${before}))`,
      relativeChange(mean(last - window + 1, last), mean(last - 2 * window + 1, last - window)),
      { numberFormat: "0.0%" },
    );
    single(moveTop + i, 2, `INDEX(${leverageRange}, ${i + 1})`, referenced(own(goalTop + i, G + 1)), {
      numberFormat: "0.000",
    });
    single(
      moveTop + i,
      3,
      `${abs(moveTop + i, 1)}*${abs(moveTop + i, 2)}`,
      times(own(moveTop + i, 1), own(moveTop + i, 2)),
      { numberFormat: "0.0000" },
    );
  });
  array(
    moveTop,
    4,
    `RPO.RAG(${block(moveTop, 3, moveTop + L - 1, 3)})`,
    rpoArray("RAG", [ownBlock(moveTop, 3, moveTop + L - 1, 3), null], L, 1),
  );
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
  // The elasticities with their header row of metric names: a square block (as many levers as
  // metrics) must show its orientation, or WHATIF refuses it (#VALUE!).
  const labelledElasticities = [elast.top - 1, 1, elast.top + L - 1, M] as const;
  array(
    r,
    1,
    `RPO.WHATIF(${block(...labelledElasticities)}, ${block(changeTop, 1, changeTop + L - 1, 1)})`,
    rpoArray(
      "WHATIF",
      [ownBlock(...labelledElasticities), ownBlock(changeTop, 1, changeTop + L - 1, 1)],
      1,
      M,
    ),
  );
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
    const firstKpi = col(kpis[0].name);
    const lastKpi = col(kpis[kpis.length - 1].name);
    const kpiBlock = `${o}!$${firstKpi}$${obs.firstRow}:$${lastKpi}$${obs.lastRow}`;
    const kpiCells = obsRows(obs.firstRow, obs.lastRow, firstKpi, lastKpi);
    const minKpiLag = Math.min(...kpis.map((k) => k.lag));
    b.putRow(r, 0, ["KPI \\ outcome (elasticity)", ...outcomes.map((m) => m.name)], HEADER_STYLE);
    r++;
    const kpiTop = r;
    kpis.forEach((k, i) => b.put(kpiTop + i, 0, k.name, LABEL));
    outcomes.forEach((m, j) => {
      const lag = Math.max(0, m.lag - minKpiLag);
      array(
        kpiTop,
        1 + j,
        `TRANSPOSE(RPO.SENSITIVITY(${series(m.name)}, ${kpiBlock}, ${lag}))`,
        transpose(rpoArray("SENSITIVITY", [seriesCells(m.name), kpiCells, lag, null, null], 1, kpis.length)),
      );
    });
    r = kpiTop + kpis.length;
    r = writeNotes(b, r, 0, [
      "Each outcome regressed on the KPIs with one lag for all of them (the outcome's lag relative to the quickest KPI); the Sensitivity sheet's discovery shifts each KPI by its own relative lag, so small differences are expected.",
    ]);
    b.style(r - 1, 0, r - 1, 0, NOTE);
    r++;
    b.putRow(r, 0, ["Lever \\ outcome (chained)", ...outcomes.map((m) => m.name)], HEADER_STYLE);
    r++;
    levers.forEach((lever, i) => b.put(r + i, 0, lever, LABEL));
    const kpiOutcome = [kpiTop, 1, kpiTop + kpis.length - 1, outcomes.length] as const;
    const leverKpi = [elast.top, 1 + kpis[0].k, elast.top + L - 1, 1 + kpis[kpis.length - 1].k] as const;
    array(
      r,
      1,
      `RPO.CHAIN(${block(...leverKpi)}, ${block(...kpiOutcome)})`,
      rpoArray("CHAIN", [ownBlock(...leverKpi), ownBlock(...kpiOutcome)], L, outcomes.length),
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
  const decimals = { numberFormat: "0.000" };
  pairs.forEach(({ lever, metric }, i) => {
    const row = r + i;
    const x = series(lever);
    const y = series(metric);
    const xCells = seriesCells(lever);
    const yCells = seriesCells(metric);
    b.put(row, 0, lever, LABEL);
    b.put(row, 1, metric);
    single(row, 2, `RPO.ELASTICITY(${y}, ${x})`, rpoElasticity([yCells, xCells, null]), decimals);
    single(
      row,
      3,
      `SLOPE(${y}, ${x})*AVERAGE(${x})/AVERAGE(${y})`,
      slopeElasticity(yCells.flat(), xCells.flat()),
      decimals,
    );
    single(row, 4, `RPO.ELASTICITY(${y}, ${x}, "log")`, rpoElasticity([yCells, xCells, "log"]), decimals);
    array(row, 5, `RPO.BESTLAG(${x}, ${y}, 6)`, rpoArray("BESTLAG", [xCells, yCells, 6, null], 1, 2));
    const k = abs(row, 5);
    const xs = `${o}!$${col(lever)}$${obs.firstRow}:INDEX(${x}, ${rows}-${k})`;
    const ys = `INDEX(${y}, 1+${k}):${o}!$${col(metric)}$${obs.lastRow}`;
    single(row, 7, `CORREL(${xs}, ${ys})`, laggedCorrel(xCells.flat(), yCells.flat(), own(row, 5)), decimals);
  });
  r += pairs.length;
  writeNotes(b, r, 0, [
    "BESTLAG spills two cells: the lag (periods) and the correlation of the lever with the metric that many periods later; CORREL recomputes that correlation.",
  ]);
  b.style(r, 0, r, 0, NOTE);

  return b.build({ name: "Formulas", tabColor: "808080", freeze: { rows: 1, cols: 1 } });
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
    if (h !== "") columns[h] = columnLetters(c);
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
    observations: {
      sheet: obsSpec.name,
      firstRow: 2,
      lastRow: obsSpec.values.length,
      columns,
      cells: obsSpec.values,
    },
    goals: {
      sheet: goalsSpec.name,
      rows,
      metricColumn: columnLetters(gMetric),
      directionColumn: columnLetters(gDirection),
      weightColumn: columnLetters(gWeight),
      cells: goalsSpec.values,
    },
  };
}
