/**
 * After a run, the task pane watches for a co-author's duplicate set of our result sheets arriving
 * (two overlapping first analyses that both committed before seeing each other's sheets) and heals
 * the workbook at once (heal.ts) instead of leaving two sets until the next run.
 *
 * When it looks:
 *   - at the start (one sync: it registers the event handler and records this run's output
 *     sheets by id);
 *   - on `worksheets.onAdded` (ExcelApi 1.7) with source "Remote": a co-author's sheets arrived.
 *     A co-author's run first adds hidden temporary sheets and renames them to "Summary" … only at
 *     its commit (no event), so while a co-author's temporary sheets are in the workbook it looks
 *     again every `followUpMs`;
 *   - at the moments `triggers` gives (the pane: its next idle moment and whenever it regains
 *     focus), for clients that do not deliver the event.
 * Each look is one small sync (sheet names and ids); only a sheet named "<output> (n)" or one of
 * this run's sheets gone makes it read the sheets' stamps and heal (2 more syncs). The watch ends
 * once the workbook holds one set again, when `stop()` is called (the pane unmounts or starts
 * another run) or after `windowMs` (10 minutes: two runs that overlapped have long met by then).
 */
import { healDuplicateSets, type HealOutcome, type WatchedRun } from "./heal";
import { TEMP_SHEET_PREFIX } from "./read";
import type { ExcelRun } from "./run";
import { SHEET_PATHS, sheetStates } from "./sheet-state";

/** How long after a run the pane watches for a co-author's duplicate set. */
export const COAUTHOR_WATCH_MS = 10 * 60 * 1000;
/** How soon to look again while a co-author's run is in progress (their temporary sheets exist). */
export const FOLLOW_UP_MS = 5_000;

export interface CoauthorWatchOptions {
  windowMs?: number;
  followUpMs?: number;
  /** Registers extra moments to look (calls `check`); returns the function that unregisters them. */
  triggers?: (check: () => void) => () => void;
  /** setTimeout with a cancel (tests pass their own clock). */
  schedule?: (fn: () => void, ms: number) => () => void;
  /** A look that failed (the workbook was closed, a network error): the watch goes on. */
  onError?: (error: unknown) => void;
}

export interface CoauthorWatch {
  /** Ends the watch: handler removed (with the context that added it), timers and triggers off. */
  stop(): Promise<void>;
  /** Resolves once no look is running or queued (tests). */
  settled(): Promise<void>;
}

const defaultSchedule = (fn: () => void, ms: number) => {
  const id = setTimeout(fn, ms);
  return () => clearTimeout(id);
};

type Subscription = { remove(): void; context: { sync(): Promise<unknown> } };

export function watchCoauthorDuplicates(
  run: ExcelRun,
  watched: WatchedRun,
  onNotice: (outcome: HealOutcome) => void,
  options: CoauthorWatchOptions = {},
): CoauthorWatch {
  const schedule = options.schedule ?? defaultSchedule;
  const followUpMs = options.followUpMs ?? FOLLOW_UP_MS;
  const lower = (s: string) => s.toLowerCase();
  const outputs = new Set(watched.written.map(lower));
  let stopped = false;
  let ownIds: string[] = [];
  let subscription: Subscription | null = null;
  let chain: Promise<void> = Promise.resolve();
  let queued = false;
  let cancelFollowUp: (() => void) | null = null;
  let untrigger: (() => void) | null = null;
  let cancelWindow: () => void = () => undefined;

  const doubled = (name: string) => {
    const m = /^(.+) \((\d+)\)$/.exec(name);
    return m !== null && Number(m[2]) >= 2 && outputs.has(lower(m[1]));
  };

  /** Heals when the sheet list looks like a duplicate set arrived or ours went; false: nothing to do. */
  const lookAt = async (context: Excel.RequestContext, sheets: { name: string; id: string }[]) => {
    const foreignTemps = sheets.some(
      (s) => s.name.startsWith(TEMP_SHEET_PREFIX) && !s.name.includes(watched.runId),
    );
    if (foreignTemps && !cancelFollowUp && !stopped) {
      cancelFollowUp = schedule(() => {
        cancelFollowUp = null;
        check();
      }, followUpMs);
    }
    const suspicious =
      sheets.some((s) => doubled(s.name)) || ownIds.some((id) => !sheets.some((s) => s.id === id));
    if (!suspicious) return;
    const outcome = await healDuplicateSets(context, watched, ownIds);
    if (!outcome || stopped) return;
    onNotice(outcome);
    void stop();
  };

  const look = () =>
    run(async (context) => {
      const worksheets = context.workbook.worksheets;
      worksheets.load("items/name,items/id");
      await context.sync();
      await lookAt(context, worksheets.items);
    });

  function check(): void {
    if (stopped || queued) return;
    queued = true;
    chain = chain.then(async () => {
      queued = false;
      if (stopped) return;
      try {
        await look();
      } catch (error) {
        options.onError?.(error);
      }
    });
  }

  async function stop(): Promise<void> {
    if (stopped) return;
    stopped = true;
    cancelWindow();
    cancelFollowUp?.();
    cancelFollowUp = null;
    untrigger?.();
    untrigger = null;
    const sub = subscription;
    subscription = null;
    if (sub) {
      sub.remove();
      await sub.context.sync().catch(() => undefined);
    }
  }

  // Start: register the handler and record this run's output sheets, in one sync.
  chain = run(async (context) => {
    const worksheets = context.workbook.worksheets;
    worksheets.load(SHEET_PATHS);
    let pending: Subscription | null = null;
    try {
      pending = worksheets.onAdded.add((event: Excel.WorksheetAddedEventArgs) => {
        if (event.source !== "Local") check();
        return Promise.resolve();
      });
    } catch {
      pending = null; // no worksheet events in this Excel: the triggers and follow-ups remain
    }
    await context.sync();
    const sheets = sheetStates(worksheets);
    // This run's sheets: under the names it wrote, stamped with its run id.
    ownIds = sheets.filter((s) => outputs.has(lower(s.name)) && s.stamp === watched.runId).map((s) => s.id);
    if (stopped) {
      if (pending) {
        pending.remove();
        await pending.context.sync().catch(() => undefined);
      }
      return;
    }
    subscription = pending;
    await lookAt(context, sheets);
  }).catch((error: unknown) => options.onError?.(error));
  cancelWindow = schedule(() => void stop(), options.windowMs ?? COAUTHOR_WATCH_MS);
  untrigger = options.triggers?.(check) ?? null;

  return {
    stop,
    settled: async () => {
      for (;;) {
        const current = chain;
        await current;
        if (current === chain && !queued) return;
      }
    },
  };
}
