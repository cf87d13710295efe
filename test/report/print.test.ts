/**
 * Print-ready output: each sheet's page setup in the spec (one page wide, never below 70%), and
 * what the xlsx host writes from it (pageSetup, print titles and areas as sheet-scoped defined
 * names, the workbook opening on the Summary), read back from the written XML.
 */
import { buildReport } from "../../src/core/report/build";
import { printScale } from "../../src/core/report/grid";
import { localRunStamp, readableDate, runStampParts } from "../../src/core/report/format";
import { MIN_PRINT_SCALE } from "../../src/core/report/spec";
import { CHANGED, CONFLICT, AMBER, RED, contrastRatio } from "../../src/core/report/palette";
import { createWorkbook, writeOutputs } from "../../src/hosts/xlsx";
import { makeOptions, makeResults } from "./fixtures";
import { makeZip, sampleSpec, unzipText } from "../xlsx/helpers";

const specs = () => buildReport(makeResults(), makeOptions());

function written(): Record<string, string> {
  const user = createWorkbook([sampleSpec("Levers"), sampleSpec("Notes")]);
  const parts = unzipText(user);
  // The user's own sheet was selected: after the run only the Summary is.
  parts["xl/worksheets/sheet1.xml"] = parts["xl/worksheets/sheet1.xml"].replace(
    "<sheetView ",
    '<sheetView tabSelected="1" ',
  );
  return unzipText(writeOutputs(makeZip(parts), specs()).bytes);
}

describe("print setup in the spec", () => {
  it("fits every output sheet one page wide at 70% or more, with titles, area and header/footer", () => {
    for (const spec of specs()) {
      const print = spec.print!;
      expect(print).toBeDefined();
      expect(print.fitToWidth).toBe(1);
      expect(printScale(spec)).toBeGreaterThanOrEqual(MIN_PRINT_SCALE);
      expect(print.area.rowEnd).toBeGreaterThanOrEqual(spec.values.length - 1);
      for (const chart of spec.charts) {
        expect(print.area.rowEnd).toBeGreaterThanOrEqual(chart.anchor.row + chart.anchor.heightRows - 1);
        expect(print.area.colEnd).toBeGreaterThanOrEqual(chart.anchor.col + chart.anchor.widthCols - 1);
        // Charts never cover text: no value in the rows and columns the chart sits on.
        for (let r = chart.anchor.row; r < chart.anchor.row + chart.anchor.heightRows; r++)
          for (let c = chart.anchor.col; c < chart.anchor.col + chart.anchor.widthCols; c++)
            expect([null, undefined, ""]).toContain(spec.values[r]?.[c]);
      }
      expect(print.footer.center).toBe("Page &P of &N");
      expect(print.header.right).toBe(`As of ${readableDate(makeResults().asOf)}`);
    }
    const summary = specs()[0];
    expect(summary.name).toBe("Summary");
    expect(summary.active).toBe(true);
    expect(summary.print!.fitToHeight).toBe(1);
    expect(specs().filter((s) => s.active)).toHaveLength(1);
  });

  it("shows the run time in local time with its zone, never as ISO text", () => {
    expect(runStampParts("2026-11-29T07:51:15.651+01:00")).toMatchObject({
      zone: "UTC+01:00",
      text: "29 Nov 2026 07:51 UTC+01:00",
    });
    expect(runStampParts("2026-11-29T06:51:15Z")!.zone).toBe("UTC");
    expect(runStampParts("2026-11-29T06:51:15-05:30")!.zone).toBe("UTC\u221205:30");
    // 2026-11-29T06:51:15Z seen from UTC+1 and UTC−5.
    const t = Date.UTC(2026, 10, 29, 6, 51, 15);
    expect(localRunStamp(t, 60)).toBe("2026-11-29T07:51:15+01:00");
    expect(localRunStamp(t, -300)).toBe("2026-11-29T01:51:15-05:00");
    const options = makeOptions({ runStamp: "2026-11-29T07:51:15.651+01:00" });
    for (const spec of buildReport(makeResults(), options)) {
      for (const row of spec.values)
        for (const v of row) {
          if (typeof v !== "string") continue;
          expect(v).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/);
          expect(v).not.toMatch(/\bNaN\b|undefined|Infinity/);
        }
    }
  });

  it("keeps Conflict and Changed apart from Red and Amber, each readable (WCAG AA)", () => {
    const fills = [RED.fill, AMBER.fill, CONFLICT.fill, CHANGED.fill];
    expect(new Set(fills).size).toBe(4);
    for (const s of [CONFLICT, CHANGED]) expect(contrastRatio(s.font, s.fill)).toBeGreaterThanOrEqual(4.5);
  });
});

describe("print setup in the written xlsx", () => {
  it("writes pageSetup, print titles and areas, and opens on the Summary", () => {
    const parts = written();
    const wb = parts["xl/workbook.xml"];
    const sheets = [...wb.matchAll(/<sheet name="([^"]+)"[^>]*r:id="([^"]+)"/g)].map((m) => m[1]);
    const summaryIndex = sheets.indexOf("Summary");
    expect(summaryIndex).toBe(2);
    expect(wb).toMatch(new RegExp(`<workbookView activeTab="${summaryIndex}"`));
    expect(wb).not.toContain("fullCalcOnLoad");
    for (const spec of specs()) {
      const k = sheets.indexOf(spec.name);
      expect(wb).toContain(`<definedName name="_xlnm.Print_Area" localSheetId="${k}">'${spec.name}'!$A$1:$`);
      if (spec.print!.titleRows) {
        const t = spec.print!.titleRows;
        expect(wb).toContain(
          `<definedName name="_xlnm.Print_Titles" localSheetId="${k}">'${spec.name}'!$${t.first + 1}:$${t.last + 1}</definedName>`,
        );
      }
    }
    const sheetXml = Object.entries(parts)
      .filter(([n]) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n))
      .map(([, x]) => x);
    const selected = sheetXml.filter((x) => /tabSelected="1"/.test(x));
    expect(selected).toHaveLength(1);
    expect(selected[0]).toContain("Alignment summary");
    const summary = selected[0];
    expect(summary).toContain('<pageSetUpPr fitToPage="1"/>');
    expect(summary).toMatch(
      /<pageSetup orientation="(landscape|portrait)" fitToWidth="1" fitToHeight="1"\/>/,
    );
    expect(summary).toContain("<oddFooter>");
    expect(summary).toContain("Page &amp;P of &amp;N");
    // Header rows wrap and carry their height.
    expect(summary).toMatch(/<row r="\d+" ht="\d+(\.\d+)?" customHeight="1">/);
    // Run again on the result: the print names are replaced, not doubled.
    const again = unzipText(writeOutputs(makeZip(parts), specs()).bytes)["xl/workbook.xml"];
    expect(again.match(/_xlnm\.Print_Area/g)!.length).toBe(specs().length);
  });

  it("gives each status its own style (fill and symbol)", () => {
    const texts = specs()
      .flatMap((s) => s.values.flat())
      .filter((v): v is string => typeof v === "string");
    expect(texts.some((t) => t.startsWith("\u26A0 Conflict"))).toBe(true);
    expect(texts.some((t) => /^\u21C4 /.test(t))).toBe(true);
    const styles = unzipText(createWorkbook(specs()))["xl/styles.xml"];
    for (const s of [RED, AMBER, CONFLICT, CHANGED]) expect(styles).toContain(`FF${s.fill}`);
  });
});
