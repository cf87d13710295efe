/**
 * The hostile-workbook corpus (test/fixtures/hostile, cases.ts) through the xlsx host and the real
 * command, one data-driven test. For every file:
 * - exit 0 (analysed, maybe with warnings) or exit 1 (refused, nothing written), as the case says;
 * - the expected diagnostics, each printed with its Sheet!Cell;
 * - never a stack trace, an internal error, NaN or Infinity; never a half-written or temporary file;
 * - when written: every zip entry of the user's package we do not have to touch (every input sheet,
 *   chart, image, comment, pivot table, macro...) is byte for byte the same, and the inputs re-read
 *   cell for cell the same;
 * - user text in names comes out as literal text: never an <f> in our sheets, exact in the JSON.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { readXlsx, createWorkbook } from "../../src/hosts/xlsx";
import { defaultOutputPath } from "../../src/cli/main";
import { Package } from "../../src/hosts/xlsx/opc";
import { readWorkbookInfo } from "../../src/hosts/xlsx/read-workbook";
import { decodeEntities } from "../../src/hosts/xlsx/xml";
import { entryData, entrySpan, readZip } from "../../src/hosts/xlsx/zip";
import { HOSTILE_CASES, type HostileCase } from "../fixtures/hostile/cases";
import { runCli } from "./run-cli";

const root = path.join(__dirname, "../fixtures/hostile");
const outRoot = path.join(__dirname, "../../test-output/hostile");
const fileOf = (c: HostileCase) => path.join(root, c.source, c.file);

/** Parts writeOutputs may rewrite in a user's package; every other entry must stay byte-identical. */
const TOUCHED = new Set([
  "[Content_Types].xml",
  "xl/workbook.xml",
  "xl/_rels/workbook.xml.rels",
  "xl/styles.xml",
]);

interface JsonDiagnostic {
  code: string;
  sheet: string | null;
  cell: string | null;
  severity: string;
  message: string;
}

beforeAll(() => {
  if (process.env.UPDATE_FIXTURES) {
    for (const c of HOSTILE_CASES.filter((x) => x.make)) {
      fs.mkdirSync(path.dirname(fileOf(c)), { recursive: true });
      fs.writeFileSync(fileOf(c), c.make!());
    }
  }
});

test("the committed corpus holds exactly the cases' files, the generated ones as the cases make them", () => {
  const committed = ["generated", "openpyxl", "libreoffice", "handmade", "damaged"].flatMap((d) =>
    fs.readdirSync(path.join(root, d)).map((f) => path.join(root, d, f)),
  );
  expect(committed.sort()).toEqual([...new Set(HOSTILE_CASES.map(fileOf))].sort());
  for (const c of HOSTILE_CASES.filter((x) => x.make)) {
    expect({ file: c.file, same: Buffer.from(c.make!()).equals(fs.readFileSync(fileOf(c))) }).toEqual({
      file: c.file,
      same: true,
    });
  }
});

/** The XML of our output sheets (those carrying the marker) in a written package. */
function outputSheetXml(bytes: Uint8Array): string[] {
  const pkg = new Package(bytes);
  const info = readWorkbookInfo(pkg);
  const ours = new Set(readXlsx(bytes).outputSheets);
  return info.sheets.filter((s) => ours.has(s.name) && s.part).map((s) => pkg.text(s.part!)!);
}

describe.each(HOSTILE_CASES.map((c) => [`${c.source}/${c.file}`, c] as const))("%s", (_label, c) => {
  test(c.about, async () => {
    const dir = path.join(outRoot, `${c.source}-${c.file}`);
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    const input = path.join(dir, c.file);
    fs.copyFileSync(fileOf(c), input);
    const out = defaultOutputPath(input);
    const json = path.join(dir, "results.json");
    const run = await runCli(["analyze", input, "--json", json, "--quiet", ...(c.args ?? [])]);

    // Never a crash, a stack trace, NaN or Infinity, whatever the input.
    expect(run.stderr).not.toMatch(/internal error|\s{4}at |Error: .*\n\s+at /);
    expect(run.stdout + run.stderr).not.toMatch(/\bNaN\b|Infinity/);
    expect(run.code).toBe(c.exit);
    // Nothing but the input, the output (when analysed) and the JSON: no temporary files.
    const expectedFiles = [c.file, ...(c.exit === 0 ? [path.basename(out)] : [])];
    if (fs.existsSync(json)) expectedFiles.push("results.json");
    expect(fs.readdirSync(dir).sort()).toEqual(expectedFiles.sort());

    if (c.message) {
      // Not a workbook, or a damaged one: one plain message, nothing written, the input unchanged.
      for (const m of c.message) expect(run.stderr).toContain(m);
      expect(run.stderr.trim().split("\n")).toHaveLength(1);
      expect(fs.existsSync(out)).toBe(false);
      expect(Buffer.from(fs.readFileSync(input)).equals(fs.readFileSync(fileOf(c)))).toBe(true);
      return;
    }

    const text = fs.readFileSync(json, "utf8");
    expect(text).not.toMatch(/NaN|Infinity/);
    const results = JSON.parse(text);
    for (const e of c.expect) {
      const found = (results.diagnostics as JsonDiagnostic[]).find(
        (x) =>
          x.code === e.code &&
          x.severity === e.severity &&
          x.sheet === e.sheet &&
          (e.cell === null || x.cell === e.cell) &&
          x.message.includes(e.text),
      );
      expect({
        expected: e,
        found: found !== undefined,
        all: found ? [] : results.diagnostics,
      }).toMatchObject({
        found: true,
      });
      // Printed with its Sheet!Cell (info lines are not printed with --quiet).
      if (e.sheet && e.cell && e.severity !== "info") expect(run.stderr).toContain(`${e.sheet}!${e.cell}`);
    }
    const errors = (results.diagnostics as JsonDiagnostic[]).filter((x) => x.severity === "error");
    for (const e of errors) expect(e.message.length).toBeGreaterThan(20);

    if (c.exit === 1) {
      expect(errors.length).toBeGreaterThan(0);
      expect(run.stderr).toContain("nothing was written");
      expect(fs.existsSync(out)).toBe(false);
      return;
    }
    expect(errors).toEqual([]);
    for (const [metric, n] of Object.entries(c.fitsN ?? {})) {
      expect(results.fits.find((f: { metric: string }) => f.metric === metric)?.n).toBe(n);
    }

    // Everything of the user's package that we do not have to touch is kept byte for byte.
    const original = new Uint8Array(fs.readFileSync(input));
    const written = new Uint8Array(fs.readFileSync(out));
    const before = readZip(original);
    const after = readZip(written);
    const afterByName = new Map(after.entries.map((e) => [e.name, e]));
    for (const e of before.entries) {
      const kept = afterByName.get(e.name);
      expect({ part: e.name, kept: kept !== undefined }).toEqual({ part: e.name, kept: true });
      if (TOUCHED.has(e.name)) continue;
      const same = Buffer.from(entrySpan(after, kept!)).equals(Buffer.from(entrySpan(before, e)));
      // The one change allowed in a user's sheet: it is no longer the selected tab (the workbook
      // opens on the Summary, and two selected tabs would group the sheets). Otherwise identical.
      const unselected =
        !same &&
        /worksheets\/[^/]+\.xml$/.test(e.name) &&
        Buffer.from(entryData(after, kept!)).toString("utf8") ===
          Buffer.from(entryData(before, e))
            .toString("utf8")
            .replace(/(<(?:\w+:)?sheetView\b[^>]*?)\s+tabSelected="(?:1|true)"/g, "$1");
      expect({
        part: e.name,
        same: same || unselected,
      }).toEqual({
        part: e.name,
        same: true,
      });
    }
    for (const pattern of c.keeps ?? []) {
      expect({ pattern: String(pattern), present: before.entries.some((e) => pattern.test(e.name)) }).toEqual(
        {
          pattern: String(pattern),
          present: true,
        },
      );
    }
    // The inputs read back the same, and our sheets are added.
    const a = readXlsx(original);
    const b = readXlsx(written);
    for (const s of a.sheets) expect(b.sheets.find((x) => x.name === s.name)).toEqual(s);
    expect(b.outputSheets).toEqual(expect.arrayContaining(["Summary", "Sensitivity", "Alignment History"]));
    for (const name of c.sheets ?? []) expect(b.sheetNames).toContain(name);
    if (c.file.endsWith(".xlsm")) {
      expect(path.extname(out)).toBe(".xlsm");
      expect(new TextDecoder().decode(fs.readFileSync(out))).toBeDefined();
      const ct = new Package(written).text("[Content_Types].xml")!;
      expect(ct).toContain("macroEnabled.main+xml");
    }

    // Our sheets hold values only: the report writes no formula, so no user text can become one.
    const xml = outputSheetXml(written);
    const formulas = xml.flatMap((x) =>
      [...x.matchAll(/<(?:\w+:)?f[\s>/][^]*?(?:<\/(?:\w+:)?f>|\/>)/g)].map((m) => m[0]),
    );
    expect(formulas).toEqual([]);

    if (c.literalNames) {
      const texts = new Set(
        xml.flatMap((x) => [...x.matchAll(/<t(?:\s[^>]*)?>([^<]*)<\/t>/g)].map((m) => decodeEntities(m[1]))),
      );
      const outputValues = new Set(
        b.sheets.filter((s) => b.outputSheets.includes(s.name)).flatMap((s) => s.values.flat()),
      );
      for (const name of c.literalNames) {
        // In the sheet XML: inline text (and no formula anywhere, checked above).
        expect({ name, asText: texts.has(name) || [...texts].some((t) => t.includes(name)) }).toEqual({
          name,
          asText: true,
        });
        // Read back by a spreadsheet reader: the same string.
        expect({
          name,
          readBack: [...outputValues].some((v) => typeof v === "string" && v.includes(name)),
        }).toEqual({ name, readBack: true });
      }
      // In the JSON, exactly as typed.
      const names = [...results.levers, ...results.metrics];
      for (const name of c.literalNames.filter((n) => !n.startsWith("=1+1"))) expect(names).toContain(name);
    }
  });
});

test("createWorkbook of the corpus is deterministic (so the committed files are reproducible)", () => {
  const c = HOSTILE_CASES.find((x) => x.file === "hostile-names.xlsx")!;
  expect(Buffer.from(c.make!()).equals(Buffer.from(c.make!()))).toBe(true);
  expect(createWorkbook).toBeDefined();
});
