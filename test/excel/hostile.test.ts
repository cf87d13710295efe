/**
 * Hostile workbooks of the corpus (test/fixtures/hostile/generated) through the Excel host's fake:
 * names that look like formulas or markup are written as literal text (no cell ends up a formula),
 * and a user's own sheet called "Alignment" is never touched. Also the full-height read.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { runAnalysis } from "../../src/core/pipeline";
import { ExcelHost } from "../../src/hosts/excel";
import { readXlsx } from "../../src/hosts/xlsx";
import { HOSTILE_NAMES } from "../fixtures/hostile/cases";
import {
  FakeWorkbook,
  GeneratedGrid,
  LIMIT_BYTES,
  LIMIT_CELLS,
  plainCell,
  type FakeSheet,
} from "./fake-excel";
import { contextFor, gridOf } from "./workbooks";
import { printFigures } from "../figures";

const generated = path.join(__dirname, "../fixtures/hostile/generated");

/** An Excel workbook holding every sheet of an .xlsx file, cell for cell. */
function fakeOf(file: string): FakeWorkbook {
  const raw = readXlsx(new Uint8Array(fs.readFileSync(path.join(generated, file))));
  const wb = new FakeWorkbook();
  for (const s of raw.sheets) wb.addSheet(s.name, gridOf(s.values, s.originRow, s.originCol));
  return wb;
}

function cells(sheet: FakeSheet) {
  const b = sheet.grid.bounds();
  const out: { r: number; c: number; v: unknown; formula?: string }[] = [];
  if (!b) return out;
  for (let r = b.row; r < b.row + b.rows; r++)
    for (let c = b.col; c < b.col + b.cols; c++) {
      const cell = sheet.grid.get(r, c);
      if (cell) out.push({ r, c, v: cell.v, formula: cell.formula });
    }
  return out;
}

async function analyseIn(wb: FakeWorkbook) {
  const { context } = contextFor(wb);
  const host = new ExcelHost(context.run);
  const raw = await host.read();
  const outcome = runAnalysis(raw, { runStamp: "2026-01-01T00:00:00.000Z", toolVersion: "test" });
  expect(outcome.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  const written = await host.write(outcome.specs!);
  return { written, outcome };
}

test("names starting with = + - @, with markup, emoji, RTL and 255 characters are written as literal text", async () => {
  const wb = fakeOf("hostile-names.xlsx");
  const { written } = await analyseIn(wb);
  const outputs = written.written.map((name) => wb.find(name)!);
  const all = outputs.flatMap(cells);
  expect(all.filter((c) => c.formula !== undefined)).toEqual([]);
  expect(all.filter((c) => c.v === "#NAME?" || (typeof c.v === "number" && Number.isNaN(c.v)))).toEqual([]);
  const texts = all.map((c) => c.v).filter((v): v is string => typeof v === "string");
  for (const name of Object.values(HOSTILE_NAMES)) {
    expect({ name, shown: texts.some((t) => t === name || t.includes(name)) }).toEqual({ name, shown: true });
  }
});

test("a user's sheet called Alignment is left alone; ours goes next to it", async () => {
  const wb = fakeOf("user-sheet-named-alignment.xlsx");
  const mine = wb.find("Alignment")!;
  const before = JSON.stringify(cells(mine));
  const { written } = await analyseIn(wb);
  expect(written.written).toContain("Alignment (rpo-align)");
  expect(written.notes.join(" ")).toContain('"Alignment"');
  expect(JSON.stringify(cells(wb.find("Alignment")!))).toBe(before);
  expect(wb.find("Alignment")!.id).toBe(mine.id);
});

test("reads a 1,048,575-row x 20-column Observations sheet in blocks under 5 MB and 5,000,000 cells", async () => {
  const wb = new FakeWorkbook();
  const rows = 1_048_575;
  wb.addSheet(
    "Observations",
    new GeneratedGrid({ row: 0, col: 0, rows, cols: 20 }, (r, c) =>
      r === 0
        ? plainCell(c === 0 ? "Period" : `Series ${c}`)
        : plainCell(c === 0 ? 367 + r : (r % 1000) / 7 + c),
    ),
  );
  const { context, syncs } = contextFor(wb);
  const raw = await new ExcelHost(context.run).read();
  const obs = raw.sheets[0];
  expect(obs.values.length).toBe(rows);
  expect(obs.values[rows - 1][0]).toBe(367 + rows - 1);
  expect(obs.values[rows - 1][19]).toBe(((rows - 1) % 1000) / 7 + 19);
  const maxBytes = Math.max(...context.syncs.map((s) => s.responseBytes));
  const maxCells = Math.max(...context.syncs.map((s) => s.maxCellsRead));
  expect(maxBytes).toBeLessThan(LIMIT_BYTES);
  expect(maxCells).toBeLessThan(LIMIT_CELLS);
  printFigures(
    `1,048,575 x 20: ${syncs()} syncs, largest response ${maxBytes} bytes, largest read ${maxCells} cells`,
  );
  // The core then refuses it with a clear message (too-large), instead of running out of memory.
  const outcome = runAnalysis(
    { ...raw, sheetNames: ["Observations"] },
    { runStamp: "2026-01-01T00:00:00.000Z", toolVersion: "test" },
  );
  expect(outcome.diagnostics.map((d) => d.code)).toContain("too-large");
}, 300_000);
