/**
 * LibreOffice as an independent reader of what we write. Skipped (with a message) when LibreOffice
 * is not installed on a developer machine; in CI (process.env.CI set) a missing LibreOffice fails.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { createWorkbook, readXlsx, writeOutputs } from "../../src/hosts/xlsx";
import { strToU8, unzipSync, zipSync } from "fflate";
import { CT_HEAD, libreOffice, makeZip, PKG_RELS, REL, RELS, sampleSpec, which } from "./helpers";
import { printFigures } from "../figures";

const run = libreOffice();
if (!run) {
  console.warn(
    "LibreOffice is not installed: skipping the LibreOffice checks (apt-get install -y libreoffice-calc).",
  );
}
const maybe = run ? it : it.skip;

const fixtures = path.join(__dirname, "..", "fixtures", "writers");
const fixture = new Uint8Array(readFileSync(path.join(fixtures, "libreoffice.xlsx")));
const openpyxlFixture = new Uint8Array(readFileSync(path.join(fixtures, "openpyxl.xlsx")));
const EXCEL_APP_XML =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" ' +
  'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"><Application>Microsoft Excel</Application>' +
  '<HeadingPairs><vt:vector size="2" baseType="variant"><vt:variant><vt:lpstr>Worksheets</vt:lpstr></vt:variant>' +
  '<vt:variant><vt:i4>3</vt:i4></vt:variant></vt:vector></HeadingPairs><TitlesOfParts><vt:vector size="3" baseType="lpstr">' +
  "<vt:lpstr>Levers</vt:lpstr><vt:lpstr>Observations</vt:lpstr><vt:lpstr>Alignment</vt:lpstr></vt:vector></TitlesOfParts>" +
  "<AppVersion>16.0300</AppVersion></Properties>";

function prefixedWorkbook(): Uint8Array {
  const main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
  const r = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
  return makeZip({
    "[Content_Types].xml":
      CT_HEAD +
      '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
      '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
    "_rels/.rels": PKG_RELS,
    "xl/workbook.xml": `<x:workbook xmlns:x="${main}"><x:sheets><x:sheet xmlns:r="${r}" name="Data" sheetId="1" r:id="rId1"/></x:sheets></x:workbook>`,
    "xl/_rels/workbook.xml.rels": RELS(REL("rId1", "worksheet", "worksheets/sheet1.xml")),
    "xl/worksheets/sheet1.xml": `<x:worksheet xmlns:x="${main}"><x:sheetData><x:row r="1"><x:c r="A1"><x:v>1</x:v></x:c></x:row></x:sheetData></x:worksheet>`,
  });
}
const CSV_ALL_SHEETS = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1";

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function workdir(bytes: Uint8Array, name: string): { dir: string; file: string } {
  const dir = mkdtempSync(path.join(tmpdir(), "rpo-align-lo-"));
  dirs.push(dir);
  const file = path.join(dir, name);
  writeFileSync(file, bytes);
  return { dir, file };
}

describe("LibreOffice opens what we write", () => {
  const output = writeOutputs(fixture, [
    sampleSpec("Alignment"),
    sampleSpec("Leverage", { charts: [] }),
  ]).bytes;

  maybe("converts our outputs to CSV, every sheet, with our values as we wrote them", () => {
    // 1. the LibreOffice-saved fixture; 2. openpyxl's fixture given an Excel-style docProps/app.xml
    // whose TitlesOfParts lists only the original sheets (we leave it stale, as Excel tolerates);
    // 3. a package whose workbook uses an "x:" prefix and declares r: per element.
    const files = unzipSync(openpyxlFixture);
    files["docProps/app.xml"] = strToU8(EXCEL_APP_XML);
    const stale = writeOutputs(zipSync(files), [sampleSpec("Alignment")]).bytes;
    const prefixed = writeOutputs(prefixedWorkbook(), [sampleSpec("Alignment")]).bytes;
    const { dir, file } = workdir(output, "out.xlsx");
    writeFileSync(path.join(dir, "stale.xlsx"), stale);
    writeFileSync(path.join(dir, "prefixed.xlsx"), prefixed);
    const r = run!([
      "--convert-to",
      CSV_ALL_SHEETS,
      "--outdir",
      dir,
      file,
      path.join(dir, "stale.xlsx"),
      path.join(dir, "prefixed.xlsx"),
    ]);
    expect(r.status).toBe(0);
    const expected = [
      "Lever,Leverage,Share,Note",
      "Sourcer headcount,1.25,40.0%,=SUM(A1:A2)",
      "Agency spend,-0.75,35.0%,+1 not a formula",
      "Referral bonus,0.50,75.0%,-minus",
      "Total,1.00,100.0%,@at",
    ];
    for (const csv of [
      "out-Alignment (rpo-align).csv",
      "stale-Alignment (rpo-align).csv",
      "prefixed-Alignment.csv",
    ]) {
      expect(readFileSync(path.join(dir, csv), "utf8").split("\n").slice(0, 5)).toEqual(expected);
    }
    expect(readFileSync(path.join(dir, "out-Levers.csv"), "utf8")).toContain(
      "Sourcer headcount,Capacity,FTE,6,2,12,5200",
    );
    expect(readFileSync(path.join(dir, "prefixed-Data.csv"), "utf8").trim()).toBe("1");
  });

  maybe("converts our output and a created workbook to PDF", () => {
    for (const [name, bytes] of [
      ["out.xlsx", output],
      ["created.xlsx", createWorkbook([sampleSpec("Report")])],
    ] as const) {
      const { dir, file } = workdir(bytes, name);
      const r = run!(["--convert-to", "pdf", "--outdir", dir, file]);
      expect(r.status).toBe(0);
      const pdf = path.join(dir, name.replace(/xlsx$/, "pdf"));
      expect(statSync(pdf).size).toBeGreaterThan(1000);
    }
  });

  maybe("keeps our markers when LibreOffice saves the workbook again", () => {
    const { dir, file } = workdir(output, "out.xlsx");
    const resaved = path.join(dir, "resaved");
    const r = run!(["--convert-to", "xlsx:Calc Office Open XML", "--outdir", resaved, file]);
    expect(r.status).toBe(0);
    const wb = readXlsx(new Uint8Array(readFileSync(path.join(resaved, "out.xlsx"))));
    expect(wb.outputSheets).toEqual(["Alignment (rpo-align)", "Leverage"]);
  });

  maybe("renders our sheet to PNG with scripts/render-xlsx.sh", () => {
    if (!which("pdftoppm")) {
      if (process.env.CI) throw new Error("poppler-utils (pdftoppm) is required in CI.");
      console.warn(
        "pdftoppm is not installed: skipping the PNG rendering (apt-get install -y poppler-utils).",
      );
      return;
    }
    const { file } = workdir(output, "render.xlsx");
    const root = path.join(__dirname, "..", "..");
    const dir = path.join(root, "test-output", "render"); // kept (git-ignored) to look at
    mkdirSync(dir, { recursive: true });
    const script = path.join(root, "scripts", "render-xlsx.sh");
    const r = spawnSync("sh", [script, file, "4", dir], { encoding: "utf8", timeout: 180000 });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    const png = r.stdout.trim();
    expect(readdirSync(dir)).toContain(path.basename(png));
    const head = readFileSync(png).subarray(0, 8);
    expect([...head]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    printFigures(`Rendered our "Alignment (rpo-align)" sheet to ${png}`);
  });
});
