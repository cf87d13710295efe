/**
 * Writing our output sheets through Office.js, safely:
 *   sync 1: sheet names, ids and markers, and whether the workbook is protected;
 *   build:  every output is drawn on a NEW hidden temporary sheet ("~rpo-tmp-N", carrying our
 *           marker), its operations packed into as few syncs as the payload budget allows;
 *   commit: one sync swaps them in: per sheet, show the temporary sheet, delete the previous
 *           output we own, rename the temporary sheet to the target name.
 * A failure while building deletes the temporary sheets: inputs and previous outputs are untouched.
 * A failure during the commit is repaired per sheet (previous output kept where it still exists).
 */
import { planOutputNames, type OutputNamePlan } from "../../core/report/names";
import { OUTPUT_MARKER_NAME, OUTPUT_MARKER_VALUE, type SheetSpec } from "../../core/report/spec";
import type { HostProgress, WriteOutcome } from "../host";
import { ExcelWriteError, PROTECTED_MESSAGE, writeFailure } from "./errors";
import { ACTION_OVERHEAD_BYTES, packBatches, PAYLOAD_BUDGET_BYTES } from "./payload";
import { TEMP_SHEET_PREFIX } from "./read";
import { renderOps, type WriteOp } from "./render";
import { applyPageLayout } from "./page-layout";

export interface WriteOptions {
  signal?: AbortSignal;
  onProgress?: (p: HostProgress) => void;
  /** Bytes one sync may send (tests lower it). */
  budget?: number;
}

/** Why Excel would refuse a worksheet name, or null when it is acceptable. */
export function sheetNameProblem(name: string): string | null {
  if (name.length === 0) return "is empty";
  if (name.length > 31) return "is longer than 31 characters";
  if (/[[\]:*?/\\]/.test(name)) return "contains one of [ ] : * ? / \\";
  if (name.startsWith("'") || name.endsWith("'")) return "starts or ends with an apostrophe";
  if (name.toLowerCase() === "history") return 'is "History", which Excel reserves';
  return null;
}

interface Pair {
  target: string;
  tmpName: string;
  tmpId: string;
  /** Id of the previous output sheet this one replaces. */
  oldId: string | null;
}

function planNames(specs: SheetSpec[], names: string[], ours: string[]): OutputNamePlan[] {
  let plans: OutputNamePlan[];
  try {
    plans = planOutputNames(
      specs.map((s) => s.name),
      names,
      ours,
    );
  } catch (error) {
    throw new ExcelWriteError("names", (error as Error).message, error);
  }
  const seen = new Set<string>();
  for (const p of plans) {
    const problem = sheetNameProblem(p.target);
    if (problem)
      throw new ExcelWriteError("names", `Cannot write a sheet named "${p.target}": the name ${problem}.`);
    if (seen.has(p.target.toLowerCase())) {
      throw new ExcelWriteError("names", `Two output sheets are both named "${p.target}".`);
    }
    seen.add(p.target.toLowerCase());
  }
  return plans;
}

export async function writeOutputs(
  context: Excel.RequestContext,
  specs: SheetSpec[],
  options: WriteOptions = {},
): Promise<WriteOutcome> {
  const budget = options.budget ?? PAYLOAD_BUDGET_BYTES;
  const progress = (fraction: number) => options.onProgress?.({ step: "writing", fraction });
  options.signal?.throwIfAborted();
  progress(0);

  // Sync 1: what is there, what is ours, may we change it.
  const worksheets = context.workbook.worksheets;
  worksheets.load("items/name,items/id,items/names/items/name");
  const protection = context.workbook.protection;
  protection.load("protected");
  try {
    await context.sync();
  } catch (error) {
    throw writeFailure(error, "reading the workbook's sheets");
  }
  if (protection.protected) throw new ExcelWriteError("protected", PROTECTED_MESSAGE);
  const marker = OUTPUT_MARKER_NAME.toLowerCase();
  const existing = worksheets.items.map((s) => ({
    name: s.name,
    id: s.id,
    marked: s.names.items.some((n) => n.name.toLowerCase() === marker),
  }));
  const stale = existing.filter((s) => s.marked && s.name.startsWith(TEMP_SHEET_PREFIX));
  const plans = planNames(
    specs,
    existing.filter((s) => !stale.includes(s)).map((s) => s.name),
    existing.filter((s) => s.marked).map((s) => s.name),
  );

  const taken = new Set(existing.filter((s) => !stale.includes(s)).map((s) => s.name.toLowerCase()));
  let counter = 0;
  const tmpNames = specs.map(() => {
    let name: string;
    do name = `${TEMP_SHEET_PREFIX}${++counter}`;
    while (taken.has(name.toLowerCase()));
    taken.add(name.toLowerCase());
    return name;
  });

  // Build: every sheet on a hidden temporary sheet.
  const tmp: Excel.Worksheet[] = [];
  const ops: WriteOp[] = [];
  if (stale.length > 0) {
    // Left behind by an interrupted run (they carry our marker and our temporary name).
    ops.push({
      bytes: stale.length * ACTION_OVERHEAD_BYTES,
      apply: () => stale.forEach((s) => worksheets.getItem(s.id).delete()),
    });
  }
  specs.forEach((spec, i) => {
    ops.push({
      bytes: 5 * ACTION_OVERHEAD_BYTES,
      apply: () => {
        const sheet = worksheets.add(tmpNames[i]);
        sheet.visibility = "Hidden";
        const name = sheet.names.add(OUTPUT_MARKER_NAME, `=${OUTPUT_MARKER_VALUE}`);
        name.visible = false;
        sheet.load("id");
        tmp[i] = sheet;
      },
    });
    ops.push(...renderOps(() => tmp[i], spec, budget));
    ops.push({ bytes: 24 * ACTION_OVERHEAD_BYTES, apply: () => applyPageLayout(tmp[i], spec) });
  });
  const batches = packBatches(ops, (op) => op.bytes, budget);
  try {
    for (const [k, batch] of batches.entries()) {
      options.signal?.throwIfAborted();
      context.application.suspendApiCalculationUntilNextSync();
      for (const op of batch) op.apply();
      await context.sync();
      progress((0.9 * (k + 1)) / batches.length);
    }
  } catch (error) {
    const leftovers = await removeSheets(context, tmpNames);
    throw writeFailure(error, "building the result sheets", leftovers);
  }

  // Commit: swap the complete temporary sheets in, one sheet at a time within one sync.
  const ids = new Map(existing.map((s) => [s.name, s.id]));
  const pairs: Pair[] = plans.map((p, i) => ({
    target: p.target,
    tmpName: tmpNames[i],
    tmpId: tmp[i].id,
    oldId: p.replaces ? (ids.get(p.target) ?? null) : null,
  }));
  try {
    options.signal?.throwIfAborted();
    pairs.forEach((pair, i) => {
      tmp[i].visibility = "Visible";
      if (pair.oldId !== null) worksheets.getItem(pair.oldId).delete();
      tmp[i].name = pair.target;
    });
    specs.forEach((spec, i) => spec.active && tmp[i].activate()); // the workbook opens on the Summary
    await context.sync();
  } catch (error) {
    const { leftovers, partial } = await recoverCommit(context, pairs);
    throw writeFailure(error, "replacing the previous result sheets", leftovers, partial);
  }
  progress(1);
  return { written: plans.map((p) => p.target), notes: plans.flatMap((p) => (p.note ? [p.note] : [])) };
}

/** Best effort: deletes the named sheets if they exist; returns those that could not be deleted. */
async function removeSheets(context: Excel.RequestContext, names: string[]): Promise<string[]> {
  const wanted = new Set(names.map((n) => n.toLowerCase()));
  let found: string[] = [];
  try {
    const worksheets = context.workbook.worksheets;
    worksheets.load("items/name");
    await context.sync();
    const sheets = worksheets.items.filter((s) => wanted.has(s.name.toLowerCase()));
    found = sheets.map((s) => s.name);
    if (sheets.length === 0) return [];
    sheets.forEach((s) => s.delete());
    await context.sync();
    return [];
  } catch {
    return found.length > 0 ? found : names;
  }
}

/**
 * After a failed commit, makes each output consistent: where the previous output still exists,
 * the temporary sheet is deleted (previous kept); where it is already gone, the new sheet (which
 * is complete) is finished: shown and given its name.
 */
async function recoverCommit(
  context: Excel.RequestContext,
  pairs: Pair[],
): Promise<{ leftovers: string[]; partial: boolean }> {
  let partial = false;
  try {
    const worksheets = context.workbook.worksheets;
    worksheets.load("items/name,items/id");
    await context.sync();
    const byId = new Map(worksheets.items.map((s) => [s.id, s]));
    for (const pair of pairs) {
      const sheet = byId.get(pair.tmpId);
      if (!sheet) continue;
      const inPlace = sheet.name.toLowerCase() === pair.target.toLowerCase();
      const oldGone = pair.oldId !== null && !byId.has(pair.oldId);
      if (oldGone || inPlace) {
        partial = true;
        sheet.visibility = "Visible";
        if (!inPlace) sheet.name = pair.target;
      } else sheet.delete();
    }
    await context.sync();
    return { leftovers: [], partial };
  } catch {
    return { leftovers: pairs.map((p) => p.tmpName), partial };
  }
}
