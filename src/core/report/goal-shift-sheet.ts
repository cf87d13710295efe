/**
 * "Goal Shift": the previous and current goal sets side by side (one row per metric), then what
 * each set asks of every lever (goal leverage and direction), changed levers first and highlighted.
 */
import type { GoalShiftRow } from "../alignment/types";
import type { SheetSpec } from "./spec";
import { goalChanges, type ReportContext } from "./context";
import { capitalize, finiteOrNull, FORMAT } from "./format";
import { MUTED_STYLE, SheetBuilder, writeAsOf, writeHeader, writeSection, writeTitle } from "./grid";
import { CHANGED_LEGEND, swatchStyle, writeLegend } from "./legend";
import { CHANGED, statusText, TAB_COLORS } from "./palette";

const CHANGED_STYLE = { ...swatchStyle(CHANGED, true) };

/** Goal-shift rows in display order: changed first, then by |current leverage|, then input order. */
export function sortedShift(rows: GoalShiftRow[]): GoalShiftRow[] {
  return rows
    .map((row, index) => ({ row, index }))
    .sort(
      (a, b) =>
        Number(b.row.changed) - Number(a.row.changed) ||
        Math.abs(finiteOrNull(b.row.currentLeverage) ?? 0) -
          Math.abs(finiteOrNull(a.row.currentLeverage) ?? 0) ||
        a.index - b.index,
    )
    .map((x) => x.row);
}

export function buildGoalShiftSheet(ctx: ReportContext, name: string): SheetSpec {
  const { results } = ctx;
  const b = new SheetBuilder();
  writeTitle(b, "Goal shift: what the new goals ask of each lever");
  writeAsOf(b, 1, ctx.run);
  b.put(2, 0, "Previous goal set from", { bold: true });
  if (results.previousGoals) b.put(2, 1, results.previousGoals.effectiveFrom, { numberFormat: FORMAT.date });
  else b.put(2, 1, "none", MUTED_STYLE);
  b.put(3, 0, "Current goal set from", { bold: true });
  if (results.currentGoals) b.put(3, 1, results.currentGoals.effectiveFrom, { numberFormat: FORMAT.date });
  else b.put(3, 1, "none", MUTED_STYLE);

  const headerRow = 5;
  writeHeader(b, headerRow, 0, [
    "Metric",
    "Previous goal",
    "Previous direction",
    "Previous weight",
    "Current goal",
    "Current direction",
    "Current weight",
    "Change",
  ]);
  const changes = goalChanges(results);
  let row = headerRow + 1;
  for (const c of changes) {
    b.put(row, 0, c.metric, { bold: true });
    b.putRow(row, 1, c.previous ? [c.previous.goal, c.previous.direction] : ["(not a goal)", null]);
    b.put(row, 3, c.previous?.weight ?? null, { numberFormat: FORMAT.weight });
    b.putRow(row, 4, c.current ? [c.current.goal, c.current.direction] : ["(not a goal)", null]);
    b.put(row, 6, c.current?.weight ?? null, { numberFormat: FORMAT.weight });
    if (!c.previous) b.style(row, 1, row, 1, MUTED_STYLE);
    if (!c.current) b.style(row, 4, row, 4, MUTED_STYLE);
    if (c.status === "Unchanged") b.put(row, 7, c.status, MUTED_STYLE);
    else {
      b.put(row, 7, statusText("changed", c.status), CHANGED_STYLE);
      b.style(row, 0, row, 0, CHANGED_STYLE);
    }
    row++;
  }
  if (changes.length === 0) b.put(row++, 0, "No goal set is defined.", MUTED_STYLE, false);
  if (!results.previousGoals && results.currentGoals) {
    b.put(row++, 0, "Only one goal set exists, so nothing has shifted yet.", MUTED_STYLE, false);
  }

  row += 1;
  writeSection(b, row, 0, 5, "Levers: goal leverage and direction under the previous and the current goals");
  const leverHeader = row + 1;
  writeHeader(b, leverHeader, 0, [
    "Lever",
    "Goal leverage, previous goals",
    "Previous direction",
    "Goal leverage, current goals",
    "Current direction",
    "Changed",
  ]);
  row = leverHeader + 1;
  const shift = sortedShift(results.goalShift);
  for (const s of shift) {
    const prev = finiteOrNull(s.previousLeverage);
    b.put(row, 0, s.lever, { bold: true });
    b.put(
      row,
      1,
      prev ?? "n/a",
      prev === null ? { ...MUTED_STYLE, horizontal: "right" } : { numberFormat: FORMAT.leverage },
    );
    b.put(
      row,
      2,
      s.previousDirection ? capitalize(s.previousDirection) : "n/a",
      s.previousDirection ? undefined : MUTED_STYLE,
    );
    b.put(row, 3, finiteOrNull(s.currentLeverage), { numberFormat: FORMAT.leverage });
    b.put(row, 4, capitalize(s.currentDirection));
    if (s.changed) {
      b.put(row, 5, statusText("changed", "Changed"), CHANGED_STYLE);
      for (const c of [0, 2, 4]) b.style(row, c, row, c, CHANGED_STYLE);
    } else {
      b.put(row, 5, s.previousDirection ? "Same" : "n/a", MUTED_STYLE);
    }
    row++;
  }
  if (shift.length === 0) b.put(row++, 0, "No lever could be compared.", MUTED_STYLE, false);

  writeLegend(
    b,
    row + 1,
    0,
    [
      CHANGED_LEGEND,
      { label: "n/a", style: { ...MUTED_STYLE }, meaning: "Grey italic: not applicable or no estimate." },
    ],
    [
      "Goal leverage: how far a 1% rise of the lever moves the weighted goals of that goal set (positive = raising it helps).",
      "A lever whose direction changed needs a new conversation: what was right under the old goals may now work against the new ones.",
    ],
  );
  return b.build({
    name,
    tabColor: TAB_COLORS.goalShift,
    freeze: { rows: headerRow + 1, cols: 1 },
    print: { run: ctx.run, titleRows: { first: headerRow, last: headerRow } },
  });
}
