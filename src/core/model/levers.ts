/** The Levers input: what the RPO partner can change (recruiters, screening capacity, sourcing mix…). */
import { matchKey } from "./input-cells";
import { Diagnostics, quote } from "./diagnostics";
import { findHeader, type ColumnSpec } from "./header";
import { reportHiddenRows, type GridView } from "./locate";
import { dataRows, readNumberCell, readTextCell } from "./read";
import type { Lever } from "./types";

export const LEVER_COLUMNS: readonly ColumnSpec[] = [
  { key: "name", header: "Lever", required: true },
  { key: "category", header: "Category", required: true },
  { key: "unit", header: "Unit", required: true },
  { key: "current", header: "Current", required: true },
  { key: "min", header: "Min", required: true },
  { key: "max", header: "Max", required: true },
  { key: "cost", header: "Cost per unit", required: false },
];

/** Names that cannot be levers or metrics because they head another Observations column. */
export const RESERVED_NAMES = ["Period"];

/** Items read from one input; `readable` is false when the input is missing or its header is broken. */
export interface Parsed<T> {
  items: T[];
  readable: boolean;
  /** Non-blank data rows found below the header. */
  rowCount: number;
}

/** Reports a blank, reserved or repeated name; returns whether the row's name can be used. */
export function checkName(
  view: GridView,
  r: number,
  c: number,
  name: string,
  noun: string,
  seen: Map<string, string>,
  diags: Diagnostics,
): boolean {
  const cell = view.address(r, c);
  if (name === "") {
    diags.error(
      "missing-name",
      view.sheet,
      cell,
      `Row ${view.sheetRow(r)} has values but no ${noun} name; enter the name or clear the row.`,
    );
    return false;
  }
  if (RESERVED_NAMES.some((reserved) => matchKey(reserved) === matchKey(name))) {
    diags.error(
      "reserved-name",
      view.sheet,
      cell,
      `${quote(name)} cannot be a ${noun} name: Observations uses it for its dates. Rename the ${noun}.`,
    );
    return false;
  }
  const first = seen.get(matchKey(name));
  if (first !== undefined) {
    diags.error(
      "duplicate-name",
      view.sheet,
      cell,
      `The ${noun} ${quote(name)} is listed twice (${first} and ${cell}; names are compared ignoring case and ` +
        `extra spaces). Remove or rename one.`,
    );
    return false;
  }
  seen.set(matchKey(name), cell);
  return true;
}

export function parseLevers(view: GridView | null, diags: Diagnostics): Parsed<Lever> {
  if (view === null) return { items: [], readable: false, rowCount: 0 };
  const header = findHeader(view, LEVER_COLUMNS, diags);
  if (header === null) return { items: [], readable: false, rowCount: 0 };
  const col = (key: string) => header.columns.get(key);
  const rows = dataRows(view, header, [...header.columns.values()]);
  const seen = new Map<string, string>();
  const levers: Lever[] = [];

  for (const r of rows) {
    const nameCol = col("name") as number;
    const name = readTextCell(view, r, nameCol, diags, "lever name");
    if (name === undefined || !checkName(view, r, nameCol, name, "lever", seen, diags)) continue;
    const what = (column: string) => `${column} of lever ${quote(name)}`;
    const category = readTextCell(view, r, col("category"), diags, "Category", "warning") ?? "";
    const unit = readTextCell(view, r, col("unit"), diags, "Unit", "warning") ?? "";
    const current = readNumberCell(view, r, col("current"), diags, { what: what("Current") });
    const min = readNumberCell(view, r, col("min"), diags, { what: what("Min") });
    const max = readNumberCell(view, r, col("max"), diags, { what: what("Max") });
    const cost = readNumberCell(view, r, col("cost"), diags, { what: what("Cost per unit") });

    if (current === null) {
      diags.warning(
        "blank-current",
        view.sheet,
        view.address(r, col("current") as number),
        `Lever ${quote(name)} has no Current value, so checks against its Min and Max are skipped. Enter its value today.`,
      );
    }
    if (typeof min === "number" && typeof max === "number" && min > max) {
      diags.error(
        "min-above-max",
        view.sheet,
        view.address(r, col("min") as number),
        `Lever ${quote(name)} has Min ${min} above Max ${max} (${view.address(r, col("max") as number)}); swap or correct them.`,
      );
    } else if (typeof current === "number") {
      const below = typeof min === "number" && current < min;
      const above = typeof max === "number" && current > max;
      if (below || above) {
        diags.warning(
          "current-outside-bounds",
          view.sheet,
          view.address(r, col("current") as number),
          `Lever ${quote(name)} is at ${current}, ${below ? `below its Min ${min}` : `above its Max ${max}`}. ` +
            `Correct the value or widen the bounds.`,
        );
      }
    }
    levers.push({
      name,
      category,
      unit,
      current: current ?? null,
      min: min ?? null,
      max: max ?? null,
      costPerUnit: cost ?? null,
      source: { sheet: view.sheet, cell: view.address(r, nameCol) },
    });
  }
  reportHiddenRows(view, rows, diags);
  return { items: levers, readable: true, rowCount: rows.length };
}
