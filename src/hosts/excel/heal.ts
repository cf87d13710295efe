/**
 * Healing a second set of result sheets as soon as it arrives, instead of at the next run.
 *
 * Two co-authors' FIRST analyses that overlap can both commit before either sees the other's
 * sheets; when the changes meet, Excel keeps both and the set that reached the workbook second is
 * named "Summary (2)" … (docs/excel-host.md, "Co-authoring"). The task pane watches for that set
 * for a while after its run (coauthor-watch.ts) and calls `healDuplicateSets`, which uses the next
 * run's own rule and deletion (sheet-state.ts coauthorDuplicates, commit.ts duplicateDeletionOps):
 *
 *   - the UNSUFFIXED set is kept, as it is: user formulas such as `=Summary!C5` were built on it,
 *     and keeping it needs no copy (the suffixed set's charts, widths and page setup could only be
 *     redrawn from its run's specs, which only its own pane holds). Which set is unsuffixed is
 *     decided by the order in which the changes reached the workbook, the same for every
 *     co-author, so two panes healing at once pick the same set and delete the same sheets (by
 *     id; a sheet a co-author's pane deleted first is simply gone: reload and look again);
 *   - our headline names (`RpoAlign_…`) that point into the suffixed set are re-pointed at the same
 *     cell of the kept sheet first, so they never turn into #REF!; then the suffixed sheets go.
 *   - When the kept sheets are not all one run's (a multi-sync commit interleaved), nothing is
 *     deleted: the pane says to run again, and the next run rewrites them all (as before).
 * Nothing else is touched: the duplicate rule never matches a user's sheet or copy.
 */
import { quotedSheetName } from "../../core/model/address";
import { HEADLINE_NAME_PREFIX, referencedSheet } from "../../core/report/headline-names";
import { runBatches, type WriteOp } from "./batches";
import { duplicateDeletionOps } from "./commit";
import { writeFailure } from "./errors";
import { PAYLOAD_BUDGET_BYTES, REQUEST_BYTES } from "./payload";
import { errorCode } from "./run";
import {
  coauthorDuplicates,
  loadWorkbookState,
  runStarted,
  STALE_TEMP_MS,
  suffixedBase,
  type SheetState,
  type WorkbookState,
} from "./sheet-state";

/** The run a pane watches for: its id and the output sheets it wrote. */
export interface WatchedRun {
  runId: string;
  written: string[];
}

export interface HealOutcome {
  /**
   * "healed": this pane removed the second set; "healed-elsewhere": a co-author's pane removed
   * it before this one could (this run's set was that second set); "mixed": the unsuffixed sheets
   * come from different runs, nothing was deleted.
   */
  kind: "healed" | "healed-elsewhere" | "mixed";
  /** Run id of the set kept in the unsuffixed sheets (null when mixed). */
  keptRun: string | null;
  /** The kept sheets. */
  kept: string[];
  /** The sheets removed (their names when last seen). */
  removed: string[];
  /** The kept set is this pane's run. */
  keptIsOurs: boolean;
  /** For the task pane, in plain words. */
  message: string;
}

const RETRY_CODES = new Set(["ItemNotFound", "ItemAlreadyExists"]);
const MAX_ATTEMPTS = 3;

/** "14:03": the local start time of run `runId` ("an unknown time" for another id form). */
export function runTime(runId: string | null): string {
  const started = runId ? runStarted(runId) : null;
  if (started === null) return "an unknown time";
  const d = new Date(started);
  return `${String(d.getHours()).padStart(2, "0")}:${String(d.getMinutes()).padStart(2, "0")}`;
}

const quotedList = (names: string[]) => names.map((n) => `"${n}"`).join(", ");
const lower = (s: string) => s.toLowerCase();

/** The unsuffixed sheet a duplicate "<name> (n)" doubles. */
function originalOf(sheets: SheetState[], duplicate: SheetState): SheetState | undefined {
  const base = suffixedBase(duplicate.name);
  return base === null ? undefined : sheets.find((s) => lower(s.name) === lower(base));
}

/** Our headline names pointing into a duplicate, re-pointed at the same cell of its original. */
function repointOps(
  context: Excel.RequestContext,
  state: WorkbookState,
  duplicates: SheetState[],
): WriteOp[] {
  const originals = new Map(duplicates.map((d) => [lower(d.name), originalOf(state.sheets, d)!.name]));
  const ops: WriteOp[] = [];
  for (const n of state.names) {
    if (!n.name.startsWith(HEADLINE_NAME_PREFIX)) continue;
    const sheet = referencedSheet(n.formula);
    const original = sheet === null ? undefined : originals.get(lower(sheet));
    if (original === undefined) continue;
    const cell = n.formula.slice(n.formula.lastIndexOf("!") + 1);
    const formula = `=${quotedSheetName(original)}!${cell}`;
    ops.push({
      bytes: REQUEST_BYTES.action + formula.length,
      apply: () => void (context.workbook.names.getItem(n.name).formula = formula),
    });
  }
  return ops;
}

/** What the pane says once one set is left; `removed` empty: this pane's own set was the one removed. */
function healedMessage(run: WatchedRun, keptRun: string | null, kept: string[], removed: string[]): string {
  const ours = keptRun === run.runId;
  const second = removed.length > 0 ? `the second set (${quotedList(removed)})` : "your set";
  return (
    `A co-author's analysis ran at the same time as yours, so the workbook held two sets of result ` +
    `sheets. It now keeps one set of results: ${ours ? "yours, " : ""}the run of ${runTime(keptRun)}` +
    `${ours ? "" : " (a co-author's)"}, in ${quotedList(kept)}; ${second} was removed.` +
    (ours ? "" : " Your results are not in the workbook: run the analysis again if you need them.")
  );
}

/**
 * Whether this run's own sheets (`ownIds`, recorded when the watch began) were removed as a
 * duplicate by a co-author's pane: all gone, and every target now a sheet of ours created by
 * another run that overlapped this one. Returns that kept set's sheets, or null.
 */
function removedElsewhere(state: WorkbookState, run: WatchedRun, ownIds: string[]): SheetState[] | null {
  if (ownIds.length === 0 || state.sheets.some((s) => ownIds.includes(s.id))) return null;
  const ours = runStarted(run.runId);
  const kept = run.written.map((w) => state.sheets.find((s) => lower(s.name) === lower(w)));
  const overlapped = (s: SheetState | undefined) => {
    const theirs = s?.created ? runStarted(s.created) : null;
    return (
      s !== undefined &&
      s.ours &&
      s.created !== run.runId &&
      theirs !== null &&
      ours !== null &&
      Math.abs(theirs - ours) < STALE_TEMP_MS
    );
  };
  return kept.every(overlapped) ? (kept as SheetState[]) : null;
}

/**
 * Looks for a co-author's duplicate of `run`'s output set and removes it (see the module
 * comment). `ownIds`: the ids of this run's output sheets when the watch began. Returns what was
 * done, or null when there was nothing to do. Each attempt: one sync to read, one to heal.
 */
export async function healDuplicateSets(
  context: Excel.RequestContext,
  run: WatchedRun,
  ownIds: string[] = [],
): Promise<HealOutcome | null> {
  let seen: SheetState[] = [];
  for (let attempt = 1; ; attempt++) {
    const state = await loadWorkbookState(context, "checking the result sheets");
    const duplicates = coauthorDuplicates(state.sheets, run.written);
    if (duplicates.length === 0) {
      const kept = removedElsewhere(state, run, ownIds);
      if (!kept && seen.length > 0) {
        // Our deletion was refused because a co-author's pane removed the second set just before.
        const stayed = run.written.map((w) => state.sheets.find((s) => lower(s.name) === lower(w)));
        const keptRun = stayed[0]?.stamp ?? null;
        if (stayed.every((s) => s !== undefined && s.stamp === keptRun) && keptRun !== null)
          return {
            kind: "healed-elsewhere",
            keptRun,
            kept: stayed.map((s) => s!.name),
            removed: seen.map((d) => d.name),
            keptIsOurs: keptRun === run.runId,
            message: healedMessage(
              run,
              keptRun,
              stayed.map((s) => s!.name),
              seen.map((d) => d.name),
            ),
          };
      }
      if (!kept) return null;
      const keptRun = kept[0].stamp;
      return {
        kind: "healed-elsewhere",
        keptRun,
        kept: kept.map((s) => s.name),
        removed: [],
        keptIsOurs: false,
        message: healedMessage(
          run,
          keptRun,
          kept.map((s) => s.name),
          [],
        ),
      };
    }
    const originals = duplicates.map((d) => originalOf(state.sheets, d)!);
    const kept = [...new Map(originals.map((s) => [s.id, s])).values()];
    const stamps = new Set(kept.map((s) => s.stamp));
    const keptRun = kept[0].stamp;
    if (stamps.size !== 1 || keptRun === null) {
      return {
        kind: "mixed",
        keptRun: null,
        kept: kept.map((s) => s.name),
        removed: [],
        keptIsOurs: false,
        message:
          `A co-author's analysis ran at the same time as yours, so the workbook holds two sets of ` +
          `result sheets (${quotedList(duplicates.map((d) => d.name))} beside ${quotedList(
            kept.map((s) => s.name),
          )}), and the sheets without a suffix are not all from one run. Run the analysis again: ` +
          "it writes one complete set and removes the second.",
      };
    }
    seen = duplicates;
    const ops = [...repointOps(context, state, duplicates), ...duplicateDeletionOps(context, duplicates)];
    try {
      await runBatches(context, ops, { budget: PAYLOAD_BUDGET_BYTES });
    } catch (error) {
      // A co-author's pane healed (or changed the sheets) at the same moment: look again.
      if (RETRY_CODES.has(errorCode(error) ?? "") && attempt < MAX_ATTEMPTS) continue;
      throw writeFailure(error, "removing the second set of result sheets");
    }
    const removed = duplicates.map((d) => d.name);
    const keptNames = kept.map((s) => s.name);
    return {
      kind: "healed",
      keptRun,
      kept: keptNames,
      removed,
      keptIsOurs: keptRun === run.runId,
      message: healedMessage(run, keptRun, keptNames, removed),
    };
  }
}
