/**
 * Formulas the report or the sample writes are stored the way Excel stores them: add-in custom
 * functions as `_xldudf_RPO_NAME(`, array results as array formulas over their whole area.
 */
import { unzipSync, strFromU8 } from "fflate";
import { createWorkbook } from "../../src/hosts/xlsx";
import { formulaInFile } from "../../src/hosts/xlsx/write-sheet";
import { buildSampleWorkbook } from "../../src/core/sample/template";
import type { FormulaValue, SheetSpec } from "../../src/core/report/spec";
import { areaRows, cellsOf } from "./sheet-cells";

test("custom function calls get Excel's file prefix; built-ins and text are left alone", () => {
  expect(formulaInFile("RPO.SENSITIVITY(A1:A9, B1:C9)")).toBe("_xldudf_RPO_SENSITIVITY(A1:A9, B1:C9)");
  expect(formulaInFile("TRANSPOSE(RPO.SENSITIVITY(A1:A9,B1:C9))*RPO.RAG(D1)")).toBe(
    "TRANSPOSE(_xldudf_RPO_SENSITIVITY(A1:A9,B1:C9))*_xldudf_RPO_RAG(D1)",
  );
  expect(formulaInFile('LINEST(A1:A9, B1:C9, TRUE, TRUE)&"RPO.REGRESS("')).toContain("LINEST(");
  expect(formulaInFile("XRPO.SUM(A1)")).toBe("XRPO.SUM(A1)");
});

test("an array formula covers its whole result area", () => {
  const spec: SheetSpec = {
    name: "F",
    values: [[null, { formula: "RPO.REGRESS(A1:A9, B1:C9, TRUE, TRUE)", spill: { rows: 5, cols: 3 } }]],
    styles: [],
    columnWidths: [],
    conditionalFormats: [],
    charts: [],
  };
  const sheet = strFromU8(unzipSync(createWorkbook([spec]))["xl/worksheets/sheet1.xml"]);
  expect(sheet).toContain('<f t="array" ref="B1:D5">_xldudf_RPO_REGRESS(A1:A9, B1:C9, TRUE, TRUE)</f>');
});

test("the sample's Formulas sheet uses every RPO function, each stored for Excel", () => {
  const files = unzipSync(createWorkbook(buildSampleWorkbook()));
  const formulas = Object.entries(files)
    .filter(([name]) => name.startsWith("xl/worksheets/"))
    .map(([, bytes]) => strFromU8(bytes))
    .join("\n");
  for (const id of [
    "REGRESS",
    "ELASTICITY",
    "SENSITIVITY",
    "CHAIN",
    "LEVERAGE",
    "WHATIF",
    "RAG",
    "BESTLAG",
  ]) {
    expect(formulas).toContain(`_xldudf_RPO_${id}(`);
  }
  expect(formulas).not.toMatch(/[^_]RPO\.[A-Z]+\(/);
  expect(formulas).toMatch(/<f t="array" ref="[A-Z]+\d+:[A-Z]+\d+">LINEST\(/);
});

describe("cached values of formula cells", () => {
  const arraySpec = (overrides: Partial<FormulaValue> = {}): SheetSpec => ({
    name: "F",
    values: [
      [
        null,
        {
          formula: 'RPO.SENSITIVITY(A1:A9, B1:C9, 0, "all")',
          spill: { rows: 2, cols: 3 },
          cachedArray: [
            ["Elasticity", 0.25, { error: "#N/A" }],
            ["Model", "", true],
          ],
          ...overrides,
        },
      ],
    ],
    styles: [{ range: { row: 0, col: 1, rowEnd: 1, colEnd: 3 }, style: { numberFormat: "0.000" } }],
    columnWidths: [],
    conditionalFormats: [],
    charts: [],
  });

  test("an array formula stores every cell of its area, each typed as Excel types it", () => {
    const sheet = strFromU8(unzipSync(createWorkbook([arraySpec()]))["xl/worksheets/sheet1.xml"]);
    const cells = cellsOf(sheet);
    expect(cells.get("B1")).toEqual({
      ref: "B1",
      t: "str",
      f: { text: '_xldudf_RPO_SENSITIVITY(A1:A9, B1:C9, 0, "all")', array: "B1:D2" },
      v: "Elasticity",
    });
    expect(cells.get("C1")).toMatchObject({ t: null, f: null, v: "0.25" });
    expect(cells.get("D1")).toMatchObject({ t: "e", f: null, v: "#N/A" });
    expect(cells.get("B2")).toMatchObject({ t: "str", f: null, v: "Model" });
    expect(cells.get("C2")).toMatchObject({ t: "str", f: null, v: "" }); // an empty text result
    expect(cells.get("D2")).toMatchObject({ t: "b", f: null, v: "1" });
    // Each keeps its cell's style, and nothing is written outside the area.
    expect(sheet).toMatch(/<c r="C2" s="\d+" t="str"><v><\/v><\/c>/);
    expect([...cells.keys()].sort()).toEqual(["B1", "B2", "C1", "C2", "D1", "D2"]);
    expect(sheet).toContain('<dimension ref="A1:D2"/>');
  });

  test("single-cell formulas store number, text, logical and error results", () => {
    const spec: SheetSpec = {
      name: "S",
      values: [
        [
          { formula: "A2*2", cached: 0.5 },
          { formula: "RPO.RAG(A2)", cached: "Green" },
          { formula: "A2>0", cached: false },
          { formula: "NA()", cached: { error: "#N/A" } },
          { formula: "1/0", cached: Number.POSITIVE_INFINITY },
        ],
      ],
      styles: [],
      columnWidths: [],
      conditionalFormats: [],
      charts: [],
    };
    const cells = cellsOf(strFromU8(unzipSync(createWorkbook([spec]))["xl/worksheets/sheet1.xml"]));
    expect(cells.get("A1")).toMatchObject({ t: null, v: "0.5" });
    expect(cells.get("B1")).toMatchObject({
      t: "str",
      v: "Green",
      f: { text: "_xldudf_RPO_RAG(A2)", array: null },
    });
    expect(cells.get("C1")).toMatchObject({ t: "b", v: "0" });
    expect(cells.get("D1")).toMatchObject({ t: "e", v: "#N/A" });
    expect(cells.get("E1")).toMatchObject({ t: "e", v: "#NUM!" });
  });

  test("values that do not fit the area, or a cell of the area holding its own value, are refused", () => {
    expect(() => createWorkbook([arraySpec({ spill: { rows: 2, cols: 2 } })])).toThrow(
      /covers 2 x 2 cells but carries values for 2 x 3/,
    );
    const overlapping = arraySpec();
    overlapping.values.push([null, null, "mine"]);
    expect(() => createWorkbook([overlapping])).toThrow(/C2 lies inside the array formula at B1/);
  });
});

describe("the sample workbook's formulas", () => {
  const parts = unzipSync(createWorkbook(buildSampleWorkbook()));
  const text = (name: string) => strFromU8(parts[name]);
  const workbook = text("xl/workbook.xml");
  const sheetNames = [...workbook.matchAll(/<sheet name="([^"]+)"/g)].map((m) => m[1]);
  const formulasXml = text(`xl/worksheets/sheet${sheetNames.indexOf("Formulas") + 1}.xml`);
  const cells = cellsOf(formulasXml);
  const formulaCells = [...cells.values()].filter((c) => c.f !== null);

  test("the package does not force a recalculation on load, and keeps Excel's calculation id", () => {
    expect(workbook).toMatch(/<calcPr calcId="191029"\/>/);
    expect(workbook).not.toContain("fullCalcOnLoad");
    expect(Object.keys(parts).some((p) => /calcChain/i.test(p))).toBe(false);
  });

  test("every formula cell carries a cached value, and no cell shows #NAME?", () => {
    expect(formulaCells.length).toBeGreaterThan(80);
    for (const c of formulaCells)
      expect({ ref: c.ref, v: c.v }).toEqual({ ref: c.ref, v: expect.any(String) });
    for (const c of cells.values()) expect(c.v).not.toBe("#NAME?");
    expect(formulasXml).not.toMatch(/NaN|Infinity|undefined/);
  });

  test("every cell of every array area holds its value, and only formula areas have such cells", () => {
    const covered = new Set<string>();
    const arrays = formulaCells.filter((c) => c.f?.array);
    expect(arrays.length).toBeGreaterThan(20);
    for (const anchor of arrays) {
      for (const ref of areaRows(anchor.f!.array!).flat()) {
        expect(covered.has(ref)).toBe(false); // areas never overlap
        covered.add(ref);
        const cell = cells.get(ref);
        expect({ ref, v: cell?.v }).toEqual({ ref, v: expect.any(String) });
        if (ref !== anchor.ref) expect(cell?.f).toBeNull();
      }
    }
    // A cached text, logical or error without a formula is the value of an array area's cell: never
    // elsewhere (the sheet's own text is inline text, its numbers plain values).
    const stray = [...cells.values()].filter(
      (c) => c.f === null && (c.t === "str" || c.t === "e" || c.t === "b") && !covered.has(c.ref),
    );
    expect(stray).toEqual([]);
  });
});
