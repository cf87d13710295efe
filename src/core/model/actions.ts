/**
 * The optional Actions input: lever changes the client asked for, reviewed against what happened.
 * Actions never stop the analysis: every problem here is a warning and the action (or, when the
 * header is broken, the whole input) is left out of the review.
 */
import { matchKey } from "./input-cells";
import { serialToIso } from "../dates";
import { Diagnostics, quote, sentence } from "./diagnostics";
import { findHeader, type ColumnSpec } from "./header";
import type { Parsed } from "./levers";
import { reportHiddenRows, type GridView } from "./locate";
import { dataRows, readDateColumn, readNumberCell, readTextCell } from "./read";
import { closest } from "./suggest";
import type { Action, Lever } from "./types";

export const ACTION_COLUMNS: readonly ColumnSpec[] = [
  { key: "date", header: "Date", required: true },
  { key: "lever", header: "Lever", required: true },
  { key: "value", header: "New value", required: true },
  { key: "by", header: "Requested by", required: false },
  { key: "why", header: "Rationale", required: false },
];

export interface ActionsContext {
  /** Every lever listed in Levers. */
  levers: readonly Lever[];
  /** False when Levers could not be read: action levers are then not checked (that error is reported already). */
  leversReadable: boolean;
  /** Levers left out of the analysis (no observations). */
  excludedLevers: ReadonlySet<string>;
  /** First and last period of the history, or null when unknown. */
  history: { first: number; last: number } | null;
}

export function parseActions(view: GridView | null, ctx: ActionsContext, diags: Diagnostics): Parsed<Action> {
  if (view === null) return { items: [], readable: false, rowCount: 0 };
  const header = findHeader(view, ACTION_COLUMNS, diags, "warning");
  if (header === null) {
    diags.warning(
      "missing-column",
      view.sheet,
      null,
      `${sentence(view.label)} cannot be read, so no action is reviewed; fix its header to have the actions reviewed.`,
    );
    return { items: [], readable: false, rowCount: 0 };
  }
  const col = (key: string) => header.columns.get(key);
  const rows = dataRows(view, header, [...header.columns.values()]);
  const dates = readDateColumn(view, rows, col("date") as number, diags, {
    header: "Date",
    severity: "warning",
  });
  const leverByKey = new Map(ctx.levers.map((l) => [matchKey(l.name), l]));
  const ignored = "; the action is not reviewed.";
  const actions: Action[] = [];

  for (const r of rows) {
    const at = (key: string) => view.address(r, col(key) as number);
    const date = dates.get(r);
    if (date === null) {
      diags.warning(
        "missing-date",
        view.sheet,
        at("date"),
        `The action has no Date${ignored} Enter the date it took effect.`,
      );
    }
    const leverText = readTextCell(view, r, col("lever"), diags, "Lever", "warning");
    let lever: Lever | undefined;
    if (leverText !== undefined) {
      lever = leverByKey.get(matchKey(leverText));
      if (lever === undefined && !ctx.leversReadable) continue;
      if (lever === undefined) {
        const near =
          leverText === ""
            ? null
            : closest(
                leverText,
                ctx.levers.map((l) => l.name),
              );
        diags.warning(
          "unknown-lever",
          view.sheet,
          at("lever"),
          `${leverText === "" ? "The action names no lever" : `${quote(leverText)} is not a lever in Levers`}${ignored}` +
            (near === null ? " Enter a lever name from Levers." : ` Did you mean ${quote(near)}?`),
        );
      } else if (ctx.excludedLevers.has(lever.name)) {
        diags.warning(
          "lever-not-analysed",
          view.sheet,
          at("lever"),
          `Lever ${quote(lever.name)} has no observations, so this action cannot be reviewed.`,
        );
        lever = undefined;
      }
    }
    const newValue = readNumberCell(view, r, col("value"), diags, { what: "New value", severity: "warning" });
    const requestedBy = readTextCell(view, r, col("by"), diags, "Requested by", "warning") ?? "";
    const rationale = readTextCell(view, r, col("why"), diags, "Rationale", "warning") ?? "";
    if (typeof date !== "number" || lever === undefined || newValue === undefined) continue;
    if (ctx.history && (date < ctx.history.first || date > ctx.history.last)) {
      diags.info(
        "action-outside-history",
        view.sheet,
        at("date"),
        date < ctx.history.first
          ? `The action on ${quote(lever.name)} is dated ${serialToIso(date)}, before the observed periods ` +
              `(${serialToIso(ctx.history.first)} to ${serialToIso(ctx.history.last)}); it is listed on Action Review ` +
              `without a measured effect (there is no history before it to compare with).`
          : `The action on ${quote(lever.name)} is dated ${serialToIso(date)}, after the last observed period ` +
              `(${serialToIso(ctx.history.last)}); it is listed on Action Review as "not yet measurable" until ` +
              `Observations has periods after it.`,
      );
    }
    actions.push({
      date,
      lever: lever.name,
      newValue,
      requestedBy,
      rationale,
      source: { sheet: view.sheet, cell: at("lever") },
    });
  }
  reportHiddenRows(view, rows, diags);
  actions.sort((a, b) => a.date - b.date);
  return { items: actions, readable: true, rowCount: rows.length };
}
