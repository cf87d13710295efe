/**
 * Workbooks in the 1904 date system: the reader hands the core 1900-system serials (date-formatted
 * number cells moved by 1462 days, ISO cells converted), and the writer stores our date cells as
 * 1904 serials so Excel shows the same dates. Fixture: test/fixtures/writers/mac1904.xlsx (the
 * sample engagement re-saved by openpyxl with the 1904 epoch; see make_1904.py).
 */
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { isoToSerial, serialToIso } from "../../src/core/dates";
import { parse } from "../../src/core/model/parse";
import { parseHistory } from "../../src/core/report/history";
import type { SheetSpec } from "../../src/core/report/spec";
import { analyzeWorkbook } from "../../src/hosts/analyze-workbook";
import { createWorkbook, readXlsx, writeOutputs, XlsxHost } from "../../src/hosts/xlsx";
import { DAYS_1900_TO_1904, dateStyles, isDateFormatCode } from "../../src/hosts/xlsx/date-system";
import { Package } from "../../src/hosts/xlsx/opc";
import { readWorkbookInfo } from "../../src/hosts/xlsx/read-workbook";
import { makeZip, unzipText } from "./helpers";

const fixture = new Uint8Array(
  readFileSync(path.join(__dirname, "..", "fixtures", "writers", "mac1904.xlsx")),
);
const day = (iso: string) => isoToSerial(iso)!;

/** The `<v>` text of a cell in the sheet called `sheet`. */
function storedValue(bytes: Uint8Array, sheet: string, ref: string): string | undefined {
  const pkg = new Package(bytes);
  const part = readWorkbookInfo(pkg).sheets.find((s) => s.name === sheet)!.part!;
  const xml = pkg.text(part)!;
  return new RegExp(`<c r="${ref}"[^>]*>(?:<f[^>]*>[^<]*</f>)?<v>([^<]*)</v>`).exec(xml)?.[1];
}

describe("number formats that show a date", () => {
  it.each([
    ["yyyy-mm-dd", true],
    ["d mmm yyyy", true],
    ["mmm-yy", true],
    ["mmmm", true],
    ["mm", true],
    ["dddd", true],
    ["[$-409]mmmm yyyy;@", true],
    ["[$-F800]dddd, mmmm dd, yyyy", true],
    ["m/d/yy h:mm", true],
    ['yyyy"年"m"月"d"日"', true],
    ["h:mm AM/PM", false],
    ["h:mm:ss A/P", false],
    ["[h]:mm", false],
    ["mm:ss", false],
    ["h:mm", false],
    ["[mm]:ss.0", false],
    ["[m]", false],
    ["[h]:mm:ss;@", false],
    ["General", false],
    ["0.00", false],
    ["0.0%", false],
    ["0.00E+00", false],
    ['0 "days"', false],
    ['#,##0 "yards"', false],
    ["0\\d", false],
    ["[Red]0.00;[Blue]-0.00", false],
    ['_(* #,##0_);_(* (#,##0);_(* "-"_);_(@_)', false],
    ["@", false],
  ])("%s → %s", (code, expected) => {
    expect(isDateFormatCode(code)).toBe(expected);
  });

  it("reads built-in and custom formats from cellXfs, custom codes overriding built-in ids", () => {
    const styles =
      '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
      '<numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/><numFmt numFmtId="15" formatCode="0.0"/></numFmts>' +
      '<cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs>' +
      '<cellXfs count="6"><xf numFmtId="0"/><xf numFmtId="14"><alignment horizontal="left"/></xf>' +
      '<xf numFmtId="164"/><xf numFmtId="15"/><xf numFmtId="20"/><xf numFmtId="22"/></cellXfs></styleSheet>';
    expect([...dateStyles(styles)]).toEqual([1, 2, 5]);
    expect(dateStyles(null).size).toBe(0);
  });
});

describe("a 1904 workbook saved by openpyxl", () => {
  const raw = readXlsx(fixture);

  it("reads date cells as 1900-system serials and leaves times, durations and numbers alone", () => {
    const formats = raw.sheets.find((s) => s.name === "Formats")!;
    const values = formats.values.slice(1).map((r) => r[1]);
    expect(values[6]).toBeCloseTo(90 / 86400, 12); // mm:ss
    values[6] = 0;
    expect(values).toEqual([
      day("2024-03-01"), // built-in 14
      day("2024-03-01") + 0.5, // built-in 22
      day("2024-03-01"), // d mmm yyyy
      day("2024-03-01"), // [$-409]mmmm yyyy;@
      0.5, // h:mm AM/PM: a time of day
      1.5, // [h]:mm: 36 hours
      0, // mm:ss (checked above)
      1234.5,
      45, // 0 "days"
      "2024-03-01", // text stays text
    ]);
  });

  it("parses the engagement with the right periods, goal sets and action dates", () => {
    const { model, diagnostics } = parse(raw);
    expect(diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    const periods = model!.observations.periods;
    expect(periods.every((p) => serialToIso(p).endsWith("-01"))).toBe(true);
    expect(serialToIso(periods[periods.length - 1])).toBe("2025-06-01");
    const months = periods.map((p) => {
      const [y, m] = serialToIso(p).split("-").map(Number);
      return y * 12 + m;
    });
    expect(months.every((m, i) => i === 0 || m === months[i - 1] + 1)).toBe(true);
    expect(model!.goalSets.map((g) => serialToIso(g.effectiveFrom))).toEqual(["2021-01-01", "2024-10-01"]);
    for (const a of model!.actions) {
      expect(a.date).toBeGreaterThanOrEqual(periods[0]);
      expect(a.date).toBeLessThanOrEqual(periods[periods.length - 1]);
    }
  });

  it("analyses as of 2025-06-01 and writes 1904 serials into the date cells of its sheets", async () => {
    const host = new XlsxHost(fixture);
    const run = () => analyzeWorkbook(host, { runStamp: "2025-06-02T09:00:00Z", toolVersion: "test" });
    const first = await run();
    expect(serialToIso(first.results!.asOf)).toBe("2025-06-01");
    expect(first.written).toContain("Summary");
    const out = host.bytes();
    expect(readWorkbookInfo(new Package(out)).date1904).toBe(true);
    // Summary!B2 is the as-of date ("yyyy-mm-dd"): stored in the 1904 system ...
    expect(Number(storedValue(out, "Summary", "B2"))).toBe(day("2025-06-01") - DAYS_1900_TO_1904);
    expect(Number(storedValue(out, "Goal Shift", "B3"))).toBe(day("2021-01-01") - DAYS_1900_TO_1904);
    // ... and read back as the same day.
    const reread = readXlsx(out);
    const summary = reread.sheets.find((s) => s.name === "Summary")!;
    expect(summary.values[1 - summary.originRow][1 - summary.originCol]).toBe(day("2025-06-01"));
    // The history sheet round-trips: a second run finds this run's as-of date, not a second row.
    expect(reread.history).not.toBeNull();
    const second = await run();
    expect(serialToIso(second.results!.asOf)).toBe("2025-06-01");
    const history = parseHistory(readXlsx(host.bytes()).history);
    expect(history.rows.map((r) => serialToIso(r.asOf))).toEqual(["2025-06-01"]);
  });
});

describe("writing date cells", () => {
  const spec: SheetSpec = {
    name: "Dates",
    values: [
      [
        day("2025-06-01"),
        { formula: "A1+1", cached: day("2025-06-02") },
        day("2025-06-01"),
        0.25,
        "2025-06-01",
      ],
    ],
    styles: [
      { range: { row: 0, col: 0, rowEnd: 0, colEnd: 4 }, style: { numberFormat: "yyyy-mm-dd" } },
      // a later run wins: C1 is not a date any more; D1 is a time
      { range: { row: 0, col: 2, rowEnd: 0, colEnd: 2 }, style: { numberFormat: "0" } },
      { range: { row: 0, col: 3, rowEnd: 0, colEnd: 3 }, style: { numberFormat: "h:mm" } },
    ],
    columnWidths: [],
    conditionalFormats: [],
    charts: [],
  };
  /** Our spec written into a new workbook of the given date system. */
  const written = (date1904: boolean) => {
    const parts = unzipText(createWorkbook([{ ...spec, name: "Mine", values: [["x"]], styles: [] }]));
    if (date1904)
      parts["xl/workbook.xml"] = parts["xl/workbook.xml"].replace(
        "<workbookPr/>",
        '<workbookPr date1904="1"/>',
      );
    return writeOutputs(makeZip(parts), [spec]).bytes;
  };

  it("stores dates as they are in a 1900 workbook", () => {
    const out = written(false);
    expect(Number(storedValue(out, "Dates", "A1"))).toBe(day("2025-06-01"));
    expect(Number(storedValue(out, "Dates", "B1"))).toBe(day("2025-06-02"));
    expect(
      readXlsx(out)
        .sheets.find((s) => s.name === "Dates")!
        .values[0].slice(0, 4),
    ).toEqual([day("2025-06-01"), day("2025-06-02"), day("2025-06-01"), 0.25]);
  });

  it("stores date-formatted numbers and cached formula results as 1904 serials in a 1904 workbook", () => {
    const out = written(true);
    expect(readWorkbookInfo(new Package(out)).date1904).toBe(true);
    expect(Number(storedValue(out, "Dates", "A1"))).toBe(day("2025-06-01") - DAYS_1900_TO_1904);
    expect(Number(storedValue(out, "Dates", "B1"))).toBe(day("2025-06-02") - DAYS_1900_TO_1904);
    expect(Number(storedValue(out, "Dates", "C1"))).toBe(day("2025-06-01")); // "0": a number
    expect(Number(storedValue(out, "Dates", "D1"))).toBe(0.25); // a time of day
    // read back: the same values as in the 1900 workbook
    expect(readXlsx(out).sheets.find((s) => s.name === "Dates")!.values[0]).toEqual(
      readXlsx(written(false)).sheets.find((s) => s.name === "Dates")!.values[0],
    );
  });
});
