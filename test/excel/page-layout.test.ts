import { buildReport } from "../../src/core/report/build";
import { ExcelHost } from "../../src/hosts/excel";
import { makeOptions, makeResults } from "../report/fixtures";
import { contextFor, ordinaryWorkbook } from "./workbooks";

describe("Excel host print setup (worksheet.pageLayout)", () => {
  it("gives every output sheet its page setup, print titles, area and header/footer, and opens on the Summary", async () => {
    const wb = ordinaryWorkbook();
    const { context } = contextFor(wb);
    const specs = buildReport(makeResults(), makeOptions());
    const out = await new ExcelHost(context.run).write(specs);
    for (const [i, name] of out.written.entries()) {
      const spec = specs[i];
      const layout = wb.find(name)!.pageLayout;
      const print = spec.print!;
      expect(layout.orientation).toBe(print.orientation === "landscape" ? "Landscape" : "Portrait");
      expect(layout.zoom).toEqual(
        print.fitToHeight > 0
          ? { horizontalFitToPages: 1, verticalFitToPages: print.fitToHeight }
          : { horizontalFitToPages: 1 },
      );
      expect(layout.leftMargin).toBeCloseTo(print.margins.left * 72);
      expect(layout.setPrintArea).toMatch(/^A1:[A-Z]+\d+$/);
      if (print.titleRows)
        expect(layout.setPrintTitleRows).toBe(`$${print.titleRows.first + 1}:$${print.titleRows.last + 1}`);
      expect(layout["headersFooters.defaultForAllPages.centerFooter"]).toBe("Page &P of &N");
      expect(layout["headersFooters.defaultForAllPages.rightHeader"]).toMatch(
        /^As of \d{1,2} [A-Z][a-z]{2} \d{4}$/,
      );
    }
    expect(wb.activeSheetId).toBe(wb.find("Summary")!.id);
    // Wrapped header rows get their height (Excel does not grow rows by itself).
    const heights = wb.find("Alignment")!.formats.filter((f) => f.prop === "rowHeight");
    expect(heights.length).toBeGreaterThan(0);
  });
});
