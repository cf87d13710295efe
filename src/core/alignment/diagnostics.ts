/**
 * Turns the analysis's per-fit warnings into workbook diagnostics: one per problem, not one per
 * metric (a constant lever is reported once, naming every regression it was left out of).
 */
import type { Diagnostic, Severity } from "../model/types";
import { collinearText, type SensitivityFit } from "./sensitivity";

export interface NamedFit {
  target: string;
  fit: SensitivityFit;
}

function list(names: string[]): string {
  if (names.length <= 1) return names.join("");
  return names.slice(0, -1).join(", ") + " and " + names[names.length - 1];
}

/**
 * @param fits the fits of one family (metrics on levers, or outcomes on KPIs)
 * @param columns column names of that family
 * @param sheet the Observations sheet name
 * @param family "lever" or "KPI", for messages
 * @param severity of insufficient-data diagnostics
 */
export function fitDiagnostics(
  fits: readonly NamedFit[],
  columns: readonly string[],
  sheet: string,
  family: string,
  severity: Severity,
  regression: string,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  const grouped = new Map<string, { kind: string; column: number; with: number[]; targets: string[] }>();
  for (const { target, fit } of fits) {
    for (const issue of fit.issues) {
      if (issue.kind === "insufficient") {
        out.push({ severity, code: "insufficient-data", sheet, cell: null, message: issue.message });
      }
    }
    for (const d of fit.dropped) {
      const key = `${d.kind}|${d.column}|${d.with.join(",")}`;
      const entry = grouped.get(key) ?? { kind: d.kind, column: d.column, with: d.with, targets: [] };
      entry.targets.push(target);
      grouped.set(key, entry);
    }
  }
  for (const g of grouped.values()) {
    const name = columns[g.column] ?? `${family} ${g.column + 1}`;
    const where = `${regression} of ${list(g.targets)}`;
    let code: string;
    let message: string;
    if (g.kind === "no-data") {
      code = `${family.toLowerCase()}-no-data`;
      message = `${name} has no values up to the as-of date, so it was left out of the ${where}.`;
    } else if (g.kind === "constant") {
      code = `constant-${family.toLowerCase()}`;
      message = `${name} was left out of the ${where}: it is constant over the periods used, so its effect cannot be estimated.`;
    } else {
      code = `collinear-${family.toLowerCase()}s`;
      message = `${name} was left out of the ${where}: ${collinearText(g.with.map((k) => columns[k] ?? `${family} ${k + 1}`))}`;
    }
    out.push({ severity: "warning", code, sheet, cell: null, message });
  }
  return out;
}
