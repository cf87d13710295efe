/**
 * What the writer knows about the workbook's sheets: names, ids, our marker and run stamps, loaded
 * in one sync (and again whenever a co-author may have changed them). Also how to recognise a
 * second set of our result sheets that two co-authors' first analyses created at once.
 */
import { OUTPUT_MARKER_NAME, OUTPUT_MARKER_VALUE } from "../../core/report/spec";
import { writeFailure } from "./errors";
import { TEMP_SHEET_PREFIX } from "./read";

/** Sheet-scoped hidden name on every output sheet: `="<run id>"` of the run that wrote it. */
export const RUN_STAMP_NAME = "RpoAlign_Run";
/**
 * Sheet-scoped hidden name set once, when a run creates an output sheet: `="<run id>"` of that
 * run; updates in place leave it. A copy of the sheet (Excel's Move or Copy) carries it too, so
 * a copy always shares its original's creator, while a second sheet created by another run does
 * not: that is how a co-author's duplicate is told from a user's copy.
 */
export const CREATED_STAMP_NAME = "RpoAlign_Created";
/**
 * Another run's temporary sheets are removed once they are this old: a run that started more
 * than an hour ago and has not finished was interrupted (closed tab, lost connection). Younger
 * ones may belong to a co-author's analysis in progress and are left alone. It is also how far
 * apart two runs may have started and still have overlapped.
 */
export const STALE_TEMP_MS = 60 * 60 * 1000;

export interface SheetState {
  name: string;
  id: string;
  /** Carries our marker name (whatever its formula: the read side's test). */
  marked: boolean;
  /** Carries our marker with our formula: a sheet we wrote or its copy. */
  ours: boolean;
  /** Run id of the run that wrote it (null: none, e.g. written by an older version). */
  stamp: string | null;
  hasStamp: boolean;
  /** Run id of the run that created it (null: none, e.g. created by an older version). */
  created: string | null;
}

export const SHEET_PATHS = "items/name,items/id,items/names/items/name,items/names/items/formula";

/** The run id in a stamp's formula `="…"`, or null. */
export function stampRunId(formula: unknown): string | null {
  const m = typeof formula === "string" ? /^="([^"]*)"$/.exec(formula.trim()) : null;
  return m ? m[1] : null;
}

/** The start time of a run id (`<time base 36>-<4 characters>`), or null for another form. */
export function runStarted(runId: string): number | null {
  const m = /^([0-9a-z]+)-[0-9a-z]+$/.exec(runId);
  const started = m ? parseInt(m[1], 36) : NaN;
  return Number.isFinite(started) ? started : null;
}

export const isTemp = (name: string) => name.startsWith(TEMP_SHEET_PREFIX);

const sameText = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/** The sheet list of a loaded (SHEET_PATHS) worksheet collection. */
export function sheetStates(worksheets: Excel.WorksheetCollection): SheetState[] {
  const named = (s: Excel.Worksheet, name: string) =>
    s.names.items.find((n) => n.name.toLowerCase() === name.toLowerCase());
  return worksheets.items.map((s) => {
    const marker = named(s, OUTPUT_MARKER_NAME);
    const stamp = named(s, RUN_STAMP_NAME);
    const created = named(s, CREATED_STAMP_NAME);
    return {
      name: s.name,
      id: s.id,
      marked: marker !== undefined,
      ours: marker !== undefined && sameText(String(marker.formula ?? ""), `=${OUTPUT_MARKER_VALUE}`),
      stamp: stamp ? stampRunId(stamp.formula) : null,
      hasStamp: stamp !== undefined,
      created: created ? stampRunId(created.formula) : null,
    };
  });
}

export interface WorkbookState {
  sheets: SheetState[];
  names: { name: string; formula: string }[];
}

/** Loads the sheet list and the workbook's names in one sync (`step` names it in an error). */
export async function loadWorkbookState(context: Excel.RequestContext, step: string): Promise<WorkbookState> {
  const worksheets = context.workbook.worksheets;
  worksheets.load(SHEET_PATHS);
  const names = context.workbook.names;
  names.load("items/name,items/formula");
  try {
    await context.sync();
  } catch (error) {
    throw writeFailure(error, step);
  }
  return { sheets: sheetStates(worksheets), names: namesOf(names) };
}

export function namesOf(names: Excel.NamedItemCollection): WorkbookState["names"] {
  return names.items.map((n) => ({ name: n.name, formula: String(n.formula ?? "") }));
}

/** "Summary" for "Summary (2)" (Excel's name for a second sheet of that name; n ≥ 2), else null. */
export function suffixedBase(name: string): string | null {
  const m = /^(.+) \((\d+)\)$/.exec(name);
  return m && Number(m[2]) >= 2 ? m[1] : null;
}

/**
 * Our sheets that are a second copy of one of `targets` made by co-authoring: two first analyses
 * that overlapped each created "Summary"; Excel keeps both and names the one that reached the
 * workbook second "Summary (2)". Such a sheet
 *   - is named `<target> (<n ≥ 2>)`, and the target itself is a sheet of ours;
 *   - carries our marker, a run stamp and a creation stamp, and its creator is not the target's
 *     creator (a user's copy of the target shares the target's creator, so it is never taken);
 *   - was created by a run that started within STALE_TEMP_MS of the target's creator, as two runs
 *     that overlapped did.
 * Sheets written by an older version (no creation stamp) never qualify.
 */
export function coauthorDuplicates(state: SheetState[], targets: string[]): SheetState[] {
  const byName = new Map(state.map((s) => [s.name.toLowerCase(), s]));
  const wanted = new Set(targets.map((t) => t.toLowerCase()));
  return state.filter((s) => {
    const base = suffixedBase(s.name);
    if (base === null || !wanted.has(base.toLowerCase())) return false;
    const original = byName.get(base.toLowerCase());
    if (!original || !original.ours || !s.ours || isTemp(s.name) || s.stamp === null) return false;
    if (s.created === null || original.created === null || s.created === original.created) return false;
    const a = runStarted(s.created);
    const b = runStarted(original.created);
    return a !== null && b !== null && Math.abs(a - b) < STALE_TEMP_MS;
  });
}
