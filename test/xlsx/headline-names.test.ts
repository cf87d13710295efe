/**
 * Headline defined names in the .xlsx file host: written as workbook-level `<definedName>`s into
 * xl/workbook.xml (replaced, never duplicated, on the next run; retired to #N/A when a lever
 * leaves), and LibreOffice, recalculating the file, evaluates a user's `=RpoAlign_GoalScore` to
 * the plan's goal score.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { ragCounts } from "../../src/core/report/context";
import { GOAL_SCORE_NAME, leverNameParts, NET_ALIGNED_NAME } from "../../src/core/report/headline-names";
import type { RawWorkbook } from "../../src/core/model/raw";
import { runAnalysis, type PipelineOutcome } from "../../src/core/pipeline";
import { sampleRawWorkbook } from "../../src/core/sample/template";
import { loadHighsSolver } from "../../src/hosts/lp/highs";
import type { LpSolver } from "../../src/core/plan/lp";
import { writeOutputs } from "../../src/hosts/xlsx";
import { CT_HEAD, libreOffice, makeZip, PKG_RELS, REL, RELS, unzipText } from "./helpers";
import { printFigures } from "../figures";

let solver: LpSolver;
beforeAll(async () => {
  solver = await loadHighsSolver();
});

const DROPPED = "Work days per week";
const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

/** The user's workbook: one sheet "Finance" whose formulas use our names and a plain reference. */
function financeWorkbook(formulas: string[]): Uint8Array {
  const cells = formulas
    .map(
      (f, k) =>
        `<row r="${k + 1}"><c r="A${k + 1}"><f>${f.replace(/&/g, "&amp;").replace(/</g, "&lt;")}</f></c></row>`,
    )
    .join("");
  return makeZip({
    "[Content_Types].xml":
      CT_HEAD +
      '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
      '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
    "_rels/.rels": PKG_RELS,
    "xl/workbook.xml": `<workbook xmlns="${MAIN}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Finance" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    "xl/_rels/workbook.xml.rels": RELS(REL("rId1", "worksheet", "worksheets/sheet1.xml")),
    "xl/worksheets/sheet1.xml": `<worksheet xmlns="${MAIN}"><sheetData>${cells}</sheetData></worksheet>`,
  });
}

function analyse(raw: RawWorkbook): PipelineOutcome {
  const outcome = runAnalysis(raw, {
    runStamp: "2026-01-05T09:00:00+01:00",
    toolVersion: "0.0.0-test",
    plan: { solver },
  });
  expect(outcome.specs).not.toBeNull();
  return outcome;
}

function withoutLever(raw: RawWorkbook, lever: string): RawWorkbook {
  const copy: RawWorkbook = JSON.parse(JSON.stringify(raw)) as RawWorkbook;
  for (const sheet of copy.sheets) {
    if (sheet.name === "Levers") sheet.values = sheet.values.filter((row) => row[0] !== lever);
    if (sheet.name === "Actions") sheet.values = sheet.values.filter((row) => row[1] !== lever);
    if (sheet.name === "Observations") {
      const col = sheet.values[0].indexOf(lever);
      sheet.values = sheet.values.map((row) => row.filter((_v, c) => c !== col));
    }
  }
  return copy;
}

/** Workbook-level defined names in xl/workbook.xml: name -> text (each must appear once). */
function workbookNames(bytes: Uint8Array): Map<string, string> {
  const xml = unzipText(bytes)["xl/workbook.xml"];
  const out = new Map<string, string>();
  for (const m of xml.matchAll(
    /<definedName name="([^"]+)"( localSheetId="\d+")?[^>]*>([^<]*)<\/definedName>/g,
  )) {
    if (m[2]) continue;
    expect(out.has(m[1])).toBe(false);
    out.set(m[1], m[3].replace(/&apos;/g, "'").replace(/&amp;/g, "&"));
  }
  return out;
}

describe("headline names in the file host", () => {
  const raw = sampleRawWorkbook();
  const part = (levers: string[], lever: string) => leverNameParts(levers).get(lever)!;

  it("are workbook-level names in workbook.xml, re-pointed on the next run and retired when a lever leaves", () => {
    const first = analyse(raw);
    const declared = first.specs!.flatMap((s) => (s.names ?? []).map((n) => ({ ...n, sheet: s.name })));
    expect(declared.length).toBe(3 + 2 * first.results!.levers.length);
    const written = writeOutputs(financeWorkbook(["1"]), first.specs!).bytes;
    const names = workbookNames(written);
    for (const n of declared) {
      const col = String.fromCharCode(65 + n.col);
      expect(names.get(n.name)).toBe(`'${n.sheet}'!$${col}$${n.row + 1}`);
    }

    // A second run over the output: the same names, once each; a lever that left reads #N/A.
    const third = analyse(withoutLever(raw, DROPPED));
    const again = workbookNames(writeOutputs(written, third.specs!).bytes);
    const gone = part(first.results!.levers, DROPPED);
    expect(again.get(`RpoAlign_Lever_${gone}_Colour`)).toBe("#N/A");
    expect(again.get(`RpoAlign_Lever_${gone}_Leverage`)).toBe("#N/A");
    expect([...again.keys()].sort()).toEqual([...names.keys()].sort());
  });

  // libreOffice() is null where it is not installed (skipped), and throws in CI, which installs it.
  const run = libreOffice();
  const lo = run ? it : it.skip;
  lo(
    "LibreOffice evaluates a user's =RpoAlign_GoalScore (and the other names) to the run's figures",
    () => {
      const outcome = analyse(raw);
      const results = outcome.results!;
      const recruiters = part(results.levers, "Recruiters");
      const formulas = [
        GOAL_SCORE_NAME,
        NET_ALIGNED_NAME,
        `RpoAlign_Lever_${recruiters}_Leverage`,
        `RpoAlign_Lever_${recruiters}_Colour`,
        "Alignment!F6",
      ];
      const bytes = writeOutputs(financeWorkbook(formulas), outcome.specs!).bytes;

      const dir = mkdtempSync(path.join(tmpdir(), "rpo-align-names-"));
      try {
        const file = path.join(dir, "names.xlsx");
        writeFileSync(file, bytes);
        // Recalculating every formula on load: the user's cells carry no cached values.
        const r = run!(["--convert-to", "csv", "--outdir", dir, file], { recalculate: true });
        expect(r.status).toBe(0);
        // The first sheet (Finance), recalculated.
        const rows = readFileSync(path.join(dir, "names.csv"), "utf8")
          .trim()
          .split("\n")
          .map((l) => l.replace(/^"|"$/g, ""));
        // LibreOffice gives a formula the number format of the cell it refers to (13.7% -> "13.69…%").
        const num = (text: string) => (text.endsWith("%") ? Number(text.slice(0, -1)) / 100 : Number(text));
        const alignment = outcome.specs!.find((s) => s.name === "Alignment")!;
        const leverage = results.leverage.find((l) => l.lever === "Recruiters")!.current!;
        const rag = results.alignment.find((a) => a.lever === "Recruiters")!.rag;
        expect(num(rows[0])).toBeCloseTo(results.plan!.objective, 6);
        expect(num(rows[1])).toBeCloseTo(ragCounts(results.alignment.map((a) => a.rag)).net!, 6);
        expect(num(rows[2])).toBeCloseTo(leverage, 6);
        expect(rows[3].toLowerCase()).toContain(rag);
        expect(num(rows[4])).toBeCloseTo(alignment.values[5][5] as number, 6);
        printFigures(
          `LibreOffice recalculated: =${GOAL_SCORE_NAME} -> ${rows[0]} (plan objective ${results.plan!.objective})`,
        );
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    240_000,
  );
});
