/**
 * The Formulas sheet's decision blocks (formulas-sheet.ts), built on the estimates above them:
 * RPO.LEVERAGE under the current goals, movement, score and RPO.RAG, RPO.WHATIF and RPO.CHAIN
 * (6–9). Each writes from a given row and returns the row after its last one (or the rows later
 * blocks refer to).
 */
import { columnFromLetters } from "../model/address";
import type { CachedValue } from "../report/spec";
import { HEADER_STYLE, writeNotes, writeSection } from "../report/grid";
import {
  average,
  columnHeaded,
  referenced,
  relativeChange,
  rpoArray,
  times,
  transpose,
} from "./formulas-eval";
import {
  abs,
  GAP,
  LABEL,
  NOTE,
  rangeOf,
  type Area,
  type FormulasWriter,
  type LeverRows,
} from "./formulas-writer";

/** 6. LEVERAGE under the current goals: each goal's counted effects, then the leverage column. */
export function writeGoalLeverage(
  w: FormulasWriter,
  row: number,
  counted: LeverRows,
): LeverRows & { column: number } {
  const { b, L, M, goals } = w;
  const G = goals.rows.length;
  writeSection(
    b,
    row,
    0,
    Math.max(G, 2),
    "6. RPO.LEVERAGE under the current goals: the Alignment sheet's Goal leverage",
  );
  // The current goals, one per column, read from the Goals sheet.
  const fields = [
    { label: "Goal metric", column: goals.metricColumn },
    { label: "Direction", column: goals.directionColumn },
    { label: "Weight", column: goals.weightColumn },
  ];
  const first = row + 1;
  const [metricRow, directionRow, weightRow] = fields.map((_, i) => first + i);
  fields.forEach((f, i) => b.put(first + i, 0, f.label, LABEL));
  goals.rows.forEach((goalRow, k) =>
    fields.forEach((f, i) =>
      w.single(
        first + i,
        1 + k,
        `${w.goalsSheet}!$${f.column}$${goalRow}`,
        referenced(w.goalCells.get(goalRow - 1, columnFromLetters(f.column))),
      ),
    ),
  );
  const goalArea = (r: number): Area => ({ row: r, col: 1, rowEnd: r, colEnd: G });

  // Each goal metric's column of counted effects, then the levers' goal leverage.
  const header = first + fields.length;
  b.put(header, 0, "Lever \\ goal (counted effects)", HEADER_STYLE);
  goals.rows.forEach((_, k) =>
    w.single(header, 1 + k, abs(metricRow, 1 + k), referenced(w.own(metricRow, 1 + k)), HEADER_STYLE),
  );
  const column = G + 1;
  b.put(header, column, "Goal leverage", HEADER_STYLE);
  const top = header + 1;
  const end = w.rowLabels(top, w.levers);
  const countedArea = w.leverArea(counted.top, M);
  const metricHeader: Area = { ...countedArea, row: counted.top - 1, rowEnd: counted.top - 1 };
  const countedCells = w.ownBlock(countedArea) as CachedValue[][];
  const headerCells = w.ownBlock(metricHeader)[0];
  goals.rows.forEach((_, k) =>
    w.array(
      top,
      1 + k,
      `INDEX(${rangeOf(countedArea)}, 0, MATCH(${abs(metricRow, 1 + k)}, ${rangeOf(metricHeader)}, 0))`,
      columnHeaded(countedCells, headerCells, w.own(metricRow, 1 + k)),
    ),
  );
  const goalBlock = w.leverArea(top, G);
  w.array(
    top,
    column,
    `RPO.LEVERAGE(${rangeOf(goalBlock)}, ${rangeOf(goalArea(directionRow))}, ${rangeOf(goalArea(weightRow))})`,
    rpoArray(
      "LEVERAGE",
      [w.ownBlock(goalBlock), w.ownBlock(goalArea(directionRow)), w.ownBlock(goalArea(weightRow))],
      L,
      1,
    ),
  );
  return { top, end, column };
}

/** Columns of the movement block (its header row names them). */
const MOVEMENT = { lever: 0, movement: 1, leverage: 2, score: 3, rag: 4 } as const;

/** 7. Each lever's recent movement, times its goal leverage = score, and the RAG of the scores. */
export function writeMovementAndRag(
  w: FormulasWriter,
  row: number,
  leverage: LeverRows & { column: number },
): number {
  const { b, L, window } = w;
  writeSection(
    b,
    row,
    0,
    MOVEMENT.rag,
    `7. Movement (last ${window} periods against the ${window} before), score and RPO.RAG`,
  );
  const header = row + 1;
  b.putRow(header, 0, ["Lever", "Movement", "Goal leverage", "Score", "RAG"], HEADER_STYLE);
  const top = header + 1;
  const last = w.obs.lastRow;
  const leverageRange = rangeOf({
    row: leverage.top,
    col: leverage.column,
    rowEnd: leverage.end - 1,
    colEnd: leverage.column,
  });
  w.levers.forEach((lever, i) => {
    const c = w.col(lever);
    const r = top + i;
    const recent = `${w.obsSheet}!$${c}$${last - window + 1}:$${c}$${last}`;
    const before = `${w.obsSheet}!$${c}$${last - 2 * window + 1}:$${c}$${last - window}`;
    const mean = (first: number, end: number) => average(w.obsRows(first, end, c).flat());
    b.put(r, MOVEMENT.lever, lever, LABEL);
    w.single(
      r,
      MOVEMENT.movement,
      `(AVERAGE(${recent})-AVERAGE(${before}))/ABS(AVERAGE(${before}))`,
      relativeChange(mean(last - window + 1, last), mean(last - 2 * window + 1, last - window)),
      { numberFormat: "0.0%" },
    );
    w.single(
      r,
      MOVEMENT.leverage,
      `INDEX(${leverageRange}, ${i + 1})`,
      referenced(w.own(leverage.top + i, leverage.column)),
      {
        numberFormat: "0.000",
      },
    );
    w.single(
      r,
      MOVEMENT.score,
      `${abs(r, MOVEMENT.movement)}*${abs(r, MOVEMENT.leverage)}`,
      times(w.own(r, MOVEMENT.movement), w.own(r, MOVEMENT.leverage)),
      { numberFormat: "0.0000" },
    );
  });
  const scores: Area = { row: top, col: MOVEMENT.score, rowEnd: top + L - 1, colEnd: MOVEMENT.score };
  w.array(
    top,
    MOVEMENT.rag,
    `RPO.RAG(${rangeOf(scores)})`,
    rpoArray("RAG", [w.ownBlock(scores), null], L, 1),
  );
  const next = writeNotes(b, top + L, 0, [
    "Movement here is the plain relative change; the analysis measures a lever that averaged 0 against its range instead (docs/method.md §7).",
  ]);
  b.style(next - 1, 0, next - 1, 0, NOTE);
  return next;
}

/** 8. WHATIF: a change for each lever (10% for the first), and the predicted change of each metric. */
export function writeWhatIf(w: FormulasWriter, row: number, elasticities: LeverRows): number {
  const { b, L, M } = w;
  writeSection(
    b,
    row,
    0,
    M,
    "8. RPO.WHATIF: predicted change of each metric for the lever changes in column B (all elasticities)",
  );
  const header = row + 1;
  b.put(header, 0, "Lever", HEADER_STYLE);
  b.put(header, 1, "Change", HEADER_STYLE);
  const changeTop = header + 1;
  w.levers.forEach((lever, i) => {
    b.put(changeTop + i, 0, lever, LABEL);
    b.put(changeTop + i, 1, i === 0 ? 0.1 : 0, { numberFormat: "0%" });
  });
  const changes = w.leverArea(changeTop, 1);
  const label = changeTop + L;
  b.putOverflowing(label, 0, "Predicted change per metric:", LABEL);
  b.putRow(
    label + 1,
    1,
    w.metrics.map((m) => m.name),
    HEADER_STYLE,
  );
  const result = label + 2;
  // The elasticities with their header row of metric names: a square block (as many levers as
  // metrics) must show its orientation, or WHATIF refuses it (#VALUE!).
  const labelledElasticities: Area = { ...w.leverArea(elasticities.top, M), row: elasticities.top - 1 };
  return (
    result +
    w.array(
      result,
      1,
      `RPO.WHATIF(${rangeOf(labelledElasticities)}, ${rangeOf(changes)})`,
      rpoArray("WHATIF", [w.ownBlock(labelledElasticities), w.ownBlock(changes)], 1, M),
    ).rows
  );
}

/**
 * 9. CHAIN: levers → recruitment KPIs → business outcomes, from the KPIs' elasticities on the
 * outcomes and the levers' on the KPIs. Written only when there are both layers and the KPIs'
 * columns are adjacent; returns null otherwise.
 */
export function writeChain(w: FormulasWriter, row: number, elasticities: LeverRows): number | null {
  const { b, L, obs } = w;
  const kpis = w.metrics.map((m, k) => ({ ...m, k })).filter((m) => m.layer === "Recruitment");
  const outcomes = w.metrics.map((m, k) => ({ ...m, k })).filter((m) => m.layer === "Business");
  const adjacent = (list: { k: number }[]) => list.every((m, i) => i === 0 || m.k === list[i - 1].k + 1);
  if (kpis.length === 0 || outcomes.length === 0 || !adjacent(kpis)) return null;
  writeSection(
    b,
    row,
    0,
    Math.max(outcomes.length, kpis.length),
    "9. RPO.CHAIN: levers -> recruitment KPIs -> business outcomes",
  );
  // The KPIs' elasticities on each outcome.
  const firstKpi = w.col(kpis[0].name);
  const lastKpi = w.col(kpis[kpis.length - 1].name);
  const kpiBlock = `${w.obsSheet}!$${firstKpi}$${obs.firstRow}:$${lastKpi}$${obs.lastRow}`;
  const kpiCells = w.obsRows(obs.firstRow, obs.lastRow, firstKpi, lastKpi);
  const minKpiLag = Math.min(...kpis.map((k) => k.lag));
  const kpiHeader = row + 1;
  b.putRow(kpiHeader, 0, ["KPI \\ outcome (elasticity)", ...outcomes.map((m) => m.name)], HEADER_STYLE);
  const kpiTop = kpiHeader + 1;
  const kpiEnd = w.rowLabels(
    kpiTop,
    kpis.map((k) => k.name),
  );
  outcomes.forEach((m, j) => {
    const lag = Math.max(0, m.lag - minKpiLag);
    w.array(
      kpiTop,
      1 + j,
      `TRANSPOSE(RPO.SENSITIVITY(${w.series(m.name)}, ${kpiBlock}, ${lag}))`,
      transpose(rpoArray("SENSITIVITY", [w.seriesCells(m.name), kpiCells, lag, null, null], 1, kpis.length)),
    );
  });
  const noteEnd = writeNotes(b, kpiEnd, 0, [
    "Each outcome regressed on the KPIs with one lag for all of them (the outcome's lag relative to the quickest KPI); the Sensitivity sheet's discovery shifts each KPI by its own relative lag, so small differences are expected.",
  ]);
  b.style(noteEnd - 1, 0, noteEnd - 1, 0, NOTE);

  // The chained effect of each lever on each outcome.
  const chainHeader = noteEnd + GAP;
  b.putRow(chainHeader, 0, ["Lever \\ outcome (chained)", ...outcomes.map((m) => m.name)], HEADER_STYLE);
  const top = chainHeader + 1;
  const end = w.rowLabels(top, w.levers);
  const kpiOutcome: Area = { row: kpiTop, col: 1, rowEnd: kpiEnd - 1, colEnd: outcomes.length };
  const leverKpi: Area = {
    ...w.leverArea(elasticities.top, 1 + kpis[kpis.length - 1].k),
    col: 1 + kpis[0].k,
  };
  w.array(
    top,
    1,
    `RPO.CHAIN(${rangeOf(leverKpi)}, ${rangeOf(kpiOutcome)})`,
    rpoArray("CHAIN", [w.ownBlock(leverKpi), w.ownBlock(kpiOutcome)], L, outcomes.length),
  );
  return end;
}
