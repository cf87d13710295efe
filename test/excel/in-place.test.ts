/** Re-analysing keeps the user's references: output sheets updated in place, names, stamps, co-authors' temps. */
import { buildReport } from "../../src/core/report/build";
import type { SheetSpec } from "../../src/core/report/spec";
import { ExcelHost } from "../../src/hosts/excel";
import { newRunId, STALE_TEMP_MS, tempSheetName, writeOutputs } from "../../src/hosts/excel/write";
import { makeOptions, makeResults } from "../report/fixtures";
import { FakeContext, FakeOfficeError, FakeWorkbook, SparseGrid, plainCell } from "./fake-excel";
import { ordinaryWorkbook } from "./workbooks";

/** The report with headline names (as the report layer supplies them) and a figure that changes per run. */
function report(score: number, colour: string): SheetSpec[] {
  const specs = buildReport(makeResults(), makeOptions());
  const summary = specs.find((s) => s.name === "Summary")!;
  summary.values[4] = [...(summary.values[4] ?? [])];
  summary.values[4][1] = score;
  summary.names = [{ name: "RpoAlign_GoalScore", row: 4, col: 1, comment: "Weighted goal score" }];
  const alignment = specs.find((s) => s.name === "Alignment")!;
  alignment.values[5] = [...(alignment.values[5] ?? [])];
  alignment.values[5][2] = colour;
  alignment.names = [{ name: "RpoAlign_Lever1_Colour", row: 5, col: 2 }];
  return specs;
}

function userSheet(wb: FakeWorkbook) {
  const grid = new SparseGrid();
  wb.addSheet("Finance", grid);
  return grid;
}

/** Writes a formula on the user's sheet as the user would type it (bound by the fake like Excel). */
function typeFormula(wb: FakeWorkbook, grid: SparseGrid, row: number, formula: string) {
  grid.set(row, 0, wb.bindFormula({ v: 0, t: "Double", formula }) as never);
}

describe("outputs updated in place", () => {
  it("a user's formulas on each output sheet and on the headline names survive two re-analyses, showing the new figures", async () => {
    const wb = ordinaryWorkbook();
    const host = new ExcelHost(new FakeContext(wb).run);
    await host.write(report(0.41, "Green"));
    const finance = userSheet(wb);
    typeFormula(wb, finance, 0, "=Summary!B5");
    typeFormula(wb, finance, 1, "=Alignment!C6");
    typeFormula(wb, finance, 2, "=RpoAlign_GoalScore");
    typeFormula(wb, finance, 3, "=RpoAlign_Lever1_Colour");
    typeFormula(wb, finance, 4, "='Alignment History'!A1");
    const ids = wb.sheets.map((s) => `${s.name}:${s.id}`);
    expect(wb.shown("Finance", "A1")).toBe(0.41);
    expect(wb.shown("Finance", "A3")).toBe(0.41);
    expect(wb.shown("Finance", "A4")).toBe("Green");

    await host.write(report(0.55, "Amber"));
    await host.write(report(0.62, "Red"));
    expect(wb.shown("Finance", "A1")).toBe(0.62);
    expect(wb.shown("Finance", "A2")).toBe("Red");
    expect(wb.shown("Finance", "A3")).toBe(0.62);
    expect(wb.shown("Finance", "A4")).toBe("Red");
    expect(wb.shown("Finance", "A5")).not.toBe("#REF!");
    // Same sheet objects, same order, no temporary sheets.
    expect(wb.sheets.map((s) => `${s.name}:${s.id}`)).toEqual(ids);
    expect(wb.definedNames.map((n) => [n.name, n.formula])).toEqual([
      ["RpoAlign_GoalScore", "='Summary'!$B$5"],
      ["RpoAlign_Lever1_Colour", "='Alignment'!$C$6"],
    ]);
  });

  it("the fake catches the old delete-and-rename protocol: a deleted sheet's references become #REF!", () => {
    const wb = new FakeWorkbook();
    wb.addSheet("Summary", SparseGrid.of([[1, 2]]));
    const finance = userSheet(wb);
    typeFormula(wb, finance, 0, "=Summary!B1");
    expect(wb.shown("Finance", "A1")).toBe(2);
    wb.removeSheet(wb.find("Summary")!);
    const fresh = wb.addSheet("Summary", SparseGrid.of([[1, 3]]));
    expect(fresh).toBeDefined();
    expect(wb.shown("Finance", "A1")).toBe("#REF!");
  });

  it("every output sheet is stamped with the run id; a half-updated set is detected and repaired", async () => {
    const wb = ordinaryWorkbook();
    const context = new FakeContext(wb);
    const first = await new ExcelHost(context.run).write(report(0.4, "Green"));
    const stampOf = (name: string) => wb.find(name)!.names.find((n) => n.name === "RpoAlign_Run")?.formula;
    for (const n of first.written) expect(stampOf(n)).toBe(`="${first.runId}"`);

    let copies = 0;
    context.failWhen = ({ action }) =>
      action === "range.copyFrom" && ++copies === 3 ? new FakeOfficeError("GeneralException", "boom") : null;
    await expect(new ExcelHost(context.run).write(report(0.5, "Amber"))).rejects.toThrow(/run again/);
    context.failWhen = null;
    const stamps = new Set(first.written.map(stampOf));
    expect(stamps.size).toBe(2); // half-updated

    const third = await new ExcelHost(context.run).write(report(0.6, "Red"));
    expect(third.notes.join(" ")).toMatch(/did not finish.*rewrote them all/);
    expect(new Set(first.written.map(stampOf))).toEqual(new Set([`="${third.runId}"`]));
    expect(wb.sheets.filter((s) => s.name.startsWith("~rpo-tmp-"))).toEqual([]);
  });
});

describe("co-authors' temporary sheets", () => {
  it("run ids are unique and temporary names fit Excel's 31 characters", () => {
    const ids = new Set(Array.from({ length: 200 }, () => newRunId(Date.UTC(2030, 0, 1))));
    expect(ids.size).toBeGreaterThan(195);
    expect(tempSheetName(newRunId(), 99).length).toBeLessThanOrEqual(31);
  });

  it("removes only its own temporary sheets and stale ones, never a co-author's run in progress", async () => {
    const wb = ordinaryWorkbook();
    const now = Date.UTC(2030, 0, 1, 12);
    const fresh = tempSheetName(newRunId(now - 60_000), 0); // a co-author started a minute ago
    const stale = tempSheetName(newRunId(now - STALE_TEMP_MS - 60_000), 0);
    for (const name of [fresh, stale, "~rpo-tmp-3"]) {
      const s = wb.mark(wb.addSheet(name, SparseGrid.of([["theirs"]])));
      s.visibility = "Hidden";
    }
    const context = new FakeContext(wb);
    await context.run((ctx) => writeOutputs(ctx, report(0.4, "Green"), { now: () => now }));
    const names = wb.sheets.map((s) => s.name);
    expect(names).toContain(fresh);
    expect(names).not.toContain(stale);
    expect(names).not.toContain("~rpo-tmp-3"); // an older version's, of unknown age
    expect(names.filter((n) => n.startsWith("~rpo-tmp-"))).toEqual([fresh]);
  });

  it("tells the user when a co-author's analysis rewrote the results while this one ran", async () => {
    const wb = ordinaryWorkbook();
    const context = new FakeContext(wb);
    await context.run((ctx) => writeOutputs(ctx, report(0.4, "Green"), { runId: "aaaa-1111" }));
    // The co-author's run commits (its changes arrive) while ours is building.
    let arrived = false;
    context.failWhen = ({ action }) => {
      if (!arrived && action === "suspendApiCalculationUntilNextSync") {
        arrived = true;
        for (const s of wb.sheets) {
          const stamp = s.names.find((n) => n.name === "RpoAlign_Run");
          if (stamp) stamp.formula = '="bbbb-2222"';
        }
      }
      return null;
    };
    const out = await context.run((ctx) => writeOutputs(ctx, report(0.5, "Amber"), { runId: "cccc-3333" }));
    expect(out.notes.join(" ")).toMatch(
      /co-author's analysis updated the result sheets while yours was running/,
    );
    const stamps = wb.sheets.flatMap((s) =>
      s.names.filter((n) => n.name === "RpoAlign_Run").map((n) => n.formula),
    );
    expect(new Set(stamps)).toEqual(new Set(['="cccc-3333"']));
  });
});

describe("Excel's own rules", () => {
  it("never sets inside borders on a single cell (Excel refuses them)", async () => {
    const wb = ordinaryWorkbook();
    const spec: SheetSpec = {
      name: "Bordered",
      values: [
        ["a", "b"],
        ["c", "d"],
      ],
      styles: [
        { range: { row: 0, col: 0, rowEnd: 0, colEnd: 0 }, style: { border: true } },
        { range: { row: 0, col: 0, rowEnd: 0, colEnd: 1 }, style: { border: true } },
        { range: { row: 0, col: 0, rowEnd: 1, colEnd: 1 }, style: { border: true } },
      ],
      columnWidths: [],
      conditionalFormats: [],
      charts: [],
    };
    await new ExcelHost(new FakeContext(wb).run).write([spec]);
    const edges = wb
      .find("Bordered")!
      .formats.filter((f) => f.prop.endsWith(".style"))
      .map((f) => `${f.address} ${f.prop}`);
    expect(edges).not.toContain("A1 border.InsideHorizontal.style");
    expect(edges).not.toContain("A1 border.InsideVertical.style");
    expect(edges).toContain("A1:B1 border.InsideVertical.style");
    expect(edges).not.toContain("A1:B1 border.InsideHorizontal.style");
    expect(edges).toContain("A1:B2 border.InsideHorizontal.style");
  });

  it("detects the 1904 date system with a probe and writes date cells as 1904 serials", async () => {
    const spec: SheetSpec = {
      name: "Dates",
      values: [["As of", 45444, 0.5]],
      styles: [
        { range: { row: 0, col: 1, rowEnd: 0, colEnd: 1 }, style: { numberFormat: "yyyy-mm-dd" } },
        { range: { row: 0, col: 2, rowEnd: 0, colEnd: 2 }, style: { numberFormat: "0.0%" } },
      ],
      columnWidths: [],
      conditionalFormats: [],
      charts: [],
    };
    for (const date1904 of [false, true]) {
      const wb = ordinaryWorkbook();
      wb.date1904 = date1904;
      await new ExcelHost(new FakeContext(wb).run).write([spec]);
      const sheet = wb.find("Dates")!;
      expect(sheet.grid.get(0, 1)?.v).toBe(date1904 ? 45444 - 1462 : 45444);
      expect(sheet.grid.get(0, 2)?.v).toBe(0.5);
      expect(sheet.grid.get(0, 0)?.v).toBe("As of"); // the probe cell was cleared, then written
    }
  });

  it("splits and retries when the fake refuses a request for its size", async () => {
    const wb = ordinaryWorkbook();
    const context = new FakeContext(wb);
    context.limitBytes = 40_000;
    const out = await new ExcelHost(context.run).write(buildReport(makeResults(), makeOptions()));
    for (const n of out.written) expect(wb.find(n)).toBeDefined();
    expect(Math.max(...context.syncs.map((s) => s.requestBytes))).toBeGreaterThan(40_000); // one was refused
    expect(wb.sheets.filter((s) => s.name.startsWith("~rpo-tmp-"))).toEqual([]);
    expect(plainCell(1).t).toBe("Double");
  });
});

describe("ExcelApi requirement sets", () => {
  afterEach(() => delete (globalThis as { Office?: unknown }).Office);

  it("an Excel without ExcelApi 1.9 is told so before anything changes (isSetSupported)", async () => {
    (globalThis as unknown as { Office: unknown }).Office = {
      context: {
        requirements: { isSetSupported: (_set: string, v: string) => Number(v.split(".")[1]) <= 8 },
      },
    };
    const wb = ordinaryWorkbook();
    const before = wb.snapshot();
    const error = await new ExcelHost(new FakeContext(wb).run)
      .write(report(0.4, "Green"))
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: "unsupported" });
    expect(wb.snapshot()).toEqual(before);
  });

  it("the fake itself refuses copyFrom below ExcelApi 1.9, so an unguarded call fails the tests", async () => {
    const wb = ordinaryWorkbook();
    wb.apiVersion = "1.8";
    const host = new ExcelHost(new FakeContext(wb).run);
    await expect(host.write(report(0.4, "Green"))).rejects.toThrow(/ApiNotFound|1\.9/);
    expect(wb.sheets.filter((s) => s.name.startsWith("~rpo-tmp-"))).toEqual([]);
  });
});
