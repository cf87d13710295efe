/** writeOutputs on unusual packages: prefixes, missing parts, calcChain, shared parts. */
import { strToU8, unzipSync, zipSync } from "fflate";
import { createWorkbook, readXlsx, writeOutputs } from "../../src/hosts/xlsx";
import { Package } from "../../src/hosts/xlsx/opc";
import { checkWellFormed } from "../../src/hosts/xlsx/xml";
import { CT_HEAD, makeZip, PKG_RELS, REL, RELS, sampleSpec, unzipText } from "./helpers";

const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const WS_CT = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml";

/** Replaces (string) or deletes (null) parts of a package. */
function editPackage(bytes: Uint8Array, edits: Record<string, string | null>): Uint8Array {
  const files = unzipSync(bytes);
  for (const [name, text] of Object.entries(edits)) {
    if (text === null) delete files[name];
    else files[name] = strToU8(text);
  }
  return zipSync(files);
}

function allWellFormed(bytes: Uint8Array): void {
  for (const [name, text] of Object.entries(unzipText(bytes))) {
    if (/\.(xml|rels)$/.test(name)) expect(() => checkWellFormed(text)).not.toThrow();
  }
}

describe("writeOutputs", () => {
  it("uses the workbook's namespace prefix and declares r: when the root does not", () => {
    const prefixed = makeZip({
      "[Content_Types].xml": `${CT_HEAD}<Override PartName="/xl/worksheets/sheet1.xml" ContentType="${WS_CT}"/></Types>`,
      "_rels/.rels": PKG_RELS,
      "xl/workbook.xml": `<x:workbook xmlns:x="${MAIN}"><x:sheets><x:sheet xmlns:r="${R}" name="Data" sheetId="7" r:id="rId1"/></x:sheets><x:calcPr/></x:workbook>`,
      "xl/_rels/workbook.xml.rels": RELS(REL("rId1", "worksheet", "worksheets/sheet1.xml")),
      "xl/worksheets/sheet1.xml": `<x:worksheet xmlns:x="${MAIN}"><x:sheetData><x:row r="1"><x:c r="A1"><x:v>1</x:v></x:c></x:row></x:sheetData></x:worksheet>`,
    });
    const out = writeOutputs(prefixed, [sampleSpec("Alignment")]).bytes;
    const parts = unzipText(out);
    expect(parts["xl/workbook.xml"]).toBe(
      `<x:workbook xmlns:x="${MAIN}"><x:sheets><x:sheet xmlns:r="${R}" name="Data" sheetId="7" r:id="rId1"/>` +
        `<x:sheet name="Alignment" sheetId="8" xmlns:r="${R}" r:id="rId2"/></x:sheets>` +
        '<x:definedNames><x:definedName name="RpoAlign_Output" localSheetId="1" hidden="1">"rpo-align output"</x:definedName></x:definedNames>' +
        "<x:calcPr/></x:workbook>",
    );
    // no styles part before: one is created, related and given a content type
    expect(parts["xl/styles.xml"]).toContain("<cellXfs");
    expect(parts["xl/_rels/workbook.xml.rels"]).toContain('Target="styles.xml"');
    expect(parts["[Content_Types].xml"]).toContain('PartName="/xl/styles.xml"');
    const wb = readXlsx(out);
    expect(wb.outputSheets).toEqual(["Alignment"]);
    expect(wb.sheets[0].values).toEqual([[1]]);
    allWellFormed(out);
  });

  it("removes a stale calcChain when it replaces a sheet that had formulas", () => {
    const first = writeOutputs(createWorkbook([sampleSpec("Levers", { charts: [] })]), [
      sampleSpec("Alignment"),
    ]).bytes;
    const text = unzipText(first);
    const withChain = editPackage(first, {
      "xl/calcChain.xml": `<calcChain xmlns="${MAIN}"><c r="B5" i="2"/><c r="C4"/></calcChain>`,
      "xl/_rels/workbook.xml.rels": text["xl/_rels/workbook.xml.rels"].replace(
        "</Relationships>",
        REL("rId99", "calcChain", "calcChain.xml") + "</Relationships>",
      ),
      "[Content_Types].xml": text["[Content_Types].xml"].replace(
        "</Types>",
        '<Override PartName="/xl/calcChain.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.calcChain+xml"/></Types>',
      ),
    });
    const again = unzipText(writeOutputs(withChain, [sampleSpec("Alignment")]).bytes);
    expect(again["xl/calcChain.xml"]).toBeUndefined();
    expect(again["xl/_rels/workbook.xml.rels"]).not.toContain("calcChain");
    expect(again["[Content_Types].xml"]).not.toContain("calcChain");
  });

  it("keeps a part that our old sheet shares with a user sheet, and keeps our sheet's hidden state", () => {
    const first = writeOutputs(createWorkbook([sampleSpec("Levers", { charts: [] })]), [
      sampleSpec("Alignment"),
    ]).bytes;
    const text = unzipText(first);
    const shared = REL("rId9", "printerSettings", "../printerSettings/printerSettings1.bin");
    const edited = editPackage(first, {
      "xl/printerSettings/printerSettings1.bin": "binary",
      "xl/worksheets/_rels/sheet1.xml.rels": RELS(shared),
      "xl/worksheets/_rels/sheet2.xml.rels": text["xl/worksheets/_rels/sheet2.xml.rels"].replace(
        "</Relationships>",
        shared + "</Relationships>",
      ),
      "xl/workbook.xml": text["xl/workbook.xml"].replace(
        'name="Alignment" sheetId="2"',
        'name="Alignment" sheetId="2" state="hidden"',
      ),
    });
    const out = writeOutputs(edited, [sampleSpec("Alignment")]).bytes;
    const names = new Package(out).names;
    expect(names).toContain("xl/printerSettings/printerSettings1.bin");
    expect(names.filter((n) => /drawings\/drawing\d+\.xml$/.test(n))).toHaveLength(1);
    expect(unzipText(out)["xl/workbook.xml"]).toContain('name="Alignment" sheetId="2" state="hidden"');
  });

  it("refuses when both the planned and the alternate name are user sheets", () => {
    const users = createWorkbook([
      sampleSpec("Alignment", { charts: [] }),
      sampleSpec("Alignment (rpo-align)", { charts: [] }),
    ]);
    expect(() => writeOutputs(users, [sampleSpec("Alignment")])).toThrow(/both belong to you/);
  });
});
