/**
 * Inputs for the scale benchmark: an engagement workbook with `periods` Observations rows and
 * `levers` + `metrics` series (plus the Period column). Deterministic (seeded), so every run
 * measures the same workbook.
 *
 * `scaleWorkbookSpecs` gives SheetSpecs for createWorkbook (the host's own writer). Past a few
 * hundred thousand rows createWorkbook cannot build the Observations sheet (its XML is one string,
 * and V8 strings stop at 2^29 - 24 characters), so `writeScaleWorkbookStreamed` writes the same
 * content row block by row block through fflate's streaming zip.
 */
import { closeSync, openSync, writeSync } from "node:fs";
import { Zip, ZipDeflate, strToU8 } from "fflate";
import type { OutValue, SheetSpec } from "../src/core/report/spec";
import { columnLetters } from "../src/core/model/address";
import { mulberry32 as seeded } from "../src/core/sample/prng";

export interface ScaleShape {
  periods: number;
  levers: number;
  metrics: number;
}

/** First Period: 1901-01-01 (serial 367); periods are consecutive days, so 1,048,575 still fit. */
const FIRST_PERIOD = 367;

const leverName = (i: number) => `Lever ${i + 1}`;
const metricName = (j: number) => `Metric ${j + 1}`;

function smallSheets(shape: ScaleShape): SheetSpec[] {
  const sheet = (name: string, values: OutValue[][]): SheetSpec => ({
    name,
    values,
    styles: [],
    columnWidths: [],
    conditionalFormats: [],
    charts: [],
  });
  const levers: OutValue[][] = [["Lever", "Category", "Unit", "Current", "Min", "Max", "Cost per unit"]];
  for (let i = 0; i < shape.levers; i++) levers.push([leverName(i), "Capacity", "units", 10, 0, 100, 100]);
  const metrics: OutValue[][] = [["Metric", "Layer", "Unit", "Better", "Lag"]];
  for (let j = 0; j < shape.metrics; j++)
    metrics.push([metricName(j), j % 2 === 0 ? "Recruitment" : "Business", "units", "Lower", 0]);
  const goals: OutValue[][] = [["Goal", "Metric", "Direction", "Weight", "Effective from"]];
  for (let j = 0; j < Math.min(shape.metrics, 5); j++)
    goals.push([`Goal ${j + 1}`, metricName(j), "Decrease", 1, FIRST_PERIOD]);
  return [sheet("Levers", levers), sheet("Metrics", metrics), sheet("Goals", goals)];
}

function header(shape: ScaleShape): string[] {
  return [
    "Period",
    ...Array.from({ length: shape.levers }, (_v, i) => leverName(i)),
    ...Array.from({ length: shape.metrics }, (_v, j) => metricName(j)),
  ];
}

/** Row generator: levers wander around 10, each metric is a fixed mix of the levers plus noise. */
function rowMaker(shape: ScaleShape): (r: number) => number[] {
  const random = seeded(20240601);
  const weights = Array.from({ length: shape.metrics }, () =>
    Array.from({ length: shape.levers }, () => Math.round((random() - 0.5) * 40) / 10),
  );
  const state = Array.from({ length: shape.levers }, () => 10);
  return (r) => {
    const row = [FIRST_PERIOD + r];
    for (let i = 0; i < shape.levers; i++) {
      state[i] = Math.round((state[i] * 0.9 + 1 + (random() - 0.5) * 2) * 100) / 100;
      row.push(state[i]);
    }
    for (let j = 0; j < shape.metrics; j++) {
      let y = 50;
      for (let i = 0; i < shape.levers; i++) y += weights[j][i] * state[i];
      row.push(Math.round((y + (random() - 0.5) * 4) * 100) / 100);
    }
    return row;
  };
}

/** The whole workbook as SheetSpecs (for createWorkbook). */
export function scaleWorkbookSpecs(shape: ScaleShape): SheetSpec[] {
  const next = rowMaker(shape);
  const values: OutValue[][] = [header(shape)];
  for (let r = 0; r < shape.periods; r++) values.push(next(r));
  return [
    ...smallSheets(shape),
    { name: "Observations", values, styles: [], columnWidths: [], conditionalFormats: [], charts: [] },
  ];
}

const NS =
  'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ' +
  'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
const HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const xmlText = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

function rowXml(r: number, values: (string | number)[], letters: string[]): string {
  let xml = `<row r="${r + 1}">`;
  values.forEach((v, c) => {
    const ref = `${letters[c]}${r + 1}`;
    xml +=
      typeof v === "number"
        ? `<c r="${ref}"><v>${v}</v></c>`
        : `<c r="${ref}" t="inlineStr"><is><t>${xmlText(v)}</t></is></c>`;
  });
  return xml + "</row>";
}

function sheetXml(rows: (string | number)[][]): string {
  const width = Math.max(...rows.map((r) => r.length));
  const letters = Array.from({ length: width }, (_v, c) => columnLetters(c));
  return `${HEAD}<worksheet ${NS}><sheetData>${rows.map((r, i) => rowXml(i, r, letters)).join("")}</sheetData></worksheet>`;
}

/**
 * Writes the same workbook as `createWorkbook(scaleWorkbookSpecs(shape))` would, streaming the
 * Observations sheet in row blocks so no single string or buffer holds it. Returns the file size.
 */
export function writeScaleWorkbookStreamed(shape: ScaleShape, file: string): number {
  const fd = openSync(file, "w");
  let size = 0;
  let failure: Error | null = null;
  const zip = new Zip((error, chunk) => {
    if (error) failure = error;
    else {
      writeSync(fd, chunk);
      size += chunk.length;
    }
  });
  const add = (name: string, text: string) => {
    const entry = new ZipDeflate(name, { level: 6 });
    zip.add(entry);
    entry.push(strToU8(text), true);
  };
  const small = smallSheets(shape);
  const names = [...small.map((s) => s.name), "Observations"];
  add(
    "[Content_Types].xml",
    `${HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
      '<Default Extension="xml" ContentType="application/xml"/>' +
      '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
      names
        .map(
          (_n, i) =>
            `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
        )
        .join("") +
      "</Types>",
  );
  add(
    "_rels/.rels",
    `${HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
      `<Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
  );
  add(
    "xl/workbook.xml",
    `${HEAD}<workbook ${NS}><sheets>` +
      names.map((n, i) => `<sheet name="${n}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join("") +
      "</sheets></workbook>",
  );
  add(
    "xl/_rels/workbook.xml.rels",
    `${HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
      names
        .map(
          (_n, i) =>
            `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
        )
        .join("") +
      "</Relationships>",
  );
  small.forEach((s, i) =>
    add(`xl/worksheets/sheet${i + 1}.xml`, sheetXml(s.values as (string | number)[][])),
  );

  const obs = new ZipDeflate(`xl/worksheets/sheet${names.length}.xml`, { level: 6 });
  zip.add(obs);
  const cols = header(shape);
  const letters = Array.from({ length: cols.length }, (_v, c) => columnLetters(c));
  obs.push(strToU8(`${HEAD}<worksheet ${NS}><sheetData>${rowXml(0, cols, letters)}`));
  const next = rowMaker(shape);
  let block = "";
  for (let r = 0; r < shape.periods; r++) {
    block += rowXml(r + 1, next(r), letters);
    if (block.length > 4_000_000) {
      obs.push(strToU8(block));
      block = "";
    }
  }
  obs.push(strToU8(block + "</sheetData></worksheet>"), true);
  zip.end();
  closeSync(fd);
  if (failure) throw failure;
  return size;
}
