/** Fake workbooks for the Excel host tests (see fake-excel.ts). */
import type { CellValue } from "../../src/core/model/raw";
import { ACTIONS, GOALS, LEVERS, METRICS, OBSERVATIONS } from "../model/builders";
import { errorCell, FakeContext, FakeWorkbook, plainCell, SparseGrid, type FakeCell } from "./fake-excel";

export function cellOf(v: CellValue): FakeCell | null {
  if (v === null) return null;
  if (typeof v === "object") return errorCell(v.code);
  return plainCell(v);
}

export function gridOf(rows: CellValue[][], row = 0, col = 0): SparseGrid {
  return SparseGrid.of(
    rows.map((line) => line.map(cellOf)),
    row,
    col,
  );
}

/** Levers with a title row and a blank row above the header (data starts at A3). */
export const LEVERS_TITLE_ROWS = 2;

/** The five input sheets of an ordinary engagement workbook, a user sheet and two previous outputs. */
export function ordinaryWorkbook(): FakeWorkbook {
  const wb = new FakeWorkbook();
  wb.addSheet("Notes", gridOf([["Engagement notes"]]));
  const levers = gridOf(LEVERS, LEVERS_TITLE_ROWS);
  levers.set(0, 0, plainCell("Levers we control"));
  wb.addSheet("Levers", levers);
  wb.addSheet("Metrics", gridOf(METRICS));
  wb.addSheet("Goals", gridOf(GOALS));
  wb.addSheet("Observations", gridOf(OBSERVATIONS));
  wb.addSheet("Actions", gridOf(ACTIONS));
  wb.mark(wb.addSheet("Summary", gridOf([["Old summary"]])));
  wb.mark(
    wb.addSheet(
      "Alignment History",
      gridOf([
        ["Alignment history"],
        ["As of", "Run stamp", "Green", "Amber", "Red", "Overall score"],
        [45444, "2024-06-02", 3, 1, 0, 0.4],
      ]),
    ),
  );
  return wb;
}

export function contextFor(wb: FakeWorkbook): { context: FakeContext; syncs: () => number } {
  const context = new FakeContext(wb);
  const spy = jest.spyOn(context, "sync");
  return { context, syncs: () => spy.mock.calls.length };
}
