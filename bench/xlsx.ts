/**
 * The .xlsx host at size (printed, not asserted on time): reading an Excel-like 100,000-row x
 * 20-column sheet (shared strings, styles, spans), and writing, adding a report sheet to and
 * reading back one of our own. Moved from Jest (test/xlsx/performance.test.ts), where fflate's
 * deflate/inflate ran 3-4x slower in the vm sandbox and the suite took ~43 s without asserting a
 * time. The results are still checked, so a reader that returns wrong cells fails the benchmark.
 *
 * Run: `npm run bench` (all benchmarks) or `npx tsc -p tsconfig.cli.json && node build/bench/xlsx.js`.
 */
import * as assert from "node:assert/strict";
import { performance } from "node:perf_hooks";
import { strToU8, zipSync } from "fflate";
import { createWorkbook, readXlsx, writeOutputs } from "../src/hosts/xlsx";
import { columnLetters } from "../src/core/model/address";
import type { OutValue } from "../src/core/report/spec";
import { CT_HEAD, PKG_RELS, REL, RELS } from "../test/xlsx/helpers";

const ROWS = 100_000;
const COLS = 20;
const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

/** A sheet the way Excel writes it: shared strings, styles, r attributes, spans. */
function excelLikeWorkbook(): Uint8Array {
  const strings = Array.from({ length: 1000 }, (_v, i) => `Category ${i}`);
  const letters = Array.from({ length: COLS }, (_v, c) => columnLetters(c));
  const rows: string[] = [];
  for (let r = 1; r <= ROWS; r++) {
    let row = `<row r="${r}" spans="1:${COLS}" x14ac:dyDescent="0.25">`;
    for (let c = 0; c < COLS; c++) {
      row +=
        c % 5 === 0
          ? `<c r="${letters[c]}${r}" t="s"><v>${(r * 7 + c) % strings.length}</v></c>`
          : `<c r="${letters[c]}${r}" s="1"><v>${((r * 31 + c * 17) % 10007) / 7}</v></c>`;
    }
    rows.push(row + "</row>");
  }
  const parts: Record<string, string> = {
    "[Content_Types].xml": CT_HEAD + "</Types>",
    "_rels/.rels": PKG_RELS,
    "xl/workbook.xml": `<workbook xmlns="${MAIN}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Observations" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    "xl/_rels/workbook.xml.rels": RELS(
      REL("rId1", "worksheet", "worksheets/sheet1.xml"),
      REL("rId2", "sharedStrings", "sharedStrings.xml"),
    ),
    "xl/sharedStrings.xml": `<sst xmlns="${MAIN}">${strings.map((s) => `<si><t>${s}</t></si>`).join("")}</sst>`,
    "xl/worksheets/sheet1.xml": `<worksheet xmlns="${MAIN}" xmlns:x14ac="urn:x14ac"><sheetData>${rows.join("")}</sheetData></worksheet>`,
  };
  const files = Object.fromEntries(Object.entries(parts).map(([k, v]) => [k, strToU8(v)]));
  return zipSync(files, { level: 1 });
}

export interface XlsxBenchResult {
  /** Seconds of wall-clock time per step, by label. */
  wallSeconds: Record<string, number>;
}

export function runXlsxBench(log: (line: string) => void = console.log): XlsxBenchResult {
  const wallSeconds: Record<string, number> = {};
  /** Wall-clock and CPU time (the machine may be busy with other work; CPU time is ours). */
  const time = <T>(label: string, f: () => T): T => {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    const result = f();
    const cpu = process.cpuUsage(c0);
    const wall = (performance.now() - t0) / 1000;
    wallSeconds[label] = wall;
    log(`  ${label}: ${wall.toFixed(2)} s (CPU ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s)`);
    return result;
  };
  log(`.xlsx host, ${ROWS} x ${COLS} sheets (Node ${process.version})`);

  const excelLike = excelLikeWorkbook();
  const read = time(
    `readXlsx ${ROWS}x${COLS} (${(excelLike.length / 1e6).toFixed(1)} MB zipped, shared strings)`,
    () => readXlsx(excelLike),
  );
  const sheet = read.sheets[0];
  assert.equal(sheet.values.length, ROWS);
  assert.equal(sheet.values[ROWS - 1].length, COLS);
  assert.equal(sheet.values[0][0], "Category 7");
  assert.equal(sheet.values[0][1], (31 + 17) / 7);

  const values: OutValue[][] = Array.from({ length: ROWS }, (_r, r) =>
    Array.from({ length: COLS }, (_c, c) => (c === 0 ? `Row ${r}` : r * COLS + c)),
  );
  const spec = { name: "Big", values, styles: [], columnWidths: [], conditionalFormats: [], charts: [] };
  const bytes = time(`createWorkbook ${ROWS}x${COLS}`, () => createWorkbook([spec]));
  const out = time(`writeOutputs into it (small report sheet)`, () =>
    writeOutputs(bytes, [{ ...spec, name: "Small", values: values.slice(0, 50) }]),
  );
  const back = time(`readXlsx ${ROWS}x${COLS} (inline strings)`, () => readXlsx(out.bytes));
  assert.equal(back.sheets[0].values[ROWS - 1][COLS - 1], ROWS * COLS - 1);
  return { wallSeconds };
}

if (require.main === module) runXlsxBench();
