/** Collecting diagnostics while parsing, and printing them for the CLI. */
import { sheetReference } from "./address";
import type { Diagnostic, Severity } from "./types";

/** Every diagnostic code parse() can emit (docs/workbook-format.md explains each one). */
export const DIAGNOSTIC_CODES = [
  "missing-input",
  "ambiguous-input",
  "using-table",
  "no-actions",
  "missing-header",
  "missing-column",
  "duplicate-column",
  "unrecognised-column",
  "extra-columns",
  "hidden-rows",
  "missing-name",
  "duplicate-name",
  "name-conflict",
  "reserved-name",
  "text-in-number",
  "boolean-in-number",
  "error-value",
  "missing-value",
  "blank-current",
  "min-above-max",
  "current-outside-bounds",
  "invalid-layer",
  "invalid-better",
  "invalid-lag",
  "invalid-direction",
  "blank-goal-name",
  "unknown-metric",
  "invalid-weight",
  "duplicate-goal-metric",
  "goal-against-better",
  "goal-weights-normalised",
  "invalid-date",
  "missing-date",
  "date-order",
  "mixed-date-order",
  "missing-series",
  "empty-series",
  "empty-lever",
  "missing-values",
  "duplicate-period",
  "periods-reordered",
  "trailing-empty-periods",
  "no-levers",
  "no-metrics",
  "no-goals",
  "no-observations",
  "no-goal-set-in-force",
  "as-of-outside-history",
  "unknown-lever",
  "lever-not-analysed",
  "action-outside-history",
  "too-large",
  "scenario-missing-name",
  "scenario-duplicate-lever",
  "scenario-blank-value",
] as const;

export type DiagnosticCode = (typeof DIAGNOSTIC_CODES)[number];

export class Diagnostics {
  readonly list: Diagnostic[] = [];

  add(
    severity: Severity,
    code: DiagnosticCode,
    sheet: string | null,
    cell: string | null,
    message: string,
  ): void {
    this.list.push({ severity, code, sheet, cell, message });
  }
  error(code: DiagnosticCode, sheet: string | null, cell: string | null, message: string): void {
    this.add("error", code, sheet, cell, message);
  }
  warning(code: DiagnosticCode, sheet: string | null, cell: string | null, message: string): void {
    this.add("warning", code, sheet, cell, message);
  }
  info(code: DiagnosticCode, sheet: string | null, cell: string | null, message: string): void {
    this.add("info", code, sheet, cell, message);
  }
  get errorCount(): number {
    return this.list.filter((d) => d.severity === "error").length;
  }
}

/**
 * User text inside a message: in single quotes, verbatim, shortened past 80 characters so a
 * pasted paragraph does not swamp the message.
 */
export function quote(text: string): string {
  const chars = Array.from(text);
  return `'${chars.length > 80 ? chars.slice(0, 77).join("") + "…" : text}'`;
}

/** Upper-cases the first letter, for labels that start a sentence. */
export function sentence(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A list for messages: "A, B and C". */
export function listText(items: readonly string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

const SEVERITY_LABEL: Record<Severity, string> = { error: "Error", warning: "Warning", info: "Info" };

/** One line for the CLI: "Error Observations!D17: …", "Error Levers: …", or "Error: …". */
export function formatDiagnostic(d: Diagnostic): string {
  const label = SEVERITY_LABEL[d.severity];
  if (d.sheet === null) return `${label}: ${d.message}`;
  const place = sheetReference(d.sheet) + (d.cell ? `!${d.cell}` : "");
  return `${label} ${place}: ${d.message}`;
}
