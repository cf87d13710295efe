/**
 * The documented size limits (docs/limits.md), tested with small configured limits so the test
 * stays fast: the command refuses with a clear message and exit 1, writes nothing, leaves no
 * temporary file. The same checks stop a 1,048,575-row sheet (bench/scale.ts measures that).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { main, type Io } from "../../src/cli/main";
import { MAX_OBSERVATION_CELLS, parse } from "../../src/core/model/parse";
import { buildSampleWorkbook } from "../../src/core/sample/template";
import { createWorkbook, readXlsx, XlsxFormatError } from "../../src/hosts/xlsx";
import { Package } from "../../src/hosts/xlsx/opc";
import { MAX_SHEET_XML_BYTES } from "../../src/hosts/xlsx/read";
import { readWorkbookInfo } from "../../src/hosts/xlsx/read-workbook";
import { FIXED_STAMP } from "./run-cli";

const dir = path.join(__dirname, "../../test-output/limits");
const input = path.join(dir, "sample.xlsx");
const output = path.join(dir, "sample-aligned.xlsx");

async function run(limits: Io["limits"]) {
  let stdout = "";
  let stderr = "";
  const code = await main(["analyze", input, "-o", output, "--quiet"], {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    now: () => FIXED_STAMP,
    stderrIsTty: false,
    limits,
  });
  return { code, stdout, stderr };
}

beforeAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(input, createWorkbook(buildSampleWorkbook()));
});

test("the defaults: 12,000,000 Observations cells, 500 MB of sheet XML", () => {
  expect(MAX_OBSERVATION_CELLS).toBe(12_000_000);
  expect(MAX_SHEET_XML_BYTES).toBe(500_000_000);
  // Both stay below what the runtime can hold: a V8 string (2^29 - 24 characters).
  expect(MAX_SHEET_XML_BYTES).toBeLessThan(2 ** 29 - 24);
});

test("Observations over the cell limit: error too-large naming the sheet and its range, exit 1, nothing written", async () => {
  // The sample's Observations is 55 rows x 15 columns = 825 cells.
  const r = await run({ maxObservationCells: 800 });
  expect(r.code).toBe(1);
  expect(r.stderr).toContain(
    "Error Observations!A1:O55: The 'Observations' sheet has 55 rows x 15 columns (825 cells)",
  );
  expect(r.stderr).toContain("at most 800 cells of Observations (53 periods of 15 columns)");
  expect(r.stderr).toContain("nothing was written");
  expect(r.stderr).not.toMatch(/internal error|\s{4}at /);
  expect(fs.readdirSync(dir)).toEqual(["sample.xlsx"]);
  // At the limit it is analysed.
  const ok = await run({ maxObservationCells: 825 });
  expect(ok.code).toBe(0);
  fs.rmSync(output);
});

test("a sheet's XML over the byte limit: a one-line message naming the sheet, exit 1, nothing written", async () => {
  const r = await run({ maxSheetBytes: 20_000 });
  expect(r.code).toBe(1);
  expect(r.stderr.trim().split("\n")).toHaveLength(1);
  expect(r.stderr).toMatch(
    /^rpo-align: The sheet "Observations" is too large to read: its cells take \d+ MB/,
  );
  expect(r.stderr).not.toMatch(/internal error|\s{4}at /);
  expect(fs.readdirSync(dir)).toEqual(["sample.xlsx"]);
});

test("sheets that cannot be inputs are not read, so they are not limited either", async () => {
  const specs = buildSampleWorkbook();
  const rawExport = Array.from({ length: 2000 }, (_r, r) =>
    Array.from({ length: 10 }, (_c, c) => `raw ${r}:${c}`),
  );
  specs.push({
    name: "Raw export",
    values: rawExport,
    styles: [],
    columnWidths: [],
    conditionalFormats: [],
    charts: [],
  });
  const bytes = createWorkbook(specs);
  fs.writeFileSync(input, bytes);
  const pkg = new Package(bytes);
  const size = (name: string) =>
    pkg.entry(readWorkbookInfo(pkg).sheets.find((s) => s.name === name)!.part!)!.size;
  const inputs = ["Levers", "Metrics", "Goals", "Observations", "Actions"].map(size);
  // A user's "Raw export" sheet (not an input) is larger than any input sheet.
  const limit = Math.max(...inputs);
  expect(size("Raw export")).toBeGreaterThan(limit);
  expect(() => readXlsx(bytes, { maxSheetBytes: limit })).toThrow(XlsxFormatError);
  const r = await run({ maxSheetBytes: limit });
  expect(r.code).toBe(0);
  fs.rmSync(output);
  fs.writeFileSync(input, createWorkbook(buildSampleWorkbook()));
});

test("parse refuses before reading the rows, whatever the host", () => {
  const raw = readXlsx(createWorkbook(buildSampleWorkbook()));
  const result = parse(raw, { maxObservationCells: 100 });
  expect(result.model).toBeNull();
  expect(result.diagnostics.filter((d) => d.severity === "error").map((d) => d.code)).toEqual(["too-large"]);
});
