/**
 * Two co-authors analysing one workbook at the same time (fake-coauthoring.ts: two replicas whose
 * changes reach each other only after a delay, no compare-and-swap). Whatever the interleaving,
 * once every change has arrived both replicas hold the same workbook, and its output sheets are a
 * complete set from ONE run (all stamped with its run id, each exactly as that run alone would have
 * written it), no sheet was lost or duplicated and no temporary sheet is left — or the run whose
 * results did not survive says so.
 */
import { buildReport } from "../../src/core/report/build";
import type { SheetSpec } from "../../src/core/report/spec";
import { newRunId, RUN_STAMP_NAME, writeOutputs } from "../../src/hosts/excel/write";
import type { WriteOutcome } from "../../src/hosts/host";
import { makeOptions, makeResults } from "../report/fixtures";
import { CoauthoredWorkbook } from "./fake-coauthoring";
import { FakeContext, SparseGrid, type FakeWorkbook } from "./fake-excel";
import { ordinaryWorkbook } from "./workbooks";

/** The report with a tag in every sheet and `extra` more rows, so two runs' sheets differ everywhere. */
function report(tag: string, extra: number): SheetSpec[] {
  return buildReport(makeResults(), makeOptions()).map((s) => ({
    ...s,
    values: [
      [`${tag}: ${String(s.values[0]?.[0] ?? "")}`, ...(s.values[0] ?? []).slice(1)],
      ...s.values.slice(1),
      ...Array.from({ length: extra }, (_v, k) => [`${tag} row ${k + 1}`, k]),
    ],
  }));
}

const PLANNED = report("x", 0).map((s) => s.name);

function outputs(wb: FakeWorkbook) {
  return wb.sheets.filter((s) => s.names.some((n) => n.name === "RpoAlign_Output"));
}

function stampOf(sheet: FakeWorkbook["sheets"][number]): string | null {
  const stamp = sheet.names.find((n) => n.name === RUN_STAMP_NAME);
  return stamp ? (/^="(.*)"$/.exec(stamp.formula)?.[1] ?? null) : null;
}

function cellsOf(sheet: FakeWorkbook["sheets"][number]): string {
  const grid = sheet.grid as SparseGrid;
  return JSON.stringify(
    [...grid.cells].sort((a, b) => a[0] - b[0]).map(([k, c]) => [k, c.v, c.t, c.formula ?? null]),
  );
}

/** The workbook as one run alone writes it (the same starting point, the same run id). */
async function alone(start: () => FakeWorkbook, specs: SheetSpec[], runId: string): Promise<FakeWorkbook> {
  const wb = start();
  await writeOutputs(new FakeContext(wb) as unknown as Excel.RequestContext, specs, { runId });
  return wb;
}

async function interleave(start: () => FakeWorkbook, delay: number, offset: number) {
  const hub = new CoauthoredWorkbook(start(), { delay });
  const now = Date.now();
  const a = { id: newRunId(now, () => 0.1), specs: report("Run A", 3) };
  const b = { id: newRunId(now + 1000, () => 0.9), specs: report("Run B", 0) };
  const ctx = (i: number) => hub.contexts[i] as unknown as Excel.RequestContext;
  const first = writeOutputs(ctx(0), a.specs, { runId: a.id });
  // The co-author starts after `offset` of the first run's syncs (or once it has finished).
  const second = Promise.race([hub.afterSyncs(0, offset), first.catch(() => undefined)]).then(() =>
    writeOutputs(ctx(1), b.specs, { runId: b.id }),
  );
  const [outA, outB] = await Promise.all([first, second]);
  hub.deliverAll();
  return { hub, a, b, outA, outB };
}

async function verdict(
  start: () => FakeWorkbook,
  run: Awaited<ReturnType<typeof interleave>>,
): Promise<{ winner: string; problems: string[] }> {
  const { hub, a, b } = run;
  const problems: string[] = [];
  const [s0, s1] = hub.states();
  if (s0 !== s1) problems.push("the replicas differ");
  const wb = hub.replicas[0];
  const outs = outputs(wb).filter((s) => !s.name.startsWith("~rpo-tmp-"));
  const names = outs.map((s) => s.name).sort();
  if (JSON.stringify(names) !== JSON.stringify([...PLANNED].sort()))
    problems.push(`output sheets ${JSON.stringify(names)}`);
  const temps = wb.sheets.filter((s) => s.name.startsWith("~rpo-tmp-")).map((s) => s.name);
  if (temps.length > 0) problems.push(`temporary sheets left: ${temps.join(", ")}`);
  const stamps = new Set(outs.map(stampOf));
  const winner = stamps.size === 1 ? [...stamps][0]! : "";
  if (stamps.size !== 1) problems.push(`stamps ${[...stamps].join(", ")}`);
  const reference =
    winner === a.id
      ? await alone(start, a.specs, a.id)
      : winner === b.id
        ? await alone(start, b.specs, b.id)
        : null;
  if (reference) {
    for (const s of outs) {
      const ref = reference.find(s.name);
      if (!ref || cellsOf(ref) !== cellsOf(s)) problems.push(`"${s.name}" is not as run ${winner} wrote it`);
      if (ref && JSON.stringify(ref.charts) !== JSON.stringify(s.charts))
        problems.push(`"${s.name}" charts differ`);
    }
  }
  return { winner, problems };
}

/** The notes of the run whose results were replaced. */
function toldLoser(run: Awaited<ReturnType<typeof interleave>>, winner: string): string[] {
  const loser: WriteOutcome = winner === run.a.id ? run.outB : run.outA;
  return loser.notes.filter((n) => /co-author/i.test(n));
}

describe("two co-authors analysing one workbook at once", () => {
  const cases: [number, number][] = [];
  for (const delay of [0, 1, 2, 4]) for (const offset of [0, 1, 2, 3, 4, 5, 6]) cases.push([delay, offset]);

  it.each(cases)(
    "re-analysis, delay %i syncs, second run starting after %i syncs of the first",
    async (delay, offset) => {
      let prepared: FakeWorkbook | null = null;
      const start = () => {
        const hub = new CoauthoredWorkbook(prepared!, { delay: 0, replicas: 1 });
        return hub.replicas[0];
      };
      prepared = ordinaryWorkbook();
      await writeOutputs(new FakeContext(prepared) as unknown as Excel.RequestContext, report("Earlier", 1), {
        runId: newRunId(Date.now() - 60_000),
      });
      const run = await interleave(start, delay, offset);
      const { winner, problems } = await verdict(start, run);
      if (problems.length > 0) {
        // Allowed only when the run whose results did not survive was told.
        expect({ problems, told: toldLoser(run, winner) }).toEqual({ problems, told: [expect.any(String)] });
      }
      expect(problems).toEqual([]);
    },
  );

  // KNOWN GAP (docs/excel-host.md, "Co-authoring"): when NO output sheet exists yet and two
  // co-authors' first analyses overlap, each creates its own sheets; what arrives from the other
  // then collides by name (the fake names it "Summary (2)", as Excel names a copy), or the second
  // commit is refused (ItemAlreadyExists for a sheet or a headline name). Expected to fail until the
  // writer resolves it; jest reports it when it starts passing.
  const overlapping = cases.filter(([delay, offset]) => !(delay === 0 && offset >= 4));
  const oneAfterTheOther = cases.filter((c) => !overlapping.includes(c));
  it.each(oneAfterTheOther)(
    "first analysis, delay %i syncs, the second run starting after %i syncs (once the first has finished)",
    async (delay, offset) => {
      const fresh = () => {
        const wb = ordinaryWorkbook();
        for (const s of outputs(wb)) wb.removeSheet(s);
        return wb;
      };
      const run = await interleave(fresh, delay, offset);
      expect((await verdict(fresh, run)).problems).toEqual([]);
    },
  );
  it.failing.each(overlapping)(
    "first analysis of a workbook, delay %i syncs, second run starting after %i syncs of the first",
    async (delay, offset) => {
      const start = () => ordinaryWorkbook();
      const fresh = () => {
        const wb = start();
        for (const s of outputs(wb)) wb.removeSheet(s);
        return wb;
      };
      const run = await interleave(fresh, delay, offset);
      const { problems } = await verdict(fresh, run);
      expect(problems).toEqual([]);
    },
  );
});

describe("the co-authoring fake", () => {
  it("two replicas that each rename a sheet to Summary converge: the later change's sheet is Summary (2) on both", async () => {
    const wb = ordinaryWorkbook();
    wb.addSheet("Notes A", SparseGrid.of([["by A"]]));
    wb.addSheet("Notes B", SparseGrid.of([["by B"]]));
    const hub = new CoauthoredWorkbook(wb, { delay: 2 });
    const [a, b] = hub.contexts.map((c) => c as unknown as Excel.RequestContext);
    // Neither has seen the other's rename yet: both succeed locally.
    a.workbook.worksheets.getItem("Notes A").name = "Shared";
    await a.sync();
    b.workbook.worksheets.getItem("Notes B").name = "Shared";
    await b.sync();
    expect(hub.replicas.map((r) => r.find("Shared")!.grid.get(0, 0)?.v)).toEqual(["by A", "by B"]);
    hub.deliverAll();
    const [s0, s1] = hub.states();
    expect(s0).toBe(s1);
    for (const r of hub.replicas) {
      expect(r.find("Shared")!.grid.get(0, 0)?.v).toBe("by A");
      expect(r.find("Shared (2)")!.grid.get(0, 0)?.v).toBe("by B");
    }
  });
});
