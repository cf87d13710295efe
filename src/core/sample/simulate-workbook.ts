/**
 * A simulated engagement (simulate.ts) as the workbook a host would read: the five input sheets with
 * their documented headers (docs/workbook-format.md), values only. parse() of this workbook gives
 * back the simulator's Model exactly (test/inference/simulate.test.ts), so the Monte Carlo judges the
 * same input a user's workbook would be.
 */
import type { CellValue, RawSheet, RawWorkbook } from "../model/raw";
import type { Model } from "../model/types";

function sheet(name: string, rows: CellValue[][]): RawSheet {
  return { name, originRow: 0, originCol: 0, values: rows };
}

export function engagementRawWorkbook(model: Model): RawWorkbook {
  const { observations: obs } = model;
  const names = [...model.levers.map((l) => l.name), ...model.metrics.map((m) => m.name)];
  const sheets = [
    sheet("Levers", [
      ["Lever", "Category", "Unit", "Current", "Min", "Max"],
      ...model.levers.map((l) => [l.name, l.category, l.unit, l.current, l.min, l.max]),
    ]),
    sheet("Metrics", [
      ["Metric", "Layer", "Unit", "Better", "Lag"],
      ...model.metrics.map((m) => [m.name, m.layer, m.unit, m.better, m.lag]),
    ]),
    sheet("Goals", [
      ["Goal", "Metric", "Direction", "Weight", "Effective from"],
      ...model.goalSets.flatMap((set) =>
        set.goals.map((g) => [g.goal, g.metric, g.direction, g.weight, set.effectiveFrom]),
      ),
    ]),
    sheet("Observations", [
      ["Period", ...names],
      ...obs.periods.map((p, t) => [p, ...names.map((name) => obs.series[name]?.[t] ?? null)]),
    ]),
    sheet("Actions", [
      ["Date", "Lever", "New value", "Requested by", "Rationale"],
      ...model.actions.map((a) => [a.date, a.lever, a.newValue, a.requestedBy, a.rationale]),
    ]),
  ];
  return { sheets, tables: [], sheetNames: sheets.map((s) => s.name), outputSheets: [], history: null };
}
