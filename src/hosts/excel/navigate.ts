/**
 * Moving the user's view: to a problem cell ("click a problem") or to an output sheet. One sync
 * when the sheet can be shown; when Excel refuses (the sheet is hidden or very hidden: Excel
 * cannot activate it), a second small sync finds out why and the error says what to do.
 */
import { errorCode, type ExcelRun } from "./run";

/** A navigation that could not happen, with a message for the user. */
export class NavigationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "NavigationError";
  }
}

function notFound(sheetName: string): Error {
  return new NavigationError(
    `The sheet "${sheetName}" no longer exists (it may have been renamed or deleted); run the check again.`,
  );
}

function hidden(sheetName: string, address: string | null, veryHidden: boolean): Error {
  const where = address ? `${sheetName}!${address}` : `"${sheetName}"`;
  return new NavigationError(
    veryHidden
      ? `${where} is on a sheet hidden by a macro or add-in (very hidden), which Excel cannot show; ` +
          "ask the workbook's owner to unhide it, or fix the value there through the macro that hides it."
      : `${where} is on a hidden sheet, which Excel cannot show. Right-click any sheet tab › Unhide… › ` +
          `"${sheetName}", then click the problem again.`,
  );
}

async function navigate(run: ExcelRun, sheetName: string, address: string | null): Promise<void> {
  try {
    await run(async (context) => {
      const sheet = context.workbook.worksheets.getItem(sheetName);
      sheet.activate();
      if (address) sheet.getRange(address).select();
      try {
        await context.sync();
      } catch (error) {
        if (errorCode(error) === "ItemNotFound") throw error;
        // Why did Excel refuse? A hidden sheet cannot be activated.
        const probe = context.workbook.worksheets.getItemOrNullObject(sheetName);
        probe.load("visibility");
        await context.sync().catch(() => undefined);
        if (!probe.isNullObject && probe.visibility !== "Visible") {
          throw hidden(sheetName, address, probe.visibility === "VeryHidden");
        }
        throw error;
      }
    });
  } catch (error) {
    if (errorCode(error) === "ItemNotFound") throw notFound(sheetName);
    throw error;
  }
}

/** Activates `sheetName` and selects `address` (e.g. "B7" or "B7:D7") on it. One sync. */
export function selectCell(run: ExcelRun, sheetName: string, address: string): Promise<void> {
  return navigate(run, sheetName, address);
}

/** Activates an output (or any) sheet. One sync. */
export function activateSheet(run: ExcelRun, sheetName: string): Promise<void> {
  return navigate(run, sheetName, null);
}
