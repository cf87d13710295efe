/**
 * Where the task pane's pure work runs: checking the inputs and the pipeline (parse → analyse →
 * plan → report). In a browser it runs in a Web Worker (worker-engine.ts), so the page's thread —
 * in Excel's shared runtime also the custom functions' thread — never runs a long task; Office.js
 * reads and writes stay on the page. Where `Worker` does not exist (jsdom tests, old web views)
 * the same work runs in this thread (`inThreadEngine`), yielding between steps.
 */
import type { AnalysisSettings } from "../core/alignment/settings";
import type { LpSolver } from "../core/plan/lp";
import type { PipelineStep } from "../core/pipeline";
import { analyzeWorkbook, type AnalyzeWorkbookOutcome } from "../hosts/analyze-workbook";
import type { WorkbookHost } from "../hosts/host";
import { checkInputs, type InputsCheck } from "./inputs";

export interface EngineRunOptions {
  settings: AnalysisSettings;
  /** ISO timestamp of the run (Summary sheet). */
  runStamp: string;
  toolVersion: string;
  /**
   * Present when the lever plan is wanted: loads its LP solver on the page (in-thread engine).
   * The worker engine loads HiGHS inside the worker instead.
   */
  loadSolver?: () => Promise<LpSolver>;
  signal: AbortSignal;
  onProgress: (step: PipelineStep, fraction: number) => void;
}

export interface AnalysisEngine {
  /** "worker" or "in-thread": where the pure work runs. */
  readonly kind: "worker" | "in-thread";
  /** Reads the workbook (through the host) and checks its inputs. */
  check(host: WorkbookHost, asOf: number | null): Promise<InputsCheck>;
  /**
   * Reads, analyses and writes; rejects with a cancellation when `signal` aborts (the worker
   * engine ends its worker at once).
   */
  analyze(host: WorkbookHost, options: EngineRunOptions): Promise<AnalyzeWorkbookOutcome>;
  /**
   * Reads an .xlsx package to see that it is a workbook we can read (throws the reader's message).
   * Resolves true when it did; false when this engine leaves it to the caller (in-thread).
   */
  validateXlsx(bytes: Uint8Array): Promise<boolean>;
}

export function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === "object" && error !== null && "message" in error) return String(error.message);
  return String(error);
}

/** The plan's solver, or why there is no plan this time (the rest of the analysis runs anyway). */
export async function loadPlanSolver(
  load: (() => Promise<LpSolver>) | undefined,
): Promise<{ solver: LpSolver | null; note: string | null }> {
  if (!load) return { solver: null, note: null };
  try {
    return { solver: await load(), note: null };
  } catch (error) {
    return {
      solver: null,
      note: `The lever plan was skipped: its solver could not be loaded (${messageOf(error)}).`,
    };
  }
}

/** Lets the browser paint (progress) and handle clicks (Cancel) between long synchronous steps. */
export function nextTask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** The host with a pause before reading and writing, and a cancel check before each. */
export function responsiveHost(host: WorkbookHost): WorkbookHost {
  return {
    read: async (options) => {
      await nextTask();
      options?.signal?.throwIfAborted();
      return host.read(options);
    },
    write: async (specs, options) => {
      await nextTask();
      options?.signal?.throwIfAborted();
      return host.write(specs, options);
    },
  };
}

/** Everything in this thread: the fallback where there is no Worker. */
export function inThreadEngine(): AnalysisEngine {
  return {
    kind: "in-thread",
    async check(host, asOf) {
      return checkInputs(await host.read(), asOf);
    },
    async analyze(host, options) {
      const planning = await loadPlanSolver(options.loadSolver);
      const outcome = await analyzeWorkbook(responsiveHost(host), {
        ...(planning.solver ? { plan: { solver: planning.solver } } : {}),
        runStamp: options.runStamp,
        toolVersion: options.toolVersion,
        face: "task pane",
        settings: options.settings,
        signal: options.signal,
        onProgress: options.onProgress,
      });
      if (planning.note) outcome.notes.push(planning.note);
      return outcome;
    },
    validateXlsx: () => Promise.resolve(false),
  };
}
