/**
 * The 1904 date system when reading through Office.js. The core works in 1900-system serials; a
 * workbook in the 1904 system (old Mac Excel's default, still a File > Options switch) stores the
 * same day 1,462 lower, so its date cells must be moved up or every period lands four years early.
 *
 * Office.js (up to ExcelApi 1.9, and the typings installed here) has no property for the date
 * system, and reading must not write into any sheet. So the read asks Excel to evaluate
 * `=DATE(1904,1,1)` in a workbook-level defined name that exists only inside one sync: the name is
 * added, its computed `value` loaded (NamedItem.value, ExcelApi 1.1), and deleted again, all in
 * the read's first sync. The answer is 0 in the 1904 system and 1462 in the 1900 system. No sheet
 * and no cell changes; the name is gone when the sync returns. Where the name cannot be added (a
 * read-only view), the first sync is repeated without it and the 1900 system is assumed.
 *
 * Which cells are dates: a number cell is a date only through its number format, so a 1904
 * workbook's reads also load `numberFormat` and move the cells whose format shows a date (the
 * same rule as the file host, ../xlsx/date-system.ts). Time-only formats are not moved.
 */
import type { CellValue } from "../../core/model/raw";
import { DAYS_1900_TO_1904, isDateFormatCode } from "../xlsx/date-system";

/** Prefix of the transient probe name (a random tail keeps co-authors' probes apart). */
export const DATE_PROBE_PREFIX = "RpoAlign_DateProbe_";
export const DATE_PROBE_FORMULA = "=DATE(1904,1,1)";

export interface DateSystemProbe {
  /** After the sync: true = 1904 system, false = 1900 system, null = unknown (no answer). */
  result(): boolean | null;
}

/** Queues the probe into the current batch (it runs and is removed in the next sync). */
export function queueDateSystemProbe(
  context: Excel.RequestContext,
  random: () => number = Math.random,
): DateSystemProbe {
  const tail = Array.from({ length: 8 }, () => Math.floor(random() * 36).toString(36)).join("");
  const item = context.workbook.names.add(`${DATE_PROBE_PREFIX}${tail}`, DATE_PROBE_FORMULA);
  item.visible = false;
  item.load("value");
  item.delete();
  return {
    result() {
      const value: unknown = item.value;
      if (value === 0) return true;
      if (value === DAYS_1900_TO_1904) return false;
      return null;
    },
  };
}

/** Response bytes per cell of a loaded `numberFormat` ("yyyy-mm-dd hh:mm" and quotes, comma). */
export const NUMBER_FORMAT_BYTES_PER_CELL = 24;

/**
 * A 1904 workbook's cells moved into the 1900 system: every number whose number format shows a
 * date gains 1,462 days. `formats` is the range's `numberFormat`, cell for cell.
 */
export function datesTo1900(values: CellValue[][], formats: unknown[][]): CellValue[][] {
  const isDate = new Map<string, boolean>();
  const dateFormat = (code: unknown) => {
    if (typeof code !== "string") return false;
    let known = isDate.get(code);
    if (known === undefined) {
      known = isDateFormatCode(code);
      isDate.set(code, known);
    }
    return known;
  };
  return values.map((row, r) =>
    row.map((v, c) => (typeof v === "number" && dateFormat(formats[r]?.[c]) ? v + DAYS_1900_TO_1904 : v)),
  );
}
