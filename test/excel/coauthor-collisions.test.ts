/**
 * What a run does when a co-author's change lands between its check and its commit (Excel then
 * refuses the commit: ItemAlreadyExists), and how it removes a second set of result sheets that two
 * overlapping first analyses left — without ever taking a user's sheet or copy for one.
 * (coauthoring.test.ts runs whole interleavings; these pin each rule down on one context.)
 */
import { buildReport } from "../../src/core/report/build";
import type { SheetSpec } from "../../src/core/report/spec";
import { ExcelWriteError } from "../../src/hosts/excel/errors";
import { newRunId, RUN_STAMP_NAME, writeOutputs } from "../../src/hosts/excel/write";
import { makeOptions, makeResults } from "../report/fixtures";
import { FakeContext, FakeOfficeError, SparseGrid, type FakeSheet, type FakeWorkbook } from "./fake-excel";
import { contextFor, ordinaryWorkbook } from "./workbooks";

const specs = (): SheetSpec[] => buildReport(makeResults(), makeOptions());
const PLANNED = specs().map((s) => s.name);
const HEADLINES = specs().flatMap((s) => (s.names ?? []).map((n) => n.name));

/** The workbook before any analysis: inputs only. */
function fresh(): FakeWorkbook {
  const wb = ordinaryWorkbook();
  for (const s of wb.sheets.filter((x) => x.names.some((n) => n.name === "RpoAlign_Output")))
    wb.removeSheet(s);
  return wb;
}

const stampOf = (sheet: FakeSheet) => sheet.names.find((n) => n.name === RUN_STAMP_NAME)?.formula;
const temps = (wb: FakeWorkbook) => wb.sheets.filter((s) => s.name.startsWith("~rpo-tmp-"));
const run = (context: FakeContext, runId: string, s = specs()) =>
  writeOutputs(context as unknown as Excel.RequestContext, s, { runId });

/** A sheet as a co-author's run (or Excel's Move or Copy) would leave it: `from`'s cells and names. */
function copyOf(wb: FakeWorkbook, from: FakeSheet, name: string, names = from.names): FakeSheet {
  const grid = new SparseGrid();
  for (const [k, c] of (from.grid as SparseGrid).cells)
    grid.set(Math.floor(k / 16_384), k % 16_384, { ...c });
  return wb.addSheet(name, grid, { names: names.map((n) => ({ ...n })) });
}

describe("a commit refused because of a co-author's change", () => {
  it("a headline name a co-author added meanwhile fails only the names: the sheets stay committed, the retry sets the names", async () => {
    expect(HEADLINES.length).toBeGreaterThan(0);
    const wb = fresh();
    const { context, syncs } = contextFor(wb);
    let arrived = false;
    context.failWhen = ({ action }) => {
      if (!arrived && action.startsWith("workbook.names.add RpoAlign_")) {
        arrived = true; // the co-author's name reaches this workbook just now
        wb.defineName(action.slice("workbook.names.add ".length), "=#N/A");
      }
      return null;
    };
    const out = await run(context, "m0000001-aaaa");
    expect(arrived).toBe(true);
    expect(syncs()).toBe(6); // 4, then one reload and the commit of the names
    expect(out.written).toEqual(PLANNED);
    for (const name of PLANNED) expect(stampOf(wb.find(name)!)).toBe('="m0000001-aaaa"');
    for (const name of HEADLINES) {
      const item = wb.definedNames.find((n) => n.name === name)!;
      expect(item.target && PLANNED.includes(item.target.sheet.name)).toBe(true);
    }
    expect(temps(wb)).toEqual([]);
  });

  it("a co-author's first analysis created Summary meanwhile: the run plans again and updates that sheet in place", async () => {
    const wb = fresh();
    const { context, syncs } = contextFor(wb);
    let theirs: FakeSheet | null = null;
    context.failWhen = ({ action }) => {
      if (!theirs && action === "rename to Summary") {
        theirs = wb.addSheet("Summary", SparseGrid.of([["Their summary"], ["their row"]]), {
          names: [
            { name: "RpoAlign_Output", formula: '="rpo-align output"', visible: false },
            { name: RUN_STAMP_NAME, formula: '="m0000000-zzzz"', visible: false },
            { name: "RpoAlign_Created", formula: '="m0000000-zzzz"', visible: false },
          ],
        });
        theirs.charts = [{ name: "RpoAlign_Chart_1", type: "Line", source: "A1:B2", series: [{}] }];
      }
      return null;
    };
    const out = await run(context, "m0000001-aaaa");
    expect(theirs).not.toBeNull();
    expect(syncs()).toBe(7); // 4, then reload, their sheet's chart names, commit
    const summary = wb.find("Summary")!;
    expect(summary).toBe(theirs); // the same sheet object: updated in place, never deleted
    expect(stampOf(summary)).toBe('="m0000001-aaaa"');
    expect(summary.grid.get(0, 0)?.v).toBe(specs()[0].values[0][0]);
    expect(summary.grid.get(1, 0)?.v).not.toBe("their row");
    // Their chart was replaced by ours (same names, drawn by this run), not kept beside it.
    const alone = fresh();
    await run(new FakeContext(alone), "m0000001-aaaa");
    expect(summary.charts).toEqual(alone.find("Summary")!.charts);
    expect(wb.sheets.filter((s) => /^Summary/.test(s.name))).toHaveLength(1);
    expect(temps(wb)).toEqual([]);
    expect(out.notes.join(" ")).toMatch(
      /co-author's analysis updated the result sheets while yours was running/,
    );
  });

  it("gives up after 3 refusals with a message saying what happened, and removes its temporary sheets", async () => {
    const wb = fresh();
    const { context } = contextFor(wb);
    context.failWhen = ({ action }) =>
      action === "rename to Summary"
        ? new FakeOfficeError("ItemAlreadyExists", "a sheet named Summary exists")
        : null;
    const error = (await run(context, "m0000001-aaaa").catch((e: unknown) => e)) as ExcelWriteError;
    expect(error).toBeInstanceOf(ExcelWriteError);
    expect(error.kind).toBe("rejected");
    expect(error.message).toMatch(/co-author's analysis kept changing the result sheets/);
    expect(error.message).toMatch(/refused the update 3 times \(ItemAlreadyExists/);
    expect(error.message).toMatch(/Run again once their analysis has finished/);
    expect(temps(wb)).toEqual([]);
  });
});

describe("a second set of result sheets left by two overlapping first analyses", () => {
  /** Our outputs of run `a`, then a duplicate "<name> (2)" of each made by run `b` (or as `names` says). */
  async function twoSets(b: string | null, edit?: (names: FakeSheet["names"]) => FakeSheet["names"]) {
    const wb = fresh();
    await run(
      new FakeContext(wb),
      newRunId(Date.UTC(2030, 0, 1, 12), () => 0.1),
    );
    for (const name of PLANNED) {
      const original = wb.find(name)!;
      let names = original.names.map((n) =>
        b && (n.name === RUN_STAMP_NAME || n.name === "RpoAlign_Created") ? { ...n, formula: `="${b}"` } : n,
      );
      if (edit) names = edit(names);
      copyOf(wb, original, `${name} (2)`, names);
    }
    return wb;
  }
  const minutesLater = (m: number) => newRunId(Date.UTC(2030, 0, 1, 12, m), () => 0.9);

  it("is removed by the next run, which keeps the sheets user formulas point at and says so", async () => {
    const wb = await twoSets(minutesLater(1));
    const finance = new SparseGrid();
    wb.addSheet("Finance", finance);
    finance.set(0, 0, wb.bindFormula({ v: 0, t: "Double", formula: "=Summary!A1" }) as never);
    const ids = PLANNED.map((n) => wb.find(n)!.id);
    const { context, syncs } = contextFor(wb);
    const out = await run(context, minutesLater(2));
    expect(syncs()).toBe(4); // the deletions ride in the commit
    expect(PLANNED.map((n) => wb.find(n)?.id)).toEqual(ids);
    expect(wb.sheets.filter((s) => / \(2\)$/.test(s.name))).toEqual([]);
    expect(wb.shown("Finance", "A1")).toBe(specs()[0].values[0][0]);
    expect(out.notes.join(" ")).toMatch(/held a second set \("Summary \(2\)".*That second set was removed/);
  });

  it("a user's copy of one of our sheets (Excel's Move or Copy: same creation stamp) is never taken for one", async () => {
    const wb = await twoSets(null); // copies carry the original's stamps
    await run(new FakeContext(wb), minutesLater(2));
    for (const name of PLANNED) expect(wb.find(`${name} (2)`)).toBeDefined();
  });

  it("nor a sheet made by a run that cannot have overlapped (created over an hour apart)", async () => {
    const wb = await twoSets(minutesLater(61));
    await run(new FakeContext(wb), minutesLater(62));
    for (const name of PLANNED) expect(wb.find(`${name} (2)`)).toBeDefined();
  });

  it("nor one without a creation stamp (an older version's) or whose marker is not ours", async () => {
    const noCreated = await twoSets(minutesLater(1), (names) =>
      names.filter((n) => n.name !== "RpoAlign_Created"),
    );
    await run(new FakeContext(noCreated), minutesLater(2));
    for (const name of PLANNED) expect(noCreated.find(`${name} (2)`)).toBeDefined();

    const otherMarker = await twoSets(minutesLater(1), (names) =>
      names.map((n) => (n.name === "RpoAlign_Output" ? { ...n, formula: '="my own notes"' } : n)),
    );
    await run(new FakeContext(otherMarker), minutesLater(2));
    for (const name of PLANNED) expect(otherMarker.find(`${name} (2)`)).toBeDefined();
  });
});
