/**
 * The 1904 date system when reading through Office.js: a workbook whose dates are stored 1,462
 * lower reads exactly like the same workbook in the 1900 system (periods, goal dates, action
 * dates, our own history), without a trace of the probe; numbers that are not dates stay as they are.
 */
import { printFigures } from "../figures";
import { parse } from "../../src/core/model/parse";
import type { CellValue } from "../../src/core/model/raw";
import { ExcelHost } from "../../src/hosts/excel";
import { DATE_PROBE_PREFIX, datesTo1900 } from "../../src/hosts/excel/date-system";
import { PAYLOAD_BUDGET_BYTES } from "../../src/hosts/excel/payload";
import { FakeContext, FakeWorkbook, GeneratedGrid, plainCell, SparseGrid } from "./fake-excel";
import { contextFor, ordinaryWorkbook } from "./workbooks";

const DAYS = 1462;
const MAX_COLS = 16_384;

/** Columns holding dates in the fake's input sheets (header text -> date format). */
const DATE_HEADERS = new Set(["Period", "Effective from", "Date", "As of"]);

/**
 * The same workbook as a 1904-system file would hold it: every date cell 1,462 lower and formatted
 * as a date (as Excel shows it); a percentage and a time of day are formatted too and not moved.
 */
function as1904(wb: FakeWorkbook): FakeWorkbook {
  wb.date1904 = true;
  for (const sheet of wb.sheets) {
    const grid = sheet.grid as SparseGrid;
    const dateCols = new Set<number>();
    for (const [key, cell] of grid.cells) {
      if (cell.t === "String" && DATE_HEADERS.has(String(cell.v))) dateCols.add(key % MAX_COLS);
    }
    for (const [key, cell] of grid.cells) {
      if (cell.t !== "Double") continue;
      if (dateCols.has(key % MAX_COLS)) {
        cell.v = (cell.v as number) - DAYS;
        sheet.numberFormats.set(key, "yyyy-mm-dd");
      } else sheet.numberFormats.set(key, "0.00");
    }
  }
  return wb;
}

async function read(wb: FakeWorkbook) {
  return new ExcelHost(new FakeContext(wb).run).read();
}

describe("the 1904 date system in the Excel host", () => {
  it("reads a 1904 workbook exactly as the same workbook in the 1900 system, in 2 syncs", async () => {
    const expected = await read(ordinaryWorkbook());
    const wb = as1904(ordinaryWorkbook());
    const { context, syncs } = contextFor(wb);
    const raw = await new ExcelHost(context.run).read();
    expect(syncs()).toBe(2);
    expect(raw).toEqual(expected);
    // The history's "As of" (our own date cell) comes back in the 1900 system too.
    expect(raw.history?.values[2][0]).toBe(45444);
    const parsed = parse(raw);
    const reference = parse(expected);
    expect(parsed.model?.observations.periods).toEqual(reference.model?.observations.periods);
    expect(parsed.model?.observations.periods.length).toBeGreaterThan(0);
    expect(parsed.model?.goalSets.map((g) => g.effectiveFrom)).toEqual(
      reference.model?.goalSets.map((g) => g.effectiveFrom),
    );
    // The probe left no name behind.
    expect(wb.definedNames.filter((n) => n.name.startsWith(DATE_PROBE_PREFIX))).toEqual([]);
  });

  it("without moving numbers that are not dates, nor times of day", () => {
    const values: CellValue[][] = [[100, 100, 0.5, 0.5, "2024-01-01", 100]];
    const formats = [["yyyy-mm-dd", "0.0%", "h:mm", "d-mmm-yy h:mm", "yyyy-mm-dd", "[$-409]mmmm d, yyyy"]];
    expect(datesTo1900(values, formats)).toEqual([
      [100 + DAYS, 100, 0.5, 0.5 + DAYS, "2024-01-01", 100 + DAYS],
    ]);
  });

  it("a 1900 workbook reads its serials as they are (the probe says 1462)", async () => {
    const wb = ordinaryWorkbook();
    const obs = wb.find("Observations")!;
    for (const key of (obs.grid as SparseGrid).cells.keys()) obs.numberFormats.set(key, "yyyy-mm-dd");
    const raw = await read(wb);
    expect(raw).toEqual(await read(ordinaryWorkbook()));
  });

  it("a read-only workbook (no name can be added) is read without the probe, as 1900", async () => {
    const wb = as1904(ordinaryWorkbook());
    wb.readOnly = true;
    const { context, syncs } = contextFor(wb);
    const raw = await new ExcelHost(context.run).read();
    expect(syncs()).toBe(3); // sync 1 refused, repeated without the probe
    expect(raw.sheets.map((s) => s.name)).toEqual(["Levers", "Metrics", "Goals", "Observations", "Actions"]);
    const obs = raw.sheets.find((s) => s.name === "Observations")!;
    const original = (wb.find("Observations")!.grid as SparseGrid).get(1, 0)!.v;
    expect(obs.values[1][0]).toBe(original); // unknown system: not moved
  });

  it("reads 20,000 dated periods of a 1904 workbook in row blocks with their formats, every response under the budget", async () => {
    const wb = new FakeWorkbook();
    wb.date1904 = true;
    const rows = 20_001;
    const sheet = wb.addSheet(
      "Observations",
      new GeneratedGrid({ row: 0, col: 0, rows, cols: 12 }, (r, c) =>
        r === 0
          ? plainCell(c === 0 ? "Period" : `Series ${c}`)
          : plainCell(c === 0 ? 30000 - DAYS + r : r * 1.000001 + c / 7),
      ),
    );
    for (let r = 1; r < rows; r++) sheet.numberFormats.set(r * MAX_COLS, "mmm yyyy");
    const { context, syncs } = contextFor(wb);
    const raw = await new ExcelHost(context.run).read();
    const obs = raw.sheets.find((s) => s.name === "Observations")!;
    expect(obs.values.length).toBe(rows);
    expect(obs.values[1][0]).toBe(30001);
    expect(obs.values[12_345][0]).toBe(42345);
    expect(obs.values[rows - 1][0]).toBe(30000 + rows - 1);
    expect(obs.values[rows - 1][11]).toBeCloseTo((rows - 1) * 1.000001 + 11 / 7, 9); // not a date
    const max = Math.max(...context.syncs.map((s) => s.responseBytes));
    expect(max).toBeLessThan(PAYLOAD_BUDGET_BYTES);
    expect(syncs()).toBeGreaterThan(2);
    printFigures(`1904, 20,000 x 12 with formats: ${syncs()} syncs, largest response ${max} bytes`);
  });
});
