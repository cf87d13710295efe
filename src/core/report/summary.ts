/**
 * "Summary": the page a delivery manager prints for a quarterly business review. It tells the
 * story in blocks, each under its own header row, so that within a block every column holds one
 * type (a count, a percentage, a date or text) and says what it is:
 *
 *   levers the data cannot estimate (when any) · overall alignment · alignment over time (a line
 *   chart beside its own small table, from the second analysis date on) · the three moves that
 *   matter most, with their effect on the goal score and confidence · requests that conflict with
 *   the goals, with who asked · goal changes · what past actions did · data checks · colour key.
 *
 * Four columns, portrait, one page for engagements up to 12 levers (test/report/summary.test.ts).
 */
import type { ActionReview, Verdict } from "../alignment/types";
import { goalCoefficients } from "../alignment/leverage";
import type { PlanResult } from "../plan/types";
import type { CellStyle, LineChartSpec, OutValue, SheetSpec } from "./spec";
import { overallHeadlineNames } from "./headline-names";
import { goalChanges, ragCounts, type ReportContext } from "./context";
import {
  capitalize,
  finiteOrNull,
  FORMAT,
  leverValueText,
  plainNumber,
  readableDate,
  signedPercent,
} from "./format";
import { HEADER_STYLE, MUTED_STYLE, SheetBuilder, writeAsOf, writeNotes, writeTitle } from "./grid";
import { CHANGED_LEGEND, ragLegend, swatchStyle, VERDICT_LEGEND, writeLegend } from "./legend";
import { AMBER, CHANGED, CHART_BAR, GREEN, RED, statusText, TAB_COLORS } from "./palette";
import { goalSetLine, RAG_LABEL, ragStyle } from "./alignment-sheet";
import { sortedActions, verdictStyle, verdictText } from "./action-review-sheet";
import { whereAllMessagesAre } from "./face";
import { currentHistoryRow, mergeHistory, parseHistory } from "./history";
import { writeUnestimableLevers } from "./unusable-levers";

/** The Summary's columns: what a row is about | a number | a short word | the sentence. */
export const SUMMARY_COL = { label: 0, number: 1, short: 2, text: 3 } as const;
const TOP_MOVES = 3;
const MAX_CONFLICTS = 3;
const MAX_DIAGNOSTICS = 3;
/** Analysis dates the alignment-over-time chart shows at most (the latest). */
export const MAX_HISTORY_POINTS = 8;
/** Rows the alignment-over-time chart is tall (its table sits beside it). */
const CHART_ROWS = 8;
/** Characters a list in the text column may take (about two printed lines) before "and N more". */
const LIST_CHARS = 100;
/** Net share of levers aligned: a signed percentage. */
const NET_FORMAT = "+0%;-0%;0%";

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
      style: swatchStyle(GREEN, { bold: true }),
      text: `${c.green} of ${c.total} levers move the way the current goals need and none moves against them.`,
    };
  if (c.red === 0)
    return {
      label: "Holding still",
      style: swatchStyle(AMBER, { bold: true }),
      text: "No lever moved enough to matter for the current goals.",
    };
  if (c.green >= c.red)
    return {
      label: "Mostly aligned",
      style: swatchStyle(AMBER, { bold: true }),
      text: `${c.green} of ${c.total} levers help the current goals, but ${c.red} move against them: ${names("red")}.`,
    };
  return {
    label: "Misaligned",
    style: swatchStyle(RED, { bold: true }),
    text: `${c.red} of ${c.total} levers move against the current goals (${names("red")}); ${c.green} ${c.green === 1 ? "helps" : "help"}.`,
  };
}

/** One of the moves that matter most: the lever, its move in words, its effect on the goal score. */
export interface KeyMove {
  lever: string;
  /** Predicted change of the goal score from this move alone (first order). */
  effect: number;
  text: string;
}

/**
 * Goal-score weight of each goal metric (alignment/leverage.ts goalCoefficients, the one
 * goal-weighting formula), summed when a metric appears in two goals.
 */
function scoreWeights(
  goals: readonly { metric: string; direction: "Increase" | "Decrease"; weight: number }[],
): Map<string, number> {
  const coef = goalCoefficients(goals);
  const out = new Map<string, number>();
  goals.forEach((g, i) => out.set(g.metric, (out.get(g.metric) ?? 0) + coef[i]));
  return out;
}

/**
 * The moves that matter most. With a plan: its moves, by their share of the plan's goal score
 * (Σ over goal metrics of score weight × the lever's predicted contribution, as the Plan sheet
 * adds them up). Without one: the recommended levers, by the effect of a 10% move their way.
 */
export function keyMoves(ctx: ReportContext, count = TOP_MOVES): { moves: KeyMove[]; fromPlan: boolean } {
  const plan: PlanResult | undefined = ctx.results.plan;
  if (plan && plan.status === "optimal") {
    const weights = scoreWeights(plan.scenarios[0]?.metrics ?? []);
    const moves = plan.levers
      .filter((l) => l.change !== null && Math.abs(l.change) > 1e-12)
      .map((l) => {
        const effect = l.contributions.reduce((s, c) => s + (weights.get(c.metric) ?? 0) * c.change, 0);
        const verb = (l.change ?? 0) > 0 ? "Increase" : "Decrease";
        const text =
          `${verb} from ${leverValueText(l.current, l.unit)} to ${leverValueText(l.planned, l.unit)}` +
          ` (${signedPercent(l.relativeChange)}), as the Plan sheet proposes.`;
        return { lever: l.lever, effect, text: text + supportText(ctx, l.lever) };
      })
      .filter((m) => Number.isFinite(m.effect))
      .sort((a, b) => Math.abs(b.effect) - Math.abs(a.effect))
      .slice(0, count);
    return { moves, fromPlan: true };
  }
  const weights = scoreWeights(ctx.results.currentGoals?.goals ?? []);
  const moves = ctx.results.leverage
    .filter((l) => l.directionCurrent !== "hold")
    .map((l) => {
      const sign = l.directionCurrent === "increase" ? 1 : -1;
      const effects = l.effects.filter((e) => finiteOrNull(e.changeFor10Pct) !== null);
      const effect =
        sign * effects.reduce((s, e) => s + (weights.get(e.metric) ?? 0) * (e.changeFor10Pct ?? 0), 0);
      const largest = [...effects]
        .sort((a, b) => Math.abs(b.changeFor10Pct ?? 0) - Math.abs(a.changeFor10Pct ?? 0))
        .slice(0, 2)
        .map((e) => `${e.metric} ${signedPercent(sign * (e.changeFor10Pct ?? 0))}`);
      const text =
        `${capitalize(l.directionCurrent)} it by 10%` +
        (largest.length > 0 ? `: ${largest.join(", ")}.` : ".");
      return { lever: l.lever, effect, text: text + supportText(ctx, l.lever) };
    })
    .filter((m) => Number.isFinite(m.effect))
    .sort((a, b) => Math.abs(b.effect) - Math.abs(a.effect))
    .slice(0, count);
  return { moves, fromPlan: false };
}

function supportText(ctx: ReportContext, lever: string): string {
  const al = ctx.alignment.get(lever);
  const now = al ? ` Now ${RAG_LABEL[al.rag].toLowerCase()} (moved ${signedPercent(al.movement)}).` : "";
  const supported = ctx.leverage.get(lever)?.supported ?? true;
  return now + (supported ? "" : " Not statistically supported.");
}

/** Items joined with `separator` until `max` characters, then "and N more (where)". */
export function listWithin(names: string[], max: number, where: string, separator = ", "): string {
  let text = "";
  for (let i = 0; i < names.length; i++) {
    const next = text === "" ? names[i] : `${text}${separator}${names[i]}`;
    if (next.length > max && i > 0) return `${text}${separator}and ${names.length - i} more (${where})`;
    text = next;
  }
  return text;
}

const WANTS: Record<string, string> = {
  increase: "call for an increase",
  decrease: "call for a decrease",
  hold: "call for holding it",
};

/** What was asked and what the goals call for (the requester has a column of their own). */
function conflictText(ctx: ReportContext, a: ActionReview): string {
  const unit = ctx.leverInfo.get(a.lever)?.unit;
  const to = finiteOrNull(a.newValue) === null ? "" : ` to ${leverValueText(a.newValue, unit)}`;
  const verb = a.move === "hold" ? "Keep it" : `${capitalize(a.move)} it${to}`;
  const why = a.rationale ? ` ("${a.rationale}")` : "";
  const wants = ctx.leverage.get(a.lever)?.directionCurrent;
  return `${verb}${why}; ${wants ? `the current goals ${WANTS[wants]}.` : a.reason}`;
}

export function buildSummarySheet(ctx: ReportContext, name: string): SheetSpec {
  const { results } = ctx;
  const { settings } = ctx.options;
  const C = SUMMARY_COL;
  const b = new SheetBuilder();
  writeTitle(b, "Alignment summary");
  writeAsOf(b, 1, ctx.run);
  const afterGoals = writeNotes(b, 2, 0, [goalSetLine(ctx)]);
  // First: the levers the data cannot estimate qualify every verdict below.
  const rows = new SummaryRows(b, writeUnestimableLevers(b, afterGoals + 1, results.diagnostics));
  writeOverallAlignment(rows, ctx);
  const charts = writeAlignmentOverTime(rows, ctx);
  writeKeyMoves(rows, ctx);
  const actions = sortedActions(results.actions);
  writeConflicts(rows, ctx, actions);
  writeGoalChanges(rows, ctx);
  writePastActions(rows, actions);
  writeDataChecks(rows, ctx);

  const legendRow = writeNotes(b, rows.row + 1, 0, [
    "Goal score effect: the predicted change of the goal score (Σ weight × direction × change ÷ Σ weight, as on the Plan sheet) from that move alone. Confidence: as on the Alignment sheet.",
  ]);
  writeLegend(b, legendRow, 0, [...ragLegend(settings), VERDICT_LEGEND[1], CHANGED_LEGEND]);

  // Widths: portrait, one page wide at 85% or more; the wide text column saves wrapped lines,
  // and so height, which the one-page fit shares (test/report/summary.test.ts).
  b.wrapWidth(C.label, 24);
  b.wrapWidth(C.number, 12);
  b.wrapWidth(C.short, 16);
  b.wrapWidth(C.text, 60);
  return b.build({
    name,
    tabColor: TAB_COLORS.summary,
    charts,
    print: { run: ctx.run, fitToHeight: 1, orientation: "portrait" },
    active: true,
  });
}

/** Writes the Summary's blocks one row after another: each a header row, then lines in its four columns. */
class SummaryRows {
  constructor(
    readonly b: SheetBuilder,
    /** The next row to write. */
    public row: number,
  ) {}

  /** A block's header row: its title over the label column, then what each column holds. */
  header(title: string, number: string, short: string, text: string): void {
    this.b.putRow(this.row, 0, [title, number, short, text], { ...HEADER_STYLE, wrap: true });
    this.row++;
  }

  /** One line: its label, then the cells of the number, short and text columns (blank cells skipped). */
  line(label: OutValue, labelStyle: CellStyle | undefined, cells: [OutValue, CellStyle?][]): void {
    const C = SUMMARY_COL;
    this.b.put(this.row, C.label, label, labelStyle);
    cells.forEach(([v, s], k) => {
      // Text starts at the left edge of its column; numbers beside it are centred (a visible gap).
      if (v !== null && v !== "") this.b.put(this.row, C.number + k, v, s ?? { horizontal: "left" });
    });
    this.row++;
  }

  /** A grey line saying why a block is empty or shortened. */
  muted(text: string): void {
    this.b.putOverflowing(this.row++, SUMMARY_COL.label, text, MUTED_STYLE);
  }
}

/** Overall alignment: one row per colour, then the overall verdict. */
function writeOverallAlignment(rows: SummaryRows, ctx: ReportContext): void {
  const { results } = ctx;
  const counts = ragCounts(results.alignment.map((a) => a.rag));
  rows.header("Overall alignment", "Levers", "Share of levers", "Which levers");
  if (counts.total === 0) {
    rows.muted("No lever could be assessed.");
    return;
  }
  for (const rag of ["green", "amber", "red"] as const) {
    const names = results.alignment.filter((a) => a.rag === rag).map((a) => a.lever);
    rows.line(statusText(rag, RAG_LABEL[rag]), { ...ragStyle(rag), bold: true, horizontal: "center" }, [
      [counts[rag], { numberFormat: FORMAT.count, horizontal: "center" }],
      [counts[rag] / counts.total, { numberFormat: "0%", horizontal: "center" }],
      [names.join(", ") || "none"],
    ]);
  }
  const overall = overallStatement(ctx);
  // Finance partners reference these two cells by name (headline-names.ts).
  rows.b.name(
    ...overallHeadlineNames(rows.row, { value: SUMMARY_COL.number + 1, status: SUMMARY_COL.label }),
  );
  rows.line(overall.label, { ...overall.style, horizontal: "center" }, [
    [counts.total, { numberFormat: FORMAT.count, horizontal: "center", bold: true }],
    [counts.net, { numberFormat: NET_FORMAT, horizontal: "center", bold: true }],
    [
      `Net share aligned = (green − red) ÷ levers: ${counts.green} ${counts.green === 1 ? "helps" : "help"} ` +
        `the current goals, ${counts.red} ${counts.red === 1 ? "works" : "work"} against them.`,
    ],
  ]);
}

/**
 * Alignment over time: the history's net share by analysis date, a line chart beside it (from the
 * second analysis date on). Returns the chart (none before the second date).
 */
function writeAlignmentOverTime(rows: SummaryRows, ctx: ReportContext): LineChartSpec[] {
  const { results } = ctx;
  const C = SUMMARY_COL;
  const history = mergeHistory(
    parseHistory(ctx.options.history).rows,
    currentHistoryRow(results, ctx.options.runStamp),
  ).filter((h) => h.overall !== null);
  if (history.length < 2) {
    rows.header("Alignment over time", "", "", "");
    rows.muted(
      `One analysis date so far (${readableDate(results.asOf)}): the chart of alignment over time starts with the second.`,
    );
    return [];
  }
  const shown = history.slice(-MAX_HISTORY_POINTS);
  rows.header("Alignment over time: as of", "Net share aligned", "", "");
  const first = rows.row;
  for (const h of shown)
    rows.line(h.asOf, { numberFormat: FORMAT.date, horizontal: "left" }, [
      [h.overall, { numberFormat: NET_FORMAT, horizontal: "center" }],
    ]);
  const last = rows.row - 1;
  // The chart is taller than a short table: the next block starts below it.
  rows.row = Math.max(rows.row, first + Math.max(CHART_ROWS, shown.length));
  return [
    {
      kind: "line",
      title:
        history.length > shown.length
          ? `Net share of levers aligned, last ${shown.length} analysis dates`
          : "Net share of levers aligned, by analysis date",
      categories: { row: first, col: C.label, rowEnd: last, colEnd: C.label },
      categoryFormat: "mmm yyyy",
      series: [
        {
          name: "Net share aligned",
          values: { row: first, col: C.number, rowEnd: last, colEnd: C.number },
          color: CHART_BAR,
        },
      ],
      valueAxis: { numberFormat: "0%", min: -1, max: 1 },
      // Beside its table, in cells kept empty for it: it never covers text.
      anchor: { row: first, col: C.short, widthCols: 2, heightRows: Math.max(CHART_ROWS, shown.length) },
    },
  ];
}

/** The moves that matter most, with their effect on the goal score and confidence. */
function writeKeyMoves(rows: SummaryRows, ctx: ReportContext): void {
  const { moves, fromPlan } = keyMoves(ctx);
  rows.header(
    fromPlan ? "Moves that matter most (the plan's)" : "Moves that matter most (10% each)",
    "Goal score effect",
    "Confidence",
    "The move",
  );
  if (moves.length === 0) rows.muted("No lever has enough goal leverage to recommend a move.");
  for (const m of moves) {
    const confidence = ctx.alignment.get(m.lever)?.confidence;
    rows.line(m.lever, { bold: true }, [
      [m.effect, { numberFormat: "+0.0%;-0.0%;0.0%", horizontal: "center", bold: true }],
      [
        confidence ? capitalize(confidence) : "n/a",
        { horizontal: "center", ...(confidence ? {} : MUTED_STYLE) },
      ],
      [m.text],
    ]);
  }
}

/** Requests that conflict with the current goals, with who asked (the latest first). */
function writeConflicts(rows: SummaryRows, ctx: ReportContext, actions: ActionReview[]): void {
  const conflicts = actions.filter((a) => a.verdict === "conflict").reverse();
  rows.header("Requests in conflict", "Date", "Asked by", "What was asked, and what the goals call for");
  if (conflicts.length === 0) rows.muted("None: no requested action works against the current goals.");
  for (const a of conflicts.slice(0, MAX_CONFLICTS)) {
    rows.line(a.lever, { bold: true }, [
      [a.date, { numberFormat: FORMAT.date, horizontal: "center" }],
      [
        a.requestedBy || "not recorded",
        a.requestedBy ? { horizontal: "center" } : { ...MUTED_STYLE, horizontal: "center" },
      ],
      [conflictText(ctx, a)],
    ]);
  }
  if (conflicts.length > MAX_CONFLICTS)
    rows.muted(`… and ${conflicts.length - MAX_CONFLICTS} earlier (Action Review lists every request).`);
}

/** Goal changes since the previous goal set, and the levers whose wanted direction changed with them. */
function writeGoalChanges(rows: SummaryRows, ctx: ReportContext): void {
  const { results } = ctx;
  const changes = goalChanges(results).filter((c) => c.status !== "Unchanged");
  const changedLevers = results.goalShift.filter((s) => s.changed);
  const describe = (g: { direction: string; weight: number } | null) =>
    g ? `${g.direction.toLowerCase()}, weight ${plainNumber(g.weight)}` : "not a goal";
  const changedStyle: CellStyle = { ...swatchStyle(CHANGED, { bold: true }), horizontal: "center" };
  rows.header("Goal changes", "Weight now", "Change", "Before → now");
  if (!results.previousGoals) rows.muted("Only one goal set so far: nothing has changed.");
  else if (changes.length === 0 && changedLevers.length === 0) rows.muted("The goals did not change.");
  for (const c of changes)
    rows.line(c.metric, { bold: true }, [
      [c.current?.weight ?? null, { numberFormat: FORMAT.weight, horizontal: "center" }],
      [statusText("changed", c.status), changedStyle],
      [`${describe(c.previous)} → ${describe(c.current)}`],
    ]);
  if (changedLevers.length > 0)
    rows.line("Levers", { bold: true }, [
      [null],
      [statusText("changed", "Direction changed"), changedStyle],
      [
        listWithin(
          changedLevers.map((s) => `${s.lever}: ${s.previousDirection ?? "n/a"} → ${s.currentDirection}`),
          LIST_CHARS,
          "Goal Shift",
          "; ",
        ),
      ],
    ]);
}

/** What past actions did: counts by verdict (Action Review has each one's measured change). */
function writePastActions(rows: SummaryRows, actions: ActionReview[]): void {
  rows.header("Past actions", "Actions", "", "Levers (Action Review shows what each did)");
  if (actions.length === 0) rows.muted("No actions were recorded.");
  for (const v of ["aligned", "conflict", "neutral"] as Verdict[]) {
    const these = actions.filter((a) => a.verdict === v);
    if (these.length === 0) continue;
    rows.line(verdictText(v), { ...verdictStyle(v), horizontal: "center" }, [
      [these.length, { numberFormat: FORMAT.count, horizontal: "center" }],
      [null],
      [listWithin([...new Set(these.map((a) => a.lever))], LIST_CHARS, "Action Review")],
    ]);
  }
}

/** Data checks: the first warnings and errors, and where to read the rest. */
function writeDataChecks(rows: SummaryRows, ctx: ReportContext): void {
  const diags = ctx.results.diagnostics.filter((d) => d.severity !== "info");
  rows.header("Data checks", "", "Where", "Message");
  if (diags.length === 0) rows.muted("No problems found in the input sheets.");
  for (const d of diags.slice(0, MAX_DIAGNOSTICS))
    rows.line(capitalize(d.severity), { bold: true }, [
      [null],
      [d.sheet ? `${d.sheet}${d.cell ? `!${d.cell}` : ""}` : "", { horizontal: "center" }],
      [d.message],
    ]);
  if (diags.length > MAX_DIAGNOSTICS)
    rows.muted(`… and ${diags.length - MAX_DIAGNOSTICS} more (${whereAllMessagesAre(ctx.options.face)}).`);
}
