/**
 * The one pipeline every face runs: RawWorkbook → parse → analyze → report specs.
 * Hosts do the reading and writing around it; the task pane, the CLI and the playground differ
 * only in the host they choose.
 */
import type { RawWorkbook } from "./model/raw";
import type { Diagnostic } from "./model/types";
import { parse } from "./model/parse";
import { analyze } from "./alignment/analyze";
import type { AnalysisResults } from "./results";
import { DEFAULT_SETTINGS, type AnalysisSettings } from "./alignment/settings";
import { buildReport } from "./report/build";
import { buildPlan } from "./plan/lever-plan";
import type { LpSolver } from "./plan/lp";
import type { PlanSettings } from "./alignment/settings";
import type { SheetSpec } from "./report/spec";
import type { ReportFace } from "./report/face";

export type PipelineStep = "reading" | "checking" | "estimating" | "reporting" | "writing";

/** The part of AbortSignal the core needs (the core is type-checked without DOM types). */
export interface CancelSignal {
  readonly aborted: boolean;
}

export interface PipelineOptions {
  settings?: Partial<AnalysisSettings>;
  /** ISO timestamp of this run, shown on the Summary sheet (the core has no clock of its own). */
  runStamp: string;
  toolVersion: string;
  /** Who runs the pipeline: the report's pointers to "all the messages" name a place this face has. */
  face?: ReportFace;
  signal?: CancelSignal;
  onStep?: (step: PipelineStep) => void;
  /** Size limit of the Observations block (default MAX_OBSERVATION_CELLS; see docs/limits.md). */
  maxObservationCells?: number;
  /**
   * Plan the levers (Plan sheet, `results.plan`) with this loaded LP solver. The core cannot load
   * WebAssembly itself, so a face that wants the plan loads a solver first (src/hosts/lp/highs.ts).
   */
  plan?: { solver: LpSolver; settings?: Partial<PlanSettings> };
}

export interface PipelineOutcome {
  /** Parse and analysis diagnostics together. */
  diagnostics: Diagnostic[];
  /** null when the workbook has errors that prevent the analysis. */
  results: AnalysisResults | null;
  /** Output sheets to write; null when there are no results. */
  specs: SheetSpec[] | null;
}

export class AnalysisCancelled extends Error {
  constructor() {
    super("The analysis was cancelled.");
    this.name = "AnalysisCancelled";
  }
}

function checkCancelled(signal: CancelSignal | undefined): void {
  if (signal?.aborted) throw new AnalysisCancelled();
}

export function runAnalysis(raw: RawWorkbook, options: PipelineOptions): PipelineOutcome {
  const settings: AnalysisSettings = { ...DEFAULT_SETTINGS, ...options.settings };
  options.onStep?.("checking");
  const parsed = parse(raw, { asOf: settings.asOf, maxObservationCells: options.maxObservationCells });
  checkCancelled(options.signal);
  if (!parsed.model) return { diagnostics: parsed.diagnostics, results: null, specs: null };

  options.onStep?.("estimating");
  const analysed = analyze(parsed.model, settings);
  const results: AnalysisResults = {
    ...analysed,
    diagnostics: [...parsed.diagnostics, ...analysed.diagnostics],
  };
  if (options.plan) {
    const plan = buildPlan(
      parsed.model,
      results,
      { ...settings.plan, ...options.plan.settings },
      options.plan.solver,
    );
    results.plan = plan;
    // The analysis succeeded whatever the plan's fate: a plan problem (no plan fits the budget, …) is at
    // most a warning in the run's diagnostics; the plan itself keeps its status and own messages.
    results.diagnostics.push(
      ...plan.diagnostics.map((d) => ({
        ...d,
        severity: d.severity === "error" ? ("warning" as const) : d.severity,
        sheet: null,
        cell: null,
      })),
    );
  }
  checkCancelled(options.signal);

  options.onStep?.("reporting");
  const specs = buildReport(results, {
    runStamp: options.runStamp,
    history: raw.history,
    settings,
    toolVersion: options.toolVersion,
    model: parsed.model,
    ...(options.face ? { face: options.face } : {}),
  });
  return { diagnostics: results.diagnostics, results, specs };
}
