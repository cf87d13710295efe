/** The Goals input: the client's weighted goals, in goal sets that take effect on a date. */
import { matchKey } from "./input-cells";
import { serialToIso } from "../dates";
import { Diagnostics, quote } from "./diagnostics";
import { findHeader, type ColumnSpec } from "./header";
import type { Parsed } from "./levers";
import { reportHiddenRows, type GridView } from "./locate";
import { readWord } from "./metrics";
import { dataRows, readDateColumn, readNumberCell, readTextCell } from "./read";
import { closest } from "./suggest";
import type { Goal, GoalDirection, GoalSet, Lever, Metric } from "./types";

export const GOAL_COLUMNS: readonly ColumnSpec[] = [
  { key: "goal", header: "Goal", required: true },
  { key: "metric", header: "Metric", required: true },
  { key: "direction", header: "Direction", required: true },
  { key: "weight", header: "Weight", required: true },
  { key: "from", header: "Effective from", required: true },
];

/** Accepted Direction text. */
export const DIRECTION_WORDS: Record<string, GoalDirection> = {
  increase: "Increase",
  up: "Increase",
  maximise: "Increase",
  maximize: "Increase",
  decrease: "Decrease",
  down: "Decrease",
  minimise: "Decrease",
  minimize: "Decrease",
};

export interface GoalContext {
  metrics: readonly Metric[];
  levers: readonly Lever[];
  /** False when Metrics could not be read: goal metrics are then not checked (that error is reported already). */
  metricsReadable: boolean;
  /** Metrics whose Better is unknown (reported in Metrics): no goal-against-better check. */
  unsureMetrics: ReadonlySet<string>;
}

export function parseGoals(view: GridView | null, ctx: GoalContext, diags: Diagnostics): Parsed<GoalSet> {
  if (view === null) return { items: [], readable: false, rowCount: 0 };
  const header = findHeader(view, GOAL_COLUMNS, diags);
  if (header === null) return { items: [], readable: false, rowCount: 0 };
  const col = (key: string) => header.columns.get(key) as number;
  const rows = dataRows(view, header, [...header.columns.values()]);
  const dates = readDateColumn(view, rows, col("from"), diags, { header: "Effective from" });
  const metricByKey = new Map(ctx.metrics.map((m) => [matchKey(m.name), m]));
  const leverKeys = new Set(ctx.levers.map((l) => matchKey(l.name)));
  const sets = new Map<number, Goal[]>();

  for (const r of rows) {
    const at = (key: string) => view.address(r, col(key));
    const metricText = readTextCell(view, r, col("metric"), diags, "Metric");
    let metric: Metric | undefined;
    if (metricText === "") {
      diags.error(
        "unknown-metric",
        view.sheet,
        at("metric"),
        `The goal's Metric cell is blank; enter a metric name from Metrics.`,
      );
    } else if (metricText !== undefined) {
      metric = metricByKey.get(matchKey(metricText));
      if (metric === undefined && ctx.metricsReadable) {
        const near = closest(
          metricText,
          ctx.metrics.map((m) => m.name),
        );
        const why = leverKeys.has(matchKey(metricText))
          ? `${quote(metricText)} is a lever; goals are set on metrics`
          : `${quote(metricText)} is not a metric in Metrics`;
        diags.error(
          "unknown-metric",
          view.sheet,
          at("metric"),
          `${why}. ${near === null ? "Enter a metric name from Metrics, or add the metric there." : `Did you mean ${quote(near)}?`}`,
        );
      }
    }
    const directionText = readTextCell(view, r, col("direction"), diags, "Direction");
    const direction = readWord(
      view,
      r,
      col("direction"),
      directionText,
      DIRECTION_WORDS,
      "invalid-direction",
      "Direction",
      diags,
    );
    const weight = readNumberCell(view, r, col("weight"), diags, { what: "Weight" });
    if (weight === null) {
      diags.error(
        "missing-value",
        view.sheet,
        at("weight"),
        `The goal's Weight is blank; enter a weight above 0.`,
      );
    } else if (typeof weight === "number" && weight <= 0) {
      diags.error(
        "invalid-weight",
        view.sheet,
        at("weight"),
        `The goal's Weight is ${weight}; weights must be above 0 (they are relative: 2 counts twice as much as 1). ` +
          `Delete the goal's row to drop it.`,
      );
    }
    const from = dates.get(r);
    if (from === null) {
      diags.error(
        "missing-date",
        view.sheet,
        at("from"),
        `The goal's Effective from is blank; enter the date the goal set starts.`,
      );
    }
    let goal = readTextCell(view, r, col("goal"), diags, "Goal", "warning") ?? "";
    if (goal === "" && metric && direction) {
      goal = `${direction} ${metric.name}`;
      diags.warning(
        "blank-goal-name",
        view.sheet,
        at("goal"),
        `The goal has no name; it is shown as ${quote(goal)}. Enter a name.`,
      );
    }
    if (
      metric &&
      direction &&
      !ctx.unsureMetrics.has(metric.name) &&
      metric.better !== (direction === "Increase" ? "Higher" : "Lower")
    ) {
      diags.info(
        "goal-against-better",
        view.sheet,
        at("direction"),
        `Goal ${quote(goal)} asks to ${direction.toLowerCase()} ${quote(metric.name)}, for which ${metric.better.toLowerCase()} ` +
          `is better (Metrics ${metric.source.cell}). Check that this is intended.`,
      );
    }
    if (!metric || !direction || typeof weight !== "number" || weight <= 0 || typeof from !== "number")
      continue;
    const set = sets.get(from) ?? [];
    const twin = set.find((g) => g.metric === metric.name);
    if (twin) {
      diags.error(
        "duplicate-goal-metric",
        view.sheet,
        at("metric"),
        `The goal set effective from ${serialToIso(from)} has two goals on ${quote(metric.name)} ` +
          `(${twin.source.cell} and ${at("goal")}); combine them into one goal.`,
      );
      continue;
    }
    set.push({
      goal,
      metric: metric.name,
      direction,
      weight,
      effectiveFrom: from,
      source: { sheet: view.sheet, cell: at("goal") },
    });
    sets.set(from, set);
  }
  reportHiddenRows(view, rows, diags);
  const goalSets = [...sets.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([effectiveFrom, goals]) => ({ effectiveFrom, goals }));
  for (const set of goalSets) normaliseWeights(set, view.sheet, diags);
  return { items: goalSets, readable: true, rowCount: rows.length };
}

/** Up to 4 significant digits, without trailing zeros ("0.2727", "60", "1.1"). */
const short = (x: number) => String(Number(x.toPrecision(4)));

/**
 * Says how a goal set's weights are read when they do not add up to 1 or 100 (percentages such as
 * 60/40 are read as such without a word): as relative weights, scaled to add up to 1 — the weights
 * used are shown. The model keeps the weights as entered (the Goals sheet's values); every use of
 * them divides by their total (leverage: alignment/leverage.ts; the plan: plan/optimise.ts), so the
 * results are the same whatever the total.
 */
function normaliseWeights(set: GoalSet, sheet: string, diags: Diagnostics): void {
  const sum = set.goals.reduce((s, g) => s + g.weight, 0);
  if (!(sum > 0) || Math.abs(sum - 1) <= 1e-9 || Math.abs(sum - 100) <= 1e-7) return;
  const entered = set.goals.map((g) => g.weight);
  diags.info(
    "goal-weights-normalised",
    sheet,
    set.goals[0].source.cell,
    `The weights of the goal set effective from ${serialToIso(set.effectiveFrom)} add up to ${short(sum)}, not 1 ` +
      `(100%), so they are read as relative weights and scaled to add up to 1: ` +
      set.goals
        .map((g, i) => `${quote(g.goal)} ${short(g.weight / sum)} (entered ${short(entered[i])})`)
        .join(", ") +
      ". To give other weights, change them so that they add up to 1 (or 100%).",
  );
}
