/**
 * The sample's Formulas sheet opened in LibreOffice, an independent spreadsheet engine without the
 * add-in: where LibreOffice recalculates (always for array formulas; for every formula with its
 * "always recalculate" setting), the built-ins show the values we cached, to 1e-9 relative; where
 * it does not (single-cell formulas, by default), it shows our cached numbers. What LibreOffice
 * shows for RPO.* arrays (#NAME?: it recalculates array formulas on load whatever the setting, and
 * it does not know the add-in) is asserted too, as docs/functions.md says. Skipped with a message
 * when LibreOffice is not installed (in CI it must be).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { buildSampleWorkbook } from "../../src/core/sample/template";
import { createWorkbook } from "../../src/hosts/xlsx";
import { libreOffice } from "./helpers";
import { areaRows, cellsOf, valueOf, type ReadValue, type XmlCell } from "./sheet-cells";

const run = libreOffice();
if (!run) console.log("LibreOffice is not installed: skipping the LibreOffice checks of cached values.");
const maybe = run ? it : it.skip;

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** The part of each sheet, by sheet name (sheets are written in order as sheet1.xml, sheet2.xml, ...). */
function sheetParts(files: Record<string, Uint8Array>): Map<string, string> {
  const names = [...strFromU8(files["xl/workbook.xml"]).matchAll(/<sheet name="([^"]+)"/g)].map((m) => m[1]);
  return new Map(names.map((name, i) => [name, `xl/worksheets/sheet${i + 1}.xml`]));
}

/** The Formulas sheet's cells after LibreOffice opened `bytes` and saved them again as .xlsx. */
function throughLibreOffice(bytes: Uint8Array, recalculate: boolean): Map<string, XmlCell> {
  const dir = mkdtempSync(path.join(tmpdir(), "rpo-align-lo-cached-"));
  dirs.push(dir);
  const input = path.join(dir, "sample.xlsx");
  writeFileSync(input, bytes);
  const out = path.join(dir, "out");
  const r = run!(["--convert-to", "xlsx", "--outdir", out, input], { recalculate });
  expect(r.status).toBe(0);
  const files = unzipSync(new Uint8Array(readFileSync(path.join(out, "sample.xlsx"))));
  return cellsOf(strFromU8(files[sheetParts(files).get("Formulas")!]));
}

const written = createWorkbook(buildSampleWorkbook());
const writtenFiles = unzipSync(written);
const formulasPart = sheetParts(writtenFiles).get("Formulas")!;
const ours = cellsOf(strFromU8(writtenFiles[formulasPart]));

/** Every formula-owned cell of our sheet: its formula's text, and whether it is an array area's. */
const owners = new Map<string, { formula: string; array: boolean }>();
for (const cell of ours.values()) {
  if (!cell.f) continue;
  for (const ref of areaRows(cell.f.array ?? cell.ref).flat())
    owners.set(ref, { formula: cell.f.text, array: cell.f.array !== null });
}
const cellsWhere = (test: (formula: string, array: boolean) => boolean) =>
  [...owners].filter(([, o]) => test(o.formula, o.array)).map(([ref]) => ref);

function expectSame(ref: string, theirs: ReadValue, mine: ReadValue, relative: number): void {
  if (typeof mine === "number" && typeof theirs === "number") {
    const scale = Math.max(Math.abs(mine), Math.abs(theirs));
    expect({ ref, off: scale === 0 ? true : Math.abs(mine - theirs) / scale <= relative }).toEqual({
      ref,
      off: true,
    });
  } else {
    expect({ ref, value: theirs }).toEqual({ ref, value: mine });
  }
}

describe("LibreOffice and the cached values of the sample's Formulas sheet", () => {
  maybe("recalculating every formula, it agrees with our LINEST, SLOPE and AVERAGE cells to 1e-9", () => {
    const theirs = throughLibreOffice(written, true);
    const builtIns = cellsWhere((f) => /^(LINEST\(|SLOPE\(|\(AVERAGE\(|'Goals'!)/.test(f));
    expect(builtIns.length).toBe(5 * 8 + 4 + 7 + 9);
    let numbers = 0;
    for (const ref of builtIns) {
      const mine = valueOf(ours.get(ref));
      if (typeof mine === "number") numbers++;
      expectSame(ref, valueOf(theirs.get(ref)), mine, 1e-9);
    }
    // LINEST: 8 coefficients, 8 standard errors and 6 statistics (the rest of its rows is #N/A); four
    // SLOPE elasticities, seven movements, three goal weights.
    expect(numbers).toBe(8 + 8 + 6 + 4 + 7 + 3);
    // RPO.* cells cannot be recalculated without the add-in.
    for (const ref of cellsWhere((f) => f.includes("_xldudf_RPO_"))) {
      expect({ ref, value: valueOf(theirs.get(ref)) }).toEqual({ ref, value: { error: "#NAME?" } });
    }
  });

  maybe("CORREL over the cached best lag agrees with LibreOffice's CORREL to 1e-9", () => {
    // CORREL's ranges depend on the lag RPO.BESTLAG returns, which LibreOffice cannot compute: put
    // our cached lag into each CORREL formula and let LibreOffice recalculate it.
    const correls = cellsWhere((f) => f.startsWith("CORREL("));
    expect(correls).toHaveLength(4);
    let xml = strFromU8(writtenFiles[formulasPart]);
    for (const ref of correls) {
      const formula = ours.get(ref)!.f!.text;
      const lagRef = /INDEX\([^)]*?-\$([A-Z]+)\$(\d+)\)/.exec(formula)!;
      const lag = valueOf(ours.get(`${lagRef[1]}${lagRef[2]}`));
      expect(typeof lag).toBe("number");
      const fixed = formula.split(`$${lagRef[1]}$${lagRef[2]}`).join(String(lag));
      xml = xml.replace(`<f>${formula}</f>`, `<f>${fixed}</f>`);
    }
    const theirs = throughLibreOffice(zipSync({ ...writtenFiles, [formulasPart]: strToU8(xml) }), true);
    for (const ref of correls) expectSame(ref, valueOf(theirs.get(ref)), valueOf(ours.get(ref)), 1e-9);
  });

  maybe("by default it shows our cached numbers in single-cell formulas, RPO.ELASTICITY included", () => {
    const theirs = throughLibreOffice(written, false);
    const singles = cellsWhere((_f, array) => !array).filter(
      (ref) => typeof valueOf(ours.get(ref)) === "number",
    );
    // ELASTICITY mean and log, SLOPE, CORREL, movement, leverage and score per lever, the goal weights.
    expect(singles.length).toBe(8 + 4 + 4 + 7 * 3 + 3);
    const elasticity = singles.filter((ref) =>
      owners.get(ref)!.formula.startsWith("_xldudf_RPO_ELASTICITY("),
    );
    expect(elasticity).toHaveLength(8);
    // LibreOffice stores 15 significant digits.
    for (const ref of singles) expectSame(ref, valueOf(theirs.get(ref)), valueOf(ours.get(ref)), 1e-14);
    // Array formulas it recalculates on load whatever the setting: LINEST agrees, RPO.* arrays show #NAME?.
    for (const ref of cellsWhere((f, array) => array && f.startsWith("LINEST(")))
      expectSame(ref, valueOf(theirs.get(ref)), valueOf(ours.get(ref)), 1e-9);
    for (const ref of cellsWhere((f, array) => array && f.startsWith("_xldudf_RPO_")))
      expect({ ref, value: valueOf(theirs.get(ref)) }).toEqual({ ref, value: { error: "#NAME?" } });
  });
});
