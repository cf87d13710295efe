/**
 * "Summary": the one page a delivery manager takes into the meeting with business leaders:
 * overall alignment, levers to move now, conflicting requests, what changed with the goals,
 * what past actions did, data checks and the run details.
 */
import type { ActionReview, Recommendation } from "../alignment/types";
import type { CellStyle, DefinedNameSpec, OutValue, SheetSpec } from "./spec";
import { goalChanges, ragCounts, type ReportContext } from "./context";
import {
  capitalize,
  finiteOrNull,
  FORMAT,
  leverValueText,
  plainNumber,
  readableDate,
  runStampParts,
  signedPercent,
} from "./format";
import { MUTED_STYLE, SheetBuilder, writeAsOf, writeHeader, writeSection, writeTitle } from "./grid";
import { CHANGED_LEGEND, ragLegend, swatchStyle, VERDICT_LEGEND, writeLegend } from "./legend";
import { AMBER, CHANGED, GREEN, RED, statusText, TAB_COLORS } from "./palette";
import { directionText, goalSetLine, RAG_LABEL, ragStyle } from "./alignmentSheet";
import { sortedActions, verdictStyle, verdictText } from "./actionReview";
import { writeUnestimableLevers } from "./unusable-levers";
import { overallHeadlineNames } from "./headline-names";

const TOP_LEVERS = 3;
const MAX_DIAGNOSTICS = 5;
const COLS = 5; // (section) | Item | Value | Status | Detail

interface Line {
  item: string;
  value?: OutValue;
  valueStyle?: CellStyle;
  status?: string;
  statusStyle?: CellStyle;
  detail?: string;
  detailStyle?: CellStyle;
  /** Headline names for this line's cells (headline-names.ts), given its row. */
  names?: (row: number) => DefinedNameSpec[];
}

export interface OverallStatement {
  label: "Aligned" | "Mostly aligned" | "Misaligned" | "Holding still" | "No assessment";
  style: CellStyle;
  text: string;
}

export function overallStatement(ctx: ReportContext): OverallStatement {
  const c = ragCounts(ctx.results.alignment.map((a) => a.rag));
  const names = (rag: "green" | "red") =>
    ctx.results.alignment
      .filter((a) => a.rag === rag)
      .map((a) => a.lever)
      .join(", ");
  if (c.total === 0)
    return { label: "No assessment", style: MUTED_STYLE, text: "No lever could be assessed." };
  if (c.red === 0 && c.green > 0)
    return {
      label: "Aligned",
      style: swatchStyle(GREEN, true),
      text: `${c.green} of ${c.total} levers move the way the current goals need and none moves against them.`,
    };
  if (c.red === 0)
    return {
      label: "Holding still",
      style: swatchStyle(AMBER, true),
      text: "No lever moved enough to matter for the current goals.",
    };
  if (c.green >= c.red)
    return {
      label: "Mostly aligned",
      style: swatchStyle(AMBER, true),
      text: `${c.green} of ${c.total} levers help the current goals, but ${c.red} move against them: ${names("red")}.`,
    };
  return {
    label: "Misaligned",
    style: swatchStyle(RED, true),
    text: `${c.red} of ${c.total} levers move against the current goals (${names("red")}); ${c.green} help.`,
  };
}

function effectsText(ctx: ReportContext, lever: string): string {
  const effects = (ctx.leverage.get(lever)?.effects ?? [])
    .filter((e) => finiteOrNull(e.changeFor10Pct) !== null)
    .sort((a, b) => Math.abs(b.changeFor10Pct ?? 0) - Math.abs(a.changeFor10Pct ?? 0))
    .slice(0, 3);
  if (effects.length === 0) return "";
  return `Lever +10%: ${effects.map((e) => `${e.metric} ${signedPercent(e.changeFor10Pct)}`).join(", ")}.`;
}

const WANTS: Record<Recommendation, string> = {
  increase: "call for an increase",
  decrease: "call for a decrease",
  hold: "call for holding it",
};

function actionSentence(ctx: ReportContext, a: ActionReview): string {
  const unit = ctx.leverInfo.get(a.lever)?.unit;
  const to = finiteOrNull(a.newValue) === null ? "" : ` to ${leverValueText(a.newValue, unit)}`;
  const verb = a.move === "hold" ? "keep it" : `${a.move} it${to}`;
  const why = a.rationale ? ` ("${a.rationale}")` : "";
  const wants = ctx.leverage.get(a.lever)?.directionCurrent;
  const goals = wants ? `; the current goals ${WANTS[wants]}.` : `. ${a.reason}`;
  return `${a.requestedBy || "Someone"} asked to ${verb}${why}${goals}`;
}

function measuredText(a: ActionReview): string {
  if (a.measured === null) return "no history after this date";
  const parts = a.measured
    .filter((m) => finiteOrNull(m.change) !== null)
    .map((m) => {
      const judged = m.towardsGoal === null ? "" : m.towardsGoal ? " (towards goal)" : " (against goal)";
      return `${m.metric} ${signedPercent(m.change)}${judged}`;
    });
  return parts.length > 0 ? parts.join("; ") : "no measurable change";
}

export function buildSummarySheet(ctx: ReportContext, name: string): SheetSpec {
  const { results } = ctx;
  const { settings } = ctx.options;
  const b = new SheetBuilder();
  writeTitle(b, "Alignment summary");
  writeAsOf(b, 1, ctx.run);
  b.put(2, 0, goalSetLine(ctx), undefined, false);
  const headerRow = 4;
  writeHeader(b, headerRow, 0, ["", "Item", "Value", "Status", "Detail"]);
  let row = headerRow + 1;
  row = writeUnestimableLevers(b, row, results.diagnostics); // first: it qualifies every verdict below

  const section = (title: string, lines: Line[], emptyText: string) => {
    writeSection(b, row, 0, COLS - 1, title);
    row++;
    if (lines.length === 0) {
      b.put(row, 1, emptyText, MUTED_STYLE, false);
      row++;
    }
    for (const l of lines) {
      b.put(row, 1, l.item, { bold: true });
      if (l.value !== undefined) b.put(row, 2, l.value, l.valueStyle);
      if (l.status !== undefined) b.put(row, 3, l.status, { horizontal: "center", ...l.statusStyle });
      if (l.detail !== undefined) b.put(row, 4, l.detail, l.detailStyle);
      if (l.names) b.name(...l.names(row));
      row++;
    }
  };

  // Overall alignment.
  const counts = ragCounts(results.alignment.map((a) => a.rag));
  const leversWith = (rag: "green" | "amber" | "red") =>
    results.alignment
      .filter((a) => a.rag === rag)
      .map((a) => a.lever)
      .join(", ");
  const overall = overallStatement(ctx);
  section(
    "Overall alignment",
    results.alignment.length === 0
      ? []
      : [
          ...(["green", "amber", "red"] as const).map((rag) => ({
            item: `Levers ${RAG_LABEL[rag].toLowerCase()}`,
            value: counts[rag],
            valueStyle: { numberFormat: FORMAT.count, horizontal: "center" as const },
            status: statusText(rag, RAG_LABEL[rag]),
            statusStyle: ragStyle(rag),
            detail: leversWith(rag) || "none",
          })),
          {
            // (green − red) / levers: a balance of levers, not a performance figure, so say so.
            item: "Net share of levers aligned (green − red)",
            value: counts.net,
            valueStyle: { numberFormat: "+0%;-0%;0%", horizontal: "center" as const },
            status: overall.label,
            statusStyle: overall.style,
            detail: overall.text,
            names: (row: number) => overallHeadlineNames(row, { value: 2, status: 3 }),
          },
        ],
    "No lever could be assessed.",
  );

  // Levers to move now.
  const top = [...results.leverage]
    .filter((l) => l.directionCurrent !== "hold" && finiteOrNull(l.current) !== null)
    .sort((a, b) => Math.abs(b.current) - Math.abs(a.current))
    .slice(0, TOP_LEVERS);
  section(
    "Levers to move now (largest goal leverage)",
    top.map((l) => {
      const al = ctx.alignment.get(l.lever);
      const now = al ? `Now ${RAG_LABEL[al.rag].toLowerCase()} (moved ${signedPercent(al.movement)}). ` : "";
      const support = l.supported ? "" : " Not statistically supported: treat with care.";
      return {
        item: l.lever,
        value: l.current,
        valueStyle: { numberFormat: FORMAT.leverage },
        status: directionText(l.directionCurrent, l.boundNote),
        statusStyle: { bold: true },
        detail: `${now}${effectsText(ctx, l.lever)}${support}`.trim(),
      };
    }),
    "No lever has enough goal leverage to recommend a move.",
  );

  // Conflicts.
  const actions = sortedActions(results.actions);
  section(
    "Requests that conflict with the current goals",
    actions
      .filter((a) => a.verdict === "conflict")
      .map((a) => ({
        item: a.lever,
        value: a.date,
        valueStyle: { numberFormat: FORMAT.date },
        status: verdictText("conflict"),
        statusStyle: verdictStyle("conflict"),
        detail: actionSentence(ctx, a),
      })),
    "None: no requested action works against the current goals.",
  );

  // Goal changes.
  const changes = goalChanges(results).filter((c) => c.status !== "Unchanged");
  const changedLevers = results.goalShift.filter((s) => s.changed);
  const describe = (g: { direction: string; weight: number } | null) =>
    g ? `${g.direction.toLowerCase()}, weight ${plainNumber(g.weight)}` : "not a goal";
  const changedStyle = swatchStyle(CHANGED, true);
  const goalLines: Line[] = results.previousGoals
    ? [
        ...changes.map((c) => ({
          item: c.metric,
          value: c.current?.weight ?? null,
          valueStyle: { numberFormat: FORMAT.weight },
          status: statusText("changed", c.status),
          statusStyle: changedStyle,
          detail: `Before: ${describe(c.previous)}. Now: ${describe(c.current)}.`,
        })),
        ...changedLevers.map((s) => ({
          item: s.lever,
          value: finiteOrNull(s.currentLeverage),
          valueStyle: { numberFormat: FORMAT.leverage },
          status: statusText("changed", "Lever direction changed"),
          statusStyle: changedStyle,
          detail: `Under the previous goals: ${s.previousDirection ?? "n/a"}; now: ${s.currentDirection}.`,
        })),
      ]
    : [];
  const since = results.previousGoals
    ? `Goal changes (previous set from ${readableDate(results.previousGoals.effectiveFrom)}, current from ${readableDate(results.currentGoals?.effectiveFrom)})`
    : "Goal changes";
  section(
    since,
    goalLines,
    results.previousGoals ? "The goals did not change." : "Only one goal set so far: nothing has changed.",
  );

  // Action results.
  section(
    "What past actions did (measured)",
    actions.map((a) => ({
      item: a.lever,
      value: a.date,
      valueStyle: { numberFormat: FORMAT.date },
      status: verdictText(a.verdict),
      statusStyle: verdictStyle(a.verdict),
      detail: measuredText(a),
      detailStyle: a.measured === null ? MUTED_STYLE : undefined,
    })),
    "No actions were recorded.",
  );

  // Data checks.
  const diags = results.diagnostics.filter((d) => d.severity !== "info");
  section(
    "Data checks",
    diags.slice(0, MAX_DIAGNOSTICS).map((d) => ({
      item: capitalize(d.severity),
      status: d.sheet ? `${d.sheet}${d.cell ? `!${d.cell}` : ""}` : "",
      detail: d.message,
    })),
    "No problems found in the input sheets.",
  );
  if (diags.length > MAX_DIAGNOSTICS) {
    b.put(row++, 1, `… and ${diags.length - MAX_DIAGNOSTICS} more (see the task pane).`, MUTED_STYLE, false);
  }

  // Run details.
  section(
    "Run details",
    [
      { item: "As of", value: results.asOf, valueStyle: { numberFormat: FORMAT.date } },
      {
        item: "Run time",
        ...(runStampParts(ctx.options.runStamp)
          ? {
              value: runStampParts(ctx.options.runStamp)!.serial,
              valueStyle: { numberFormat: FORMAT.dateTime, horizontal: "left" as const },
              detail: `Local time of the run (${runStampParts(ctx.options.runStamp)!.zone || "zone not given"})`,
            }
          : { detail: ctx.options.runStamp }),
      },
      { item: "Tool version", detail: `rpo-align ${ctx.options.toolVersion}` },
      {
        item: "Settings",
        detail:
          `movement window ${settings.movementWindow} periods; RAG threshold ${settings.ragThreshold}; ` +
          `leverage threshold ${settings.leverageThreshold}; significance level ${settings.significanceLevel}`,
      },
    ],
    "",
  );

  writeLegend(b, row + 1, 1, [...ragLegend(settings), VERDICT_LEGEND[1], CHANGED_LEGEND]);
  b.fixWidth(0, 2); // section titles start here and run across
  b.minWidth(2, 12);
  b.wrapWidth(1, 30);
  b.wrapWidth(3, 20);
  b.wrapWidth(4, 62);
  return b.build({
    name,
    tabColor: TAB_COLORS.summary,
    freeze: { rows: headerRow + 1, cols: 0 },
    print: {
      run: ctx.run,
      titleRows: { first: headerRow, last: headerRow },
      fitToHeight: 1,
      orientation: "portrait",
    },
    active: true,
  });
}
