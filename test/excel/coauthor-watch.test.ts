/**
 * The pane's watch for a co-author's duplicate set (coauthor-watch.ts, heal.ts) on one workbook:
 * the duplicate set is made as a co-author's run leaves it ("<name> (2)", our marker, stamps of
 * another run that overlapped), without events, so what finds it is a trigger (the pane's idle
 * moment or focus). Also: the 10-minute window, stop, a user's copy, a mixed kept set.
 * (coauthoring.test.ts runs the watch on two replicas with events.)
 */
import { buildReport } from "../../src/core/report/build";
import type { SheetSpec } from "../../src/core/report/spec";
import {
  COAUTHOR_WATCH_MS,
  FOLLOW_UP_MS,
  watchCoauthorDuplicates,
} from "../../src/hosts/excel/coauthor-watch";
import type { HealOutcome } from "../../src/hosts/excel/heal";
import { newRunId, RUN_STAMP_NAME, writeOutputs } from "../../src/hosts/excel/write";
import { makeOptions, makeResults } from "../report/fixtures";
import { FakeContext, SparseGrid, type FakeSheet, type FakeWorkbook } from "./fake-excel";
import { ordinaryWorkbook } from "./workbooks";

const specs = (): SheetSpec[] => buildReport(makeResults(), makeOptions());
const PLANNED = specs().map((s) => s.name);
const OURS = newRunId(Date.UTC(2030, 0, 1, 12), () => 0.1);
const THEIRS = newRunId(Date.UTC(2030, 0, 1, 12, 1), () => 0.9);

/** Our run's outputs, then a co-author's duplicate "<name> (2)" of each (stamped `by`). */
async function withDuplicates(
  by: string | null = THEIRS,
): Promise<{ wb: FakeWorkbook; context: FakeContext }> {
  const wb = ordinaryWorkbook();
  for (const s of wb.sheets.filter((x) => x.names.some((n) => n.name === "RpoAlign_Output")))
    wb.removeSheet(s);
  const context = new FakeContext(wb);
  await writeOutputs(context as unknown as Excel.RequestContext, specs(), { runId: OURS });
  if (by) addDuplicates(wb, by);
  return { wb, context };
}

function addDuplicates(wb: FakeWorkbook, by: string, stampOf = (_name: string) => by): FakeSheet[] {
  return PLANNED.map((name) => {
    const original = wb.find(name)!;
    const grid = new SparseGrid();
    for (const [k, c] of (original.grid as SparseGrid).cells)
      grid.set(Math.floor(k / 16_384), k % 16_384, { ...c });
    const names = original.names.map((n) =>
      n.name === RUN_STAMP_NAME || n.name === "RpoAlign_Created"
        ? { ...n, formula: `="${stampOf(name)}"` }
        : { ...n },
    );
    return wb.addSheet(`${name} (2)`, grid, { names });
  });
}

/** A manual clock: `fire(ms)` runs the timers set for that delay. */
function manualTimers() {
  const timers: { fn: () => void; ms: number; live: boolean }[] = [];
  return {
    timers,
    schedule: (fn: () => void, ms: number) => {
      const t = { fn, ms, live: true };
      timers.push(t);
      return () => void (t.live = false);
    },
    fire(ms: number) {
      for (const t of timers.filter((x) => x.ms === ms && x.live)) {
        t.live = false;
        t.fn();
      }
    },
  };
}

function watch(context: FakeContext, extra: Parameters<typeof watchCoauthorDuplicates>[3] = {}) {
  const notices: HealOutcome[] = [];
  const errors: unknown[] = [];
  let trigger: () => void = () => undefined;
  const clock = manualTimers();
  const w = watchCoauthorDuplicates(context.run, { runId: OURS, written: PLANNED }, (n) => notices.push(n), {
    schedule: clock.schedule,
    triggers: (check) => {
      trigger = check;
      return () => void (trigger = () => undefined);
    },
    onError: (e) => errors.push(e),
    ...extra,
  });
  return { w, notices, errors, clock, trigger: () => trigger() };
}

describe("the pane's watch for a co-author's duplicate set", () => {
  it("heals on the next trigger (idle or focus) when no event comes: keeps Summary …, re-points our names, says so, and ends", async () => {
    const { wb, context } = await withDuplicates(null);
    const ids = PLANNED.map((n) => wb.find(n)!.id);
    const { w, notices, errors, trigger } = watch(context);
    await w.settled();
    expect(notices).toEqual([]); // nothing yet
    expect(wb.addedHandlers).toHaveLength(1);
    const dups = addDuplicates(wb, THEIRS); // arrives without an event (an older client)
    // A headline name that followed the co-author's sheet (their run's name, renamed with it).
    const name = wb.definedNames.find((n) => n.name === "RpoAlign_OverallStatus")!;
    name.target = { ...name.target!, sheet: dups[0] };
    const syncsBefore = context.syncs.length;
    trigger();
    await w.settled();
    expect(context.syncs.length - syncsBefore).toBe(4); // look, read stamps, heal, remove the handler
    expect(errors).toEqual([]);
    expect(PLANNED.map((n) => wb.find(n)?.id)).toEqual(ids);
    expect(wb.sheets.filter((s) => / \(2\)$/.test(s.name))).toEqual([]);
    expect(name.target?.sheet).toBe(wb.find("Summary"));
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ kind: "healed", keptRun: OURS, keptIsOurs: true });
    expect(notices[0].message).toMatch(
      /^A co-author's analysis ran at the same time as yours, so the workbook held two sets of result sheets\. It now keeps one set of results: yours, the run of \d\d:\d\d, in "Summary".*the second set \("Summary \(2\)".*was removed\.$/,
    );
    expect(wb.addedHandlers).toEqual([]); // healed: the watch ended
  });

  it("a co-author's run in progress (their temporary sheets) makes it look again after 5 s", async () => {
    const { wb, context } = await withDuplicates(null);
    const { w, notices, clock } = watch(context);
    wb.mark(wb.addSheet(`~rpo-tmp-${THEIRS}-1`));
    await w.settled();
    await wb.addedHandlers[0].handler({ type: "WorksheetAdded", source: "Remote", worksheetId: "x" });
    await w.settled();
    expect(clock.timers.filter((t) => t.ms === FOLLOW_UP_MS && t.live)).toHaveLength(1);
    wb.removeSheet(wb.find(`~rpo-tmp-${THEIRS}-1`)!);
    addDuplicates(wb, THEIRS); // their commit renamed the temporary sheets: no event
    clock.fire(FOLLOW_UP_MS);
    await w.settled();
    expect(notices.map((n) => n.kind)).toEqual(["healed"]);
  });

  it("ends after 10 minutes or on stop: the handler is removed with its context, later triggers do nothing", async () => {
    const { wb, context } = await withDuplicates(null);
    const { w, notices, clock, trigger } = watch(context);
    await w.settled();
    expect(wb.addedHandlers.map((h) => h.context)).toEqual([context]);
    clock.fire(COAUTHOR_WATCH_MS);
    await w.settled();
    await new Promise((r) => setTimeout(r, 0));
    expect(wb.addedHandlers).toEqual([]);
    addDuplicates(wb, THEIRS);
    trigger();
    await w.settled();
    expect(notices).toEqual([]);
    expect(wb.find("Summary (2)")).toBeDefined();

    const other = await withDuplicates(null);
    const second = watch(other.context);
    await second.w.settled();
    expect(other.wb.addedHandlers).toHaveLength(1);
    await second.w.stop(); // the pane unmounts or starts another run
    expect(other.wb.addedHandlers).toEqual([]);
    second.trigger();
    await second.w.settled();
    expect(second.notices).toEqual([]);
  });

  it("never takes a user's copy of our sheet (same creation stamp) for a duplicate", async () => {
    const { wb, context } = await withDuplicates(null);
    const { w, notices, trigger } = watch(context);
    await w.settled();
    addDuplicates(wb, OURS); // Excel's Move or Copy: the copies carry the originals' stamps
    trigger();
    await w.settled();
    expect(notices).toEqual([]);
    for (const name of PLANNED) expect(wb.find(`${name} (2)`)).toBeDefined();
  });

  it("when the unsuffixed sheets are not all one run's, deletes nothing and says to run again", async () => {
    const { wb, context } = await withDuplicates(null);
    const { w, notices, trigger } = watch(context);
    await w.settled();
    addDuplicates(wb, THEIRS);
    // A multi-sync commit interleaved: the co-author's Summary reached the workbook first.
    const [summary, copy] = [wb.find("Summary")!, wb.find("Summary (2)")!];
    [summary.name, copy.name] = ["Summary (2)", "Summary"];
    trigger();
    await w.settled();
    expect(notices.map((n) => n.kind)).toEqual(["mixed"]);
    expect(notices[0].message).toMatch(/not all from one run\. Run the analysis again/);
    expect(wb.sheets.filter((s) => / \(2\)$/.test(s.name))).toHaveLength(PLANNED.length);
  });
});
