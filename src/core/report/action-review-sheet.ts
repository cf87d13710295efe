/**
 * "Action Review": every lever move a client SPOC asked for, judged against the current goals
 * (aligned / conflict / neutral), with what the goal metrics did afterwards.
 */
import type { ActionReview, Verdict } from "../alignment/types";
import type { CellStyle, SheetSpec } from "./spec";
import type { ReportContext } from "./context";
import { capitalize, finiteOrNull, FORMAT, leverValueFormat, readableDate } from "./format";
import { MUTED_STYLE, SheetBuilder, writeAsOf, writeHeader, writeTitle } from "./grid";
import { effectLegend, swatchStyle, VERDICT_LEGEND, writeLegend } from "./legend";
import { AMBER, CONFLICT, GREEN, RED, statusText, TAB_COLORS } from "./palette";
import { goalSetLine } from "./alignment-sheet";

export const VERDICT_LABEL: Record<Verdict, string> = {
  aligned: "Aligned",
  conflict: "Conflict",
  neutral: "Neutral",
};

export function verdictStyle(v: Verdict): CellStyle {
  return swatchStyle(v === "aligned" ? GREEN : v === "conflict" ? CONFLICT : AMBER, true);
}

/** "⚠ Conflict": the verdict's word with its symbol. */
export function verdictText(v: Verdict): string {
  return statusText(v, VERDICT_LABEL[v]);
}

export const NO_HISTORY_TEXT = "no history after this date";

/** An action dated after the last period analysed (alignment/pending-actions.ts). */
export function notYetMeasurableText(measurableFrom: number | null, date: number): string {
  return measurableFrom !== null
    ? `not yet measurable: measurable as of ${readableDate(measurableFrom)}`
    : `not yet measurable: needs periods after ${readableDate(date)} in Observations`;
}

/** Actions by date (stable for equal dates). */
export function sortedActions(actions: ActionReview[]): ActionReview[] {
  return actions
    .map((a, index) => ({ a, index }))
    .sort((x, y) => (finiteOrNull(x.a.date) ?? 0) - (finiteOrNull(y.a.date) ?? 0) || x.index - y.index)
    .map((x) => x.a);
}

/** Metrics with a measured-change column: current goal metrics first, then any other measured. */
export function measuredMetrics(ctx: ReportContext): string[] {
  const metrics = [...ctx.goalMetrics];
  for (const a of ctx.results.actions)
    for (const m of a.measured ?? []) if (!metrics.includes(m.metric)) metrics.push(m.metric);
  return metrics;
}

export function buildActionReviewSheet(ctx: ReportContext, name: string): SheetSpec {
  const { settings } = ctx.options;
  const b = new SheetBuilder();
  writeTitle(b, "Action review: requested lever moves, judged against the current goals");
  writeAsOf(b, 1, ctx.run);
  b.put(2, 0, goalSetLine(ctx), undefined, false);

  const headerRow = 4;
  const metrics = measuredMetrics(ctx);
  // Reason last: it is the longest text (wrapped in its column).
  const fixed = ["Date", "Lever", "Requested by", "Rationale", "New value", "Move", "Verdict"];
  const firstMetric = fixed.length;
  const reasonCol = firstMetric + metrics.length;
  writeHeader(b, headerRow, 0, [...fixed, ...metrics.map((m) => `${m}: measured change`), "Reason"]);

  const actions = sortedActions(ctx.results.actions);
  actions.forEach((a, i) => {
    const r = headerRow + 1 + i;
    const unit = ctx.leverInfo.get(a.lever)?.unit;
    b.put(r, 0, a.date, { numberFormat: FORMAT.date });
    b.put(r, 1, a.lever, { bold: true });
    b.put(r, 2, a.requestedBy);
    b.put(r, 3, a.rationale);
    const nv = finiteOrNull(a.newValue);
    b.put(r, 4, nv ?? "n/a", nv === null ? MUTED_STYLE : { numberFormat: leverValueFormat(unit) });
    b.put(r, 5, capitalize(a.move), { horizontal: "center" }); // a gap from the number on its left
    b.put(r, 6, verdictText(a.verdict), { ...verdictStyle(a.verdict), horizontal: "center" });
    b.put(r, reasonCol, a.reason);
    if (a.pending) {
      b.put(r, firstMetric, notYetMeasurableText(a.measurableFrom ?? null, a.date), MUTED_STYLE, false);
      return;
    }
    if (a.measured === null) {
      b.put(r, firstMetric, NO_HISTORY_TEXT, MUTED_STYLE, false);
      return;
    }
    metrics.forEach((metric, k) => {
      const m = a.measured?.find((x) => x.metric === metric);
      const change = finiteOrNull(m?.change);
      if (!m || change === null) {
        b.put(r, firstMetric + k, "n/a", { ...MUTED_STYLE, horizontal: "right" });
        return;
      }
      const style: CellStyle =
        m.towardsGoal === null || change === 0
          ? { ...MUTED_STYLE }
          : swatchStyle(m.towardsGoal ? GREEN : RED);
      b.put(r, firstMetric + k, change, { numberFormat: FORMAT.percent, ...style });
    });
  });
  if (actions.length === 0) b.put(headerRow + 1, 0, "No actions were recorded.", MUTED_STYLE, false);
  for (let k = 0; k < metrics.length; k++) b.minWidth(firstMetric + k, 12);
  // Free text wraps in sensibly wide columns, so the sheet prints one page wide.
  b.wrapWidth(1, 20);
  b.wrapWidth(2, 18);
  b.wrapWidth(3, 26);
  b.wrapWidth(reasonCol, 36);

  const row = headerRow + 1 + Math.max(1, actions.length) + 1;
  writeLegend(
    b,
    row,
    0,
    [...VERDICT_LEGEND, ...effectLegend(settings, true)],
    [
      "Move: the requested new value against the lever's value at the action date.",
      "Measured change: the metric's mean after the action date (allowing for its lag) against its mean before, as a relative change.",
      `"${NO_HISTORY_TEXT}": the data ends before the effect could show; run again when newer months are in.`,
    ],
  );
  return b.build({
    name,
    tabColor: TAB_COLORS.actionReview,
    freeze: { rows: headerRow + 1, cols: 2 },
    print: { run: ctx.run, titleRows: { first: headerRow, last: headerRow } },
  });
}
