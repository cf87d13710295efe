/**
 * The task pane's state machine: check the inputs, run the analysis (with progress and cancel),
 * insert the sample workbook, and notice when the inputs change after a run.
 *
 *   check:  idle → checking → checked | failed
 *   run:    idle → running (step, fraction, cancelling) → done | cancelled | failed
 *   stale:  set when an input sheet changes after a check or a run; cleared by the next one
 */
import { useCallback, useEffect, useReducer, useRef } from "react";
import type { AnalysisSettings } from "../core/alignment/settings";
import type { PipelineStep } from "../core/pipeline";
import { analyzeWorkbook, type AnalyzeWorkbookOutcome } from "../hosts/analyze-workbook";
import type { WorkbookHost } from "../hosts/host";
import type { LpSolver } from "../core/plan/lp";
import { checkInputs, type InputsCheck } from "./inputs";
import type { TaskPaneServices } from "./services";

export type CheckPhase =
  | { kind: "idle" }
  | { kind: "checking" }
  | { kind: "checked"; result: InputsCheck }
  | { kind: "failed"; message: string };

export type RunPhase =
  | { kind: "idle" }
  | { kind: "running"; step: PipelineStep; fraction: number; cancelling: boolean }
  | { kind: "done"; outcome: AnalyzeWorkbookOutcome; seconds: number }
  | { kind: "cancelled" }
  | { kind: "failed"; message: string };

export interface AnalysisState {
  check: CheckPhase;
  run: RunPhase;
  /** An input sheet changed after the last check or run. */
  stale: boolean;
  inserting: boolean;
  /** Message of a failed "Insert sample workbook". */
  insertError: string | null;
}

type Action =
  | { type: "check-start" }
  | { type: "check-done"; result: InputsCheck }
  | { type: "check-failed"; message: string }
  | { type: "run-start" }
  | { type: "progress"; step: PipelineStep; fraction: number }
  | { type: "cancel" }
  | { type: "run-done"; outcome: AnalyzeWorkbookOutcome; seconds: number }
  | { type: "run-cancelled" }
  | { type: "run-failed"; message: string }
  | { type: "stale" }
  | { type: "insert-start" }
  | { type: "insert-done"; error: string | null };

export const INITIAL_STATE: AnalysisState = {
  check: { kind: "idle" },
  run: { kind: "idle" },
  stale: false,
  inserting: false,
  insertError: null,
};

export function reducer(state: AnalysisState, action: Action): AnalysisState {
  switch (action.type) {
    case "check-start":
      return { ...state, check: { kind: "checking" } };
    case "check-done":
      return { ...state, check: { kind: "checked", result: action.result }, stale: false };
    case "check-failed":
      return { ...state, check: { kind: "failed", message: action.message } };
    case "run-start":
      return { ...state, run: { kind: "running", step: "reading", fraction: 0, cancelling: false } };
    case "progress":
      if (state.run.kind !== "running") return state;
      return { ...state, run: { ...state.run, step: action.step, fraction: action.fraction } };
    case "cancel":
      if (state.run.kind !== "running") return state;
      return { ...state, run: { ...state.run, cancelling: true } };
    case "run-done":
      return {
        ...state,
        run: { kind: "done", outcome: action.outcome, seconds: action.seconds },
        stale: false,
      };
    case "run-cancelled":
      return { ...state, run: { kind: "cancelled" } };
    case "run-failed":
      return { ...state, run: { kind: "failed", message: action.message } };
    case "stale":
      return state.stale ? state : { ...state, stale: true };
    case "insert-start":
      return { ...state, inserting: true, insertError: null };
    case "insert-done":
      return { ...state, inserting: false, insertError: action.error };
  }
}

export function isCancellation(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  const e = error as { name?: string; kind?: string };
  return e.name === "AnalysisCancelled" || e.name === "AbortError" || e.kind === "cancelled";
}

export function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === "object" && error !== null && "message" in error) return String(error.message);
  return String(error);
}

/** Lets the browser paint (progress) and handle clicks (Cancel) between long synchronous steps. */
function nextTask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** The services' host with a pause before reading and writing, and a cancel check before each. */
function responsiveHost(host: WorkbookHost): WorkbookHost {
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

function now(): number {
  return typeof performance !== "undefined" ? performance.now() : Date.now();
}

/** The plan's solver, or why there is no plan this time (the rest of the analysis runs anyway). */
async function loadPlanSolver(
  services: TaskPaneServices,
): Promise<{ solver: LpSolver | null; note: string | null }> {
  if (!services.loadSolver) return { solver: null, note: null };
  try {
    return { solver: await services.loadSolver(), note: null };
  } catch (error) {
    return {
      solver: null,
      note: `The lever plan was skipped: its solver could not be loaded (${messageOf(error)}).`,
    };
  }
}

export interface Analysis {
  state: AnalysisState;
  /** Reads the workbook and parses it: the Inputs checklist and the Problems. */
  check(settings: AnalysisSettings): Promise<void>;
  /** Runs the whole pipeline and writes the alignment sheets. */
  analyze(settings: AnalysisSettings): Promise<void>;
  cancel(): void;
  insertSample(settings: AnalysisSettings): Promise<void>;
}

export function useAnalysis(services: TaskPaneServices): Analysis {
  const [state, dispatch] = useReducer(reducer, INITIAL_STATE);
  const controller = useRef<AbortController | null>(null);
  const unsubscribe = useRef<(() => void) | null>(null);
  const mounted = useRef(true);

  const watch = useCallback(() => {
    unsubscribe.current?.();
    unsubscribe.current = services.onInputsChanged(() => {
      if (mounted.current) dispatch({ type: "stale" });
    });
  }, [services]);

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
      controller.current?.abort();
      unsubscribe.current?.();
      unsubscribe.current = null;
    };
  }, []);

  const check = useCallback(
    async (settings: AnalysisSettings) => {
      dispatch({ type: "check-start" });
      try {
        const raw = await services.host.read();
        const result = checkInputs(raw, settings.asOf);
        if (!mounted.current) return;
        dispatch({ type: "check-done", result });
        watch();
      } catch (error) {
        if (mounted.current) dispatch({ type: "check-failed", message: messageOf(error) });
      }
    },
    [services, watch],
  );

  const analyze = useCallback(
    async (settings: AnalysisSettings) => {
      controller.current?.abort();
      const abort = new AbortController();
      controller.current = abort;
      dispatch({ type: "run-start" });
      const started = now();
      try {
        const planning = await loadPlanSolver(services);
        const outcome = await analyzeWorkbook(responsiveHost(services.host), {
          ...(planning.solver ? { plan: { solver: planning.solver } } : {}),
          runStamp: services.now?.() ?? new Date().toISOString(),
          toolVersion: services.toolVersion,
          settings,
          signal: abort.signal,
          onProgress: (step, fraction) => {
            if (mounted.current && controller.current === abort)
              dispatch({ type: "progress", step, fraction });
          },
        });
        if (!mounted.current || controller.current !== abort) return;
        if (planning.note) outcome.notes.push(planning.note);
        dispatch({ type: "run-done", outcome, seconds: (now() - started) / 1000 });
        watch();
      } catch (error) {
        if (!mounted.current || controller.current !== abort) return;
        if (abort.signal.aborted || isCancellation(error)) dispatch({ type: "run-cancelled" });
        else dispatch({ type: "run-failed", message: messageOf(error) });
      } finally {
        if (controller.current === abort) controller.current = null;
      }
    },
    [services, watch],
  );

  const cancel = useCallback(() => {
    if (!controller.current) return;
    dispatch({ type: "cancel" });
    controller.current.abort();
  }, []);

  const insertSample = useCallback(
    async (settings: AnalysisSettings) => {
      dispatch({ type: "insert-start" });
      try {
        await services.insertSample();
        if (!mounted.current) return;
        dispatch({ type: "insert-done", error: null });
      } catch (error) {
        if (mounted.current) dispatch({ type: "insert-done", error: messageOf(error) });
        return;
      }
      await check(settings);
    },
    [services, check],
  );

  return { state, check, analyze, cancel, insertSample };
}
