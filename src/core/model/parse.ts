/**
 * parse(): the user's workbook (as a host read it) → typed Model + diagnostics.
 * The format is described in docs/workbook-format.md; every diagnostic names its sheet and cell.
 */
import { ACTION_COLUMNS, parseActions } from "./actions";
import { serialToIso } from "../dates";
import { Diagnostics, quote, sentence } from "./diagnostics";
import { GOAL_COLUMNS, parseGoals } from "./goals";
import type { ColumnSpec } from "./header";
import { LEVER_COLUMNS, parseLevers } from "./levers";
import { INPUT_KINDS, locateInputs, type InputKind } from "./locate";
import { METRIC_COLUMNS, parseMetrics } from "./metrics";
import { OBSERVATION_COLUMNS, parseObservations } from "./observations";
import { locateScenarios, parseScenarios } from "./scenarios";
import type { RawWorkbook } from "./raw";
import type { GoalSet, Model, ParseResult } from "./types";

export { formatDiagnostic, DIAGNOSTIC_CODES, type DiagnosticCode } from "./diagnostics";
export {
  INPUT_KINDS,
  REQUIRED_INPUT_KINDS,
  inputKindOfSheet,
  inputKindOfTable,
  isInputCandidate,
  type InputKind,
} from "./locate";
export { SCENARIO_COLUMNS } from "./scenarios";
export { serialToIso, parseDateText, serialFromDate, dateFromSerial } from "../dates";

/**
 * The headed columns of each input, in documented order (for templates and messages).
 * Observations also has one column per lever and per metric, headed by its name.
 */
export const INPUT_COLUMNS: Record<InputKind, readonly ColumnSpec[]> = {
  Levers: LEVER_COLUMNS,
  Metrics: METRIC_COLUMNS,
  Goals: GOAL_COLUMNS,
  Observations: OBSERVATION_COLUMNS,
  Actions: ACTION_COLUMNS,
};

/**
 * Largest Observations block parse() accepts, in cells (rows x columns of its sheet's used range or
 * table, header included): 12,000,000, e.g. 600,000 periods of 20 columns. Measured in
 * docs/limits.md: time and memory grow linearly with cells; past this the command would need more
 * than about 2.5 GB and several minutes, and the task pane far more than a browser tab allows.
 */
export const MAX_OBSERVATION_CELLS = 12_000_000;

export interface ParseOptions {
  /** Excel serial date to analyse at; null or absent = the last Period with data. */
  asOf?: number | null;
  /** Refuse a larger Observations block (default MAX_OBSERVATION_CELLS; a setting for tests). */
  maxObservationCells?: number;
}

const thousands = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",");

/** The goal set in force at `asOf`: the one with the latest Effective from on or before it. */
export function goalSetInForce(goalSets: readonly GoalSet[], asOf: number): GoalSet | null {
  let found: GoalSet | null = null;
  for (const set of goalSets) if (set.effectiveFrom <= asOf) found = set;
  return found;
}

export function parse(raw: RawWorkbook, options: ParseOptions = {}): ParseResult {
  const diags = new Diagnostics();
  const expected = Object.fromEntries(
    INPUT_KINDS.map((kind) => [kind, INPUT_COLUMNS[kind].filter((c) => c.required).map((c) => c.header)]),
  ) as Record<InputKind, string[]>;
  const { views } = locateInputs(raw, expected, diags);
  const obs = views.Observations;
  const maxCells = options.maxObservationCells ?? MAX_OBSERVATION_CELLS;
  if (obs && obs.rows * obs.cols > maxCells) {
    // Checked before anything is parsed: the time and memory of a larger analysis are not bounded.
    const periods = Math.floor(maxCells / Math.max(1, obs.cols));
    diags.error(
      "too-large",
      obs.sheet,
      obs.range(0, 0, obs.rows - 1, obs.cols - 1),
      `${sentence(obs.label)} has ${thousands(obs.rows)} rows x ${thousands(obs.cols)} columns ` +
        `(${thousands(obs.rows * obs.cols)} cells); rpo-align analyses at most ${thousands(maxCells)} cells of ` +
        `Observations (${thousands(periods)} periods of ${obs.cols} columns). Keep the periods the analysis needs ` +
        "in this workbook (for example the last few years, or one row per week or month instead of per day) and run again.",
    );
    return { model: null, diagnostics: diags.list };
  }

  const levers = parseLevers(views.Levers, diags);
  const metrics = parseMetrics(views.Metrics, levers.items, diags);
  const goals = parseGoals(
    views.Goals,
    {
      metrics: metrics.items,
      levers: levers.items,
      metricsReadable: metrics.readable && metrics.items.length > 0,
      unsureMetrics: metrics.unsure,
    },
    diags,
  );
  const { observations, excludedLevers } = parseObservations(
    views.Observations,
    {
      levers: levers.items,
      metrics: metrics.items,
      namesReadable: levers.items.length > 0 && metrics.items.length > 0,
    },
    diags,
  );
  const periods = observations?.periods ?? [];
  const history = periods.length > 0 ? { first: periods[0], last: periods[periods.length - 1] } : null;
  const actions = parseActions(
    views.Actions,
    { levers: levers.items, leversReadable: levers.items.length > 0, excludedLevers, history },
    diags,
  );

  const modelLevers = levers.items.filter((l) => !excludedLevers.has(l.name));
  const scenarios = parseScenarios(locateScenarios(raw), modelLevers, diags);
  if (levers.readable && levers.rowCount === 0) {
    diags.error(
      "no-levers",
      views.Levers?.sheet ?? null,
      null,
      "Levers lists no lever; add at least one lever row.",
    );
  } else if (levers.readable && observations && modelLevers.length === 0) {
    diags.error(
      "no-levers",
      observations.sheet,
      null,
      "No lever has values in Observations, so nothing can be analysed; add a column of values per lever.",
    );
  }
  if (metrics.readable && metrics.rowCount === 0) {
    diags.error(
      "no-metrics",
      views.Metrics?.sheet ?? null,
      null,
      "Metrics lists no metric; add at least one metric row.",
    );
  }
  if (goals.readable && goals.rowCount === 0) {
    diags.error(
      "no-goals",
      views.Goals?.sheet ?? null,
      null,
      "Goals lists no goal; add at least one goal row.",
    );
  }
  checkAsOf(options.asOf ?? null, history, goals.items, views.Goals?.sheet ?? null, diags);

  const ok = diags.errorCount === 0 && observations !== null;
  const model: Model | null = ok
    ? {
        levers: modelLevers,
        metrics: metrics.items,
        goalSets: goals.items,
        observations,
        actions: actions.items,
        ...(scenarios.length > 0 ? { scenarios } : {}),
      }
    : null;
  return { model, diagnostics: diags.list };
}

function checkAsOf(
  requested: number | null,
  history: { first: number; last: number } | null,
  goalSets: readonly GoalSet[],
  goalsSheet: string | null,
  diags: Diagnostics,
): void {
  const asOf =
    requested !== null && Number.isFinite(requested) ? Math.floor(requested) : (history?.last ?? null);
  if (asOf === null || goalSets.length === 0) return;
  if (requested !== null && history && (asOf < history.first || asOf > history.last)) {
    diags.info(
      "as-of-outside-history",
      null,
      null,
      `The as-of date ${serialToIso(asOf)} is outside the observed periods (${serialToIso(history.first)} to ` +
        `${serialToIso(history.last)}).`,
    );
  }
  if (goalSetInForce(goalSets, asOf) === null) {
    const earliest = goalSets[0];
    const source = earliest.goals[0].source;
    diags.error(
      "no-goal-set-in-force",
      goalsSheet,
      source.cell,
      `No goal set is in force at ${serialToIso(asOf)}: the earliest Effective from is ` +
        `${serialToIso(earliest.effectiveFrom)} (goal ${quote(earliest.goals[0].goal)}). Add goals effective on or ` +
        `before ${serialToIso(asOf)}, or analyse as of a later date.`,
    );
  }
}
