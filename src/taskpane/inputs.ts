/**
 * The Inputs checklist's data: which of the five inputs the workbook has, where, and how many
 * items each holds. Counts come from the parsed model when the workbook parses; when it has
 * errors, the non-blank rows below the header are counted instead ("rows").
 */
import { Diagnostics } from "../core/model/diagnostics";
import { INPUT_COLUMNS, INPUT_KINDS, parse, type InputKind } from "../core/model/parse";
import { locateInputs, REQUIRED_INPUT_KINDS, type GridView } from "../core/model/locate";
import type { RawWorkbook } from "../core/model/raw";
import type { Diagnostic, Model } from "../core/model/types";

export interface InputItem {
  kind: InputKind;
  status: "found" | "missing" | "ambiguous";
  required: boolean;
  /** "sheet Levers" or "table tblLevers on Data"; null when missing. */
  where: string | null;
  /** Number of items, or null when not known. */
  count: number | null;
  /** What `count` counts: "levers", "goal sets", … or "rows" when the workbook did not parse. */
  unit: string;
}

export interface InputsCheck {
  items: InputItem[];
  diagnostics: Diagnostic[];
  /** True when no input at all was found (offer the sample workbook). */
  empty: boolean;
  /** True when the workbook parses without errors. */
  ready: boolean;
  /** Worksheets the inputs were read from (what staleness watches). */
  inputSheets: string[];
}

const UNITS: Record<InputKind, [string, string]> = {
  Levers: ["lever", "levers"],
  Metrics: ["metric", "metrics"],
  Goals: ["goal set", "goal sets"],
  Observations: ["period", "periods"],
  Actions: ["action", "actions"],
};

/** "1 lever", "3 goal sets", "no periods". */
export function countText(item: Pick<InputItem, "count" | "unit" | "kind">): string {
  if (item.count === null) return "";
  const [one, many] = item.unit === "rows" ? ["row", "rows"] : UNITS[item.kind];
  if (item.count === 0) return `no ${many}`;
  return `${item.count.toLocaleString("en-US")} ${item.count === 1 ? one : many}`;
}

function modelCount(model: Model, kind: InputKind): number {
  switch (kind) {
    case "Levers":
      return model.levers.length;
    case "Metrics":
      return model.metrics.length;
    case "Goals":
      return model.goalSets.length;
    case "Observations":
      return model.observations.periods.length;
    case "Actions":
      return model.actions.length;
  }
}

function nonBlankRows(view: GridView): number {
  let rows = 0;
  for (let r = 0; r < view.rows; r++) {
    for (let c = 0; c < view.cols; c++) {
      const v = view.cell(r, c);
      if (v !== null && v !== "") {
        rows++;
        break;
      }
    }
  }
  return Math.max(0, rows - 1); // the header row
}

export function checkInputs(raw: RawWorkbook, asOf: number | null = null): InputsCheck {
  const parsed = parse(raw, { asOf });
  const expected = Object.fromEntries(
    INPUT_KINDS.map((kind) => [kind, INPUT_COLUMNS[kind].filter((c) => c.required).map((c) => c.header)]),
  ) as Record<InputKind, string[]>;
  const { views, status } = locateInputs(raw, expected, new Diagnostics());
  const items = INPUT_KINDS.map((kind): InputItem => {
    const view = views[kind];
    const where = view ? (view.table ? `table ${view.table} on ${view.sheet}` : `sheet ${view.sheet}`) : null;
    const count = parsed.model ? modelCount(parsed.model, kind) : view ? nonBlankRows(view) : null;
    return {
      kind,
      status: status[kind],
      required: REQUIRED_INPUT_KINDS.includes(kind),
      where,
      count: view ? count : null,
      unit: parsed.model ? UNITS[kind][1] : "rows",
    };
  });
  const inputSheets = [...new Set(INPUT_KINDS.flatMap((kind) => (views[kind] ? [views[kind].sheet] : [])))];
  return {
    items,
    diagnostics: parsed.diagnostics,
    empty: items.every((i) => i.status === "missing"),
    ready: parsed.model !== null,
    inputSheets,
  };
}
