/**
 * The task pane's Excel services and "Insert sample workbook" (src/hosts/excel/insert.ts) against
 * the fake Excel of test/excel: reading, selecting, activating, change events, workbook settings,
 * and inserting the sample's input sheets (unmarked, visible; refused when a name is taken;
 * removed again when a sync fails part-way).
 */
import { parse } from "../../src/core/model/parse";
import { OUTPUT_MARKER_NAME } from "../../src/core/report/spec";
import { buildSampleWorkbook } from "../../src/core/sample/template";
import { ExcelWriteError } from "../../src/hosts/excel/errors";
import { ExcelHost } from "../../src/hosts/excel/host";
import { insertSheets } from "../../src/hosts/excel/insert";
import type { WorkbookSettingsStore } from "../../src/hosts/excel/settings";
import { createExcelServices } from "../../src/taskpane/excel-services";
import { FakeOfficeError, FakeWorkbook } from "../excel/fake-excel";
import { contextFor, ordinaryWorkbook } from "../excel/workbooks";

function memoryStore(): WorkbookSettingsStore & { values: Map<string, unknown>; saves: number } {
  const values = new Map<string, unknown>();
  const store = {
    values,
    saves: 0,
    get: (name: string) => values.get(name) ?? null,
    set: (name: string, value: unknown) => void values.set(name, value),
    save: async () => void store.saves++,
  };
  return store;
}

function emptyWorkbook(): FakeWorkbook {
  const wb = new FakeWorkbook();
  wb.addSheet("Sheet1");
  return wb;
}

const SAMPLE_SHEETS = buildSampleWorkbook().map((s) => s.name);

describe("Excel services", () => {
  it("reads through the Excel host, selects problem cells and opens sheets", async () => {
    const wb = ordinaryWorkbook();
    const { context } = contextFor(wb);
    const services = createExcelServices(context.run, memoryStore());
    expect(services.kind).toBe("excel");
    const raw = await services.host.read();
    expect(raw.sheets.map((s) => s.name)).toEqual(
      expect.arrayContaining(["Levers", "Metrics", "Goals", "Observations", "Actions"]),
    );
    await services.select!("Levers", "D4");
    expect(wb.selection).toEqual({ sheet: "Levers", address: "D4" });
    expect(wb.activeSheetId).toBe(wb.find("Levers")!.id);
    await services.select!("Goals", null); // a problem about a whole sheet: show the sheet
    expect(wb.activeSheetId).toBe(wb.find("Goals")!.id);
    await services.activateSheet!("Summary");
    expect(wb.activeSheetId).toBe(wb.find("Summary")!.id);
    await expect(services.activateSheet!("Nope")).rejects.toThrow(/no longer exists/);
  });

  it("reports changes to the input sheets of the last read, until unsubscribed", async () => {
    const wb = ordinaryWorkbook();
    const { context } = contextFor(wb);
    const services = createExcelServices(context.run, memoryStore());
    await services.host.read();
    let changes = 0;
    const stop = services.onInputsChanged(() => changes++);
    await new Promise((r) => setTimeout(r, 0)); // the subscription is made asynchronously
    await wb.fireChanged("Observations", "C9");
    await wb.fireChanged("Summary", "A1"); // our output: not an input
    expect(changes).toBe(1);
    stop();
    await new Promise((r) => setTimeout(r, 0));
    await wb.fireChanged("Levers", "D4");
    expect(changes).toBe(1);
    expect(wb.handlers.length).toBe(0);
  });

  it("keeps analysis settings in the workbook store, validated", async () => {
    const store = memoryStore();
    const services = createExcelServices(contextFor(emptyWorkbook()).context.run, store);
    const { settings } = services.settings.load();
    await services.settings.save({ ...settings, movementWindow: 6 });
    expect(store.saves).toBe(1);
    expect(services.settings.load().settings.movementWindow).toBe(6);
    await expect(services.settings.save({ ...settings, movementWindow: 0 })).rejects.toThrow(
      /movementWindow/,
    );
    store.set("rpoAlign.analysisSettings", { movementWindow: "x" });
    expect(services.settings.load().messages[0]).toMatch(/movementWindow/);
  });

  it("inserts the sample workbook: the user's input sheets, then the analysis finds them", async () => {
    const wb = emptyWorkbook();
    const { context, syncs } = contextFor(wb);
    const services = createExcelServices(context.run, memoryStore());
    await services.insertSample();
    expect(SAMPLE_SHEETS).toEqual(
      expect.arrayContaining(["About", "Levers", "Metrics", "Goals", "Observations"]),
    );
    expect(wb.sheets.map((s) => s.name)).toEqual(["Sheet1", ...SAMPLE_SHEETS]);
    for (const sheet of wb.sheets) {
      expect(sheet.visibility).toBe("Visible");
      expect(sheet.names.some((n) => n.name === OUTPUT_MARKER_NAME)).toBe(false);
    }
    expect(wb.activeSheetId).toBe(wb.find("About")!.id);
    expect(syncs()).toBe(2); // names + protection, then the whole sample in one batch
    const raw = await new ExcelHost(context.run).read();
    expect(raw.outputSheets).toEqual([]);
    const parsed = parse(raw);
    expect(parsed.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(parsed.model!.levers).toHaveLength(7);
    expect(parsed.model!.observations.periods).toHaveLength(54);
  });
});

describe("insertSheets", () => {
  it("refuses when a sheet name is taken, before changing anything", async () => {
    const wb = emptyWorkbook();
    wb.addSheet("levers");
    const before = JSON.stringify(wb.snapshot());
    const { context, syncs } = contextFor(wb);
    const error = await insertSheets(context.run, buildSampleWorkbook()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExcelWriteError);
    expect((error as ExcelWriteError).kind).toBe("names");
    expect((error as Error).message).toMatch(/already has a sheet named "Levers".*Nothing was changed/);
    expect(JSON.stringify(wb.snapshot())).toBe(before);
    expect(syncs()).toBe(1);
  });

  it("refuses on a protected workbook", async () => {
    const wb = emptyWorkbook();
    wb.protected = true;
    const { context } = contextFor(wb);
    const error = (await insertSheets(context.run, buildSampleWorkbook()).catch(
      (e: unknown) => e,
    )) as ExcelWriteError;
    expect(error.kind).toBe("protected");
    expect(wb.sheets).toHaveLength(1);
  });

  it("removes the sheets it added when a later sync fails", async () => {
    const wb = emptyWorkbook();
    const { context } = contextFor(wb);
    // A small budget splits the insert into several syncs; the third one fails.
    context.failWhen = ({ sync, index }) =>
      sync === 3 && index === 0 ? new FakeOfficeError("GeneralException", "boom") : null;
    const error = (await insertSheets(context.run, buildSampleWorkbook(), { budget: 20_000 }).catch(
      (e: unknown) => e,
    )) as ExcelWriteError;
    expect(error).toBeInstanceOf(ExcelWriteError);
    expect(error.message).toMatch(/inserting the sample sheets/);
    expect(wb.sheets.map((s) => s.name)).toEqual(["Sheet1"]);
  });

  it("rejects a name Excel would refuse", async () => {
    const { context } = contextFor(emptyWorkbook());
    const [about] = buildSampleWorkbook();
    await expect(insertSheets(context.run, [{ ...about, name: "a/b" }])).rejects.toThrow(/contains one of/);
  });
});
