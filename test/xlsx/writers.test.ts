/**
 * Real workbooks saved by openpyxl and LibreOffice (test/fixtures/writers): we read them, add our
 * sheets, and check that nothing of the user's package was lost or changed.
 */
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { readXlsx, writeOutputs } from "../../src/hosts/xlsx";
import { Package, relsPartOf } from "../../src/hosts/xlsx/opc";
import { checkWellFormed, parseXml } from "../../src/hosts/xlsx/xml";
import { entrySpan, readZip } from "../../src/hosts/xlsx/zip";
import { sampleSpec, unzipText } from "./helpers";

const FIXTURES = path.join(__dirname, "..", "fixtures", "writers");
const load = (name: string) => new Uint8Array(readFileSync(path.join(FIXTURES, name)));

/** The parts writeOutputs may change in a user's package (everything else stays byte-identical). */
const TOUCHED = ["[Content_Types].xml", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/styles.xml"];

/** Start tags of an XML text, without count attributes (they are updated when we append). */
function startTags(xml: string): string[] {
  const tags: string[] = [];
  parseXml(xml, {
    open: (_n, _a, _sc, start, end) =>
      tags.push(
        xml
          .slice(start, end)
          .replace(/ count="\d+"/, "")
          .replace(/\s*\/?>$/, ""),
      ),
  });
  return tags;
}

/** Every part reachable from the package root through relationships. */
function reachableParts(bytes: Uint8Array): Set<string> {
  const pkg = new Package(bytes);
  const seen = new Set<string>();
  const visit = (part: string) => {
    for (const rel of pkg.rels(part)) {
      if (rel.external || seen.has(rel.target.toLowerCase())) continue;
      seen.add(rel.target.toLowerCase());
      visit(rel.target);
    }
  };
  visit("");
  return seen;
}

describe.each(["openpyxl.xlsx", "libreoffice.xlsx"])("%s", (fixture) => {
  const original = load(fixture);
  const input = readXlsx(original);
  const specs = [sampleSpec("Alignment"), sampleSpec("Alignment History", { charts: [] })];
  const first = writeOutputs(original, specs);

  it("reads values, the table, dates, text starting with '=' and hidden rows", () => {
    expect(input.sheetNames).toEqual(["Levers", "Observations", "Alignment"]);
    expect(input.outputSheets).toEqual([]);
    expect(input.history).toBeNull();
    const levers = input.sheets.find((s) => s.name === "Levers")!;
    expect(levers.values[0]).toEqual(["Lever", "Category", "Unit", "Current", "Min", "Max", "Cost per unit"]);
    expect(levers.values[3]).toEqual(["Interview slots per week", "Process", "slots", 40, 10, 80, 35.5]);
    expect(levers.hiddenRows).toEqual([3]);
    expect(input.tables).toHaveLength(1);
    expect(input.tables[0]).toMatchObject({
      name: "tblLevers",
      sheetName: "Levers",
      originRow: 0,
      originCol: 0,
    });
    expect(input.tables[0].values).toEqual(levers.values);
    const obs = input.sheets.find((s) => s.name === "Observations")!;
    expect(obs.values[1][0]).toBe(45292); // 2024-01-01
    expect(obs.values[4][4]).toBe("=text, not a formula");
    // openpyxl stores formulas without a cached value; LibreOffice stores the computed one.
    expect(obs.values[1][6]).toBe(fixture === "openpyxl.xlsx" ? null : 39.75);
  });

  it("keeps every original zip entry byte-identical except the bookkeeping parts it must touch", () => {
    const before = readZip(original);
    const after = readZip(first.bytes);
    const afterByName = new Map(after.entries.map((e) => [e.name, e]));
    for (const e of before.entries) {
      const kept = afterByName.get(e.name);
      expect(kept).toBeDefined();
      if (TOUCHED.includes(e.name)) continue;
      // the same local header, compressed data and central-directory fields (bar the offset)
      expect(Buffer.from(entrySpan(after, kept!)).equals(Buffer.from(entrySpan(before, e)))).toBe(true);
      expect(Buffer.from(kept!.central.subarray(0, 42)).equals(Buffer.from(e.central.subarray(0, 42)))).toBe(
        true,
      );
    }
    // original order preserved, new parts after
    expect(after.entries.slice(0, before.entries.length).map((e) => e.name)).toEqual(
      before.entries.map((e) => e.name),
    );
  });

  it("keeps all original content of the parts it touches", () => {
    const a = unzipText(original);
    const b = unzipText(first.bytes);
    for (const part of TOUCHED) {
      checkWellFormed(b[part]);
      // every original start tag is still there, in the same order (a subsequence of the new tags)
      const newTags = startTags(b[part]);
      let from = 0;
      for (const tag of startTags(a[part])) {
        const at = newTags.indexOf(tag, from);
        expect({ part, tag, found: at >= 0 }).toEqual({ part, tag, found: true });
        from = at + 1;
      }
    }
    expect(b["xl/workbook.xml"]).toMatch(/TargetHeadcount/);
    expect(b["xl/workbook.xml"]).toMatch(/LocalNote/);
    const sheet1 = Object.keys(a).find((k) => /worksheets\/sheet1\.xml$/.test(k))!;
    expect(b[sheet1]).toContain("<dataValidation");
    expect(b[relsPartOf("xl/drawings/drawing1.xml")]).toBe(a[relsPartOf("xl/drawings/drawing1.xml")]);
    // the workbook text is the original with our elements inserted, nothing re-serialised
    const inserted = b["xl/workbook.xml"]
      .replace(/<sheet [^>]*name="Alignment \(rpo-align\)"[^>]*\/>/, "")
      .replace(/<sheet [^>]*name="Alignment History"[^>]*\/>/, "")
      .replace(/<definedName name="RpoAlign_Output"[^<]*<\/definedName>/g, "");
    expect(inserted).toBe(a["xl/workbook.xml"]);
  });

  it("re-reads the same inputs cell for cell, plus our marked sheets", () => {
    const again = readXlsx(first.bytes);
    expect(first.written).toEqual(["Alignment (rpo-align)", "Alignment History"]);
    expect(first.notes).toEqual([expect.stringContaining('A sheet named "Alignment" already exists')]);
    expect(again.sheetNames).toEqual([...input.sheetNames, "Alignment (rpo-align)", "Alignment History"]);
    expect(again.outputSheets).toEqual(["Alignment (rpo-align)", "Alignment History"]);
    expect(again.sheets.slice(0, input.sheets.length)).toEqual(input.sheets);
    expect(again.tables).toEqual(input.tables);
    expect(again.history?.values[0]).toEqual(["Lever", "Leverage", "Share", "Note"]);
    expect(again.sheets.find((s) => s.name === "Alignment")!.values[0][0]).toBe("My own alignment notes");
  });

  it("replaces its own sheets when written again: no duplicates, no orphan parts", () => {
    const second = writeOutputs(first.bytes, specs);
    const third = writeOutputs(second.bytes, [sampleSpec("Alignment", { charts: [] })]);
    expect(second.written).toEqual(first.written);
    for (const bytes of [second.bytes, third.bytes]) {
      const wb = readXlsx(bytes);
      expect(wb.sheetNames).toEqual([...input.sheetNames, "Alignment (rpo-align)", "Alignment History"]);
      const names = new Package(bytes).names;
      const reachable = reachableParts(bytes);
      const orphans = names.filter(
        (n) => !n.endsWith(".rels") && n !== "[Content_Types].xml" && !reachable.has(n.toLowerCase()),
      );
      expect(orphans).toEqual([]);
      const ct = unzipText(bytes)["[Content_Types].xml"];
      for (const m of ct.matchAll(/PartName="\/([^"]+)"/g))
        expect(names.map((n) => n.toLowerCase())).toContain(m[1].toLowerCase());
      const workbook = unzipText(bytes)["xl/workbook.xml"];
      expect(workbook.match(/name="RpoAlign_Output"/g)).toHaveLength(2);
    }
    expect(new Package(second.bytes).names.length).toBe(new Package(first.bytes).names.length);
    // without charts, our old drawing and chart are gone; the user's chart stays
    const charts = (b: Uint8Array) => new Package(b).names.filter((n) => /charts\/chart\d+\.xml$/.test(n));
    expect(charts(third.bytes)).toEqual(charts(original));
    // the user's "Alignment" sheet is untouched through all of it
    const userSheet = (b: Uint8Array) => readXlsx(b).sheets.find((s) => s.name === "Alignment");
    expect(userSheet(third.bytes)).toEqual(userSheet(original));
  });
});
