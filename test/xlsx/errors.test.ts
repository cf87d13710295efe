/**
 * Files that are not .xlsx workbooks: each gives an XlsxFormatError whose message says what the
 * file is and what to do (data-driven, one row per kind of wrong file).
 */
import { createWorkbook, readXlsx, writeOutputs, XlsxFormatError } from "../../src/hosts/xlsx";
import { entrySpan, readZip } from "../../src/hosts/xlsx/zip";
import { makeZip, sampleSpec } from "./helpers";

const valid = createWorkbook([sampleSpec("Levers")]);
const enc = (s: string) => new TextEncoder().encode(s);
const ole2 = (extra: Uint8Array = new Uint8Array(0)) => {
  const b = new Uint8Array(2048 + extra.length);
  b.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  b.set(extra, 1024);
  return b;
};
const utf16 = (s: string) => new Uint8Array([...s].flatMap((c) => [c.charCodeAt(0), 0]));

function corruptWorkbookPart(): Uint8Array {
  const zip = readZip(valid);
  const entry = zip.entries.find((e) => e.name === "xl/workbook.xml")!;
  const span = entrySpan(zip, entry);
  const out = valid.slice();
  const dataStart = span.byteOffset - valid.byteOffset + span.length - entry.compressedSize;
  for (let i = 0; i < entry.compressedSize; i++) out[dataStart + i] ^= 0x5a;
  return out;
}

const cases: [string, Uint8Array, string, RegExp][] = [
  ["a zero-byte file", new Uint8Array(0), "empty", /This file is empty \(0 bytes\)/],
  [
    "a CSV file renamed to .xlsx",
    enc("Lever,Category\nSourcers,Capacity\n"),
    "text",
    /plain text \(for example a CSV file renamed to \.xlsx\).*save it as an Excel Workbook \(\.xlsx\)/,
  ],
  [
    "an Excel 97-2003 .xls",
    ole2(),
    "xls",
    /^This file is an Excel 97-2003 \.xls workbook; open it in Excel and save it as an Excel Workbook \(\.xlsx\)/,
  ],
  [
    "a password-protected workbook",
    ole2(utf16("EncryptedPackage")),
    "encrypted",
    /protected with a password/,
  ],
  ["a PDF", enc("%PDF-1.7\n%\u00e2\u00e3\n1 0 obj"), "pdf", /This file is a PDF document/],
  [
    "random binary data",
    new Uint8Array([1, 2, 3, 0, 255, 254, 0, 7]),
    "not-zip",
    /not an Excel \.xlsx workbook \(it is not a zip package\)/,
  ],
  [
    "a truncated download",
    valid.slice(0, Math.floor(valid.length / 2)),
    "truncated",
    /incomplete: the zip package ends too early/,
  ],
  ["a zip missing its last bytes", valid.slice(0, valid.length - 10), "truncated", /incomplete/],
  [
    "an .xlsx without workbook.xml",
    makeZip({ "[Content_Types].xml": "<Types/>", "docProps/app.xml": "<Properties/>" }),
    "no-workbook",
    /has no xl\/workbook\.xml/,
  ],
  [
    "an OpenDocument spreadsheet",
    makeZip({ mimetype: "application/vnd.oasis.opendocument.spreadsheet", "content.xml": "<x/>" }),
    "ods",
    /OpenDocument spreadsheet \(\.ods\)/,
  ],
  [
    "an .xlsb workbook",
    makeZip({ "[Content_Types].xml": "<Types/>", "xl/workbook.bin": new Uint8Array([1, 2]) }),
    "xlsb",
    /Excel Binary Workbook \(\.xlsb\)/,
  ],
  [
    "a Word document",
    makeZip({ "[Content_Types].xml": "<Types/>", "word/document.xml": "<w/>" }),
    "word",
    /Word document/,
  ],
  ["a workbook whose parts are corrupted", corruptWorkbookPart(), "damaged", /This \.xlsx file is damaged/],
];

describe.each(cases)("%s", (_label, bytes, kind, message) => {
  it(`is rejected by readXlsx and writeOutputs with a "${kind}" XlsxFormatError`, () => {
    for (const attempt of [() => readXlsx(bytes), () => writeOutputs(bytes, [sampleSpec("Out")])]) {
      let error: unknown;
      try {
        attempt();
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(XlsxFormatError);
      expect((error as XlsxFormatError).kind).toBe(kind);
      expect((error as XlsxFormatError).message).toMatch(message);
    }
  });
});

describe("limits", () => {
  it("refuses a part whose declared size is absurd (zip bomb) before inflating it", () => {
    const zip = readZip(valid);
    const entry = zip.entries.find((e) => e.name === "xl/workbook.xml")!;
    const out = valid.slice();
    const at = entry.central.byteOffset - valid.byteOffset + 24; // uncompressed size
    new DataView(out.buffer).setUint32(at, 3_000_000_000, true);
    expect(() => readXlsx(out)).toThrow(expect.objectContaining({ kind: "too-large" }));
  });

  it("reads a Strict Open XML workbook but does not write into it", () => {
    const strict = makeZip({
      "[Content_Types].xml": "<Types/>",
      "_rels/.rels":
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" ' +
        'Type="http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
      "xl/workbook.xml":
        '<workbook xmlns="http://purl.oclc.org/ooxml/spreadsheetml/main" xmlns:r="http://purl.oclc.org/ooxml/officeDocument/relationships">' +
        '<sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>',
      "xl/_rels/workbook.xml.rels":
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" ' +
        'Type="http://purl.oclc.org/ooxml/officeDocument/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
      "xl/worksheets/sheet1.xml":
        '<worksheet xmlns="http://purl.oclc.org/ooxml/spreadsheetml/main"><sheetData><row r="1"><c r="A1"><v>5</v></c></row></sheetData></worksheet>',
    });
    expect(readXlsx(strict).sheets[0].values).toEqual([[5]]);
    expect(() => writeOutputs(strict, [sampleSpec("Out")])).toThrow(/Strict Open XML/);
  });
});
