/**
 * writeOutputs: adds (or replaces) our output sheets in the user's package, touching only what it
 * must: [Content_Types].xml, xl/workbook.xml, xl/_rels/workbook.xml.rels, xl/styles.xml and our own
 * parts. Every other zip entry is copied byte for byte. createWorkbook: a brand-new package.
 */
import { damaged, XlsxFormatError } from "./errors";
import { planOutputNames } from "../../core/report/names";
import { RETIRED_NAME_FORMULA, retiredHeadlineNames } from "../../core/report/headline-names";
import { OUTPUT_MARKER_NAME, OUTPUT_MARKER_VALUE, type SheetSpec } from "../../core/report/spec";
import { CONTENT_TYPES, Package, REL_TYPE, relIs, relativeTarget, relsPartOf } from "./opc";
import { markedSheets, readWorkbookInfo } from "./read-workbook";
import { buildChartXml, buildDrawingXml } from "./write-chart";
import {
  addRelationships,
  newRelsPart,
  patchContentTypes,
  patchWorkbookXml,
  relIdAllocator,
  removeRelationships,
  type NewRelationship,
  type SheetName,
} from "./write-parts";
import { columnLetters, quotedSheetName } from "../../core/model/address";
import { rangeRef } from "./range-refs";
import { buildSheetXml } from "./write-sheet";
import { MINIMAL_STYLES, StyleBook } from "./write-styles";
import { removableParts } from "./orphans";
import { type OutEntry, writeZip } from "./zip";

export interface WriteResult {
  bytes: Uint8Array;
  /** Sheet names written, in spec order (an alternate name when the user owns the planned one). */
  written: string[];
  notes: string[];
}

export interface WriteOptions {
  onProgress?: (fraction: number) => void;
}

/** Throws when Excel would reject the sheet name. */
export function checkSheetName(name: string): void {
  const problem =
    name.length === 0
      ? "is empty"
      : name.length > 31
        ? "is longer than 31 characters"
        : /[[\]:*?/\\]/.test(name)
          ? "contains one of [ ] : * ? / \\"
          : name.startsWith("'") || name.endsWith("'")
            ? "starts or ends with an apostrophe"
            : name.toLowerCase() === "history"
              ? 'is "History", which Excel reserves'
              : null;
  if (problem) throw new Error(`Cannot write a sheet named "${name}": the name ${problem}.`);
}

const enc = new TextEncoder();

/** The `_xlnm.Print_Titles` and `_xlnm.Print_Area` names of a spec written at `position`. */
export function printDefinedNames(spec: SheetSpec, sheetName: string, position: number): SheetName[] {
  const print = spec.print;
  if (!print) return [];
  const names: SheetName[] = [];
  if (print.titleRows) {
    names.push({
      name: "_xlnm.Print_Titles",
      localSheetId: position,
      value: `${quotedSheetName(sheetName)}!$${print.titleRows.first + 1}:$${print.titleRows.last + 1}`,
    });
  }
  names.push({
    name: "_xlnm.Print_Area",
    localSheetId: position,
    value: `${quotedSheetName(sheetName)}!${rangeRef(print.area, true)}`,
  });
  return names;
}

export function writeOutputs(
  original: Uint8Array,
  specs: SheetSpec[],
  options: WriteOptions = {},
): WriteResult {
  return writeOutputsInto(original, specs, true, options);
}

/** writeOutputs, with the output marker optional (createWorkbook writes the user's own sheets). */
export function writeOutputsInto(
  original: Uint8Array,
  specs: SheetSpec[],
  mark: boolean,
  options: WriteOptions,
): WriteResult {
  const pkg = new Package(original);
  const info = readWorkbookInfo(pkg);
  if (info.strictOoxml) {
    throw new XlsxFormatError(
      "strict",
      'This workbook is saved as "Strict Open XML Spreadsheet", which rpo-align can read but not write into. ' +
        'In Excel choose File > Save As and the type "Excel Workbook (.xlsx)", then run again.',
    );
  }
  const plans = planOutputNames(
    specs.map((s) => s.name),
    info.sheets.map((s) => s.name),
    markedSheets(info),
  );
  const targets = plans.map((p) => p.target.toLowerCase());
  plans.forEach((p, i) => {
    checkSheetName(p.target);
    if (targets.indexOf(targets[i]) !== i) throw new Error(`Two output sheets are both named "${p.target}".`);
  });

  const writes = new Map<string, { name: string; data: Uint8Array }>();
  const removed = new Set<string>();
  const put = (name: string, text: string) =>
    writes.set(name.toLowerCase(), { name, data: enc.encode(text) });
  const ctAdd: { part: string; type: string }[] = [];
  const existing = new Set(pkg.names.map((n) => n.toLowerCase()));
  const alloc = (stem: string) => {
    let n = 1;
    while (existing.has(`${stem}${n}.xml`.toLowerCase())) n++;
    existing.add(`${stem}${n}.xml`.toLowerCase());
    return `${stem}${n}.xml`;
  };
  const dir = info.part.includes("/") ? info.part.slice(0, info.part.lastIndexOf("/") + 1) : "";

  const wbRels = pkg.rels(info.part);
  const wbRelsAdd: NewRelationship[] = [];
  const wbRelsRemove = new Set<string>();
  const relId = relIdAllocator(wbRels.map((r) => r.id));
  const stylesRel = wbRels.find((r) => relIs(r.type, "styles") && !r.external && pkg.has(r.target));
  const styles = new StyleBook(stylesRel ? pkg.text(stylesRel.target)! : MINIMAL_STYLES);
  const xfFor = styles.xfFor.bind(styles);
  let nextSheetId = Math.max(0, ...info.sheets.map((s) => s.sheetId).filter(Number.isFinite)) + 1;
  const newSheets: { name: string; sheetId: number; rId: string }[] = [];
  const markers: number[] = [];
  const printNames: SheetName[] = [];
  /** Workbook-level headline names (SheetSpec.names), pointed at their cells. */
  const headline: SheetName[] = [];
  let activeTab: number | undefined;
  const calcChain = wbRels.find((r) => relIs(r.type, "calcChain") && !r.external);

  specs.forEach((spec, i) => {
    const plan = plans[i];
    let part: string;
    let position: number;
    if (plan.replaces) {
      position = info.sheets.findIndex((s) => s.name === plan.target);
      const entry = info.sheets[position];
      if (entry.kind !== "worksheet" || !entry.part || !pkg.has(entry.part)) {
        throw new Error(
          `The sheet "${plan.target}" is marked as rpo-align output but is not a worksheet; delete it and run again.`,
        );
      }
      part = pkg.entry(entry.part)!.name;
      for (const gone of removableParts(pkg, part)) {
        removed.add(gone.toLowerCase());
        removed.add(relsPartOf(gone).toLowerCase());
      }
      removed.add(relsPartOf(part).toLowerCase());
      const oldXml = pkg.text(part) ?? "";
      if (calcChain && /<(\w+:)?f[\s>/]/.test(oldXml)) {
        // The calculation chain may list formula cells of the old sheet; Excel rebuilds it.
        removed.add(calcChain.target.toLowerCase());
        wbRelsRemove.add(calcChain.id);
      }
    } else {
      part = alloc(`${dir}worksheets/sheet`);
      const rId = relId();
      newSheets.push({ name: plan.target, sheetId: nextSheetId++, rId });
      wbRelsAdd.push({ id: rId, type: REL_TYPE("worksheet"), target: relativeTarget(info.part, part) });
      ctAdd.push({ part, type: CONTENT_TYPES.worksheet });
      position = info.sheets.length + newSheets.length - 1;
      if (mark) markers.push(position);
    }
    printNames.push(...printDefinedNames(spec, plan.target, position));
    for (const n of spec.names ?? []) {
      if (headline.some((h) => h.name.toLowerCase() === n.name.toLowerCase())) continue; // first one wins
      headline.push({
        name: n.name,
        localSheetId: null,
        value: `${quotedSheetName(plan.target)}!$${columnLetters(n.col)}$${n.row + 1}`,
      });
    }
    if (spec.active && activeTab === undefined) activeTab = position;
    let drawingRelId: string | null = null;
    if (spec.charts.length > 0) {
      const drawing = alloc(`${dir}drawings/drawing`);
      const charts = spec.charts.map(() => alloc(`${dir}charts/chart`));
      const chartRelIds = charts.map((_c, k) => `rId${k + 1}`);
      drawingRelId = "rId1";
      put(
        relsPartOf(part),
        newRelsPart([{ id: "rId1", type: REL_TYPE("drawing"), target: relativeTarget(part, drawing) }]),
      );
      put(drawing, buildDrawingXml(spec.charts, chartRelIds));
      put(
        relsPartOf(drawing),
        newRelsPart(
          charts.map((c, k) => ({
            id: chartRelIds[k],
            type: REL_TYPE("chart"),
            target: relativeTarget(drawing, c),
          })),
        ),
      );
      charts.forEach((c, k) => put(c, buildChartXml(spec.charts[k], plan.target, spec)));
      ctAdd.push({ part: drawing, type: CONTENT_TYPES.drawing });
      for (const c of charts) ctAdd.push({ part: c, type: CONTENT_TYPES.chart });
    }
    put(part, buildSheetXml({ ...spec, active: position === activeTab }, xfFor, drawingRelId, info.date1904));
    options.onProgress?.((i + 1) / (specs.length + 1));
  });
  for (const key of writes.keys()) removed.delete(key);
  // Headline names no spec declares any more (a lever gone, no plan this time) show #N/A.
  const retired = retiredHeadlineNames(
    info.definedNames.filter((d) => d.localSheetId === null).map((d) => ({ name: d.name, formula: d.value })),
    headline.map((h) => h.name),
    [...markedSheets(info), ...plans.map((p) => p.target)],
  );
  headline.push(...retired.map((name) => ({ name, localSheetId: null, value: RETIRED_NAME_FORMULA })));
  printNames.push(...headline);

  if (styles.changed) {
    if (stylesRel) put(pkg.entry(stylesRel.target)!.name, styles.result());
    else {
      const stylesPart = existing.has(`${dir}styles.xml`) ? alloc(`${dir}styles`) : `${dir}styles.xml`;
      put(stylesPart, styles.result());
      wbRelsAdd.push({
        id: relId(),
        type: REL_TYPE("styles"),
        target: relativeTarget(info.part, stylesPart),
      });
      ctAdd.push({ part: stylesPart, type: CONTENT_TYPES.styles });
    }
  }
  if (activeTab !== undefined) {
    // Only the sheet the workbook opens on is selected (two selected tabs would be a group).
    info.sheets.forEach((sheet, k) => {
      if (
        k === activeTab ||
        sheet.kind !== "worksheet" ||
        !sheet.part ||
        writes.has(sheet.part.toLowerCase())
      )
        return;
      const xml = pkg.text(sheet.part);
      if (xml && /<(\w+:)?sheetView\b[^>]*\stabSelected="(1|true)"/.test(xml)) {
        put(
          pkg.entry(sheet.part)!.name,
          xml.replace(/(<(?:\w+:)?sheetView\b[^>]*?)\s+tabSelected="(?:1|true)"/g, "$1"),
        );
      }
    });
  }
  if (newSheets.length > 0 || markers.length > 0 || printNames.length > 0 || activeTab !== undefined) {
    put(
      info.part,
      patchWorkbookXml(
        pkg.text(info.part)!,
        info,
        newSheets,
        markers,
        { name: OUTPUT_MARKER_NAME, value: OUTPUT_MARKER_VALUE },
        { names: printNames, activeTab },
      ),
    );
  }
  if (wbRelsAdd.length > 0 || wbRelsRemove.size > 0) {
    const relsName = pkg.entry(relsPartOf(info.part))?.name ?? relsPartOf(info.part);
    let xml = pkg.text(relsName) ?? newRelsPart([]);
    if (wbRelsRemove.size > 0) xml = removeRelationships(xml, wbRelsRemove);
    put(relsName, addRelationships(xml, wbRelsAdd));
  }
  const removedParts = pkg.names.filter((n) => removed.has(n.toLowerCase()));
  if (ctAdd.length > 0 || removedParts.length > 0) {
    const ctName = pkg.entry("[Content_Types].xml")?.name;
    if (!ctName) throw damaged("it has no [Content_Types].xml");
    put(ctName, patchContentTypes(pkg.text(ctName)!, ctAdd, removedParts));
  }

  const out: OutEntry[] = [];
  for (const e of pkg.zip.entries) {
    const key = e.name.toLowerCase();
    if (removed.has(key)) continue;
    const w = writes.get(key);
    if (w) {
      out.push({ kind: "data", name: e.name, data: w.data });
      writes.delete(key);
    } else out.push({ kind: "keep", entry: e });
  }
  for (const w of writes.values()) out.push({ kind: "data", name: w.name, data: w.data });
  const bytes = writeZip(pkg.zip, out);
  options.onProgress?.(1);
  return {
    bytes,
    written: plans.map((p) => p.target),
    notes: plans.flatMap((p) => (p.note ? [p.note] : [])),
  };
}
