import { createWorkbook, readXlsx, writeOutputs } from "../../src/hosts/xlsx";
import { checkWellFormed } from "../../src/hosts/xlsx/xml";
import type { OutValue, SheetSpec } from "../../src/core/report/spec";
import { sampleSpec, unzipText } from "./helpers";

const long = "x".repeat(254) + "é";
const tricky: OutValue[][] = [
  ["=1+1", "+44 20 7946 0000", "-5 (text)", "@mention", '=HYPERLINK("http://evil")'],
  ["Emoji 😀👩🏽‍💼", "עברית RTL", "العربية", "日本語テキスト", "Ünïcödé"],
  [long, "<script>alert(1)</script>", "a & b < c > d \"q\" 'a'", "tab\there", "line1\nline2"],
  ["ctrl\u0001\u0002\u001F end", "_x0041_ literal", "  padded  ", "\r\ncrlf", "\uFFFF"],
  [0, -0, 1e-300, 123456789.123456, -1.5e21],
  [true, false, null, "", Number.MAX_SAFE_INTEGER],
];

function plain(name: string, values: OutValue[][]): SheetSpec {
  return { name, values, styles: [], columnWidths: [], conditionalFormats: [], charts: [] };
}

describe("createWorkbook -> readXlsx round trip", () => {
  const bytes = createWorkbook([plain("Data", tricky), sampleSpec("Report")]);
  const parts = unzipText(bytes);

  it("gives back every value: numbers, text (also text starting with = + - @), booleans, unicode, controls", () => {
    const wb = readXlsx(bytes);
    expect(wb.sheetNames).toEqual(["Data", "Report"]);
    const data = wb.sheets[0];
    expect(data.originRow).toBe(0);
    expect(data.originCol).toBe(0);
    const expected = tricky.map((row) =>
      row.map((v) => {
        if (v === "") return null;
        if (v === "\r\ncrlf") return "\r\ncrlf";
        if (v === "\uFFFF") return "\uFFFF";
        return typeof v === "number" && Object.is(v, -0) ? 0 : v;
      }),
    );
    expect(data.values).toEqual(expected);
    expect((data.values[2][0] as string).length).toBe(255);
  });

  it("never writes text as a formula", () => {
    const sheet = parts["xl/worksheets/sheet1.xml"];
    expect(sheet).not.toMatch(/<f>/);
    expect(sheet).toContain('<c r="A1" t="inlineStr"><is><t>=1+1</t></is></c>');
    expect(sheet).toContain("&lt;script&gt;");
    expect(sheet).toContain("ctrl_x0001__x0002__x001F_ end");
    // Formulas come only from FormulaValue, with their cached value.
    const report = parts["xl/worksheets/sheet2.xml"];
    expect(report).toMatch(/<c r="B5" s="\d+"><f>SUM\(B2:B4\)<\/f><v>1<\/v><\/c>/);
    expect(report).toContain('<c r="D2" t="inlineStr"><is><t>=SUM(A1:A2)</t></is></c>');
  });

  it("writes well-formed XML in every part", () => {
    for (const [name, xml] of Object.entries(parts)) {
      expect(() => checkWellFormed(xml)).not.toThrow();
      expect(name).not.toMatch(/\.\./);
    }
  });

  it("writes styles, number formats, widths, freeze panes, tab colour and the colour scale", () => {
    const styles = parts["xl/styles.xml"];
    expect(styles).toMatch(/<numFmt numFmtId="16\d" formatCode="0.00;\[Red\]-0.00"\/>/);
    expect(styles).toContain('<fgColor rgb="FF1F4E78"/>');
    expect(styles).toMatch(/<font><b\/><sz val="11"\/><color rgb="FFFFFFFF"\/>/);
    expect(styles).toContain('<bottom style="thin">');
    expect(styles).toContain('<alignment horizontal="right"/>');
    const count = (tag: string) => Number(new RegExp(`<${tag} count="(\\d+)"`).exec(styles)![1]);
    const children = (tag: string, child: string) =>
      (
        new RegExp(`<${tag}[^>]*>([\\s\\S]*?)</${tag}>`)
          .exec(styles)![1]
          .match(new RegExp(`<${child}[ >/]`, "g")) ?? []
      ).length;
    expect(count("cellXfs")).toBe(children("cellXfs", "xf"));
    expect(count("fonts")).toBe(children("fonts", "font"));
    expect(count("fills")).toBe(children("fills", "fill"));
    expect(count("numFmts")).toBe(children("numFmts", "numFmt"));

    const report = parts["xl/worksheets/sheet2.xml"];
    expect(report).toContain('<tabColor rgb="FF2F75B5"/>');
    expect(report).toContain(
      '<pane xSplit="1" ySplit="1" topLeftCell="B2" activePane="bottomRight" state="frozen"/>',
    );
    expect(report).toContain('<col min="1" max="1" width="28" customWidth="1"/>');
    expect(report).toContain(
      '<conditionalFormatting sqref="B2:B4"><cfRule type="colorScale" priority="1"><colorScale><cfvo type="min"/>' +
        '<cfvo type="num" val="0"/><cfvo type="max"/><color rgb="FFF8696B"/><color rgb="FFFFFFFF"/><color rgb="FF63BE7B"/>',
    );
    expect(report).not.toContain("tabSelected");
    // A1 (header: bold + fill + border) and E5 is outside; A5 gets total style (bold + all borders).
    const xfOf = (ref: string) => Number(new RegExp(`<c r="${ref}" s="(\\d+)"`).exec(report)![1]);
    expect(xfOf("A1")).not.toBe(xfOf("A5"));
    expect(xfOf("B2")).toBe(xfOf("B3"));
  });

  it("writes the bar chart: drawing, chart part with barDir=bar, sheet references and cached values", () => {
    const chart = parts["xl/charts/chart1.xml"];
    expect(chart).toContain('<c:barDir val="bar"/>');
    expect(chart).toContain('<c:grouping val="clustered"/>');
    expect(chart).toContain("<c:f>'Report'!$A$2:$A$4</c:f>");
    expect(chart).toContain("<c:f>'Report'!$B$2:$B$4</c:f>");
    expect(chart).toContain('<c:pt idx="1"><c:v>Agency spend</c:v></c:pt>');
    expect(chart).toContain('<c:pt idx="1"><c:v>-0.75</c:v></c:pt>');
    expect(parts["xl/drawings/drawing1.xml"]).toContain('r:id="rId1"');
    expect(parts["xl/drawings/_rels/drawing1.xml.rels"]).toContain('Target="../charts/chart1.xml"');
    expect(parts["xl/worksheets/_rels/sheet2.xml.rels"]).toContain('Target="../drawings/drawing1.xml"');
    expect(parts["xl/worksheets/sheet2.xml"]).toMatch(/<drawing r:id="rId1"\/><\/worksheet>$/);
    expect(parts["[Content_Types].xml"]).toContain(
      '<Override PartName="/xl/charts/chart1.xml" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"/>',
    );
  });

  it("does not mark the sheets as rpo-align output unless asked", () => {
    expect(readXlsx(bytes).outputSheets).toEqual([]);
    const marked = createWorkbook([plain("A", [[1]]), plain("B", [[2]])], { markAsOutput: true });
    expect(readXlsx(marked).outputSheets).toEqual(["A", "B"]);
    expect(unzipText(marked)["xl/workbook.xml"]).toContain(
      '<definedName name="RpoAlign_Output" localSheetId="1" hidden="1">"rpo-align output"</definedName>',
    );
  });

  it("writes the same bytes for the same input (deterministic)", () => {
    expect(createWorkbook([sampleSpec("Report")])).toEqual(createWorkbook([sampleSpec("Report")]));
  });

  it("reuses identical style entries when writing again, so styles.xml does not grow", () => {
    const once = writeOutputs(bytes, [sampleSpec("Out")]).bytes;
    const twice = writeOutputs(once, [sampleSpec("Out")]).bytes;
    expect(unzipText(twice)["xl/styles.xml"]).toBe(unzipText(once)["xl/styles.xml"]);
    expect(unzipText(once)["xl/styles.xml"]).toBe(parts["xl/styles.xml"]);
  });

  it("rejects invalid sheet names and empty workbooks with clear messages", () => {
    expect(() => createWorkbook([])).toThrow("at least one sheet");
    expect(() => createWorkbook([plain("a/b", [])])).toThrow('Cannot write a sheet named "a/b"');
    expect(() => createWorkbook([plain("x".repeat(32), [])])).toThrow("longer than 31");
    expect(() => createWorkbook([plain("Same", []), plain("same", [])])).toThrow("both named");
  });
});
