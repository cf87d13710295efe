/**
 * Adds new, ordinary worksheets drawn from SheetSpecs: "Insert sample workbook" in the task pane.
 * Unlike writeOutputs (write.ts), these sheets are the user's own inputs: they are visible, carry
 * no rpo-align output marker, and are never replaced. An existing sheet with one of the names
 * stops the insert before anything changes; a failure part-way removes the sheets added so far.
 *
 * Syncs: 1 (names, protection) + the build batches (1 for the sample workbook) + 0 on success.
 */
import type { SheetSpec } from "../../core/report/spec";
import { ExcelWriteError, PROTECTED_MESSAGE, writeFailure } from "./errors";
import { runBatches, type WriteOp } from "./batches";
import { PAYLOAD_BUDGET_BYTES, REQUEST_BYTES } from "./payload";
import { renderOps } from "./render";
import type { ExcelRun } from "./run";
import { sheetNameProblem } from "./write";

export interface InsertOptions {
  /** Bytes one sync may send (tests lower it). */
  budget?: number;
  /** Sheet to show when done (default: the first inserted). */
  activate?: string;
}

export async function insertSheets(
  run: ExcelRun,
  specs: SheetSpec[],
  options: InsertOptions = {},
): Promise<{ inserted: string[] }> {
  const budget = options.budget ?? PAYLOAD_BUDGET_BYTES;
  if (specs.length === 0) return { inserted: [] };
  for (const spec of specs) {
    const problem = sheetNameProblem(spec.name);
    if (problem)
      throw new ExcelWriteError("names", `Cannot add a sheet named "${spec.name}": the name ${problem}.`);
  }
  return run(async (context) => {
    const worksheets = context.workbook.worksheets;
    worksheets.load("items/name");
    const protection = context.workbook.protection;
    protection.load("protected");
    await context.sync();
    if (protection.protected) throw new ExcelWriteError("protected", PROTECTED_MESSAGE);
    const existing = new Set(worksheets.items.map((s) => s.name.toLowerCase()));
    const taken = specs.map((s) => s.name).filter((name) => existing.has(name.toLowerCase()));
    if (taken.length > 0) {
      throw new ExcelWriteError(
        "names",
        `The workbook already has ${taken.length === 1 ? "a sheet" : "sheets"} named ${taken.map((n) => `"${n}"`).join(", ")}; ` +
          "rename or delete them to insert the sample workbook. Nothing was changed.",
      );
    }

    const sheets: Excel.Worksheet[] = [];
    const ops: WriteOp[] = [];
    specs.forEach((spec, i) => {
      ops.push({ bytes: REQUEST_BYTES.action, apply: () => void (sheets[i] = worksheets.add(spec.name)) });
      ops.push(...renderOps(() => sheets[i], spec, { budget }));
    });
    const shown = Math.max(
      0,
      specs.findIndex((s) => s.name === options.activate),
    );
    ops.push({ bytes: REQUEST_BYTES.action, apply: () => sheets[shown].activate() });

    try {
      await runBatches(context, ops, {
        budget,
        before: () => context.application.suspendApiCalculationUntilNextSync(),
      });
    } catch (error) {
      await removeAdded(context, specs, existing);
      throw writeFailure(error, "inserting the sample sheets");
    }
    return { inserted: specs.map((s) => s.name) };
  });
}

/** Best effort: deletes the sheets this insert added (names that did not exist before). */
async function removeAdded(context: Excel.RequestContext, specs: SheetSpec[], before: Set<string>) {
  try {
    const wanted = new Set(specs.map((s) => s.name.toLowerCase()).filter((n) => !before.has(n)));
    const worksheets = context.workbook.worksheets;
    worksheets.load("items/name");
    await context.sync();
    const added = worksheets.items.filter((s) => wanted.has(s.name.toLowerCase()));
    if (added.length === 0) return;
    added.forEach((s) => s.delete());
    await context.sync();
  } catch {
    // The original error is what the user needs to see.
  }
}
