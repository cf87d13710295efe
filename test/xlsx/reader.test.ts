import { readXlsx } from "../../src/hosts/xlsx";
import { isoDateTimeToSerial } from "../../src/core/dates";
import { DAYS_1900_TO_1904 } from "../../src/hosts/xlsx/date-system";
import { CT_HEAD, makeZip, PKG_RELS, REL, RELS } from "./helpers";

const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const WS_CT = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml";

/** A package the way a non-Excel writer might produce it: x: prefixes, no r attributes, etc. */
function tolerantPackage(extra: Record<string, string | Uint8Array> = {}, workbookPr = "") {
  return makeZip({
    "[Content_Types].xml":
      CT_HEAD +
      '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
      `<Override PartName="/xl/worksheets/sheet1.xml" ContentType="${WS_CT}"/></Types>`,
    "_rels/.rels": PKG_RELS,
    "xl/workbook.xml":
      `<x:workbook xmlns:x="${MAIN}" xmlns:rel="${R}">${workbookPr}<x:sheets>` +
      '<x:sheet name="Data &amp; more" sheetId="1" rel:id="rId1"/>' +
      '<x:sheet name="Chart1" sheetId="2" rel:id="rId2"/>' +
      '<x:sheet name="Other" sheetId="3" state="hidden" rel:id="rId3"/>' +
      "</x:sheets></x:workbook>",
    "xl/_rels/workbook.xml.rels": RELS(
      REL("rId1", "worksheet", "/xl/worksheets/sheet1.xml"),
      REL("rId2", "chartsheet", "chartsheets/sheet1.xml"),
      REL("rId3", "worksheet", "worksheets/sheet2.xml"),
      REL("rId4", "sharedStrings", "sharedStrings.xml"),
    ),
    "xl/sharedStrings.xml":
      `<x:sst xmlns:x="${MAIN}"><x:si><x:t>plain</x:t></x:si>` +
      '<x:si><x:r><x:rPr><x:b/></x:rPr><x:t>Rich </x:t></x:r><x:r><x:t xml:space="preserve">text </x:t></x:r>' +
      '<x:rPh sb="0" eb="1"><x:t>ふりがな</x:t></x:rPh><x:phoneticPr fontId="1"/></x:si>' +
      "<x:si><x:t>line_x000D_break &amp; &#x263A; <![CDATA[<cdata>]]></x:t></x:si><x:si/></x:sst>",
    "xl/worksheets/sheet1.xml":
      `<x:worksheet xmlns:x="${MAIN}"><x:sheetData>` +
      // no r on rows or cells: positions are sequential
      '<x:row><x:c t="s"><x:v>0</x:v></x:c><x:c t="s"><x:v>1</x:v></x:c><x:c t="s"><x:v>2</x:v></x:c></x:row>' +
      '<x:row hidden="1"><x:c><x:v>1.5</x:v></x:c><x:c t="b"><x:v>1</x:v></x:c><x:c t="e"><x:v>#N/A</x:v></x:c></x:row>' +
      '<x:row r="5"><x:c r="B5" t="d"><x:v>2024-03-01T12:00:00Z</x:v></x:c><x:c t="str"><x:f>A1</x:f><x:v>calc</x:v></x:c>' +
      '<x:c r="E5" t="inlineStr"><x:is><x:r><x:t>in</x:t></x:r><x:r><x:t>line</x:t></x:r></x:is></x:c></x:row>' +
      '<x:row r="6"><x:c r="A6"><x:v></x:v></x:c><x:c r="B6" s="3"/><x:c r="C6" t="s"><x:v>3</x:v></x:c></x:row>' +
      "</x:sheetData></x:worksheet>",
    "xl/worksheets/sheet2.xml": `<worksheet xmlns="${MAIN}"><sheetData><row r="3"><c r="D3"><v>7</v></c></row></sheetData></worksheet>`,
    ...extra,
  });
}

describe("readXlsx on packages from other writers", () => {
  it("reads prefixed XML, sequential positions, every cell type and rich/phonetic shared strings", () => {
    const wb = readXlsx(tolerantPackage());
    expect(wb.sheetNames).toEqual(["Data & more", "Chart1", "Other"]);
    expect(wb.sheets.map((s) => s.name)).toEqual(["Data & more", "Other"]);
    const data = wb.sheets[0];
    expect(data.originRow).toBe(0);
    expect(data.originCol).toBe(0);
    expect(data.values).toEqual([
      ["plain", "Rich text ", "line\rbreak & ☺ <cdata>", null, null],
      [1.5, true, { kind: "error", code: "#N/A" }, null, null],
      [null, null, null, null, null],
      [null, null, null, null, null],
      [null, isoDateTimeToSerial("2024-03-01T12:00:00"), "calc", null, "inline"],
      [null, null, "", null, null],
    ]);
    expect(data.values[4][1]).toBe(45352.5);
    expect(data.hiddenRows).toEqual([1]);
    expect(wb.sheets[1]).toMatchObject({ name: "Other", values: [[7]], originRow: 2, originCol: 3 });
  });

  it("converts ISO dates to Excel serials, and to 1900-system serials in a 1904 workbook", () => {
    expect(isoDateTimeToSerial("1900-01-01")).toBe(1);
    expect(isoDateTimeToSerial("1900-02-28")).toBe(59);
    expect(isoDateTimeToSerial("1900-02-29")).toBe(60); // Excel's phantom leap day
    expect(isoDateTimeToSerial("1900-03-01")).toBe(61);
    expect(isoDateTimeToSerial("2024-01-01T06:00:00")).toBe(45292.25);
    expect(isoDateTimeToSerial("1904-01-02")).toBe(1 + DAYS_1900_TO_1904); // serial 1 in the 1904 system
    expect(isoDateTimeToSerial("12:00:00")).toBe(0.5);
    expect(isoDateTimeToSerial("not a date")).toBeNull();
    expect(isoDateTimeToSerial("2024-02-30")).toBeNull(); // no such day: the cell keeps its text
    // The core works in 1900 serials: an ISO cell names its day, whatever the workbook's system;
    // a number without a date format (A2, no styles part) is not moved.
    const wb = readXlsx(tolerantPackage({}, '<x:workbookPr date1904="1"/>'));
    expect(wb.sheets[0].values[4][1]).toBe(45352.5);
    expect(wb.sheets[0].values[1][0]).toBe(1.5);
  });

  it("applies the sheet filter but still reads tables on filtered sheets", () => {
    const table =
      `<table xmlns="${MAIN}" id="1" name="T1" displayName="tblOther" ref="D3:E5" headerRowCount="0" totalsRowCount="1">` +
      '<tableColumns count="2"><tableColumn id="1" name="Key"/><tableColumn id="2" name="Val"/></tableColumns></table>';
    const wb = readXlsx(
      tolerantPackage({
        "xl/worksheets/_rels/sheet2.xml.rels": RELS(REL("rId1", "table", "../tables/table1.xml")),
        "xl/tables/table1.xml": table,
      }),
      { sheetFilter: (name) => name !== "Other" },
    );
    expect(wb.sheets.map((s) => s.name)).toEqual(["Data & more"]);
    expect(wb.tables).toEqual([
      {
        name: "tblOther",
        sheetName: "Other",
        values: [
          ["Key", "Val"],
          [7, null],
          [null, null],
        ],
        originRow: 1,
        originCol: 3,
      },
    ]);
  });

  it("never reads parts it does not need, even when they are damaged", () => {
    const garbage = new Uint8Array([0, 1, 2, 255, 254, 60, 60, 60]);
    const wb = readXlsx(
      tolerantPackage({
        "xl/charts/chart1.xml": "<<< not xml",
        "xl/chartsheets/sheet1.xml": garbage,
        "xl/vbaProject.bin": garbage,
        "xl/drawings/vmlDrawing1.vml": "<xml><o:shapelayout",
        "xl/pivotTables/pivotTable1.xml": garbage,
        "xl/externalLinks/externalLink1.xml": garbage,
        "customXml/item1.xml": garbage,
      }),
    );
    expect(wb.sheets).toHaveLength(2);
  });

  it("finds our history sheet only when it carries the output marker", () => {
    const withNames = (sheets: string[], marked: number[]) => {
      const defined = marked
        .map(
          (k) =>
            `<definedName name="RpoAlign_Output" localSheetId="${k}" hidden="1">"rpo-align output"</definedName>`,
        )
        .join("");
      return makeZip({
        "[Content_Types].xml": CT_HEAD + "</Types>",
        "_rels/.rels": PKG_RELS,
        "xl/workbook.xml":
          `<workbook xmlns="${MAIN}" xmlns:r="${R}"><sheets>` +
          sheets.map((n, i) => `<sheet name="${n}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join("") +
          `</sheets><definedNames>${defined}</definedNames></workbook>`,
        "xl/_rels/workbook.xml.rels": RELS(
          ...sheets.map((_n, i) => REL(`rId${i + 1}`, "worksheet", `worksheets/sheet${i + 1}.xml`)),
        ),
        ...Object.fromEntries(
          sheets.map((n, i) => [
            `xl/worksheets/sheet${i + 1}.xml`,
            `<worksheet xmlns="${MAIN}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>${n}</t></is></c></row></sheetData></worksheet>`,
          ]),
        ),
      });
    };
    const ours = readXlsx(withNames(["Levers", "Alignment History"], [1]), {
      sheetFilter: (n) => n === "Levers",
    });
    expect(ours.outputSheets).toEqual(["Alignment History"]);
    expect(ours.sheets.map((s) => s.name)).toEqual(["Levers"]);
    expect(ours.history?.values).toEqual([["Alignment History"]]);
    expect(readXlsx(withNames(["Alignment History"], [])).history).toBeNull();
    const alt = readXlsx(withNames(["Alignment History", "Alignment History (rpo-align)"], [1]));
    expect(alt.history?.name).toBe("Alignment History (rpo-align)");
  });
});
