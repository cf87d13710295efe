/**
 * Writing our output sheets through Office.js, so that re-analysing keeps every reference a user
 * built on them (a formula `=Alignment!B5`, a chart on our data, a defined name):
 *   sync 1  read: sheet names, ids, visibility, sheet-scoped names (our marker, run and creation
 *           stamps), the workbook's names, and whether the workbook is protected;
 *   setup   one small sync: this run's hidden temporary sheets `~rpo-tmp-<run>-<n>` (marker, run
 *           stamp and creation stamp on each), the removal of stale temporary sheets of
 *           interrupted runs, the 1904-date-system probe `=DATE(1904,1,1)`, the names of our
 *           charts on the sheets to update;
 *   build   every output drawn on its temporary sheet, in syncs under the byte budget (batches.ts);
 *   check   the sheet list and names again (with the last build sync), so what a co-author did
 *           meanwhile is taken into account (their new outputs' chart names: one more sync);
 *   commit  as few syncs as the budget allows (one for an ordinary report), each sheet within one
 *           (commit.ts): a sheet we already own is updated IN PLACE, a new output is its temporary
 *           sheet shown and renamed; then the headline names, and a co-author's duplicate set
 *           ("Summary (2)", sheet-state.ts) deleted. Refused because a co-author's change landed
 *           meanwhile (ItemAlreadyExists, ItemNotFound): reload, plan again, retry (3 attempts).
 * Owned sheets are never deleted, so nothing pointing at them turns into #REF!. A failure while
 * building removes this run's temporary sheets and leaves every output as it was; a failure in the
 * commit leaves a mix of this run's and the previous run's sheets, which the next run detects (run
 * stamps differ) and repairs by rewriting them all. docs/excel-host.md describes the windows.
 */
import { planOutputNames, type OutputNamePlan } from "../../core/report/names";
import { OUTPUT_MARKER_NAME, OUTPUT_MARKER_VALUE, type SheetSpec } from "../../core/report/spec";
import type { HostProgress, WriteOutcome } from "../host";
import { runBatches, yieldToEventLoop, type WriteOp } from "./batches";
import { commitOps, type Target } from "./commit";
import {
  coauthorCollisionFailure,
  ExcelWriteError,
  PROTECTED_MESSAGE,
  UNSUPPORTED_MESSAGE,
  writeFailure,
} from "./errors";
import { PAYLOAD_BUDGET_BYTES, REQUEST_BYTES } from "./payload";
import { TEMP_SHEET_PREFIX } from "./read";
import { errorCode, excelApiSupported, REQUIRED_EXCEL_API } from "./run";
import { cellOps, sheetOps } from "./render";
import {
  coauthorDuplicates,
  CREATED_STAMP_NAME,
  isTemp,
  loadWorkbookState,
  namesOf,
  RUN_STAMP_NAME,
  SHEET_PATHS,
  sheetStates,
  STALE_TEMP_MS,
  type SheetState,
  type WorkbookState,
} from "./sheet-state";

export { specExtent } from "./commit";
export { RUN_STAMP_NAME, STALE_TEMP_MS, stampRunId } from "./sheet-state";

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

/** Why Excel would refuse a worksheet name, or null when it is acceptable. */
export function sheetNameProblem(name: string): string | null {
  if (name.length === 0) return "is empty";
  if (name.length > 31) return "is longer than 31 characters";
  if (/[[\]:*?/\\]/.test(name)) return "contains one of [ ] : * ? / \\";
  if (name.startsWith("'") || name.endsWith("'")) return "starts or ends with an apostrophe";
  if (name.toLowerCase() === "history") return 'is "History", which Excel reserves';
  return null;
}

const MAX_COMMIT_ATTEMPTS = 3;
/** Codes of a commit refused because a co-author changed the sheets or names meanwhile. */
const COAUTHOR_CODES = new Set(["ItemAlreadyExists", "ItemNotFound"]);

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

/** The chart names of sheets `ids` in one sync (sheets a co-author's run created meanwhile). */
async function loadChartNames(
  context: Excel.RequestContext,
  ids: string[],
  into: Map<string, string[]>,
): Promise<void> {
  if (ids.length === 0) return;
  const lists = ids.map((id) => {
    const charts = context.workbook.worksheets.getItem(id).charts;
    charts.load("items/name");
    return [id, charts] as const;
  });
  try {
    await context.sync();
  } catch (error) {
    throw writeFailure(error, "reading the result sheets' charts");
  }
  for (const [id, charts] of lists)
    into.set(
      id,
      charts.items.map((c) => c.name),
    );
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
  let state: WorkbookState = { sheets: sheetStates(worksheets), names: namesOf(workbookNames) };
  const temps = state.sheets.filter((s) => s.marked && isTemp(s.name));
  const stale = temps.filter((s) => {
    const run = tempSheetRun(s.name);
    return run === null || run.started < now() - STALE_TEMP_MS;
  });
  const plansAt = (sheets: SheetState[]) =>
    planNames(
      specs,
      sheets.map((s) => s.name),
      sheets.filter((s) => s.marked && !isTemp(s.name)).map((s) => s.name),
    );
  let plans = plansAt(state.sheets);
  const before = new Map(state.sheets.map((s) => [s.id, s]));
  const replaced = plans.flatMap((p) => (p.replaces ? state.sheets.filter((s) => s.name === p.target) : []));
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
      // Kept by a new output for good (an update in place deletes the temporary sheet).
      sheet.names.add(CREATED_STAMP_NAME, `="${runId}"`).visible = false;
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
  let charts = new Map([...chartLists].map(([id, list]) => [id, list.items.map((c) => c.name)]));
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
  // sheets or headline names meanwhile.
  const check = context.workbook.worksheets;
  const checkNames = context.workbook.names;
  let checked = false;
  try {
    await runBatches(context, ops, {
      budget,
      signal: options.signal,
      before: () => context.application.suspendApiCalculationUntilNextSync(),
      last: () => {
        check.load(SHEET_PATHS);
        checkNames.load("items/name,items/formula");
        checked = true;
      },
      onSynced: (done, total) => progress(0.05 + (0.8 * done) / total),
    });
    options.signal?.throwIfAborted();
    state = checked
      ? { sheets: sheetStates(check), names: namesOf(checkNames) }
      : await loadWorkbookState(context, "checking the workbook's sheets");
  } catch (error) {
    const leftovers = await removeSheets(context, ourTemps());
    throw writeFailure(error, "building the result sheets", leftovers);
  }

  // Commit: each sheet within one sync; as few syncs as the budget allows. A co-author's change
  // that lands between the check and the commit (their first analysis created "Summary", or added
  // a headline name) makes Excel refuse it: reload, plan again from what is there now (their
  // sheets are then updated in place, as a re-analysis would) and retry.
  let attempts = 0;
  let duplicates: SheetState[] = [];
  for (;;) {
    attempts++;
    let pending: Target[];
    try {
      pending = pendingTargets(targets, state.sheets, runId);
      plans = plansAt(state.sheets.filter((s) => !ourTemps().includes(s.name)));
      targets.forEach((t, k) => (t.plan = plans[k]));
      const inPlace = pending.flatMap((t) => {
        const owned = t.plan.replaces ? sheetNamed(state.sheets, t.plan.target) : undefined;
        return owned ? [owned.id] : [];
      });
      await loadChartNames(
        context,
        inPlace.filter((id) => !charts.has(id)),
        charts,
      );
    } catch (error) {
      const leftovers = await removeSheets(context, ourTemps());
      throw writeFailure(error, "updating the result sheets", leftovers, attempts > 1);
    }
    // A pending target's own sheet renamed by Excel is brought in (and deleted) by its part.
    duplicates = coauthorDuplicates(
      state.sheets,
      targets.map((t) => t.plan.target),
    ).filter((d) => !pending.some((t) => t.tmpId === d.id));
    const commit = commitOps(context, runId, targets, pending, state, charts, duplicates);
    let committed = 0;
    try {
      options.signal?.throwIfAborted();
      await runBatches(context, commit.ops, {
        budget,
        onSynced: (done, total) => {
          committed = done;
          progress(0.85 + (0.15 * done) / total);
        },
      });
      break;
    } catch (error) {
      const partial = attempts > 1 || committed > 0 || isPartial(error);
      const code = errorCode(error) ?? "";
      if (COAUTHOR_CODES.has(code) && attempts < MAX_COMMIT_ATTEMPTS) {
        try {
          state = await loadWorkbookState(context, "checking the workbook's sheets again");
        } catch (reload) {
          const leftovers = await removeSheets(context, ourTemps());
          throw writeFailure(reload, "updating the result sheets", leftovers, true);
        }
        charts = new Map(); // a partial commit may have redrawn some
        continue;
      }
      const leftovers = await removeSheets(context, ourTemps());
      if (COAUTHOR_CODES.has(code)) throw coauthorCollisionFailure(error, attempts, leftovers);
      throw writeFailure(error, "updating the result sheets", leftovers, partial);
    }
  }
  const overtaken = state.sheets.filter(
    (s) =>
      s.marked &&
      !isTemp(s.name) &&
      s.stamp !== null &&
      s.stamp !== runId &&
      // not an output of that run when this one started (absent, or a co-author's temporary sheet)
      (before.get(s.id) === undefined ||
        isTemp(before.get(s.id)!.name) ||
        before.get(s.id)!.stamp !== s.stamp) &&
      !duplicates.some((d) => d.id === s.id),
  );
  if (overtaken.length > 0) {
    notes.push(
      `A co-author's analysis updated the result sheets while yours was running (${quotedList(
        overtaken.map((s) => s.name),
      )}); your results have now replaced theirs in every result sheet.`,
    );
  }
  if (duplicates.length > 0) {
    notes.push(
      `Two analyses (yours and a co-author's, or two of yours) created the result sheets at the same ` +
        `moment, so the workbook held a second set (${quotedList(duplicates.map((d) => d.name))}). ` +
        `That second set was removed; ${quotedList(
          targets.map((t) => t.plan.target),
        )} now hold this run's results.`,
    );
  }
  await yieldToEventLoop();
  progress(1);
  for (const p of plans) if (p.note) notes.push(p.note);
  return { written: plans.map((p) => p.target), notes, runId };
}

const quotedList = (names: string[]) => names.map((n) => `"${n}"`).join(", ");

function sheetNamed(sheets: SheetState[], name: string): SheetState | undefined {
  return sheets.find((s) => s.name.toLowerCase() === name.toLowerCase());
}

/**
 * The targets a (retried) commit still has to bring in: a target is done when its temporary
 * sheet was renamed to it (a new output) or, deleted, after the sheet it updated got this run's
 * stamp.
 * A temporary sheet that vanished otherwise was removed by someone else: nothing to copy from.
 */
function pendingTargets(targets: Target[], sheets: SheetState[], runId: string): Target[] {
  return targets.filter((t) => {
    const tmp = sheets.find((s) => s.id === t.tmpId);
    // Renamed to its target: committed. Still under its temporary name, or renamed by Excel
    // ("Summary (2)": a co-author's "Summary" reached the workbook first): not yet.
    if (tmp) return tmp.name.toLowerCase() !== t.plan.target.toLowerCase();
    const owned = sheetNamed(sheets, t.plan.target);
    if (owned?.stamp === runId) return false;
    throw new ExcelWriteError(
      "rejected",
      `The temporary sheet "${t.tmpName}" was removed while this run was saving "${t.plan.target}". ` +
        "Run again to bring all result sheets up to date.",
    );
  });
}

/** A failure inside a commit sync: Excel kept the actions before the failing one. */
function isPartial(error: unknown): boolean {
  return !(error instanceof ExcelWriteError) && (error as { name?: string })?.name !== "AbortError";
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
