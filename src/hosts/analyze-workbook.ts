/**
 * Read → analyse → write, around any WorkbookHost. The task pane, the CLI and the playground all
 * call this, so they cannot drift apart. The pure step in the middle runs in this thread unless
 * the caller passes `compute` (the task pane runs it in a Web Worker: src/taskpane/engine.ts).
 */
import type { RawWorkbook } from "../core/model/raw";
import type { WorkbookHost } from "./host";
import {
  runAnalysis,
  AnalysisCancelled,
  type PipelineOptions,
  type PipelineOutcome,
  type PipelineStep,
} from "../core/pipeline";

export interface AnalyzeWorkbookOptions extends Omit<PipelineOptions, "onStep" | "signal"> {
  signal?: AbortSignal;
  /** Step and fraction of the whole run (0..1), for a determinate progress bar. */
  onProgress?: (step: PipelineStep, fraction: number) => void;
  /** Compute only; do not write output sheets. */
  dryRun?: boolean;
  /**
   * Runs the pure pipeline (parse → analyse → plan → report) on what was read. Default:
   * `runAnalysis` in this thread. It must call `options.onStep` as the steps start (progress) and
   * reject with `AnalysisCancelled` when cancelled.
   */
  compute?: (raw: RawWorkbook, options: PipelineOptions) => Promise<PipelineOutcome>;
}

export interface AnalyzeWorkbookOutcome extends PipelineOutcome {
  written: string[];
  notes: string[];
  /** The run id the host stamped the output sheets with (Excel host), for the co-author watch. */
  runId?: string;
  /** Seconds spent per step, for the result summary and benchmarks. */
  timings: Partial<Record<PipelineStep, number>>;
}

/** Share of the progress bar each step takes; reading and writing dominate on big workbooks. */
const STEP_SPAN: Record<PipelineStep, [number, number]> = {
  reading: [0, 0.35],
  checking: [0.35, 0.45],
  estimating: [0.45, 0.7],
  reporting: [0.7, 0.75],
  writing: [0.75, 1],
};

export async function analyzeWorkbook(
  host: WorkbookHost,
  options: AnalyzeWorkbookOptions,
): Promise<AnalyzeWorkbookOutcome> {
  const timings: Partial<Record<PipelineStep, number>> = {};
  let current: PipelineStep = "reading";
  let started = now();
  const enter = (step: PipelineStep) => {
    timings[current] = (timings[current] ?? 0) + (now() - started) / 1000;
    current = step;
    started = now();
    options.onProgress?.(step, STEP_SPAN[step][0]);
  };
  const within = (step: PipelineStep, fraction: number) => {
    const [from, to] = STEP_SPAN[step];
    options.onProgress?.(step, from + (to - from) * Math.min(1, Math.max(0, fraction)));
  };

  options.onProgress?.("reading", 0);
  const raw = await host.read({ signal: options.signal, onProgress: (p) => within("reading", p.fraction) });
  if (options.signal?.aborted) throw new AnalysisCancelled();

  const { compute, ...pipelineOptions } = options;
  const outcome = compute
    ? await compute(raw, { ...pipelineOptions, onStep: enter })
    : runAnalysis(raw, { ...pipelineOptions, onStep: enter });
  if (options.signal?.aborted) throw new AnalysisCancelled();
  let written: string[] = [];
  let notes: string[] = [];
  let runId: string | undefined;
  if (outcome.specs && !options.dryRun) {
    enter("writing");
    const result = await host.write(outcome.specs, {
      signal: options.signal,
      onProgress: (p) => within("writing", p.fraction),
    });
    written = result.written;
    notes = result.notes;
    runId = result.runId;
  }
  timings[current] = (timings[current] ?? 0) + (now() - started) / 1000;
  options.onProgress?.(current, 1);
  return { ...outcome, written, notes, ...(runId ? { runId } : {}), timings };
}

function now(): number {
  return typeof performance !== "undefined" ? performance.now() : Date.now();
}
