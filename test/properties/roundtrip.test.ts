/**
 * parse → write (createWorkbook) → read (readXlsx) → parse is lossless: any grid of cell values
 * our writer can express comes back cell for cell, and parsing the re-read workbook gives exactly
 * the model and diagnostics of parsing the original.
 */
import fc from "fast-check";
import type { CellValue, RawWorkbook } from "../../src/core/model/raw";
import { parse } from "../../src/core/model/parse";
import type { SheetSpec } from "../../src/core/report/spec";
import { createWorkbook, readXlsx } from "../../src/hosts/xlsx";
import { engagementArb, toRawWorkbook } from "./engagement";

const RUNS = { numRuns: 40 };

const spec = (name: string, values: CellValue[][]): SheetSpec => ({
  name,
  values: values.map((row) => row.map((v) => (typeof v === "object" && v !== null ? null : v))),
  styles: [],
  columnWidths: [],
  conditionalFormats: [],
  charts: [],
});

/** What a cell holds after a trip through a file: blanks are null, -0 is 0. */
function normalise(v: CellValue): CellValue {
  if (v === "" || v === undefined) return null;
  if (typeof v === "number" && Object.is(v, -0)) return 0;
  return v;
}

/** Rows trimmed of trailing blanks, trailing blank rows dropped (a sheet stores no blank cells). */
function shape(values: CellValue[][]): CellValue[][] {
  const rows = values.map((row) => {
    const r = row.map(normalise);
    while (r.length > 0 && r[r.length - 1] === null) r.pop();
    return r;
  });
  while (rows.length > 0 && rows[rows.length - 1].length === 0) rows.pop();
  return rows;
}

function roundTrip(raw: RawWorkbook): RawWorkbook {
  return readXlsx(createWorkbook(raw.sheets.map((s) => spec(s.name, s.values))));
}

/** Any text a user can type or paste: unicode, control characters, `_x0041_`, markup, formulas. */
const textArb = fc.oneof(
  fc.string({ unit: "grapheme", maxLength: 20 }),
  fc.string({ unit: "binary", maxLength: 20 }),
  fc.constantFrom(
    "=SUM(A1)",
    "+1",
    "-1",
    "@x",
    "_x0041_",
    "a\r\nb",
    " padded ",
    "<b>&amp;</b>",
    "'quoted",
    "\t",
  ),
);
const cellArb: fc.Arbitrary<CellValue> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  textArb,
);

test("any grid of values survives createWorkbook → readXlsx cell for cell", () => {
  fc.assert(
    fc.property(fc.array(fc.array(cellArb, { maxLength: 8 }), { minLength: 1, maxLength: 12 }), (grid) => {
      const raw: RawWorkbook = {
        sheets: [{ name: "Data", values: grid, originRow: 0, originCol: 0 }],
        tables: [],
        sheetNames: ["Data"],
        outputSheets: [],
        history: null,
      };
      const back = roundTrip(raw).sheets[0];
      // Reading gives the used range from A1 (our writer starts at A1): compare trimmed shapes.
      const got = shape(back.values.map((row) => row.map((v) => v)));
      const originPad = (rows: CellValue[][]) => [
        ...Array.from({ length: back.originRow }, () => []),
        ...rows.map((r) => [...Array.from({ length: back.originCol }, () => null), ...r]),
      ];
      expect(shape(originPad(got))).toEqual(shape(grid));
    }),
    RUNS,
  );
});

test("parse(read(write(workbook))) equals parse(workbook) for any generated engagement", () => {
  fc.assert(
    fc.property(
      engagementArb,
      fc.array(fc.tuple(fc.nat(), fc.nat(), cellArb), { maxLength: 4 }),
      (e, edits) => {
        const raw = toRawWorkbook(e);
        // A few hostile edits anywhere, so diagnostics are compared too.
        for (const [s, cell, value] of edits) {
          const sheet = raw.sheets[s % raw.sheets.length];
          const row = 1 + (cell % (sheet.values.length - 1));
          const col = cell % sheet.values[0].length;
          sheet.values[row][col] = value;
        }
        const again = roundTrip(raw);
        expect(parse(again)).toEqual(parse(raw));
      },
    ),
    RUNS,
  );
});
