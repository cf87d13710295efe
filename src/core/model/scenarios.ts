/**
 * The optional Scenarios sheet: named sets of lever values to predict on the Plan sheet
 * (docs/workbook-format.md §7a). One row per lever setting: `Scenario`, `Lever`, `Value`. Levers a
 * scenario does not list stay at their current value. Like Actions, a problem here never stops the
 * analysis: every message is a warning and the row is left out.
 */
import { matchKey } from "./input-cells";
import { Diagnostics, quote, sentence } from "./diagnostics";
import { findHeader, type ColumnSpec } from "./header";
import { GridView, reportHiddenRows, SCENARIOS_SHEET } from "./locate";
import type { RawWorkbook } from "./raw";
import { dataRows, readNumberCell, readTextCell } from "./read";
import { closest } from "./suggest";
import type { Lever, Scenario } from "./types";

export const SCENARIO_COLUMNS: readonly ColumnSpec[] = [
  { key: "scenario", header: "Scenario", required: true },
  { key: "lever", header: "Lever", required: true },
  { key: "value", header: "Value", required: true },
];

/** The Scenarios worksheet (by name, ignoring case and spaces; never one of our output sheets), or null. */
export function locateScenarios(raw: RawWorkbook): GridView | null {
  const outputs = new Set(raw.outputSheets.map(matchKey));
  const sheet = raw.sheets.find(
    (s) => matchKey(s.name) === SCENARIOS_SHEET.toLowerCase() && !outputs.has(matchKey(s.name)),
  );
  return sheet ? new GridView(SCENARIOS_SHEET, sheet.name, null, sheet, sheet.hiddenRows ?? []) : null;
}

export function parseScenarios(
  view: GridView | null,
  levers: readonly Lever[],
  diags: Diagnostics,
): Scenario[] {
  if (view === null) return [];
  const header = findHeader(view, SCENARIO_COLUMNS, diags, "warning");
  if (header === null) {
    diags.warning(
      "missing-column",
      view.sheet,
      null,
      `${sentence(view.label)} cannot be read, so no scenario of yours is compared; fix its header (Scenario, Lever, Value).`,
    );
    return [];
  }
  const col = (key: string) => header.columns.get(key) as number;
  const rows = dataRows(view, header, [...header.columns.values()]);
  const leverByKey = new Map(levers.map((l) => [matchKey(l.name), l]));
  const scenarios = new Map<string, Scenario>();
  const seen = new Map<string, string>();
  const skipped = "; the row is left out.";
  for (const r of rows) {
    const at = (key: string) => view.address(r, col(key));
    const name = readTextCell(view, r, col("scenario"), diags, "Scenario", "warning");
    const leverText = readTextCell(view, r, col("lever"), diags, "Lever", "warning");
    const value = readNumberCell(view, r, col("value"), diags, { what: "Value", severity: "warning" });
    if (name === undefined || leverText === undefined || value === undefined) continue;
    if (name === "") {
      diags.warning(
        "scenario-missing-name",
        view.sheet,
        at("scenario"),
        `The row has no Scenario name${skipped} Name the scenario.`,
      );
      continue;
    }
    const lever = leverByKey.get(matchKey(leverText));
    if (lever === undefined) {
      const near =
        leverText === ""
          ? null
          : closest(
              leverText,
              levers.map((l) => l.name),
            );
      diags.warning(
        "unknown-lever",
        view.sheet,
        at("lever"),
        `${leverText === "" ? "The row names no lever" : `${quote(leverText)} is not a lever in Levers`}${skipped}` +
          (near === null ? " Enter a lever name from Levers." : ` Did you mean ${quote(near)}?`),
      );
      continue;
    }
    if (value === null) {
      diags.warning(
        "scenario-blank-value",
        view.sheet,
        at("value"),
        `Scenario ${quote(name)} gives no Value for ${quote(lever.name)}${skipped} Enter the lever's value.`,
      );
      continue;
    }
    const key = matchKey(name);
    const scenario = scenarios.get(key) ?? { name, values: [] };
    scenarios.set(key, scenario);
    const pair = `${key}\u0000${matchKey(lever.name)}`;
    const first = seen.get(pair);
    if (first !== undefined) {
      diags.warning(
        "scenario-duplicate-lever",
        view.sheet,
        at("lever"),
        `Scenario ${quote(name)} sets ${quote(lever.name)} twice (${first} and ${at("lever")}); the later row is used.`,
      );
      scenario.values = scenario.values.filter((v) => v.lever !== lever.name);
    }
    seen.set(pair, at("lever"));
    scenario.values.push({ lever: lever.name, value, source: { sheet: view.sheet, cell: at("lever") } });
  }
  reportHiddenRows(view, rows, diags);
  return [...scenarios.values()].filter((s) => s.values.length > 0);
}
