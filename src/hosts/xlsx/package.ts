/** createWorkbook: a brand-new, minimal .xlsx package holding the given sheets. */
import type { SheetSpec } from "../../core/report/spec";
import { CONTENT_TYPES, MAIN_NS, REL_NS, REL_TYPE } from "./opc";
import { writeOutputsInto } from "./write";
import { MINIMAL_STYLES } from "./write-styles";
import { writeZip } from "./zip";

const HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const PKG_RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships";

/**
 * Whether some formula cell of `specs` carries no cached value: a single-cell formula without
 * `cached`, an array formula without `cachedArray`. A viewer that does not recalculate would show
 * nothing there.
 */
export function hasUncachedFormula(specs: SheetSpec[]): boolean {
  return specs.some((spec) =>
    spec.values.some((row) =>
      row.some(
        (v) =>
          typeof v === "object" &&
          v !== null &&
          (v.spill !== undefined ? v.cachedArray === undefined : v.cached === undefined),
      ),
    ),
  );
}

/**
 * An empty package. Every formula we write carries its cached value, so the package does not ask
 * Excel to recalculate on load: viewers show those values, and Excel recalculates as usual when
 * an input changes (it builds its calculation chain itself; the package has none). `fullCalcOnLoad`
 * is a safety net only for a formula that would otherwise show nothing (hasUncachedFormula); none
 * of the sheets we create has one (test/xlsx/formulas-in-file.test.ts).
 */
function emptyPackage(fullCalcOnLoad: boolean): Uint8Array {
  const enc = new TextEncoder();
  const parts: [string, string][] = [
    [
      "[Content_Types].xml",
      `${HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
        '<Default Extension="xml" ContentType="application/xml"/>' +
        `<Override PartName="/xl/workbook.xml" ContentType="${CONTENT_TYPES.workbook}"/>` +
        `<Override PartName="/xl/styles.xml" ContentType="${CONTENT_TYPES.styles}"/>` +
        `<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>` +
        "</Types>",
    ],
    [
      "_rels/.rels",
      `${HEAD}<Relationships xmlns="${PKG_RELS_NS}">` +
        `<Relationship Id="rId1" Type="${REL_TYPE("officeDocument")}" Target="xl/workbook.xml"/>` +
        `<Relationship Id="rId2" Type="${REL_TYPE("extended-properties")}" Target="docProps/app.xml"/>` +
        "</Relationships>",
    ],
    [
      "docProps/app.xml",
      `${HEAD}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">` +
        "<Application>rpo-align</Application></Properties>",
    ],
    [
      "xl/workbook.xml",
      `${HEAD}<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><workbookPr/>` +
        `<bookViews><workbookView activeTab="0"/></bookViews><sheets/><calcPr calcId="191029"${fullCalcOnLoad ? ' fullCalcOnLoad="1"' : ""}/></workbook>`,
    ],
    [
      "xl/_rels/workbook.xml.rels",
      `${HEAD}<Relationships xmlns="${PKG_RELS_NS}">` +
        `<Relationship Id="rId1" Type="${REL_TYPE("styles")}" Target="styles.xml"/></Relationships>`,
    ],
    ["xl/styles.xml", MINIMAL_STYLES],
  ];
  return writeZip(
    null,
    parts.map(([name, text]) => ({ kind: "data", name, data: enc.encode(text) })),
  );
}

/**
 * A new workbook with `specs` as its sheets, in order. Used for the sample input workbook, whose
 * sheets are the user's: they carry the rpo-align output marker only when `markAsOutput` is set.
 */
export function createWorkbook(specs: SheetSpec[], options: { markAsOutput?: boolean } = {}): Uint8Array {
  if (specs.length === 0) throw new Error("A workbook needs at least one sheet.");
  return writeOutputsInto(emptyPackage(hasUncachedFormula(specs)), specs, options.markAsOutput === true, {})
    .bytes;
}
