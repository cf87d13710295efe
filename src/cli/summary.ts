/** The short plain-text summary `rpo-align analyze` prints after a run. */
import type { AnalyzeWorkbookOutcome } from "../hosts/analyze-workbook";
import { serialToIso } from "../core/dates";

const RAG_WORD = { green: "GREEN", amber: "AMBER", red: "RED  " } as const;

export function printSummary(
  outcome: AnalyzeWorkbookOutcome,
  outPath: string | null,
  write: (t: string) => void,
): void {
  const results = outcome.results;
  if (!results) return;
  const lines: string[] = [];
  lines.push(`As of ${serialToIso(results.asOf)}`);
  const count = (rag: string) => results.alignment.filter((a) => a.rag === rag).length;
  lines.push(`Alignment: ${count("green")} green, ${count("amber")} amber, ${count("red")} red`);
  const name = Math.max(5, ...results.alignment.map((a) => a.lever.length));
  for (const a of results.alignment) {
    const lever = a.lever.length > 40 ? `${a.lever.slice(0, 39)}…` : a.lever;
    lines.push(`  ${RAG_WORD[a.rag]}  ${lever.padEnd(Math.min(name, 40))}  recommend ${a.direction}`);
  }
  const changed = results.goalShift.filter((g) => g.changed);
  if (changed.length > 0) {
    lines.push(`Goal shift changed the recommendation for: ${changed.map((g) => g.lever).join(", ")}`);
  }
  const conflicts = results.actions.filter((a) => a.verdict === "conflict");
  lines.push(
    `Actions: ${results.actions.length} reviewed, ${conflicts.length} in conflict with the current goals`,
  );
  for (const c of conflicts) lines.push(`  ${serialToIso(c.date)}  ${c.requestedBy}: ${c.reason}`);
  const plan = results.plan;
  if (plan && plan.status === "optimal") {
    const pct = (v: number) => `${v >= 0 ? "+" : "−"}${Math.abs(v * 100).toFixed(1)}%`;
    const moves = plan.levers
      .filter((l) => l.relativeChange !== null && Math.abs(l.relativeChange) > 1e-9)
      .map((l) => `${l.lever} ${pct(l.relativeChange!)}`);
    const requested = plan.scenarios.find((x) => x.kind === "requested");
    lines.push(
      `Plan: ${moves.length > 0 ? moves.join(", ") : "hold every lever"}: ${pct(plan.objective)} goal score` +
        (requested ? ` (as requested: ${pct(requested.score)})` : ""),
    );
  } else if (plan) {
    lines.push(`Plan: none (${plan.diagnostics.map((d) => d.message).join(" ") || plan.status})`);
  }
  const seconds = Object.values(outcome.timings).reduce((s, t) => s + (t ?? 0), 0);
  if (outPath)
    lines.push(`Written: ${outPath} (sheets: ${outcome.written.join(", ")}) in ${seconds.toFixed(2)} s`);
  write(lines.join("\n") + "\n");
}
