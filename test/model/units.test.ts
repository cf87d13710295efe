/** The small pieces: addresses, suggestions, numeric text, dates, diagnostic formatting, input names. */
import fc from "fast-check";
import { cellAddress, columnLetters, rangeAddress, sheetReference } from "../../src/core/model/address";
import { parseNumericText, readNumber } from "../../src/core/model/input-cells";
import {
  dateFromSerial,
  serialToIso,
  numericDateOrder,
  parseDateText,
  serialFromDate,
} from "../../src/core/dates";
import { formatDiagnostic } from "../../src/core/model/diagnostics";
import { inputKindOfSheet, inputKindOfTable, isInputCandidate } from "../../src/core/model/locate";
import { closest, damerauLevenshtein } from "../../src/core/model/suggest";
import { err } from "./builders";

describe("address", () => {
  test.each([
    [0, "A"],
    [25, "Z"],
    [26, "AA"],
    [51, "AZ"],
    [52, "BA"],
    [701, "ZZ"],
    [702, "AAA"],
    [16383, "XFD"],
  ])("column %i is %s", (col, letters) => expect(columnLetters(col)).toBe(letters));

  test("cells and ranges", () => {
    expect(cellAddress(16, 3)).toBe("D17");
    expect(rangeAddress(1, 1, 39, 1)).toBe("B2:B40");
    expect(rangeAddress(4, 2, 4, 2)).toBe("C5");
    expect(() => columnLetters(-1)).toThrow(RangeError);
    expect(() => cellAddress(1.5, 0)).toThrow(RangeError);
  });

  test("column letters are a bijection (decoding them gives the index back)", () => {
    const decode = (s: string) => [...s].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), (col) => decode(columnLetters(col)) === col),
    );
  });

  test("sheet references are quoted when needed", () => {
    expect(sheetReference("Levers")).toBe("Levers");
    expect(sheetReference("My levers")).toBe("'My levers'");
    expect(sheetReference("Bob's")).toBe("'Bob''s'");
  });
});

describe("suggest", () => {
  test.each([
    ["", "abc", 3],
    ["abc", "", 3],
    ["kitten", "sitting", 3],
    ["Curent", "Current", 1],
    ["abcdef", "abdcef", 1],
    ["ca", "abc", 2], // unrestricted Damerau-Levenshtein (optimal string alignment would give 3)
    ["a🚀b", "ab", 1],
  ])("distance(%s, %s) = %i", (a, b, d) => expect(damerauLevenshtein(a, b)).toBe(d));

  test("distance is a metric on random strings", () => {
    const s = fc.string({ maxLength: 8 });
    fc.assert(
      fc.property(s, s, s, (a, b, c) => {
        const ab = damerauLevenshtein(a, b);
        return (
          ab === damerauLevenshtein(b, a) &&
          (ab === 0) === (a === b) &&
          damerauLevenshtein(a, c) <= ab + damerauLevenshtein(b, c)
        );
      }),
    );
  });

  test("closest name", () => {
    expect(closest("Time-to-fil", ["Cost per hire", "Time to fill"])).toBe("Time to fill");
    expect(closest("CURENT", ["Min", "Curent"])).toBe("Curent");
    expect(closest("Max", ["Min"])).toBeNull();
    expect(closest("Levers", ["Levers (2023)", "Notes"])).toBe("Levers (2023)");
    expect(closest("Period", ["Recruiters", "Time to fill"])).toBeNull();
    expect(closest("", ["a"])).toBeNull();
  });
});

describe("numbers", () => {
  test.each<[string, number | null]>([
    ["12", 12],
    [" 12 ", 12],
    ["\u00a012\u00a0", 12],
    ["12%", 0.12],
    ["12.5 %", 0.125],
    ["0.1%", 0.001],
    ["1,200", 1200],
    ["1,234,567.89", 1234567.89],
    ["$4,100", 4100],
    ["4,100 €", 4100],
    ["-$4,100", -4100],
    ["$-4,100", -4100],
    ["(12)", -12],
    ["($1,200.50)", -1200.5],
    ["\u22123", -3],
    ["+7", 7],
    ["-0", 0],
    [".5", 0.5],
    ["1.", 1],
    ["1e3", 1000],
    ["2.5E-2", 0.025],
    ["１２", 12], // full-width digits
    ["1,2", null],
    ["1,20", null],
    ["12,00,000", null],
    ["n/a ", null],
    ["12 3", null],
    ["--1", null],
    ["(12", null],
    ["-(12)", null],
    ["$12%", null],
    ["$€12", null],
    ["1,200e3", null],
    ["", null],
    ["-", null],
    ["Infinity", null],
    ["0x10", null],
  ])("%j → %p", (text, value) => expect(parseNumericText(text)).toBe(value));

  test("cells where a number is expected", () => {
    expect(readNumber(3.5)).toEqual({ kind: "number", value: 3.5 });
    expect(readNumber(null)).toEqual({ kind: "blank" });
    expect(readNumber("  ")).toEqual({ kind: "blank" });
    expect(readNumber(err("#DIV/0!"))).toEqual({ kind: "error", code: "#DIV/0!" });
    expect(readNumber("#N/A")).toEqual({ kind: "error", code: "#N/A" });
    expect(readNumber(true)).toEqual({ kind: "boolean", value: true });
    expect(readNumber("n/a")).toEqual({ kind: "text", text: "n/a" });
    expect(readNumber(NaN)).toEqual({ kind: "error", code: "#NUM!" });
  });

  test("formatted numbers read back exactly", () => {
    const format = (n: number) => {
      const [int, frac] = Math.abs(n).toFixed(2).split(".");
      const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
      return n < 0 ? `($${grouped}.${frac})` : `$${grouped}.${frac}`;
    };
    fc.assert(
      fc.property(fc.integer({ min: -1e9, max: 1e9 }), (cents) => {
        const n = cents / 100;
        return (
          parseNumericText(format(n)) === Number(Math.abs(n).toFixed(2)) * Math.sign(n) ||
          (n === 0 && parseNumericText(format(n)) === 0)
        );
      }),
    );
  });
});

describe("dates", () => {
  test.each([
    [1900, 1, 1, 1],
    [1900, 2, 28, 59],
    [1900, 2, 29, 60], // Excel's fake leap day
    [1900, 3, 1, 61],
    [1904, 1, 1, 1462],
    [2024, 1, 1, 45292],
    [2024, 2, 29, 45351],
    [2024, 3, 1, 45352],
    [9999, 12, 31, 2958465],
  ])("%i-%i-%i is serial %i", (y, m, d, serial) => {
    expect(serialFromDate(y, m, d)).toBe(serial);
    expect(dateFromSerial(serial)).toEqual({ year: y, month: m, day: d });
  });

  test("impossible dates", () => {
    expect(serialFromDate(2023, 2, 29)).toBeNull();
    expect(serialFromDate(1899, 12, 31)).toBeNull();
    expect(serialFromDate(2024, 13, 1)).toBeNull();
    expect(serialFromDate(2024, 4, 31)).toBeNull();
    expect(serialFromDate(10000, 1, 1)).toBeNull();
  });

  test("serials round-trip through calendar dates", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2958465 }), (serial) => {
        const { year, month, day } = dateFromSerial(serial);
        return serialFromDate(year, month, day) === serial;
      }),
    );
    expect(serialToIso(45352.75)).toBe("2024-03-01");
    expect(serialToIso(60)).toBe("1900-02-29");
  });

  test.each<[string, number | null]>([
    ["2024-03-01", 45352],
    ["2024-3-1", 45352],
    ["2024/03/01", 45352],
    ["2024.03.01", 45352],
    ["2024-03-01T00:00:00", 45352],
    ["2024-03-01 00:00:00", 45352],
    ["2024-03-01T08:30:00Z", 45352],
    ["2024-03", 45352],
    ["2024/03", 45352],
    ["3/1/2024", 45352],
    ["03/01/2024", 45352],
    ["3-1-2024", 45352],
    ["3/1/24", 45352],
    ["01.03.2024", 45352],
    ["1 Mar 2024", 45352],
    ["1st March 2024", 45352],
    ["01-Mar-24", 45352],
    ["1-mar-2024", 45352],
    ["Mar 1, 2024", 45352],
    ["March 1 2024", 45352],
    ["Mar 2024", 45352],
    ["March 2024", 45352],
    ["Sept 2024", 45536],
    ["  mar   2024 ", 45352],
    ["1/1/30", 10959],
    ["2024-02-30", null],
    ["2024-13", null],
    ["13/13/2024", null],
    ["Mar-24", null],
    ["Mar 24", null],
    ["Smarch 2024", null],
    ["2024", null],
    ["45352", null],
    ["2024-03-01x", null],
    ["yesterday", null],
  ])("%j → %p (month first)", (text, serial) => expect(parseDateText(text)).toBe(serial));

  test("day-first reading", () => {
    expect(parseDateText("01/03/2024", "dmy")).toBe(45352);
    expect(parseDateText("2024-03-01", "dmy")).toBe(45352);
    expect(numericDateOrder("13/03/2024")).toBe("dmy");
    expect(numericDateOrder("03/13/2024")).toBe("mdy");
    expect(numericDateOrder("01/03/2024")).toBe("either");
    expect(numericDateOrder("01.03.2024")).toBeNull();
    expect(numericDateOrder("2024-03-01")).toBeNull();
  });
});

describe("formatDiagnostic", () => {
  test("with a cell, a sheet only, or neither", () => {
    const base = { severity: "error" as const, code: "text-in-number", message: "The cell holds 'n/a '." };
    expect(formatDiagnostic({ ...base, sheet: "Observations", cell: "D17" })).toBe(
      "Error Observations!D17: The cell holds 'n/a '.",
    );
    expect(formatDiagnostic({ ...base, severity: "warning", sheet: "My data", cell: "B2:B40" })).toBe(
      "Warning 'My data'!B2:B40: The cell holds 'n/a '.",
    );
    expect(formatDiagnostic({ ...base, severity: "info", sheet: "Levers", cell: null })).toBe(
      "Info Levers: The cell holds 'n/a '.",
    );
    expect(formatDiagnostic({ ...base, sheet: null, cell: null })).toBe("Error: The cell holds 'n/a '.");
  });
});

describe("input names", () => {
  test("sheets", () => {
    expect(isInputCandidate("Levers")).toBe(true);
    expect(isInputCandidate("  OBSERVATIONS ")).toBe(true);
    expect(isInputCandidate("actions")).toBe(true);
    expect(isInputCandidate("Lever")).toBe(false);
    expect(isInputCandidate("tblLevers")).toBe(false);
    expect(isInputCandidate("Alignment")).toBe(false);
    expect(inputKindOfSheet(" goals")).toBe("Goals");
  });

  test.each([
    ["Levers", "Levers"],
    ["tblLevers", "Levers"],
    ["LeversTable", "Levers"],
    ["tbl_Levers", "Levers"],
    ["Levers_Table", "Levers"],
    ["TBLOBSERVATIONS", "Observations"],
    ["tblGoalsTable", "Goals"],
    ["Table1", null],
    ["tblLever", null],
    ["MyLevers", null],
  ])("table %s → %s", (name, kind) => expect(inputKindOfTable(name)).toBe(kind));
});
