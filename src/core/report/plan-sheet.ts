/**
 * "Plan": the lever settings that best serve the current goals within the bounds, the maximum move
 * and the budget (a linear programme, docs/method.md §14), each lever's contribution to each goal
 * metric, and the scenarios (plan, as requested, no change, the user's own) side by side, with
 * intervals, cost and extrapolation flags, and a chart of the goal score by scenario.
 */
import type { PlanResult, ScenarioResult } from "../plan/types";
import type { CellStyle, ChartSpec, SheetSpec } from "./spec";
import type { ReportContext } from "./context";
import { changeInUnit, FORMAT, leverValueFormat, unitBesideValue } from "./format";
import {
  MUTED_STYLE,
  SheetBuilder,
  writeAsOf,
  writeHeader,
  writeNotes,
  writeSection,
  writeTitle,
} from "./grid";
import { swatchStyle, writeLegend, type LegendEntry } from "./legend";
import { AMBER, CHART_BAR, GREEN, RED, TAB_COLORS } from "./palette";
import { goalScoreHeadlineName } from "./headline-names";

const MONEY = "#,##0";

function signStyle(value: number, tolerance = 1e-12): CellStyle {
  if (value > tolerance) return swatchStyle(GREEN);
  if (value < -tolerance) return swatchStyle(RED);
  return swatchStyle(AMBER);
}

const PLAN_LEGEND: LegendEntry[] = [
  {
    label: "Helps",
    style: swatchStyle(GREEN),
    meaning: "Moves the goal-weighted score (or this goal metric) the way the client wants.",
  },
  {
    label: "Hurts",
    style: swatchStyle(RED),
    meaning:
      "Works against the goal (a cost of a move that helps more elsewhere), or a scenario that loses ground.",
  },
  {
    label: "Held / none",
    style: swatchStyle(AMBER),
    meaning:
      "No move, no predicted change, or a scenario that leaves the range seen in the history (extrapolation).",
  },
];

function settingsLine(plan: PlanResult): string {
  const s = plan.settings;
  const budget =
    s.budget === null
      ? "no budget limit"
      : `budget ${Math.round(s.budget).toLocaleString("en-US")} extra cost per period`;
  return (
    `Settings: ${budget} · largest move ±${Math.round(s.maxMove * 1000) / 10}% of the current value · ` +
    (s.includeUnsupported
      ? "every lever may move, either way (point estimates) · "
      : "only levers the Alignment sheet recommends move, and only that way · ") +
    `solved by ${plan.solver} · status ${plan.status}`
  );
}

export function buildPlanSheet(ctx: ReportContext, name: string, plan: PlanResult): SheetSpec {
  const b = new SheetBuilder();
  writeTitle(b, "Plan: lever settings that best serve the current goals, within bounds and budget");
  writeAsOf(b, 1, ctx.run);
  b.putOverflowing(2, 0, settingsLine(plan));
  const hasPlan = plan.status === "optimal";
  if (!hasPlan) {
    // No plan (e.g. no plan fits the budget): say so where it cannot be missed; the analysis stands.
    const why = plan.diagnostics.find((d) => d.severity === "error")?.message ?? `status ${plan.status}`;
    b.putOverflowing(3, 0, `No plan (${plan.status}): ${why}`, swatchStyle(RED, { bold: true }));
  }
  const goals = plan.scenarios[0]?.metrics ?? [];

  const afterLevers = writeLeverTable(b, plan, goals, 4);
  const scenarios = writeScenarioTable(b, plan, goals, afterLevers + 1);
  const leverValuesRow = scenarios.next + 1;
  const afterValues = writeLeverValues(b, plan, leverValuesRow);
  writePlanNotes(b, plan, afterValues + 1);
  const contribCol = LEVER_COLUMNS.length;
  const { first: firstScenarioRow, last: lastScenarioRow } = scenarios;

  // Widths chosen so the sheet prints one page wide at 70% or more: long lever names and the
  // held reasons wrap, numbers get what their values need.
  b.wrapWidth(0, 20);
  b.wrapWidth(1, 12);
  for (const c of [2, 3, 4, 5, 6, 7, 9, 10]) b.fixWidth(c, 9);
  b.wrapWidth(8, 13);
  b.wrapWidth(contribCol + goals.length, 22);
  // Beside the lever values, the key and the notes, from the first goal-metric column on: the
  // columns before it hold more than a note's line (NOTE_CHARS), so the chart never covers text
  // and prints on the same page as the tables.
  const chartRow = leverValuesRow;
  const charts: ChartSpec[] =
    plan.scenarios.length > 0
      ? [
          {
            kind: "bar",
            title: "Goal score by scenario",
            categories: { row: firstScenarioRow, col: 0, rowEnd: lastScenarioRow, colEnd: 0 },
            series: [
              {
                name: "Goal score",
                values: { row: firstScenarioRow, col: 1, rowEnd: lastScenarioRow, colEnd: 1 },
                color: CHART_BAR,
              },
            ],
            anchor: {
              row: chartRow,
              col: contribCol,
              widthCols: Math.max(3, goals.length + 1),
              heightRows: 14,
            },
          },
        ]
      : [];
  return b.build({
    name,
    tabColor: TAB_COLORS.plan,
    freeze: { rows: 0, cols: 1 },
    charts,
    print: { run: ctx.run },
  });
}

/** The lever table's columns before one column per goal metric (predicted change) and "Held because". */
const LEVER_COLUMNS = [
  "Lever",
  "Unit",
  "Current",
  "Planned",
  "Change",
  "Relative change",
  "Cost per unit",
  "Extra cost / period",
  "Goal leverage at today's value",
  "Lowest allowed",
  "Highest allowed",
] as const;

type GoalMetrics = ScenarioResult["metrics"];

/** Levers: today's value and the plan's, cost, bounds and each goal metric's predicted change; returns the next free row. */
function writeLeverTable(b: SheetBuilder, plan: PlanResult, goals: GoalMetrics, top: number): number {
  const hasPlan = plan.status === "optimal";
  let row = top;
  const leverHeader = [
    ...LEVER_COLUMNS,
    ...goals.map((g) => `${g.metric}: predicted change`),
    "Held because",
  ];
  writeSection(b, row, 0, leverHeader.length - 1, "Levers: today and the plan");
  row++;
  writeHeader(b, row, 0, leverHeader);
  const contribCol = LEVER_COLUMNS.length;
  for (const lever of plan.levers) {
    row++;
    const fmt = leverValueFormat(lever.unit);
    b.put(row, 0, lever.lever, { bold: true });
    b.put(row, 1, unitBesideValue(lever.unit) || null); // a share's % is in its values
    b.put(row, 2, lever.current, { numberFormat: fmt });
    const moved = lever.change !== null && Math.abs(lever.change) > 1e-12;
    b.put(row, 3, lever.planned, {
      numberFormat: fmt,
      ...(moved ? swatchStyle(GREEN, { bold: true }) : swatchStyle(AMBER)),
    });
    const change = changeInUnit(lever.change, lever.unit); // percentage points for shares
    b.put(row, 4, change.value, { numberFormat: change.numberFormat });
    b.put(row, 5, lever.relativeChange, { numberFormat: FORMAT.percent });
    b.put(row, 6, lever.costPerUnit, { numberFormat: MONEY });
    b.put(row, 7, lever.cost, { numberFormat: MONEY });
    b.put(row, 8, lever.leverage, { numberFormat: FORMAT.leverage });
    b.put(row, 9, lever.lowest, { numberFormat: fmt });
    b.put(row, 10, lever.highest, { numberFormat: fmt });
    lever.contributions.forEach((c, i) => {
      const wants = goals[i]?.direction === "Decrease" ? -1 : 1;
      b.put(row, contribCol + i, c.change, { numberFormat: FORMAT.percent, ...signStyle(wants * c.change) });
    });
    b.put(
      row,
      contribCol + goals.length,
      hasPlan ? (lever.heldReason ?? (moved ? "" : "no gain from moving")) : `no plan (${plan.status})`,
      { ...MUTED_STYLE, horizontal: "left" }, // wraps in its column (inside the print area)
    );
  }
  return row + 1;
}

/** The scenario table's columns before one column per goal metric. */
const SCENARIO_COLUMNS = [
  "Scenario",
  "Goal score",
  "Score low (95%)",
  "Score high (95%)",
  "Extra cost / period",
  "Within budget",
  "Levers beyond history",
] as const;

/**
 * Scenarios side by side (score with its interval, cost, budget, extrapolation, each goal metric's
 * change), then one note line per scenario below the table. Returns the scenarios' first and last
 * rows (the chart's data) and the next free row.
 */
function writeScenarioTable(
  b: SheetBuilder,
  plan: PlanResult,
  goals: GoalMetrics,
  top: number,
): { first: number; last: number; next: number } {
  let row = top;
  const scenarioHeader = [
    ...SCENARIO_COLUMNS,
    ...goals.map((g) => `${g.metric} (${g.direction === "Decrease" ? "lower" : "higher"} is better)`),
  ];
  writeSection(
    b,
    row,
    0,
    scenarioHeader.length - 1,
    "Scenarios: predicted change of each goal metric (first order, 95% intervals below the table)",
  );
  row++;
  writeHeader(b, row, 0, scenarioHeader);
  const first = row + 1;
  const metricCol = SCENARIO_COLUMNS.length;
  const scenarioNotes: string[] = [];
  plan.scenarios.forEach((s: ScenarioResult) => {
    row++;
    b.put(row, 0, s.name, { bold: true });
    b.put(row, 1, s.score, { numberFormat: FORMAT.percent, ...signStyle(s.score) });
    if (s.kind === "plan") b.name(goalScoreHeadlineName(row, 1));
    b.put(row, 2, s.scoreLow, { numberFormat: FORMAT.percent });
    b.put(row, 3, s.scoreHigh, { numberFormat: FORMAT.percent });
    b.put(row, 4, s.cost, { numberFormat: MONEY });
    b.put(
      row,
      5,
      plan.settings.budget === null ? "no budget" : s.overBudget ? "over budget" : "yes",
      s.overBudget ? swatchStyle(RED) : undefined,
    );
    b.put(row, 6, s.extrapolated.length, {
      numberFormat: FORMAT.count,
      ...(s.extrapolated.length > 0 ? swatchStyle(AMBER, { bold: true }) : {}),
    });
    s.metrics.forEach((m, i) => {
      const wants = m.direction === "Decrease" ? -1 : 1;
      b.put(row, metricCol + i, m.change, { numberFormat: FORMAT.percent, ...signStyle(wants * m.change) });
    });
    const notes = [
      ...(s.extrapolated.length > 0 ? [`beyond the history: ${s.extrapolated.join(", ")}`] : []),
      ...s.metrics.map((m) => `${m.metric} ${pct(m.low)} to ${pct(m.high)}`),
      ...s.notes,
    ];
    // Below the table, split into printable lines (beside it, they ran past the print area).
    scenarioNotes.push(`${s.name}: ${notes.join("; ")}.`);
  });
  const last = row;
  return { first, last, next: writeNotes(b, last + 1, 0, scenarioNotes) };
}

/** Each lever's value in each scenario (amber where beyond the history); returns the next free row. */
function writeLeverValues(b: SheetBuilder, plan: PlanResult, top: number): number {
  let row = top;
  writeSection(b, row, 0, plan.scenarios.length, "Lever values by scenario");
  row++;
  writeHeader(b, row, 0, ["Lever", ...plan.scenarios.map((s) => s.name)]);
  plan.levers.forEach((lever, l) => {
    row++;
    b.put(row, 0, lever.lever, { bold: true });
    plan.scenarios.forEach((s, i) => {
      const v = s.values[l]?.value ?? null;
      const beyond = s.extrapolated.includes(lever.lever);
      b.put(row, 1 + i, v, {
        numberFormat: leverValueFormat(lever.unit),
        ...(beyond ? swatchStyle(AMBER, { bold: true }) : {}),
      });
    });
  });
  return row + 1;
}

/** The colour key with how to read the sheet, then the plan's own messages. */
function writePlanNotes(b: SheetBuilder, plan: PlanResult, top: number): void {
  const row = writeLegend(b, top, 0, PLAN_LEGEND, [
    "Goal score: the goal-weighted predicted improvement of the goal metrics, Σ weight × direction × change / Σ weight (first order, from the elasticities at the levers' current values).",
    "Change: in the lever's unit, for shares in percentage points (pp: 30% → 24% is −6.0 pp); Relative change: as a share of today's value (−20.0%).",
    "Goal leverage at today's value: the plan moves each lever from today's value, so it weighs moves with the elasticities there (elasticity × today's value ÷ the lever's mean over each fit's periods). The Alignment sheet's \"goal leverage\" is at the history's averages; the two differ where today's value is far from the average.",
    "The plan maximises the goal score by linear programming within Min/Max, the largest move per review and the budget (extra cost per period; savings count).",
    "Intervals treat the elasticities' standard errors as independent: a rough guide, narrower than the truth when estimates are correlated.",
    "Levers beyond history: values outside the range observed up to the as-of date; the linear prediction is an extrapolation there.",
  ]);
  if (plan.diagnostics.length === 0) return;
  b.putOverflowing(row + 1, 0, "Messages", { bold: true });
  writeNotes(
    b,
    row + 2,
    0,
    plan.diagnostics.map((d) => `${d.severity}: ${d.message}`),
  );
}

function pct(x: number): string {
  return `${x >= 0 ? "+" : "\u2212"}${Math.abs(x * 100).toFixed(1)}%`;
}
