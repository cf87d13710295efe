/**
 * Staleness: tells the task pane when an input sheet changes after a run. Subscribes to
 * worksheets.onChanged (every sheet) and filters to the input sheets by worksheet id; a sheet
 * added or renamed later is looked up by id once.
 */
import type { RawWorkbook } from "../../core/model/raw";
import type { ExcelRun } from "./run";

export interface InputChange {
  sheetName: string;
  /** Changed cells, e.g. "B4:C9". */
  address: string;
}

/** The worksheets a RawWorkbook's inputs came from (sheets and the sheets holding input tables). */
export function inputSheetNames(raw: RawWorkbook): string[] {
  const names = new Set([
    ...raw.sheets.map((s) => s.name),
    ...raw.tables.filter((t) => t.values.length > 0).map((t) => t.sheetName),
  ]);
  return [...names];
}

/**
 * Calls `onChange` for changes on the sheets named in `inputSheets` (case-insensitive).
 * Returns an unsubscribe function.
 */
export async function watchInputChanges(
  run: ExcelRun,
  inputSheets: string[],
  onChange: (change: InputChange) => void,
): Promise<() => Promise<void>> {
  const wanted = new Set(inputSheets.map((n) => n.toLowerCase()));
  const names = new Map<string, string>(); // worksheet id -> name
  const lookup = async (id: string): Promise<string | null> => {
    if (names.has(id)) return names.get(id)!;
    try {
      return await run(async (context) => {
        const sheet = context.workbook.worksheets.getItemOrNullObject(id);
        sheet.load("name");
        await context.sync();
        if (sheet.isNullObject) return null;
        names.set(id, sheet.name);
        return sheet.name;
      });
    } catch {
      return null;
    }
  };
  return run(async (context) => {
    const worksheets = context.workbook.worksheets;
    worksheets.load("items/id,items/name");
    await context.sync();
    for (const s of worksheets.items) names.set(s.id, s.name);
    const handler = async (event: Excel.WorksheetChangedEventArgs) => {
      const name = await lookup(event.worksheetId);
      if (name !== null && wanted.has(name.toLowerCase()))
        onChange({ sheetName: name, address: event.address });
    };
    const subscription = worksheets.onChanged.add(handler);
    await context.sync();
    return async () => {
      subscription.remove();
      await subscription.context.sync();
    };
  });
}
