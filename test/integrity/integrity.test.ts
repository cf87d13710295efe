/**
 * Idempotence and integrity of what the command writes:
 * - the same workbook, analysed twice with the same clock, gives byte-identical files; with
 *   another clock only the run-stamp cells differ;
 * - the input sheets' parts are byte-identical before and after (values, formulas, styles
 *   indices), and every style the input sheets use means the same after (styles.xml only grows),
 *   also for workbooks saved by LibreOffice and openpyxl;
 * - the output file is replaced atomically: a failing write or rename leaves the previous output
 *   intact and no temporary file.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { runAnalysis } from "../../src/core/pipeline";
import { buildSampleWorkbook } from "../../src/core/sample/template";
import { createWorkbook, readXlsx, writeOutputs } from "../../src/hosts/xlsx";
import { Package } from "../../src/hosts/xlsx/opc";
import { readWorkbookInfo } from "../../src/hosts/xlsx/read-workbook";
import { parseXml } from "../../src/hosts/xlsx/xml";
import { entryData, entrySpan, readZip } from "../../src/hosts/xlsx/zip";
import { runCli } from "../cli/run-cli";

const dir = path.join(__dirname, "../../test-output/integrity");
const sample = path.join(dir, "sample.xlsx");
const fixtures = path.join(__dirname, "../fixtures");

beforeAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(sample, createWorkbook(buildSampleWorkbook()));
});

const read = (file: string) => new Uint8Array(fs.readFileSync(file));

async function analyse(input: string, out: string, stamp: string): Promise<Uint8Array> {
  const run = await runCli(["analyze", input, "-o", out, "--quiet"], () => stamp);
  expect(run.stderr).not.toMatch(/internal error/);
  expect(run.code).toBe(0);
  return read(out);
}

/** Entry name → uncompressed text, for the parts that differ between two packages. */
function differingParts(a: Uint8Array, b: Uint8Array): string[] {
  const pa = new Package(a);
  const pb = new Package(b);
  expect(pb.names).toEqual(pa.names);
  return pa.names.filter((n) => !Buffer.from(pa.bytes(n)!).equals(Buffer.from(pb.bytes(n)!)));
}

describe("analysing twice", () => {
  test("with the same clock: byte-identical files", async () => {
    const one = await analyse(sample, path.join(dir, "one.xlsx"), "2026-01-01T00:00:00.000Z");
    const two = await analyse(sample, path.join(dir, "two.xlsx"), "2026-01-01T00:00:00.000Z");
    expect(Buffer.from(two).equals(Buffer.from(one))).toBe(true);
  });

  test("with another clock: only the run-stamp cells differ", async () => {
    const one = await analyse(sample, path.join(dir, "one.xlsx"), "2026-01-01T00:00:00.000Z");
    const two = await analyse(sample, path.join(dir, "three.xlsx"), "2027-07-07T07:07:07.000Z");
    const parts = differingParts(one, two);
    expect(parts.length).toBeGreaterThan(0);
    const a = readXlsx(one);
    const b = readXlsx(two);
    const changed: string[] = [];
    for (const s of a.sheets) {
      const t = b.sheets.find((x) => x.name === s.name)!;
      const rows = Math.max(s.values.length, t.values.length);
      for (let r = 0; r < rows; r++) {
        const width = Math.max(s.values[r]?.length ?? 0, t.values[r]?.length ?? 0);
        for (let c = 0; c < width; c++) {
          const x = s.values[r]?.[c] ?? null;
          const y = t.values[r]?.[c] ?? null;
          if (JSON.stringify(x) !== JSON.stringify(y)) changed.push(`${s.name}|${String(x)}|${String(y)}`);
        }
      }
    }
    expect(changed.length).toBeGreaterThan(0);
    // The run time shows as readable text or as a date-time cell (serial days), never as ISO text.
    const serial = (iso: string) => Date.parse(iso) / 86_400_000 + 25_569;
    for (const cell of changed) {
      const [, x, y] = cell.split("|");
      if (/^\d+(\.\d+)?$/.test(x)) {
        expect(Number(x)).toBeCloseTo(serial("2026-01-01T00:00:00.000Z"), 6);
        expect(Number(y)).toBeCloseTo(serial("2027-07-07T07:07:07.000Z"), 6);
      } else {
        expect(x).toContain("1 Jan 2026 00:00 UTC");
        expect(y).toBe(x.replace("1 Jan 2026 00:00 UTC", "7 Jul 2027 07:07 UTC"));
      }
    }
    // Only our sheets' parts change, never an input's.
    const info = readWorkbookInfo(new Package(one));
    const outputs = new Set(a.outputSheets);
    const inputParts = info.sheets.filter((s) => !outputs.has(s.name)).map((s) => s.part);
    for (const p of parts) expect(inputParts).not.toContain(p);
  });

  test("analysing our own output again gives the same sheets (History keeps one row per as-of date)", async () => {
    const once = path.join(dir, "once.xlsx");
    await analyse(sample, once, "2026-01-01T00:00:00.000Z");
    const twice = await analyse(once, path.join(dir, "twice.xlsx"), "2026-01-01T00:00:00.000Z");
    const thrice = await analyse(
      path.join(dir, "twice.xlsx"),
      path.join(dir, "thrice.xlsx"),
      "2026-01-01T00:00:00.000Z",
    );
    expectSameContent(twice, thrice);
  });
});

/**
 * Same sheets, same values, same styles, same number of parts. (Not byte-identical: our chart parts
 * of a replaced sheet get new part names, e.g. drawing2.xml → drawing3.xml.)
 */
function expectSameContent(a: Uint8Array, b: Uint8Array): void {
  const ra = readXlsx(a);
  const rb = readXlsx(b);
  expect(rb.sheetNames).toEqual(ra.sheetNames);
  expect(rb.sheets).toEqual(ra.sheets);
  const pa = new Package(a);
  const pb = new Package(b);
  expect(pb.names.length).toBe(pa.names.length);
  const styles = pa.names.find((n) => /styles\.xml$/.test(n))!;
  expect(pb.text(styles)).toBe(pa.text(styles));
}

/** The child elements (outer XML) of each style collection in styles.xml. */
function styleCollections(xml: string): Record<string, string[]> {
  const collections = [
    "numFmts",
    "fonts",
    "fills",
    "borders",
    "cellStyleXfs",
    "cellXfs",
    "cellStyles",
    "dxfs",
  ];
  const out: Record<string, string[]> = {};
  const stack: { name: string; start: number }[] = [];
  parseXml(xml, {
    open: (name, _a, selfClosing, start) => {
      if (!selfClosing) stack.push({ name, start });
      else if (stack.length > 0 && collections.includes(stack[stack.length - 1].name)) {
        (out[stack[stack.length - 1].name] ??= []).push(xml.slice(start, xml.indexOf(">", start) + 1));
      }
    },
    close: (name, _s, end, selfClosing) => {
      if (selfClosing) return;
      const top = stack.pop()!;
      const parent = stack[stack.length - 1];
      if (parent && collections.includes(parent.name) && top.name === name) {
        (out[parent.name] ??= []).push(xml.slice(top.start, end));
      }
    },
  });
  return out;
}

/** Input sheets' parts byte for byte, and every existing style entry unchanged at its index. */
function expectInputsIntact(before: Uint8Array, after: Uint8Array): void {
  const pkg = new Package(before);
  const info = readWorkbookInfo(pkg);
  const zb = readZip(before);
  const za = readZip(after);
  const byName = new Map(za.entries.map((e) => [e.name, e]));
  for (const s of info.sheets) {
    const entry = zb.entries.find((e) => e.name === s.part)!;
    const kept = byName.get(entry.name)!;
    const same = Buffer.from(entrySpan(za, kept)).equals(Buffer.from(entrySpan(zb, entry)));
    // The one change allowed: the sheet is no longer the selected tab (the workbook opens on the
    // Summary; two selected tabs would group the sheets). Everything else byte for byte.
    const unselected =
      !same &&
      Buffer.from(entryData(za, kept)).toString("utf8") ===
        Buffer.from(entryData(zb, entry))
          .toString("utf8")
          .replace(/(<(?:\w+:)?sheetView\b[^>]*?)\s+tabSelected="(?:1|true)"/g, "$1");
    expect({
      sheet: s.name,
      same: same || unselected,
    }).toEqual({
      sheet: s.name,
      same: true,
    });
  }
  const stylesPart = zb.entries.find((e) => /styles\.xml$/i.test(e.name))?.name;
  if (!stylesPart) return;
  const old = styleCollections(pkg.text(stylesPart)!);
  const now = styleCollections(new Package(after).text(stylesPart)!);
  for (const [collection, items] of Object.entries(old)) {
    // Existing entries keep their index (cells refer to them by index): the old list is a prefix.
    expect({ collection, prefix: now[collection].slice(0, items.length) }).toEqual({
      collection,
      prefix: items,
    });
  }
  // And the input sheets read back value for value.
  const a = readXlsx(before);
  const b = readXlsx(after);
  for (const s of a.sheets) expect(b.sheets.find((x) => x.name === s.name)).toEqual(s);
}

describe("input sheets are untouched, byte for byte", () => {
  const specs = () => {
    const outcome = runAnalysis(readXlsx(read(sample)), {
      runStamp: "2026-01-01T00:00:00.000Z",
      toolVersion: "t",
    });
    return outcome.specs!;
  };

  test("the sample, through the command", async () => {
    const out = await analyse(sample, path.join(dir, "sample-out.xlsx"), "2026-01-01T00:00:00.000Z");
    expectInputsIntact(read(sample), out);
  });

  test.each([
    "writers/libreoffice.xlsx",
    "writers/openpyxl.xlsx",
    "hostile/libreoffice/features.xlsx",
    "hostile/openpyxl/features.xlsx",
    "hostile/libreoffice/pivot.xlsx",
    "hostile/handmade/macros.xlsm",
  ])("%s, with the full report written into it (twice)", (file) => {
    const original = read(path.join(fixtures, file));
    const first = writeOutputs(original, specs()).bytes;
    expectInputsIntact(original, first);
    const second = writeOutputs(first, specs()).bytes;
    expectInputsIntact(original, second);
    // Writing the same report again replaces our sheets: same content, nothing accumulates.
    expectSameContent(first, second);
  });
});

describe("atomic replacement of the output file", () => {
  const fsp = fs.promises;
  const out = path.join(dir, "atomic", "result.xlsx");
  const leftovers = () => fs.readdirSync(path.dirname(out)).filter((f) => f !== "result.xlsx");

  beforeEach(async () => {
    fs.rmSync(path.dirname(out), { recursive: true, force: true });
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, "previous output");
  });
  afterEach(() => jest.restoreAllMocks());

  test("a rename that fails leaves the previous output and no temporary file", async () => {
    jest
      .spyOn(fsp, "rename")
      .mockRejectedValue(Object.assign(new Error("EXDEV: simulated"), { code: "EXDEV" }));
    const run = await runCli(["analyze", sample, "-o", out, "--quiet"]);
    expect(run.code).toBe(3); // not a workbook problem: reported as an internal error, plainly
    expect(run.stderr).not.toMatch(/\s{4}at /);
    expect(fs.readFileSync(out, "utf8")).toBe("previous output");
    expect(leftovers()).toEqual([]);
  });

  test("a write that fails halfway (disk full) leaves the previous output and no temporary file", async () => {
    const open = fsp.open.bind(fsp);
    jest.spyOn(fsp, "open").mockImplementation(async (...args: Parameters<typeof fsp.open>) => {
      const handle = await open(...args);
      const writeFile = handle.writeFile.bind(handle);
      handle.writeFile = (async (data: Uint8Array) => {
        await writeFile(data.subarray(0, data.length >> 1)); // half of it reaches the disk
        throw Object.assign(new Error("ENOSPC: no space left on device"), { code: "ENOSPC", path: args[0] });
      }) as typeof handle.writeFile;
      return handle;
    });
    const run = await runCli(["analyze", sample, "-o", out, "--quiet"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("the disk is full");
    expect(fs.readFileSync(out, "utf8")).toBe("previous output");
    expect(leftovers()).toEqual([]);
  });

  test("a file locked by Excel (EBUSY on rename) is named with what to do", async () => {
    jest
      .spyOn(fsp, "rename")
      .mockRejectedValue(Object.assign(new Error("EBUSY: simulated"), { code: "EBUSY" }));
    const run = await runCli(["analyze", sample, "-o", out, "--quiet"]);
    expect(run.stderr).toContain("close it in Excel");
    expect(run.stderr).not.toMatch(/\s{4}at /);
    expect(fs.readFileSync(out, "utf8")).toBe("previous output");
    expect(leftovers()).toEqual([]);
  });

  test("without failures the new output replaces the old one, keeping its permissions", async () => {
    fs.chmodSync(out, 0o640);
    const run = await runCli(["analyze", sample, "-o", out, "--quiet"]);
    expect(run.code).toBe(0);
    expect(readXlsx(read(out)).outputSheets.length).toBeGreaterThan(0);
    expect(fs.statSync(out).mode & 0o777).toBe(0o640);
    expect(leftovers()).toEqual([]);
  });
});
