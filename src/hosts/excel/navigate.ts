/** Moving the user's view: to a problem cell ("click a problem") or to an output sheet. */
import { errorCode, type ExcelRun } from "./run";

function notFound(sheetName: string): Error {
  return new Error(
    `The sheet "${sheetName}" no longer exists (it may have been renamed or deleted); run the check again.`,
  );
}

/** Activates `sheetName` and selects `address` (e.g. "B7" or "B7:D7") on it. One sync. */
export async function selectCell(run: ExcelRun, sheetName: string, address: string): Promise<void> {
  try {
    await run(async (context) => {
      const sheet = context.workbook.worksheets.getItem(sheetName);
      sheet.activate();
      sheet.getRange(address).select();
      await context.sync();
    });
  } catch (error) {
    if (errorCode(error) === "ItemNotFound") throw notFound(sheetName);
    throw error;
  }
}

/** Activates an output (or any) sheet. One sync. */
export async function activateSheet(run: ExcelRun, sheetName: string): Promise<void> {
  try {
    await run(async (context) => {
      context.workbook.worksheets.getItem(sheetName).activate();
      await context.sync();
    });
  } catch (error) {
    if (errorCode(error) === "ItemNotFound") throw notFound(sheetName);
    throw error;
  }
}
