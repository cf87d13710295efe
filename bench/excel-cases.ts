/**
 * The engagements the Excel host's request sizes are measured on (test/excel/real-runtime.test.ts
 * and `npm run bench:excel`): the sample workbook, a long one (20,000 periods x 12 series) and a
 * wide one (50 levers x 50 metrics x 400 periods). Each is analysed by the core's pipeline, so the
 * output sheets are the ones a user would get.
 */
import { runAnalysis } from "../src/core/pipeline";
import type { RawWorkbook } from "../src/core/model/raw";
import type { SheetSpec } from "../src/core/report/spec";
import { sampleRawWorkbook, sheetAsRead } from "../src/core/sample/template";
import { scaleWorkbookSpecs, type ScaleShape } from "./scale-input";

export interface ExcelCase {
  label: string;
  raw: () => RawWorkbook;
}

/** A generated engagement (bench/scale-input.ts) as a host would read it. */
export function scaleRawWorkbook(shape: ScaleShape): RawWorkbook {
  const specs = scaleWorkbookSpecs(shape);
  return {
    sheets: specs.map(sheetAsRead),
    tables: [],
    sheetNames: specs.map((s) => s.name),
    outputSheets: [],
    history: null,
  };
}

export const EXCEL_CASES: ExcelCase[] = [
  { label: "sample", raw: () => sampleRawWorkbook() },
  {
    label: "20,000 periods x 12 series",
    raw: () => scaleRawWorkbook({ periods: 20_000, levers: 6, metrics: 6 }),
  },
  {
    label: "50 levers x 50 metrics x 400 periods",
    raw: () => scaleRawWorkbook({ periods: 400, levers: 50, metrics: 50 }),
  },
];

/** The output sheets of one case (runStamp fixed so runs are comparable). */
export function caseSpecs(c: ExcelCase, runStamp = "2024-06-01T00:00:00Z"): SheetSpec[] {
  const outcome = runAnalysis(c.raw(), { runStamp, toolVersion: "bench" });
  if (!outcome.specs) {
    const errors = outcome.diagnostics.filter((d) => d.severity === "error").map((d) => d.message);
    throw new Error(`${c.label}: the analysis gave no results (${errors.slice(0, 3).join("; ")})`);
  }
  return outcome.specs;
}
