/**
 * Finding the input sheets and tables. A sheet counts when its name, trimmed and compared
 * case-insensitively, is the input's name ("Levers"). An Excel table counts when its name is the
 * input's name, optionally prefixed "tbl" and/or suffixed "Table" ("Levers", "tblLevers",
 * "LeversTable", "tbl_Levers", "Levers_Table"). A table wins over a sheet: it marks the data range
 * exactly, so a table on any sheet is used and a sheet with the input's name is then not read.
 */
import { cellAddress, rangeAddress } from "./address";
import { matchKey } from "./input-cells";
import { Diagnostics, listText, quote } from "./diagnostics";
import type { CellValue, RawGrid, RawWorkbook } from "./raw";
import { closest } from "./suggest";

export const INPUT_KINDS = ["Levers", "Metrics", "Goals", "Observations", "Actions"] as const;
export type InputKind = (typeof INPUT_KINDS)[number];
export const REQUIRED_INPUT_KINDS: readonly InputKind[] = ["Levers", "Metrics", "Goals", "Observations"];

/** The input a worksheet name stands for, or null. */
export function inputKindOfSheet(sheetName: string): InputKind | null {
  const key = matchKey(sheetName);
  return INPUT_KINDS.find((kind) => kind.toLowerCase() === key) ?? null;
}

/** The input an Excel table name stands for, or null. */
export function inputKindOfTable(tableName: string): InputKind | null {
  const m = /^(?:tbl_?)?([a-z]+?)(?:_?table)?$/.exec(matchKey(tableName));
  if (!m) return null;
  return INPUT_KINDS.find((kind) => kind.toLowerCase() === m[1]) ?? null;
}

/** The optional Scenarios sheet (read by model/scenarios.ts; not one of INPUT_KINDS, found by sheet name only). */
export const SCENARIOS_SHEET = "Scenarios";

/** Whether a host should read this worksheet for parse() (tables are found by inputKindOfTable). */
export function isInputCandidate(sheetName: string): boolean {
  return inputKindOfSheet(sheetName) !== null || matchKey(sheetName) === SCENARIOS_SHEET.toLowerCase();
}

/** A located input: a worksheet's used range or a table, addressed as the user sees it. */
export class GridView {
  readonly rows: number;
  readonly cols: number;
  private readonly hidden: Set<number>;

  constructor(
    readonly kind: InputKind | typeof SCENARIOS_SHEET,
    /** Worksheet name (for a table, the sheet it lives on). */
    readonly sheet: string,
    /** Table name, or null for a plain sheet. */
    readonly table: string | null,
    private readonly grid: RawGrid,
    hiddenRows: readonly number[] = [],
  ) {
    this.rows = grid.values.length;
    this.cols = grid.values.reduce((max, row) => Math.max(max, row.length), 0);
    this.hidden = new Set(hiddenRows);
  }

  /** Cell at grid row r, column c (0-based within the grid); null outside it. */
  cell(r: number, c: number): CellValue {
    return this.grid.values[r]?.[c] ?? null;
  }

  /** A1 address on the worksheet of grid cell (r, c). */
  address(r: number, c: number): string {
    return cellAddress(this.grid.originRow + r, this.grid.originCol + c);
  }

  range(r: number, c: number, rEnd: number, cEnd: number): string {
    const [row, col] = [this.grid.originRow, this.grid.originCol];
    return rangeAddress(row + r, col + c, row + rEnd, col + cEnd);
  }

  /** 1-based worksheet row number of grid row r. */
  sheetRow(r: number): number {
    return this.grid.originRow + r + 1;
  }

  isHidden(r: number): boolean {
    return this.hidden.has(this.grid.originRow + r);
  }

  /** "the Levers sheet" or "table 'tblLevers'", for messages. */
  get label(): string {
    return this.table === null ? `the ${quote(this.sheet)} sheet` : `table ${quote(this.table)}`;
  }
}

export type InputStatus = "found" | "missing" | "ambiguous";

export interface LocatedInputs {
  views: Record<InputKind, GridView | null>;
  status: Record<InputKind, InputStatus>;
}

/**
 * Finds each input. A required input that is missing, and any input matched by two tables or two
 * sheets, is an error. `expectedColumns` is named in the "missing" message.
 */
export function locateInputs(
  raw: RawWorkbook,
  expectedColumns: Record<InputKind, readonly string[]>,
  diags: Diagnostics,
): LocatedInputs {
  const outputs = new Set(raw.outputSheets.map(matchKey));
  const isOutput = (sheetName: string) => outputs.has(matchKey(sheetName));
  const hiddenOf = (sheetName: string) => raw.sheets.find((s) => s.name === sheetName)?.hiddenRows ?? [];
  const views = {} as Record<InputKind, GridView | null>;
  const status = {} as Record<InputKind, InputStatus>;
  const claimed = new Set<string>();

  for (const kind of INPUT_KINDS) {
    const tables = raw.tables.filter((t) => inputKindOfTable(t.name) === kind && !isOutput(t.sheetName));
    const sheets = raw.sheets.filter((s) => inputKindOfSheet(s.name) === kind && !isOutput(s.name));
    views[kind] = null;
    status[kind] = "found";
    if (tables.length > 1) {
      const where = tables.map((t) => `${quote(t.name)} (on ${quote(t.sheetName)})`);
      diags.error(
        "ambiguous-input",
        tables[1].sheetName,
        cellAddress(tables[1].originRow, tables[1].originCol),
        `Tables ${listText(where)} all look like the ${kind} input; rename or delete all but one.`,
      );
      status[kind] = "ambiguous";
    } else if (tables.length === 1) {
      const t = tables[0];
      views[kind] = new GridView(kind, t.sheetName, t.name, t, hiddenOf(t.sheetName));
      claimed.add(t.sheetName);
      const other = sheets.find((s) => s.name !== t.sheetName);
      if (other) {
        diags.info(
          "using-table",
          other.name,
          null,
          `${kind} are read from table ${quote(t.name)} on sheet ${quote(t.sheetName)}; this sheet is not read. ` +
            `Delete or rename the table to use this sheet instead.`,
        );
      }
    } else if (sheets.length > 1) {
      diags.error(
        "ambiguous-input",
        sheets[1].name,
        null,
        `Sheets ${listText(sheets.map((s) => quote(s.name)))} all look like the ${kind} sheet; rename all but one.`,
      );
      status[kind] = "ambiguous";
    } else if (sheets.length === 1) {
      const s = sheets[0];
      views[kind] = new GridView(kind, s.name, null, s, s.hiddenRows ?? []);
      claimed.add(s.name);
    } else {
      status[kind] = "missing";
    }
  }

  for (const kind of REQUIRED_INPUT_KINDS) {
    if (status[kind] !== "missing") continue;
    const candidates = [
      ...raw.sheetNames.filter((n) => !isOutput(n) && !claimed.has(n) && inputKindOfSheet(n) === null),
      ...raw.tables.map((t) => t.name).filter((n) => inputKindOfTable(n) === null),
    ];
    const near = closest(kind, candidates);
    const hint = near === null ? "" : ` Is ${quote(near)} meant to be it? Rename it to ${quote(kind)}.`;
    diags.error(
      "missing-input",
      null,
      null,
      `No ${kind} sheet or table found. Add a sheet named ${quote(kind)} (or an Excel table named ` +
        `${kind}, tbl${kind} or ${kind}Table) with the columns ${listText(expectedColumns[kind].map(quote))}` +
        `${kind === "Observations" ? " and one column per lever and metric" : ""}.${hint}`,
    );
  }
  if (status.Actions === "missing") {
    diags.info(
      "no-actions",
      null,
      null,
      "No Actions sheet: the review of past lever changes is skipped. Add an Actions sheet to have them reviewed.",
    );
  }
  return { views, status };
}

/** Info when rows that were read as data are hidden on the worksheet (they still count). */
export function reportHiddenRows(view: GridView, dataRows: readonly number[], diags: Diagnostics): void {
  const hidden = dataRows.filter((r) => view.isHidden(r)).map((r) => view.sheetRow(r));
  if (hidden.length === 0) return;
  const shown =
    hidden.slice(0, 10).join(", ") + (hidden.length > 10 ? ` and ${hidden.length - 10} more` : "");
  diags.info(
    "hidden-rows",
    view.sheet,
    view.address(dataRows.find((r) => view.isHidden(r)) ?? 0, 0),
    `Hidden row${hidden.length > 1 ? "s" : ""} ${shown} of ${view.label} ${hidden.length > 1 ? "are" : "is"} read like any other row. Delete ${hidden.length > 1 ? "them" : "it"} if ${hidden.length > 1 ? "they" : "it"} should not count.`,
  );
}
