/**
 * "Alignment": one row per lever (largest goal leverage first) with its movement, goal leverage and
 * its 95% interval, alignment score, RAG, recommended direction and the predicted change of each current
 * goal metric for a +10% move of the lever, the confidence and, for a held lever, why; plus the
 * goal-leverage bar chart (tornado) to the right.
 */
import type { Rag, Recommendation } from "../alignment/types";
import type { BarChartSpec, CellStyle, SheetSpec } from "./spec";
import { goalEffect, towardsGoal, type ReportContext } from "./context";
import {
  capitalize,
  finiteOrNull,
  FORMAT,
  leverValueFormat,
  plainNumber,
  readableDate,
  unitBesideValue,
} from "./format";
import { MUTED_STYLE, SheetBuilder, writeAsOf, writeHeader, writeTitle } from "./grid";
import { effectLegend, ragLegend, swatchStyle, writeLegend } from "./legend";
import { AMBER, CHART_BAR, GREEN, MUTED_FONT, RED, statusText, TAB_COLORS } from "./palette";
import { leverHeadlineNames } from "./headline-names";

export const RAG_LABEL: Record<Rag, string> = { green: "Green", amber: "Amber", red: "Red" };

export function ragStyle(rag: Rag): CellStyle {
  return swatchStyle(rag === "green" ? GREEN : rag === "red" ? RED : AMBER);
}

/** Fill of a predicted/measured change of a goal metric: green towards the goal, red against it. */
export function effectStyle(
  direction: "Increase" | "Decrease" | null,
  change: number | null,
  significant: boolean,
): CellStyle {
  if (change === null || direction === null || !significant || change === 0) return { ...MUTED_STYLE };
  return swatchStyle(towardsGoal(direction, change) ? GREEN : RED);
}

export function directionText(direction: Recommendation, boundNote: string | null): string {
  return capitalize(direction) + (boundNote ? ` (${boundNote})` : "");
}

/** Levers in display order: largest |current goal leverage| first, then those without leverage. */
export function leversByLeverage(ctx: ReportContext): string[] {
  const names = [...ctx.results.levers];
  for (const l of ctx.results.leverage) if (!names.includes(l.lever)) names.push(l.lever);
  for (const a of ctx.results.alignment) if (!names.includes(a.lever)) names.push(a.lever);
  const size = (name: string) => {
    const v = finiteOrNull(ctx.leverage.get(name)?.current);
    return v === null ? -1 : Math.abs(v);
  };
  return names
    .map((name, index) => ({ name, index }))
    .sort((a, b) => size(b.name) - size(a.name) || a.index - b.index)
    .map((x) => x.name);
}

export function goalSetLine(ctx: ReportContext): string {
  const set = ctx.results.currentGoals;
  if (!set || set.goals.length === 0) return "No goal set is in force at this date.";
  const goals = set.goals.map(
    (g) => `${g.direction.toLowerCase()} ${g.metric} (weight ${plainNumber(g.weight)})`,
  );
  return `Goals in force since ${readableDate(set.effectiveFrom)}: ${goals.join("; ")}.`;
}

/** The table's columns before "Recommended direction", one column per goal metric and "Confidence". */
const FIXED_COLUMNS = [
  "Lever",
  "Category",
  "Current value",
  "Unit",
  "Movement",
  "Goal leverage",
  "Leverage 95% low",
  "Leverage 95% high",
  "Score",
  "RAG",
] as const;
const COL = { movement: 4, leverage: 5, low: 6, high: 7, score: 8, rag: 9 } as const;

/** Where the columns after the fixed ones sit: they depend on the number of goal metrics. */
interface AlignmentColumns {
  direction: number;
  firstEffect: number;
  confidence: number;
}

function alignmentColumns(goalMetrics: readonly string[]): AlignmentColumns {
  const direction = FIXED_COLUMNS.length;
  const firstEffect = direction + 1;
  return { direction, firstEffect, confidence: firstEffect + goalMetrics.length };
}

export function buildAlignmentSheet(ctx: ReportContext, name: string): SheetSpec {
  const { settings } = ctx.options;
  const b = new SheetBuilder();
  writeTitle(b, "Alignment: are the levers moving the way the current goals need?");
  writeAsOf(b, 1, ctx.run);
  b.putOverflowing(2, 0, goalSetLine(ctx));

  const headerRow = 4;
  const columns = alignmentColumns(ctx.goalMetrics);
  const { direction, firstEffect, confidence: confidenceCol } = columns;
  const effectHeaders = ctx.goalMetrics.map((m) => `${m}: change if lever +10%`);
  writeHeader(b, headerRow, 0, [...FIXED_COLUMNS, "Recommended direction", ...effectHeaders, "Confidence"]);
  const lastCol = confidenceCol;

  const levers = leversByLeverage(ctx);
  levers.forEach((lever, i) => writeLeverRow(b, ctx, levers, lever, headerRow + 1 + i, columns));
  // Widths chosen so the sheet prints one page wide at 70% or more (test/report/print.test.ts).
  b.wrapWidth(0, 22);
  b.wrapWidth(1, 11);
  b.fixWidth(2, 9);
  b.wrapWidth(3, 12); // "screens/week", "score (1-5)" on one line
  for (const c of [COL.leverage, COL.low, COL.high]) b.fixWidth(c, 10);
  b.fixWidth(COL.score, 9);
  b.wrapWidth(direction, 24);
  b.wrapWidth(confidenceCol, 11);
  for (let k = 0; k < ctx.goalMetrics.length; k++) b.wrapWidth(firstEffect + k, 12);

  const row = headerRow + 1 + levers.length + 1;
  const afterLegend = writeLegend(
    b,
    row,
    0,
    [...ragLegend(settings), ...effectLegend(settings, "predicted")],
    [
      `Movement: the lever's mean over the last ${settings.movementWindow} periods against the ${settings.movementWindow} periods before, as a relative change.`,
      "Goal leverage: how far a 1% rise of the lever moves the weighted current goals, at the history's average levels; positive means raising the lever helps them, negative means lowering it helps. The Plan sheet's \"goal leverage at today's value\" is this figure rescaled to today's levels, where a plan's moves start.",
      "Leverage 95% low/high: the range the goal leverage lies in with 95% confidence, from the uncertainty of every estimate it is built from (method.md §5).",
      "Score = movement × goal leverage. Its sign gives the colour, but only when the interval excludes 0; near zero, or an unclear effect, is amber.",
      `Recommended direction: increase or decrease only when |goal leverage| is at least ${settings.leverageThreshold} AND its 95% interval excludes 0; otherwise hold, saying why (effect too small, effect unclear, or the lever is at its limit).`,
      "Change if lever +10%: the predicted relative change of each goal metric if the lever alone rose by 10%.",
      "Confidence: High when the leverage is more than 3.3 standard errors from 0 (p < 0.001), Medium when its 95% interval excludes 0, Low otherwise or when the recent movement is unknown. Grey italic leverage: its interval includes 0.",
      "Chart: goal leverage by lever. Bars to the right: raising the lever helps the current goals; to the left: lowering it helps.",
    ],
  );

  // The tornado reads the table itself (sorted by |goal leverage|, largest first); hosts draw
  // the bars top-down in sheet order.
  const charts: BarChartSpec[] =
    levers.length > 0
      ? [
          leverageChart(
            { first: headerRow + 1, last: headerRow + levers.length },
            // Beside the key and the notes, in the columns right of where their lines end (notes are
            // split to NOTE_CHARS and the columns before "Recommended direction" are wider): it never
            // covers text, and the sheet prints on one page for the sample instead of cutting the chart.
            {
              row,
              col: direction,
              widthCols: lastCol - direction + 1,
              heightRows: Math.max(afterLegend - row, 14, levers.length * 2 + 4),
            },
          ),
        ]
      : [];

  return b.build({
    name,
    tabColor: TAB_COLORS.alignment,
    freeze: { rows: headerRow + 1, cols: 1 },
    print: { run: ctx.run, titleRows: { first: headerRow, last: headerRow } },
    charts,
  });
}

/** One lever's row: what it is, its movement, goal leverage with interval, score, RAG, direction, effects, confidence. */
function writeLeverRow(
  b: SheetBuilder,
  ctx: ReportContext,
  levers: readonly string[],
  lever: string,
  r: number,
  columns: AlignmentColumns,
): void {
  const info = ctx.leverInfo.get(lever);
  const lev = ctx.leverage.get(lever);
  const al = ctx.alignment.get(lever);
  b.put(r, 0, lever, { bold: true });
  b.name(...leverHeadlineNames(levers, lever, r, { colour: COL.rag, leverage: COL.leverage }));
  b.put(r, 1, info?.category ?? null);
  b.put(r, 2, finiteOrNull(info?.current), { numberFormat: leverValueFormat(info?.unit) });
  b.put(r, 3, unitBesideValue(info?.unit) || null); // "34.5% | of hires": the % is in the value
  b.put(r, COL.movement, finiteOrNull(al?.movement), { numberFormat: FORMAT.percent });
  b.put(r, COL.leverage, finiteOrNull(lev?.current), { numberFormat: FORMAT.leverage });
  for (const [c, v] of [
    [COL.low, lev?.ciLow],
    [COL.high, lev?.ciHigh],
  ] as const) {
    const x = finiteOrNull(v);
    b.put(
      r,
      c,
      x ?? "n/a",
      x === null ? { ...MUTED_STYLE, horizontal: "right" } : { numberFormat: FORMAT.leverage },
    );
  }
  b.put(r, COL.score, finiteOrNull(al?.score), { numberFormat: FORMAT.score });
  if (al) {
    b.put(r, COL.rag, statusText(al.rag, RAG_LABEL[al.rag]), { bold: true, horizontal: "center" });
    const fill = ragStyle(al.rag);
    for (const c of [0, COL.movement, COL.score, COL.rag]) b.style(r, c, r, c, fill);
  } else {
    b.put(r, COL.rag, "n/a", { ...MUTED_STYLE, horizontal: "center" });
  }
  const dir = lev?.directionCurrent ?? al?.direction ?? null;
  // A held lever says why in the same cell: too small, unclear (with its interval), or at a bound.
  const why = dir === "hold" && lev?.holdReason && !lev.boundNote ? ` (${lev.holdReason})` : "";
  b.put(
    r,
    columns.direction,
    dir ? directionText(dir, lev?.boundNote ?? null) + why : "n/a",
    dir ? { bold: dir !== "hold" } : MUTED_STYLE,
  );
  ctx.goalMetrics.forEach((metric, k) => {
    const e = goalEffect(ctx, lever, metric);
    const change = finiteOrNull(e?.changeFor10Pct);
    const goalDir = ctx.results.currentGoals?.goals.find((g) => g.metric === metric)?.direction ?? null;
    if (change === null) b.put(r, columns.firstEffect + k, "n/a", { ...MUTED_STYLE, horizontal: "right" });
    else
      b.put(r, columns.firstEffect + k, change, {
        numberFormat: FORMAT.percent,
        ...effectStyle(goalDir, change, e?.significant ?? false),
      });
  });
  const confidence = al?.confidence ?? null;
  b.put(
    r,
    columns.confidence,
    confidence ? capitalize(confidence) : "n/a",
    confidence ? undefined : MUTED_STYLE,
  );
  if (lev && !lev.supported) b.style(r, COL.leverage, r, COL.high, { fontColor: MUTED_FONT, italic: true });
}

/** The tornado of goal leverage: the table's lever names against its Goal leverage column. */
function leverageChart(rows: { first: number; last: number }, anchor: BarChartSpec["anchor"]): BarChartSpec {
  const { first, last } = rows;
  return {
    kind: "bar",
    title: "Goal leverage by lever",
    categories: { row: first, col: 0, rowEnd: last, colEnd: 0 },
    series: [
      {
        name: "Goal leverage",
        values: { row: first, col: COL.leverage, rowEnd: last, colEnd: COL.leverage },
        color: CHART_BAR,
      },
    ],
    anchor,
  };
}
