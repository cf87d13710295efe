/** Shared helpers for the xlsx host tests (not a test file itself). */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { strToU8, unzipSync, zipSync } from "fflate";
import type { SheetSpec } from "../../src/core/report/spec";

/** Every zip entry's text (UTF-8). */
export function unzipText(bytes: Uint8Array): Record<string, string> {
  const files = unzipSync(bytes);
  const dec = new TextDecoder();
  return Object.fromEntries(Object.entries(files).map(([k, v]) => [k, dec.decode(v)]));
}

/** A zip package from text parts (for hand-written test packages). */
export function makeZip(parts: Record<string, string | Uint8Array>): Uint8Array {
  return zipSync(
    Object.fromEntries(Object.entries(parts).map(([k, v]) => [k, typeof v === "string" ? strToU8(v) : v])),
  );
}

export const CT_HEAD =
  '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
  '<Default Extension="xml" ContentType="application/xml"/>';
export const PKG_RELS =
  '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>' +
  "</Relationships>";
export const REL = (id: string, kind: string, target: string) =>
  `<Relationship Id="${id}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/${kind}" Target="${target}"/>`;
export const RELS = (...rels: string[]) =>
  `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels.join("")}</Relationships>`;

/** A spec exercising every feature of SheetSpec. */
export function sampleSpec(name: string, overrides: Partial<SheetSpec> = {}): SheetSpec {
  return {
    name,
    tabColor: "2F75B5",
    values: [
      ["Lever", "Leverage", "Share", "Note"],
      ["Sourcer headcount", 1.25, 0.4, "=SUM(A1:A2)"],
      ["Agency spend", -0.75, 0.35, "+1 not a formula"],
      ["Referral bonus", 0.5, { formula: "C2+C3", cached: 0.75 }, "-minus"],
      ["Total", { formula: "SUM(B2:B4)", cached: 1 }, true, "@at"],
    ],
    styles: [
      {
        range: { row: 0, col: 0, rowEnd: 0, colEnd: 3 },
        style: { bold: true, fill: "1F4E78", fontColor: "FFFFFF", borderBottom: true },
      },
      { range: { row: 1, col: 1, rowEnd: 4, colEnd: 1 }, style: { numberFormat: "0.00;[Red]-0.00" } },
      {
        range: { row: 1, col: 2, rowEnd: 4, colEnd: 2 },
        style: { numberFormat: "0.0%", horizontal: "right" },
      },
      { range: { row: 4, col: 0, rowEnd: 4, colEnd: 3 }, style: { bold: true, border: true } },
    ],
    columnWidths: [28, 12, 10, 24],
    freeze: { rows: 1, cols: 1 },
    conditionalFormats: [
      {
        kind: "colorScale",
        range: { row: 1, col: 1, rowEnd: 3, colEnd: 1 },
        min: { color: "F8696B" },
        mid: { color: "FFFFFF", value: 0 },
        max: { color: "63BE7B" },
      },
    ],
    charts: [
      {
        kind: "bar",
        title: "Goal leverage",
        categories: { row: 1, col: 0, rowEnd: 3, colEnd: 0 },
        series: [{ name: "Leverage", values: { row: 1, col: 1, rowEnd: 3, colEnd: 1 }, color: "2F75B5" }],
        anchor: { row: 6, col: 0, widthCols: 6, heightRows: 16 },
      },
    ],
    ...overrides,
  };
}

export function which(cmd: string): boolean {
  return spawnSync("sh", ["-c", `command -v ${cmd}`]).status === 0;
}

/**
 * A LibreOffice setting that makes it recalculate every formula of an .xlsx file it opens
 * ("Recalculation on file load: Excel 2007 and newer: Always recalculate"), written into a fresh
 * profile's registrymodifications.xcu. By default LibreOffice never recalculates on load.
 */
const ALWAYS_RECALCULATE =
  '<?xml version="1.0" encoding="UTF-8"?>\n<oor:items xmlns:oor="http://openoffice.org/2001/registry" ' +
  'xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
  '<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse">' +
  "<value>0</value></prop></item></oor:items>\n";

/**
 * Runs LibreOffice headless with a fresh profile (with `recalculate`, one that recalculates every
 * formula on load). Returns null when it is not installed (tests then skip with a message), but
 * throws in CI, where it must be installed.
 */
export function libreOffice():
  | ((args: string[], options?: { recalculate?: boolean }) => { status: number | null; stderr: string })
  | null {
  if (!which("libreoffice")) {
    if (process.env.CI)
      throw new Error("LibreOffice is required in CI (apt-get install -y libreoffice-calc).");
    return null;
  }
  return (args, options = {}) => {
    const profile = mkdtempSync(path.join(tmpdir(), "lo-profile-"));
    if (options.recalculate) {
      mkdirSync(path.join(profile, "user"), { recursive: true });
      writeFileSync(path.join(profile, "user", "registrymodifications.xcu"), ALWAYS_RECALCULATE);
    }
    const r = spawnSync(
      "libreoffice",
      ["--headless", "--norestore", `-env:UserInstallation=file://${profile}`, ...args],
      { encoding: "utf8", timeout: 180000 },
    );
    return { status: r.status, stderr: r.stderr ?? "" };
  };
}
