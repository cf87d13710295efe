import type { OutValue, SheetSpec } from "../../src/core/report/spec";
import { buildSampleWorkbook } from "../../src/core/sample/template";

/**
 * The sample engagement (240 months) with its Observations stretched to `periods` consecutive
 * days (rows repeat the monthly history): the size of a `periods`-period workbook that analyses.
 * Used by the Excel budget test and the task-pane benchmark (20,000 periods).
 */
export function stretchedSampleSpecs(periods: number): SheetSpec[] {
  const specs = buildSampleWorkbook({ months: 240 });
  const obs = specs.find((s) => s.name === "Observations")!;
  const [head, ...rows] = obs.values;
  const first = rows[0][0] as number;
  const values: OutValue[][] = [head];
  for (let i = 0; i < periods; i++) values.push([first + i, ...rows[i % rows.length].slice(1)]);
  const styles = obs.styles.map((run) =>
    run.range.row > 0 ? { ...run, range: { ...run.range, rowEnd: periods } } : run,
  );
  return specs.map((s) => (s === obs ? { ...obs, values, styles } : s));
}
