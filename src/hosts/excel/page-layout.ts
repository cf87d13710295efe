/**
 * Print setup of one output sheet through Office.js (ExcelApi 1.9 `worksheet.pageLayout`):
 * orientation, fit to one page wide, margins, print titles, print area, header and footer; plus
 * the heights of rows whose text wraps (Excel does not grow them by itself). The same settings
 * the xlsx host writes into the file (src/hosts/xlsx/write-sheet.ts), from the spec's `print`.
 *
 * Queues commands only (no sync): the caller's batch sends them.
 */
import type { PrintSetup, SheetSpec } from "../../core/report/spec";
import { cellAddress } from "../../core/model/address";

/** Points per inch (Office.js margins are in points). */
const POINTS_PER_INCH = 72;

/** "A1:H40" of a zero-based inclusive rectangle. */
function areaAddress(area: PrintSetup["area"]): string {
  return `${cellAddress(area.row, area.col)}:${cellAddress(area.rowEnd, area.colEnd)}`;
}

/** Queues the page setup and wrapped-row heights of `spec` on `sheet`. */
export function applyPageLayout(sheet: Excel.Worksheet, spec: SheetSpec): void {
  (spec.rowHeights ?? []).forEach((height, row) => {
    if (typeof height === "number" && Number.isFinite(height) && height > 0) {
      sheet.getRangeByIndexes(row, 0, 1, 1).format.rowHeight = Math.min(409, height); // sets the whole row
    }
  });
  const print = spec.print;
  if (!print) return;
  const layout = sheet.pageLayout;
  layout.orientation = print.orientation === "landscape" ? "Landscape" : "Portrait";
  layout.zoom =
    print.fitToHeight > 0
      ? { horizontalFitToPages: print.fitToWidth, verticalFitToPages: print.fitToHeight }
      : { horizontalFitToPages: print.fitToWidth };
  const m = print.margins;
  layout.leftMargin = m.left * POINTS_PER_INCH;
  layout.rightMargin = m.right * POINTS_PER_INCH;
  layout.topMargin = m.top * POINTS_PER_INCH;
  layout.bottomMargin = m.bottom * POINTS_PER_INCH;
  layout.headerMargin = m.header * POINTS_PER_INCH;
  layout.footerMargin = m.footer * POINTS_PER_INCH;
  if (print.titleRows) layout.setPrintTitleRows(`$${print.titleRows.first + 1}:$${print.titleRows.last + 1}`);
  layout.setPrintArea(areaAddress(print.area));
  const hf = layout.headersFooters.defaultForAllPages;
  hf.leftHeader = print.header.left;
  hf.centerHeader = print.header.center;
  hf.rightHeader = print.header.right;
  hf.leftFooter = print.footer.left;
  hf.centerFooter = print.footer.center;
  hf.rightFooter = print.footer.right;
}
