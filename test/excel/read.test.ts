import { parse } from "../../src/core/model/parse";
import { ExcelHost } from "../../src/hosts/excel";
import { toCellValue } from "../../src/hosts/excel/convert";
import { PAYLOAD_BUDGET_BYTES } from "../../src/hosts/excel/payload";
import { LEVERS, OBSERVATIONS } from "../model/builders";
import { errorCell, FakeWorkbook, GeneratedGrid, LIMIT_BYTES, LIMIT_CELLS, plainCell } from "./fake-excel";
import { contextFor, gridOf, LEVERS_TITLE_ROWS, ordinaryWorkbook } from "./workbooks";
import { printFigures } from "../figures";

const NOT_LOADED = /^Error, (property was not loaded|context\.sync\(\) was not called)$/;

function allStrings(values: unknown[][]): string[] {
  return values.flat().filter((v): v is string => typeof v === "string");
}

describe("ExcelHost.read", () => {
  it("reads an ordinary workbook (5 input sheets, history, outputs) in 2 syncs", async () => {
    const wb = ordinaryWorkbook();
    const { context, syncs } = contextFor(wb);
    const raw = await new ExcelHost(context.run).read();

    expect(syncs()).toBe(2);
    expect(raw.sheetNames).toEqual([
      "Notes",
      "Levers",
      "Metrics",
      "Goals",
      "Observations",
      "Actions",
      "Summary",
      "Alignment History",
    ]);
    expect(raw.sheets.map((s) => s.name)).toEqual(["Levers", "Metrics", "Goals", "Observations", "Actions"]);
    expect(raw.outputSheets).toEqual(["Summary", "Alignment History"]);
    expect(raw.history?.name).toBe("Alignment History");
    expect(raw.history?.values[2]).toEqual([45444, "2024-06-02", 3, 1, 0, 0.4]);

    // Title rows: the used range starts at the title, the header sits two rows below it.
    const levers = raw.sheets.find((s) => s.name === "Levers")!;
    expect(levers.originRow).toBe(0);
    expect(levers.values[0][0]).toBe("Levers we control");
    expect(levers.values[1].every((v) => v === null)).toBe(true);
    expect(levers.values[LEVERS_TITLE_ROWS]).toEqual(LEVERS[0]);
    // Blanks come back as null (Office.js gives ""), rows keep the used range's width.
    expect(levers.values[LEVERS_TITLE_ROWS + 3][6]).toBeNull();

    const parsed = parse(raw);
    expect(parsed.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(parsed.model).not.toBeNull();
    for (const s of raw.sheets) expect(allStrings(s.values).filter((v) => NOT_LOADED.test(v))).toEqual([]);
    for (const stat of context.syncs) expect(stat.responseBytes).toBeLessThan(PAYLOAD_BUDGET_BYTES);
  });

  it("converts blanks, errors (via valueTypes), booleans and text that looks like an error", async () => {
    const wb = new FakeWorkbook();
    const obs = gridOf(OBSERVATIONS, 0, 1); // starts in column B
    obs.set(3, 2, errorCell("#N/A"));
    obs.set(4, 2, plainCell("#N/A")); // text, not an error
    obs.set(5, 3, plainCell(true));
    wb.addSheet("observations ", obs); // name match is trimmed and case-insensitive
    const { context } = contextFor(wb);
    const raw = await new ExcelHost(context.run).read();
    const sheet = raw.sheets[0];
    expect(sheet.name).toBe("observations ");
    expect(sheet.originCol).toBe(1);
    expect(sheet.values[3][1]).toEqual({ kind: "error", code: "#N/A" });
    expect(sheet.values[4][1]).toBe("#N/A");
    expect(sheet.values[5][2]).toBe(true);
    expect(toCellValue("", "Empty")).toBeNull();
    expect(toCellValue("", "String")).toBeNull();
    expect(toCellValue(45444, "Double")).toBe(45444);
  });

  it("reads input tables: header row first, totals row dropped, headerless tables get their column names", async () => {
    const wb = new FakeWorkbook();
    const data = wb.addSheet("Data", gridOf(LEVERS, 4, 2)); // C5
    data.tables.push({
      name: "tblLevers",
      rect: { row: 4, col: 2, rows: LEVERS.length, cols: LEVERS[0].length },
      showHeaders: true,
      showTotals: false,
    } as never);
    // Metrics as a headerless table with a totals row, at A20 on the same sheet.
    data.grid.set(19, 0, plainCell("Time to fill"));
    data.grid.set(19, 1, plainCell("Recruitment"));
    data.grid.set(20, 0, plainCell("Total"));
    data.tables.push({
      name: "MetricsTable",
      rect: { row: 19, col: 0, rows: 2, cols: 2 },
      showHeaders: false,
      showTotals: true,
      columns: ["Metric", "Layer"],
    });
    data.tables.push({
      name: "tblLever2",
      rect: { row: 30, col: 0, rows: 2, cols: 2 },
      showHeaders: true,
      showTotals: false,
      columns: [],
    });
    const { context, syncs } = contextFor(wb);
    const raw = await new ExcelHost(context.run).read();
    expect(syncs()).toBe(2);
    expect(raw.sheets).toEqual([]);
    const levers = raw.tables.find((t) => t.name === "tblLevers")!;
    expect(levers).toMatchObject({ sheetName: "Data", originRow: 4, originCol: 2 });
    expect(levers.values[0]).toEqual(LEVERS[0]);
    expect(levers.values.length).toBe(LEVERS.length);
    const metrics = raw.tables.find((t) => t.name === "MetricsTable")!;
    expect(metrics.values).toEqual([
      ["Metric", "Layer"],
      ["Time to fill", "Recruitment"],
    ]);
    expect(metrics.originRow).toBe(18);
    // Other tables are listed by name only (for "did you mean" hints), never read.
    expect(raw.tables.find((t) => t.name === "tblLever2")?.values).toEqual([]);
  });

  it("reads a 20,000-period x 20-column sheet in row blocks, every response under the budget", async () => {
    const wb = ordinaryWorkbook();
    const rows = 20_001;
    wb.sheets.find((s) => s.name === "Observations")!.grid = new GeneratedGrid(
      { row: 0, col: 0, rows, cols: 20 },
      (r, c) =>
        r === 0
          ? plainCell(c === 0 ? "Period" : `Series ${c}`)
          : plainCell(c === 0 ? 30000 + r : r * 1.000001 + c / 7),
    );
    const { context, syncs } = contextFor(wb);
    const raw = await new ExcelHost(context.run).read();
    const obs = raw.sheets.find((s) => s.name === "Observations")!;
    expect(obs.values.length).toBe(rows);
    expect(obs.values[0][1]).toBe("Series 1");
    expect(obs.values[12_345][0]).toBe(42345);
    expect(obs.values[rows - 1][19]).toBeCloseTo((rows - 1) * 1.000001 + 19 / 7, 9);
    const max = Math.max(...context.syncs.map((s) => s.responseBytes));
    expect(max).toBeLessThan(LIMIT_BYTES);
    expect(max).toBeLessThan(PAYLOAD_BUDGET_BYTES);
    expect(syncs()).toBeGreaterThan(2);
    expect(syncs()).toBeLessThanOrEqual(10);
    printFigures(`20,000 x 20: ${syncs()} syncs, largest response ${max} bytes`);
  });

  it("reads a 1,048,575-row sheet in blocks, each read under 5,000,000 cells and 5 MB", async () => {
    const wb = new FakeWorkbook();
    const rows = 1_048_575;
    wb.addSheet(
      "Observations",
      new GeneratedGrid({ row: 1, col: 0, rows, cols: 3 }, (r, c) =>
        c === 0 ? plainCell(r) : c === 1 ? plainCell(r / 3) : plainCell("x"),
      ),
    );
    const { context, syncs } = contextFor(wb);
    const raw = await new ExcelHost(context.run).read();
    const obs = raw.sheets[0];
    expect(obs.originRow).toBe(1);
    expect(obs.values.length).toBe(rows);
    expect(obs.values[rows - 1]).toEqual([rows, rows / 3, "x"]);
    const maxBytes = Math.max(...context.syncs.map((s) => s.responseBytes));
    const maxCells = Math.max(...context.syncs.map((s) => s.maxCellsRead));
    expect(maxBytes).toBeLessThan(LIMIT_BYTES);
    expect(maxCells).toBeLessThan(LIMIT_CELLS);
    printFigures(
      `1,048,575 x 3: ${syncs()} syncs, largest response ${maxBytes} bytes, largest read ${maxCells} cells`,
    );
  }, 120_000);

  it("plans blocks of long texts from the measured window, staying under 5 MB", async () => {
    const wb = new FakeWorkbook();
    const rows = 5_000;
    const text = "A long rationale for this action. ".repeat(9); // ~300 characters
    wb.addSheet(
      "Actions",
      new GeneratedGrid({ row: 0, col: 0, rows, cols: 4 }, (r, c) => plainCell(`${r}:${c} ${text}`)),
    );
    const { context, syncs } = contextFor(wb);
    const raw = await new ExcelHost(context.run).read();
    expect(raw.sheets[0].values.length).toBe(rows);
    expect(raw.sheets[0].values[rows - 1][3]).toBe(`${rows - 1}:3 ${text}`);
    const max = Math.max(...context.syncs.map((s) => s.responseBytes));
    expect(max).toBeLessThan(LIMIT_BYTES);
    printFigures(`5,000 x 4 long texts: ${syncs()} syncs, largest response ${max} bytes`);
  });

  it("reads a workbook without inputs in 1 sync", async () => {
    // Throughout these tests the fake throws on a property read before load + sync and on a bare load().
    const wb = new FakeWorkbook();
    wb.addSheet("Sheet1");
    const { context, syncs } = contextFor(wb);
    const raw = await new ExcelHost(context.run).read();
    expect(raw).toEqual({ sheets: [], tables: [], sheetNames: ["Sheet1"], outputSheets: [], history: null });
    expect(syncs()).toBe(1);
  });

  it("treats an empty input sheet as empty", async () => {
    const wb = new FakeWorkbook();
    wb.addSheet("Levers");
    const { context } = contextFor(wb);
    const raw = await new ExcelHost(context.run).read();
    expect(raw.sheets).toEqual([{ name: "Levers", values: [], originRow: 0, originCol: 0 }]);
  });

  it("stops when cancelled", async () => {
    const { context } = contextFor(ordinaryWorkbook());
    const controller = new AbortController();
    controller.abort();
    await expect(new ExcelHost(context.run).read({ signal: controller.signal })).rejects.toThrow();
  });
});
