/**
 * Formulas the report or the sample writes are stored the way Excel stores them: add-in custom
 * functions as `_xldudf_RPO_NAME(`, array results as array formulas over their whole area.
 */
import { unzipSync, strFromU8 } from "fflate";
import { createWorkbook } from "../../src/hosts/xlsx";
import { formulaInFile } from "../../src/hosts/xlsx/write-sheet";
import { buildSampleWorkbook } from "../../src/core/sample/template";
import type { SheetSpec } from "../../src/core/report/spec";

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
