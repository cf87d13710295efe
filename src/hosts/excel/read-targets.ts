/** What read.ts reads: an input sheet's used range or an input table's range, and how to shape it. */
import type { CellValue, RawTable } from "../../core/model/raw";
import { inputKindOfTable } from "../../core/model/locate";
import { READ_BYTES_PER_CELL } from "./payload";

/** One range to read: a sheet's used range or a table's range. */
export interface Target {
  kind: "sheet" | "table";
  sheet: string;
  table: string | null;
  /** Window weight: Observations is the long input, so its window is larger. */
  weight: number;
  showHeaders: boolean;
  showTotals: boolean;
  sheetProxy: Excel.Worksheet;
  full: Excel.Range;
  window: Excel.Range;
  columns: Excel.TableColumnCollection | null;
  /** Filled as blocks arrive. */
  rowIndex: number;
  columnIndex: number;
  rowCount: number;
  columnCount: number;
  values: CellValue[][] | null;
  /** Response bytes per cell its row blocks are planned with (payload.ts plannedBytesPerCell). */
  bytesPerCell: number;
}

export function baseTarget(
  kind: "sheet" | "table",
  sheetProxy: Excel.Worksheet,
  sheet: string,
  table: string | null,
  full: Excel.Range,
): Target {
  return {
    kind,
    sheetProxy,
    sheet,
    table,
    weight: 1,
    showHeaders: true,
    showTotals: false,
    full,
    window: full,
    columns: null,
    rowIndex: 0,
    columnIndex: 0,
    rowCount: 0,
    columnCount: 0,
    values: null,
    bytesPerCell: READ_BYTES_PER_CELL,
  };
}

export function sheetTarget(sheet: Excel.Worksheet, name: string): Target {
  const t = baseTarget("sheet", sheet, name, null, sheet.getUsedRangeOrNullObject(true));
  if (/observations/i.test(name)) t.weight = 4;
  return t;
}

export function tableTarget(
  sheet: Excel.Worksheet,
  table: Excel.Table,
  sheetName: string,
  info: { name: string; showHeaders: boolean; showTotals: boolean },
): Target {
  const t = baseTarget("table", sheet, sheetName, info.name, table.getRange());
  t.showHeaders = info.showHeaders;
  t.showTotals = info.showTotals;
  if (inputKindOfTable(info.name) === "Observations") t.weight = 4;
  if (!info.showHeaders) t.columns = table.columns;
  return t;
}

/** A table's cells with the header row first and without the totals row. */
export function tableValues(t: Target, values: CellValue[][]): RawTable {
  const rows = t.showTotals ? values.slice(0, -1) : values;
  if (!t.showHeaders) {
    const header = (t.columns?.items ?? []).map((c) => c.name);
    return {
      name: t.table!,
      sheetName: t.sheet,
      values: [header, ...rows],
      originRow: t.rowIndex - 1,
      originCol: t.columnIndex,
    };
  }
  return {
    name: t.table!,
    sheetName: t.sheet,
    values: rows,
    originRow: t.rowIndex,
    originCol: t.columnIndex,
  };
}
