/** The Inputs checklist's data (pure): counts from the model, rows when the workbook has errors. */
import { checkInputs, countText } from "../../src/taskpane/inputs";
import { EMPTY_WORKBOOK, sampleWorkbook } from "./fakes";

test("the sample workbook: all five inputs found, with counts from the model", () => {
  const check = checkInputs(sampleWorkbook());
  expect(check.ready).toBe(true);
  expect(check.empty).toBe(false);
  const text = Object.fromEntries(check.items.map((i) => [i.kind, countText(i)]));
  expect(text).toEqual({
    Levers: "7 levers",
    Metrics: expect.stringMatching(/^\d+ metrics$/),
    Goals: "2 goal sets",
    Observations: "54 periods",
    Actions: "7 actions",
  });
  expect(check.items.every((i) => i.status === "found" && i.where?.startsWith("sheet "))).toBe(true);
  expect(check.inputSheets.sort()).toEqual(["Actions", "Goals", "Levers", "Metrics", "Observations"]);
});

test("an empty workbook: nothing found, errors for the required inputs", () => {
  const check = checkInputs(EMPTY_WORKBOOK);
  expect(check.empty).toBe(true);
  expect(check.ready).toBe(false);
  expect(check.items.map((i) => i.status)).toEqual(["missing", "missing", "missing", "missing", "missing"]);
  expect(check.items.find((i) => i.kind === "Actions")!.required).toBe(false);
  expect(check.diagnostics.filter((d) => d.code === "missing-input")).toHaveLength(4);
});

test("a workbook with errors: rows are counted instead", () => {
  const raw = sampleWorkbook();
  raw.sheets = raw.sheets.filter((s) => s.name !== "Goals");
  raw.sheetNames = raw.sheetNames.filter((n) => n !== "Goals");
  const check = checkInputs(raw);
  expect(check.ready).toBe(false);
  const levers = check.items.find((i) => i.kind === "Levers")!;
  expect(countText(levers)).toBe("7 rows");
  expect(check.items.find((i) => i.kind === "Goals")!.status).toBe("missing");
});

test("countText: singular, plural, none", () => {
  expect(countText({ kind: "Levers", unit: "levers", count: 1 })).toBe("1 lever");
  expect(countText({ kind: "Observations", unit: "periods", count: 20000 })).toBe("20,000 periods");
  expect(countText({ kind: "Actions", unit: "actions", count: 0 })).toBe("no actions");
  expect(countText({ kind: "Goals", unit: "rows", count: 1 })).toBe("1 row");
});
