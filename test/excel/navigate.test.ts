// office-addin-mock covers navigation and change events (plain methods, no collection loads).
import { OfficeMockObject } from "office-addin-mock";
import {
  activateSheet,
  inputSheetNames,
  selectCell,
  watchInputChanges,
  type InputChange,
} from "../../src/hosts/excel";
import type { ExcelRun } from "../../src/hosts/excel";
import { FakeOfficeError } from "./fake-excel";
import { contextFor, ordinaryWorkbook } from "./workbooks";

function mockContext(sheets: string[]) {
  const calls: string[] = [];
  const context = new OfficeMockObject({
    workbook: {
      worksheets: {
        getItem: (name: string) => {
          if (!sheets.includes(name)) throw new FakeOfficeError("ItemNotFound", `no ${name}`);
          return {
            activate: () => calls.push(`activate ${name}`),
            getRange: (address: string) => ({ select: () => calls.push(`select ${name}!${address}`) }),
          };
        },
      },
    },
  });
  const run: ExcelRun = (batch) => batch(context as unknown as Excel.RequestContext);
  return { context, calls, run };
}

describe("navigation (office-addin-mock)", () => {
  it("activates the sheet and selects the problem cell in one sync", async () => {
    const { context, calls, run } = mockContext(["Levers"]);
    const sync = jest.spyOn(context, "sync");
    await selectCell(run, "Levers", "D7");
    expect(calls).toEqual(["activate Levers", "select Levers!D7"]);
    expect(sync).toHaveBeenCalledTimes(1);
    await activateSheet(run, "Levers");
    expect(calls.at(-1)).toBe("activate Levers");
  });

  it("explains a sheet that no longer exists", async () => {
    const { run } = mockContext([]);
    await expect(selectCell(run, "Levers", "A1")).rejects.toThrow(/no longer exists/);
    await expect(activateSheet(run, "Summary")).rejects.toThrow(/"Summary" no longer exists/);
  });
});

describe("input change events (fake)", () => {
  it("reports changes on input sheets only, and stops after unsubscribe", async () => {
    const wb = ordinaryWorkbook();
    const { context } = contextFor(wb);
    const changes: InputChange[] = [];
    const stop = await watchInputChanges(context.run, ["Levers", "Observations"], (c) => changes.push(c));
    await wb.fireChanged("Levers", "D4");
    await wb.fireChanged("Summary", "A1");
    // A sheet added after subscribing is looked up by id.
    const late = wb.addSheet("observations");
    wb.sheets = wb.sheets.filter((s) => s.name !== "Observations");
    await wb.fireChanged(late.name, "B2:C3");
    expect(changes).toEqual([
      { sheetName: "Levers", address: "D4" },
      { sheetName: "observations", address: "B2:C3" },
    ]);
    await stop();
    await wb.fireChanged("Levers", "D5");
    expect(changes).toHaveLength(2);
  });

  it("lists the sheets a read came from", () => {
    expect(
      inputSheetNames({
        sheets: [{ name: "Levers", values: [], originRow: 0, originCol: 0 }],
        tables: [
          { name: "tblGoals", sheetName: "Data", values: [["Goal"]], originRow: 0, originCol: 0 },
          { name: "Other", sheetName: "Misc", values: [], originRow: 0, originCol: 0 },
        ],
        sheetNames: [],
        outputSheets: [],
        history: null,
      }),
    ).toEqual(["Levers", "Data"]);
  });
});

describe("navigation to a hidden sheet (fake Excel refuses to activate it)", () => {
  it("explains a hidden sheet and a very hidden one instead of passing Excel's raw error on", async () => {
    const wb = ordinaryWorkbook();
    wb.find("Levers")!.visibility = "Hidden";
    wb.find("Goals")!.visibility = "VeryHidden";
    const { context } = contextFor(wb);
    await expect(selectCell(context.run, "Levers", "D7")).rejects.toThrow(
      /Levers!D7 is on a hidden sheet.*Unhide… › "Levers", then click the problem again/,
    );
    await expect(activateSheet(context.run, "Goals")).rejects.toThrow(/very hidden/);
    await expect(selectCell(context.run, "Gone", "A1")).rejects.toThrow(/no longer exists/);
    await selectCell(context.run, "Metrics", "B2");
    expect(wb.selection).toEqual({ sheet: "Metrics", address: "B2" });
  });
});
