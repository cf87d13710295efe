/**
 * Writing our output sheets through Office.js, so that re-analysing keeps every reference a user
 * built on them (a formula `=Alignment!B5`, a chart on our data, a defined name):
 *   sync 1  read: sheet names, ids, visibility, sheet-scoped names (our marker, run stamps),
 *           the workbook's names, and whether the workbook is protected;
 *   setup   one small sync: this run's hidden temporary sheets `~rpo-tmp-<run>-<n>` (marker and run
 *           stamp on each), the removal of stale temporary sheets of interrupted runs, the
 *           1904-date-system probe `=DATE(1904,1,1)`, the names of our charts on the sheets to update;
 *   build   every output drawn on its temporary sheet, in syncs under the byte budget (batches.ts);
 *   check   the sheet list again, so what a co-author did meanwhile is taken into account;
 *   commit  as few syncs as the budget allows (one for an ordinary report), each sheet within one:
 *           a sheet we already own is updated IN PLACE (cleared, the temporary sheet's cells copied
 *           in with range.copyFrom, widths, panes, tab colour and charts redrawn, run stamp set) and
 *           its temporary sheet deleted; a new output is its temporary sheet, shown and renamed.
 *           Then the headline defined names are pointed at their cells.
 * Owned sheets are never deleted, so nothing pointing at them turns into #REF!. A failure while
 * building removes this run's temporary sheets and leaves every output as it was; a failure in the
 * commit leaves a mix of this run's and the previous run's sheets, which the next run detects (run
 * stamps differ) and repairs by rewriting them all. docs/excel-host.md describes the windows.
 */
import { columnLetters, quotedSheetName } from "../../core/model/address";
import { planOutputNames, type OutputNamePlan } from "../../core/report/names";
import { RETIRED_NAME_FORMULA, retiredHeadlineNames } from "../../core/report/headline-names";
import { OUTPUT_MARKER_NAME, OUTPUT_MARKER_VALUE, type SheetSpec } from "../../core/report/spec";
import type { HostProgress, WriteOutcome } from "../host";
import { runBatches, yieldToEventLoop, type WriteOp } from "./batches";
import { ExcelWriteError, PROTECTED_MESSAGE, UNSUPPORTED_MESSAGE, writeFailure } from "./errors";
import { PAYLOAD_BUDGET_BYTES, REQUEST_BYTES } from "./payload";
import { TEMP_SHEET_PREFIX } from "./read";
import { excelApiSupported, REQUIRED_EXCEL_API } from "./run";
import { cellOps, CHART_NAME_PREFIX, sheetOps } from "./render";
import { applyPageLayout } from "./page-layout";

export interface WriteOptions {
  signal?: AbortSignal;
  onProgress?: (p: HostProgress) => void;
  /** Bytes one sync may send (tests lower it). */
  budget?: number;
  /** This run's id (default: newRunId()). */
  runId?: string;
  /** The clock, for the age of other runs' temporary sheets (tests). */
  now?: () => number;
}

/** Sheet-scoped hidden name on every output sheet: `="<run id>"` of the run that wrote it. */
export const RUN_STAMP_NAME = "RpoAlign_Run";
/**
 * Another run's temporary sheets are removed once they are this old: a run that started more
 * than an hour ago and has not finished was interrupted (closed tab, lost connection). Younger
 * ones may belong to a co-author's analysis in progress and are left alone.
 */
export const STALE_TEMP_MS = 60 * 60 * 1000;

/** A run id: its start time (base 36, so temporary sheets tell their age) and 4 random characters. */
export function newRunId(now = Date.now(), random: () => number = Math.random): string {
  const tail = Array.from({ length: 4 }, () => Math.floor(random() * 36).toString(36)).join("");
  return `${now.toString(36)}-${tail}`;
}

/** The temporary sheet of output `k` (0-based) of run `runId`: at most 31 characters. */
export function tempSheetName(runId: string, k: number): string {
  return `${TEMP_SHEET_PREFIX}${runId}-${k + 1}`;
}

/** The run and start time of a temporary sheet, or null for a name of another form (an older version's). */
export function tempSheetRun(name: string): { runId: string; started: number } | null {
  const m = /^~rpo-tmp-([0-9a-z]+)-([0-9a-z]+)-\d+$/.exec(name);
  if (!m) return null;
  const started = parseInt(m[1], 36);
  return Number.isFinite(started) ? { runId: `${m[1]}-${m[2]}`, started } : null;
}

/** The run id in a stamp's formula `="…"`, or null. */
export function stampRunId(formula: unknown): string | null {
  const m = typeof formula === "string" ? /^="([^"]*)"$/.exec(formula.trim()) : null;
  return m ? m[1] : null;
}

/** Why Excel would refuse a worksheet name, or null when it is acceptable. */
export function sheetNameProblem(name: string): string | null {
  if (name.length === 0) return "is empty";
  if (name.length > 31) return "is longer than 31 characters";
  if (/[[\]:*?/\\]/.test(name)) return "contains one of [ ] : * ? / \\";
  if (name.startsWith("'") || name.endsWith("'")) return "starts or ends with an apostrophe";
  if (name.toLowerCase() === "history") return 'is "History", which Excel reserves';
  return null;
}

interface SheetState {
  name: string;
  id: string;
  marked: boolean;
  /** Run id of the run that wrote it (null: none, e.g. written by an older version). */
  stamp: string | null;
  hasStamp: boolean;
}

const SHEET_PATHS = "items/name,items/id,items/names/items/name,items/names/items/formula";

function sheetStates(worksheets: Excel.WorksheetCollection): SheetState[] {
  const marker = OUTPUT_MARKER_NAME.toLowerCase();
  const stampName = RUN_STAMP_NAME.toLowerCase();
  return worksheets.items.map((s) => {
    const stamp = s.names.items.find((n) => n.name.toLowerCase() === stampName);
    return {
      name: s.name,
      id: s.id,
      marked: s.names.items.some((n) => n.name.toLowerCase() === marker),
      stamp: stamp ? stampRunId(stamp.formula) : null,
      hasStamp: stamp !== undefined,
    };
  });
}

const isTemp = (name: string) => name.startsWith(TEMP_SHEET_PREFIX);

function planNames(specs: SheetSpec[], names: string[], ours: string[]): OutputNamePlan[] {
  let plans: OutputNamePlan[];
  try {
    plans = planOutputNames(
      specs.map((s) => s.name),
      names,
      ours,
    );
  } catch (error) {
    throw new ExcelWriteError("names", (error as Error).message, error);
  }
  const seen = new Set<string>();
  for (const p of plans) {
    const problem = sheetNameProblem(p.target);
    if (problem)
      throw new ExcelWriteError("names", `Cannot write a sheet named "${p.target}": the name ${problem}.`);
    if (seen.has(p.target.toLowerCase())) {
      throw new ExcelWriteError("names", `Two output sheets are both named "${p.target}".`);
    }
    seen.add(p.target.toLowerCase());
  }
  return plans;
}

/** The cell extent of a spec (rows x cols from A1) that its values, styles and rules cover. */
export function specExtent(spec: SheetSpec): { rows: number; cols: number } {
  let rows = spec.values.length;
  let cols = spec.values.reduce((max, row) => Math.max(max, row.length), 0);
  for (const r of [...spec.styles.map((s) => s.range), ...spec.conditionalFormats.map((c) => c.range)]) {
    rows = Math.max(rows, r.rowEnd + 1);
    cols = Math.max(cols, r.colEnd + 1);
  }
  return { rows, cols };
}

interface Target {
  spec: SheetSpec;
  plan: OutputNamePlan;
  tmpName: string;
  tmp: Excel.Worksheet | null;
  tmpId: string | null;
}

/** Loads the sheet list (SHEET_PATHS) in one sync. */
async function loadSheets(context: Excel.RequestContext, step: string): Promise<SheetState[]> {
  const worksheets = context.workbook.worksheets;
  worksheets.load(SHEET_PATHS);
  try {
    await context.sync();
  } catch (error) {
    throw writeFailure(error, step);
  }
  return sheetStates(worksheets);
}

export async function writeOutputs(
  context: Excel.RequestContext,
  specs: SheetSpec[],
  options: WriteOptions = {},
): Promise<WriteOutcome> {
  const budget = options.budget ?? PAYLOAD_BUDGET_BYTES;
  const now = options.now ?? Date.now;
  const runId = options.runId ?? newRunId(now());
  const progress = (fraction: number) =>
    options.onProgress?.({ step: "writing", fraction: Math.min(1, Math.max(0, fraction)) });
  options.signal?.throwIfAborted();
  if (!excelApiSupported(REQUIRED_EXCEL_API)) throw new ExcelWriteError("unsupported", UNSUPPORTED_MESSAGE);
  progress(0);
  const notes: string[] = [];

  // Sync 1: what is there, what is ours, may we change it.
  const worksheets = context.workbook.worksheets;
  worksheets.load(SHEET_PATHS);
  const protection = context.workbook.protection;
  protection.load("protected");
  const workbookNames = context.workbook.names;
  workbookNames.load("items/name,items/formula");
  try {
    await context.sync();
  } catch (error) {
    throw writeFailure(error, "reading the workbook's sheets");
  }
  if (protection.protected) throw new ExcelWriteError("protected", PROTECTED_MESSAGE);
  let existing = sheetStates(worksheets);
  const namesBefore = workbookNames.items.map((n) => ({ name: n.name, formula: String(n.formula ?? "") }));
  const definedNames = new Set(namesBefore.map((n) => n.name.toLowerCase()));
  const temps = existing.filter((s) => s.marked && isTemp(s.name));
  const stale = temps.filter((s) => {
    const run = tempSheetRun(s.name);
    return run === null || run.started < now() - STALE_TEMP_MS;
  });
  const plansAt = (state: SheetState[]) =>
    planNames(
      specs,
      state.map((s) => s.name),
      state.filter((s) => s.marked && !isTemp(s.name)).map((s) => s.name),
    );
  let plans = plansAt(existing);
  const stampsBefore = new Map(existing.map((s) => [s.id, s.stamp]));
  const replaced = plans.flatMap((p) => (p.replaces ? existing.filter((s) => s.name === p.target) : []));
  const runs = new Set(replaced.map((s) => s.stamp));
  if (runs.size > 1 && replaced.some((s) => s.stamp !== null)) {
    notes.push(
      "The previous update of the result sheets did not finish (they came from different runs); " +
        "this run rewrote them all.",
    );
  }

  const targets: Target[] = specs.map((spec, k) => ({
    spec,
    plan: plans[k],
    tmpName: tempSheetName(runId, k),
    tmp: null,
    tmpId: null,
  }));
  const ourTemps = () => targets.map((t) => t.tmpName);

  // Setup: this run's temporary sheets, stale leftovers removed, the date-system probe.
  let probe: Excel.Range | null = null;
  const chartLists = new Map<string, Excel.ChartCollection>();
  try {
    for (const s of stale) worksheets.getItem(s.id).delete();
    for (const t of targets) {
      const sheet = worksheets.add(t.tmpName);
      sheet.visibility = "Hidden";
      sheet.names.add(OUTPUT_MARKER_NAME, `=${OUTPUT_MARKER_VALUE}`).visible = false;
      sheet.names.add(RUN_STAMP_NAME, `="${runId}"`).visible = false;
      sheet.load("id");
      t.tmp = sheet;
    }
    if (targets.length > 0) {
      const cell = targets[0].tmp!.getRange("A1");
      cell.formulas = [["=DATE(1904,1,1)"]];
      probe = targets[0].tmp!.getRange("A1").load("values");
    }
    for (const s of replaced) {
      const charts = worksheets.getItem(s.id).charts;
      charts.load("items/name");
      chartLists.set(s.id, charts);
    }
    await context.sync();
  } catch (error) {
    const leftovers = await removeSheets(context, ourTemps());
    throw writeFailure(error, "preparing the result sheets", leftovers);
  }
  targets.forEach((t) => (t.tmpId = t.tmp!.id));
  const date1904 = probe !== null && probe.values[0]?.[0] === 0;
  progress(0.05);

  // Build: every output on its temporary sheet; new outputs get their sheet-level parts too.
  const ops: WriteOp[] = [];
  if (targets.length > 0) {
    ops.push({ bytes: REQUEST_BYTES.styleFirst, apply: () => targets[0].tmp!.getRange("A1").clear() });
  }
  for (const t of targets) {
    ops.push(...cellOps(() => t.tmp!, t.spec, { budget, date1904 }));
    if (!t.plan.replaces) ops.push(...sheetOps(() => t.tmp!, t.spec));
  }
  // Check (with the last build sync): a co-author may have added, removed or rewritten output
  // sheets meanwhile.
  const check = context.workbook.worksheets;
  let checked = false;
  try {
    await runBatches(context, ops, {
      budget,
      signal: options.signal,
      before: () => context.application.suspendApiCalculationUntilNextSync(),
      last: () => {
        check.load(SHEET_PATHS);
        checked = true;
      },
      onSynced: (done, total) => progress(0.05 + (0.8 * done) / total),
    });
    options.signal?.throwIfAborted();
    existing = checked ? sheetStates(check) : await loadSheets(context, "checking the workbook's sheets");
    plans = plansAt(existing.filter((s) => !ourTemps().includes(s.name)));
  } catch (error) {
    const leftovers = await removeSheets(context, ourTemps());
    throw writeFailure(error, "building the result sheets", leftovers);
  }
  const overtaken = existing.filter(
    (s) => s.marked && !isTemp(s.name) && s.stamp !== null && s.stamp !== stampsBefore.get(s.id),
  );
  if (overtaken.length > 0) {
    notes.push(
      `A co-author's analysis updated the result sheets while yours was running (${overtaken
        .map((s) => `"${s.name}"`)
        .join(", ")}); your results have now replaced theirs in every result sheet.`,
    );
  }
  const ids = new Map(existing.map((s) => [s.name.toLowerCase(), s.id]));

  // Commit: each sheet within one sync; as few syncs as the budget allows.
  const commit: WriteOp[] = [];
  targets.forEach((t, k) => {
    t.plan = plans[k];
    const ownedId = t.plan.replaces ? (ids.get(t.plan.target.toLowerCase()) ?? null) : null;
    const parts = ownedId
      ? inPlaceOps(context, t, ownedId, runId, chartLists.get(ownedId) ?? null, existing)
      : [
          {
            bytes: 3 * REQUEST_BYTES.action,
            apply: () => {
              t.tmp!.visibility = "Visible";
              t.tmp!.name = t.plan.target;
            },
          },
          { bytes: PAGE_LAYOUT_BYTES, apply: () => applyPageLayout(t.tmp!, t.spec) },
        ];
    commit.push({
      bytes: parts.reduce((n, p) => n + p.bytes, 0),
      apply: (attempt) => parts.forEach((p) => p.apply(attempt)),
    });
  });
  const declared: string[] = [];
  for (const t of targets) {
    for (const n of t.spec.names ?? []) {
      if (declared.some((d) => d.toLowerCase() === n.name.toLowerCase())) continue; // first one wins
      declared.push(n.name);
      const formula = `=${quotedSheetName(t.plan.target)}!$${columnLetters(n.col)}$${n.row + 1}`;
      const known = definedNames.has(n.name.toLowerCase());
      commit.push({
        bytes: REQUEST_BYTES.action + formula.length + (n.comment?.length ?? 0),
        apply: () => {
          if (known) context.workbook.names.getItem(n.name).formula = formula;
          else context.workbook.names.add(n.name, formula, n.comment);
        },
      });
      definedNames.add(n.name.toLowerCase());
    }
  }
  // Headline names no spec declares any more (a lever gone, no plan this time) show #N/A.
  const ourSheets = [
    ...existing.filter((s) => s.marked && !isTemp(s.name)).map((s) => s.name),
    ...targets.map((t) => t.plan.target),
  ];
  for (const name of retiredHeadlineNames(namesBefore, declared, ourSheets)) {
    commit.push({
      bytes: REQUEST_BYTES.action,
      apply: () => void (context.workbook.names.getItem(name).formula = `=${RETIRED_NAME_FORMULA}`),
    });
  }
  // The workbook opens on the sheet the report marks active (the Summary).
  const active = targets.find((t) => t.spec.active);
  if (active) {
    commit.push({
      bytes: REQUEST_BYTES.action,
      apply: () => context.workbook.worksheets.getItem(active.plan.target).activate(),
    });
  }
  let committed = 0;
  try {
    options.signal?.throwIfAborted();
    await runBatches(context, commit, {
      budget,
      onSynced: (done, total) => {
        committed = done;
        progress(0.85 + (0.15 * done) / total);
      },
    });
  } catch (error) {
    const leftovers = await removeSheets(context, ourTemps());
    throw writeFailure(error, "updating the result sheets", leftovers, committed > 0 || isPartial(error));
  }
  await yieldToEventLoop();
  progress(1);
  for (const p of plans) if (p.note) notes.push(p.note);
  return { written: plans.map((p) => p.target), notes, runId };
}

/** A failure inside a commit sync: Excel kept the actions before the failing one. */
/** Page setup: a dozen properties, print titles and area, six header/footer texts (measured per call). */
const PAGE_LAYOUT_BYTES = 24 * REQUEST_BYTES.action;

function isPartial(error: unknown): boolean {
  return !(error instanceof ExcelWriteError) && (error as { name?: string })?.name !== "AbortError";
}

const MAX_ROWS = 1_048_576;
const MAX_COLS = 16_384;

/**
 * Updating our sheet `ownedId` in place from `t`'s temporary sheet, in this order so that a
 * failure part-way leaves as much as possible consistent: the temporary sheet's cells copied over
 * the extent (range.copyFrom "All" replaces values, formats and colour scales there), everything
 * outside the extent cleared, our old charts removed, panes reset, widths, panes, tab colour and
 * charts drawn, the run stamp set, the temporary sheet deleted. One group: it goes into one sync.
 */
function inPlaceOps(
  context: Excel.RequestContext,
  t: Target,
  ownedId: string,
  runId: string,
  charts: Excel.ChartCollection | null,
  state: SheetState[],
): WriteOp[] {
  const worksheets = context.workbook.worksheets;
  let owned: { attempt: number; sheet: Excel.Worksheet } | null = null;
  let current = 0;
  const sheet = () => {
    if (!owned || owned.attempt !== current) owned = { attempt: current, sheet: worksheets.getItem(ownedId) };
    return owned.sheet;
  };
  const ourCharts = (charts?.items ?? []).map((c) => c.name).filter((n) => n.startsWith(CHART_NAME_PREFIX));
  const { rows, cols } = specExtent(t.spec);
  const hadStamp = state.find((s) => s.id === ownedId)?.hasStamp ?? false;
  const clearOutside = (s: Excel.Worksheet) => {
    const parts: [number, number, number, number][] = [];
    if (rows < MAX_ROWS) parts.push([rows, 0, MAX_ROWS - rows, MAX_COLS]);
    if (rows > 0 && cols < MAX_COLS) parts.push([0, cols, rows, MAX_COLS - cols]);
    for (const [r, c, h, w] of parts) {
      const range = s.getRangeByIndexes(r, c, h, w);
      range.conditionalFormats.clearAll();
      range.clear("All");
    }
  };
  return [
    {
      bytes: REQUEST_BYTES.copy + 4 * REQUEST_BYTES.styleFirst + ourCharts.length * REQUEST_BYTES.action,
      apply: (attempt) => {
        current = attempt;
        const s = sheet();
        if (rows > 0 && cols > 0) {
          s.getRangeByIndexes(0, 0, rows, cols).copyFrom(t.tmp!.getRangeByIndexes(0, 0, rows, cols), "All");
        }
        clearOutside(s);
        for (const name of ourCharts) s.charts.getItem(name).delete();
        s.freezePanes.unfreeze();
      },
    },
    ...sheetOps(sheet, t.spec),
    { bytes: PAGE_LAYOUT_BYTES, apply: () => applyPageLayout(sheet(), t.spec) },
    {
      bytes: 3 * REQUEST_BYTES.action,
      apply: () => {
        const s = sheet();
        if (hadStamp) s.names.getItem(RUN_STAMP_NAME).formula = `="${runId}"`;
        else s.names.add(RUN_STAMP_NAME, `="${runId}"`).visible = false;
        t.tmp!.delete();
      },
    },
  ];
}

/** Best effort: deletes the named sheets if they exist; returns those that could not be deleted. */
async function removeSheets(context: Excel.RequestContext, names: string[]): Promise<string[]> {
  const wanted = new Set(names.map((n) => n.toLowerCase()));
  let found: string[] = [];
  try {
    const worksheets = context.workbook.worksheets;
    worksheets.load("items/name");
    await context.sync();
    const sheets = worksheets.items.filter((s) => wanted.has(s.name.toLowerCase()));
    found = sheets.map((s) => s.name);
    if (sheets.length === 0) return [];
    sheets.forEach((s) => s.delete());
    await context.sync();
    return [];
  } catch {
    return found.length > 0 ? found : names;
  }
}
