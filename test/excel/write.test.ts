import { buildReport } from "../../src/core/report/build";
import type { SheetSpec } from "../../src/core/report/spec";
import { ExcelHost, ExcelWriteError, PROTECTED_MESSAGE } from "../../src/hosts/excel";
import { PAYLOAD_BUDGET_BYTES } from "../../src/hosts/excel/payload";
import { literalText, widthToPoints } from "../../src/hosts/excel/render";
import { EVIL, makeOptions, makeResults } from "../report/fixtures";
import {
  FakeOfficeError,
  FakeWorkbook,
  interpretWrite,
  LIMIT_BYTES,
  SparseGrid,
  type FakeSheet,
} from "./fake-excel";
import { contextFor, gridOf, ordinaryWorkbook } from "./workbooks";
import { printFigures } from "../figures";

const INPUTS = ["Notes", "Levers", "Metrics", "Goals", "Observations", "Actions"];
const specs = () => buildReport(makeResults(), makeOptions());

function sheetNamed(wb: FakeWorkbook, name: string): FakeSheet {
  const s = wb.find(name);
  if (!s) throw new Error(`no sheet ${name}`);
  return s;
}

function inputSnapshot(wb: FakeWorkbook): unknown {
  return (wb.snapshot() as { name: string }[]).filter((s) => INPUTS.includes(s.name));
}

function cellAt(sheet: FakeSheet, r: number, c: number) {
  return sheet.grid.get(r, c);
}

function isMarked(sheet: FakeSheet): boolean {
  return sheet.names.some(
    (n) => n.name === "RpoAlign_Output" && !n.visible && n.formula === '="rpo-align output"',
  );
}

describe("ExcelHost.write", () => {
  it("writes the 6 report sheets in 4 syncs, updating our previous outputs in place and leaving inputs alone", async () => {
    const wb = ordinaryWorkbook();
    const before = inputSnapshot(wb);
    const oldSummaryId = sheetNamed(wb, "Summary").id;
    const { context, syncs } = contextFor(wb);
    const out = await new ExcelHost(context.run).write(specs());

    expect(syncs()).toBeLessThanOrEqual(6);
    expect(syncs()).toBe(4); // plan, setup (temporary sheets, date probe), build (+ check), commit
    expect(out.written).toEqual([
      "Summary",
      "Alignment",
      "Sensitivity",
      "Goal Shift",
      "Action Review",
      "Alignment History",
    ]);
    expect(out.notes).toEqual([]);
    // Inputs first and unchanged; our existing outputs kept their place (and sheet object), new
    // ones follow in report order; no temporary sheets left.
    expect(wb.sheets.map((s) => s.name)).toEqual([
      ...INPUTS,
      "Summary",
      "Alignment History",
      "Alignment",
      "Sensitivity",
      "Goal Shift",
      "Action Review",
    ]);
    expect(inputSnapshot(wb)).toEqual(before);
    expect(sheetNamed(wb, "Summary").id).toBe(oldSummaryId);
    expect(cellAt(sheetNamed(wb, "Summary"), 0, 0)?.v).not.toBe("Old summary");
    for (const name of out.written) {
      const s = sheetNamed(wb, name);
      expect(s.visibility).toBe("Visible");
      expect(isMarked(s)).toBe(true);
      expect(s.tabColor).toMatch(/^#[0-9A-F]{6}$/i);
    }
    const max = Math.max(...context.syncs.map((s) => s.requestBytes));
    expect(max).toBeLessThan(PAYLOAD_BUDGET_BYTES);
    expect(context.syncs.some((s) => s.actions.includes("suspendApiCalculationUntilNextSync"))).toBe(true);
    printFigures(`6 report sheets: ${syncs()} syncs, largest request ${max} bytes`);
  });

  it("renders values, formats, widths, freeze panes, colour scales and charts", async () => {
    const wb = ordinaryWorkbook();
    const { context } = contextFor(wb);
    const report = specs();
    await new ExcelHost(context.run).write(report);
    for (const spec of report) {
      const sheet = sheetNamed(wb, spec.name);
      spec.values.forEach((row, r) =>
        row.forEach((v, c) => {
          const cell = cellAt(sheet, r, c);
          if (v === null || v === "") expect(cell).toBeUndefined();
          else if (typeof v === "object") expect(cell?.formula).toBe(`=${v.formula}`);
          else {
            expect(cell?.v).toBe(v);
            expect(cell?.formula).toBeUndefined();
          }
        }),
      );
      const widths = sheet.formats.filter((f) => f.prop === "columnWidth");
      expect(widths.length).toBe(spec.columnWidths.filter((w) => w > 0).length);
      if (spec.freeze) expect(sheet.freeze).not.toBeNull();
      expect(sheet.conditionalFormats.length).toBe(spec.conditionalFormats.length);
      expect(sheet.charts.length).toBe(spec.charts.length);
      for (const run of spec.styles) {
        if (run.style.numberFormat) {
          expect(sheet.numberFormats.get(run.range.rowEnd * 16384 + run.range.colEnd)).toBeDefined();
        }
      }
    }
    const withScale = report.find((s) => s.conditionalFormats.length > 0);
    if (withScale) {
      const cf = sheetNamed(wb, withScale.name).conditionalFormats[0];
      expect(cf.type).toBe("ColorScale");
      expect(cf.criteria).toMatchObject({ midpoint: { type: "Number" } });
    }
    const withChart = report.find((s) => s.charts.length > 0);
    if (withChart) {
      const chart = sheetNamed(wb, withChart.name).charts[0];
      expect(chart.type).toBe("BarClustered");
      expect(chart.title).toBe(withChart.charts[0].title);
      expect(chart.series.length).toBe(withChart.charts[0].series.length);
      expect(chart.series[0].categories).toBeDefined();
      expect(chart.position).toBeDefined();
    }
    expect(widthToPoints(10)).toBe(56.25);
  });

  it("draws the Summary's alignment-over-time line chart: markers, axis bounds and formats, no legend", async () => {
    const history = {
      name: "Alignment History",
      values: [
        ["As of", "Run stamp", "Green", "Amber", "Red", "Overall score"],
        [makeResults().asOf - 90, "2025-03-01T09:00:00Z", 0, 1, 2, -2 / 3],
      ],
      originRow: 0,
      originCol: 0,
    };
    const report = buildReport(makeResults(), makeOptions({ history }));
    const spec = report.find((s) => s.name === "Summary")!;
    expect(spec.charts.map((c) => c.kind)).toEqual(["line"]);
    const wb = ordinaryWorkbook();
    const { context } = contextFor(wb);
    await new ExcelHost(context.run).write(report);
    const [chart] = sheetNamed(wb, "Summary").charts;
    expect(chart.type).toBe("LineMarkers");
    expect(chart.title).toBe(spec.charts[0].title);
    expect(chart.axes).toEqual({
      value: { minimum: -1, maximum: 1, numberFormat: "0%" },
      category: { numberFormat: "mmm yyyy" },
    });
    expect(chart.legendVisible).toBe(false);
    const { categories, series, anchor } = spec.charts[0];
    expect(chart.series[0].categories).toBe(`A${categories.row + 1}:A${categories.rowEnd + 1}`);
    expect(chart.series[0].values).toBe(`B${series[0].values.row + 1}:B${series[0].values.rowEnd + 1}`);
    expect(chart.series[0].lineColor).toMatch(/^#[0-9A-F]{6}$/i);
    expect(chart.position).toEqual([`C${anchor.row + 1}`, `D${anchor.row + anchor.heightRows}`]);
  });

  it("keeps text starting with =, +, -, @, ', # and number-like text literal", async () => {
    const tricky = [
      EVIL,
      "=1+1",
      "+44 20 7946 0000",
      "-5",
      "@user",
      "'quoted",
      "0012",
      "1/2",
      "TRUE",
      "#N/A",
      "50%",
      "plain",
      "Q1 2025",
    ];
    for (const t of tricky) {
      // Without the prefix, Excel would turn most of these into something else.
      const written = interpretWrite(literalText(t));
      expect(written).toMatchObject({ v: t, t: "String" });
    }
    expect(interpretWrite("=1+1")).toMatchObject({ formula: "=1+1" });
    const spec: SheetSpec = {
      name: "Summary",
      values: [tricky, [{ formula: "SUM(1,2)" }, 3, true, null]],
      styles: [],
      columnWidths: [],
      conditionalFormats: [],
      charts: [],
    };
    const wb = ordinaryWorkbook();
    const { context } = contextFor(wb);
    await new ExcelHost(context.run).write([spec]);
    const sheet = sheetNamed(wb, "Summary");
    tricky.forEach((t, c) => {
      const cell = cellAt(sheet, 0, c)!;
      expect({ v: cell.v, t: cell.t, formula: cell.formula }).toEqual({
        v: t,
        t: "String",
        formula: undefined,
      });
    });
    expect(cellAt(sheet, 1, 0)?.formula).toBe("=SUM(1,2)");
    expect(cellAt(sheet, 1, 1)).toMatchObject({ v: 3, t: "Double" });
    expect(cellAt(sheet, 1, 2)).toMatchObject({ v: true, t: "Boolean" });
  });

  it("splits a 20,000-row output into requests under the budget", async () => {
    const rows = 20_000;
    const values = Array.from({ length: rows }, (_, r) => [
      `Row ${r} with a fairly long label to make the payload realistic`,
      ...Array.from({ length: 11 }, (_, c) => r * 1.123456789 + c),
    ]);
    const spec: SheetSpec = {
      name: "Alignment",
      values,
      styles: [
        {
          range: { row: 0, col: 1, rowEnd: rows - 1, colEnd: 11 },
          style: { numberFormat: "#,##0.000;[Red]-#,##0.000" },
        },
        {
          range: { row: 0, col: 0, rowEnd: 0, colEnd: 11 },
          style: { bold: true, fill: "1F4E78", borderBottom: true },
        },
      ],
      columnWidths: [40],
      freeze: { rows: 1, cols: 1 },
      conditionalFormats: [],
      charts: [],
    };
    const wb = ordinaryWorkbook();
    const { context, syncs } = contextFor(wb);
    await new ExcelHost(context.run).write([spec]);
    const max = Math.max(...context.syncs.map((s) => s.requestBytes));
    expect(max).toBeLessThan(LIMIT_BYTES);
    expect(max).toBeLessThanOrEqual(PAYLOAD_BUDGET_BYTES);
    const valueWrites = context.syncs.flatMap((s) => s.actions).filter((a) => a === "range.values").length;
    expect(valueWrites).toBeGreaterThan(1);
    const sheet = sheetNamed(wb, "Alignment");
    expect(cellAt(sheet, rows - 1, 11)?.v).toBeCloseTo((rows - 1) * 1.123456789 + 10, 9);
    expect(sheet.numberFormats.get((rows - 1) * 16384 + 11)).toBe("#,##0.000;[Red]-#,##0.000");
    printFigures(
      `20,000-row output: ${syncs()} syncs, ${valueWrites} value blocks, largest request ${max} bytes`,
    );
  });

  it("leaves inputs and previous outputs untouched when a sync is rejected half-way", async () => {
    const wb = ordinaryWorkbook();
    const before = wb.snapshot();
    const { context } = contextFor(wb);
    // A small budget makes several build syncs; the second build sync fails after some actions ran.
    context.failWhen = ({ sync, index }) =>
      sync === 2 && index === 3
        ? new FakeOfficeError("GeneralException", "There was an internal error.")
        : null;
    const error = await new ExcelHost(context.run, 20_000).write(specs()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExcelWriteError);
    expect((error as ExcelWriteError).kind).toBe("rejected");
    expect((error as Error).message).toMatch(/GeneralException/);
    expect((error as Error).message).toMatch(/left as they were/);
    // The first build sync had created temporary sheets; they were deleted again.
    expect(context.syncs[1].actions.some((a) => a.startsWith("worksheets.add"))).toBe(true);
    expect(context.syncs[2].actions.length).toBe(3);
    expect(context.syncs.at(-1)!.actions.filter((a) => a === "worksheet.delete").length).toBeGreaterThan(0);
    expect(wb.snapshot()).toEqual(before);
  });

  it("repairs each sheet when the commit sync fails part-way (no duplicates, no temporary sheets)", async () => {
    const wb = ordinaryWorkbook();
    wb.mark(wb.addSheet("Alignment", gridOf([["Old alignment"]])));
    const { context } = contextFor(wb);
    let copies = 0;
    context.failWhen = ({ action }) =>
      action === "range.copyFrom" && ++copies === 2 ? new FakeOfficeError("GeneralException", "boom") : null;
    const error = (await new ExcelHost(context.run)
      .write(specs())
      .catch((e: unknown) => e)) as ExcelWriteError;
    expect(error.kind).toBe("rejected");
    expect(error.message).toMatch(/run again/);
    const names = wb.sheets.map((s) => s.name);
    expect(names.filter((n) => n.startsWith("~rpo-tmp-"))).toEqual([]);
    expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(names.length);
    // Summary was replaced before the failure; Alignment's old sheet survived (and is still the old one).
    expect(cellAt(sheetNamed(wb, "Summary"), 0, 0)?.v).not.toBe("Old summary");
    expect(cellAt(sheetNamed(wb, "Alignment"), 0, 0)?.v).toBe("Old alignment");
    for (const n of INPUTS) expect(names).toContain(n);
  });

  it("never touches a user's sheet called Alignment: ours goes to 'Alignment (rpo-align)'", async () => {
    const wb = ordinaryWorkbook();
    wb.addSheet("Alignment", gridOf([["My own analysis", 42]]));
    const before = JSON.stringify(wb.snapshot());
    const { context } = contextFor(wb);
    const out = await new ExcelHost(context.run).write(specs());
    expect(out.written).toContain("Alignment (rpo-align)");
    expect(out.notes.join(" ")).toMatch(/Alignment \(rpo-align\)/);
    const mine = (JSON.parse(before) as { name: string }[]).find((s) => s.name === "Alignment");
    expect((wb.snapshot() as { name: string }[]).find((s) => s.name === "Alignment")).toEqual(mine);
    expect(isMarked(sheetNamed(wb, "Alignment (rpo-align)"))).toBe(true);
  });

  it("says how to unprotect a protected workbook and changes nothing", async () => {
    const wb = ordinaryWorkbook();
    wb.protected = true;
    const before = wb.snapshot();
    const { context, syncs } = contextFor(wb);
    const error = (await new ExcelHost(context.run)
      .write(specs())
      .catch((e: unknown) => e)) as ExcelWriteError;
    expect(error).toBeInstanceOf(ExcelWriteError);
    expect(error.kind).toBe("protected");
    expect(error.message).toBe(PROTECTED_MESSAGE);
    expect(error.message).toMatch(/Review › Protect Workbook/);
    expect(syncs()).toBe(1);
    expect(wb.snapshot()).toEqual(before);
  });

  it("reports protection found only when Excel refuses (AccessDenied) as the protected message", async () => {
    const wb = ordinaryWorkbook();
    const before = wb.snapshot();
    const { context } = contextFor(wb);
    context.failWhen = ({ action }) =>
      action.startsWith("worksheets.add")
        ? new FakeOfficeError("AccessDenied", "The workbook is protected.")
        : null;
    const error = (await new ExcelHost(context.run)
      .write(specs())
      .catch((e: unknown) => e)) as ExcelWriteError;
    expect(error.kind).toBe("protected");
    expect(wb.snapshot()).toEqual(before);
  });

  it("cancelling while building removes the temporary sheets", async () => {
    const wb = ordinaryWorkbook();
    const before = wb.snapshot();
    const { context } = contextFor(wb);
    const controller = new AbortController();
    const onProgress = (p: { fraction: number }) => {
      if (p.fraction > 0) controller.abort();
    };
    const error = (await new ExcelHost(context.run, 20_000)
      .write(specs(), { signal: controller.signal, onProgress })
      .catch((e: unknown) => e)) as ExcelWriteError;
    expect(error.kind).toBe("cancelled");
    expect(wb.snapshot()).toEqual(before);
  });

  it("removes temporary sheets left by an interrupted run", async () => {
    const wb = ordinaryWorkbook();
    const stale = wb.mark(wb.addSheet("~rpo-tmp-1", new SparseGrid()));
    stale.visibility = "Hidden";
    const { context } = contextFor(wb);
    await new ExcelHost(context.run).write(specs());
    expect(wb.sheets.map((s) => s.name).filter((n) => n.startsWith("~"))).toEqual([]);
  });

  it("refuses when both the name and its alternate belong to the user", async () => {
    const wb = ordinaryWorkbook();
    wb.addSheet("Alignment");
    wb.addSheet("Alignment (rpo-align)");
    const { context } = contextFor(wb);
    const error = (await new ExcelHost(context.run)
      .write(specs())
      .catch((e: unknown) => e)) as ExcelWriteError;
    expect(error.kind).toBe("names");
    expect(error.message).toMatch(/Rename one of them/);
  });
});
