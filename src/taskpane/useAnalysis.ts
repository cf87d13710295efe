/**
 * The task pane's state machine: check the inputs, run the analysis (with progress and cancel),
 * insert the sample workbook, and notice when the inputs change after a run.
 *
 *   check:  idle → checking → checked | failed
 *   run:    idle → running (step, fraction, cancelling) → done | cancelled | failed
 *   stale:  set when an input sheet changes after a check or a run; cleared by the next one
 *   coauthorNotice: after a run, what the co-author watch did (a co-author's duplicate set of the
 *           result sheets removed, services.watchCoauthors); cleared by the next run or dismissed
 *
 * The pure work (checking, the pipeline) runs in the page's analysis worker (worker-engine.ts;
 * in-thread where there is no Worker); the host's reads and writes stay on the page.
 */
import { useCallback, useEffect, useReducer, useRef } from "react";
import type { AnalysisSettings } from "../core/alignment/settings";
import type { PipelineStep } from "../core/pipeline";
import { localRunStamp } from "../core/report/format";
import type { AnalyzeWorkbookOutcome } from "../hosts/analyze-workbook";
import { messageOf, type AnalysisEngine } from "./engine";
import type { InputsCheck } from "./inputs";
import type { TaskPaneServices } from "./services";
import { pageEngine } from "./worker-engine";

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
  /** What the co-author watch did after the last run (non-blocking), or null. */
  coauthorNotice: string | null;
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
  | { type: "insert-done"; error: string | null }
  | { type: "coauthor-notice"; message: string | null };

export const INITIAL_STATE: AnalysisState = {
  check: { kind: "idle" },
  run: { kind: "idle" },
  stale: false,
  inserting: false,
  insertError: null,
  coauthorNotice: null,
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
      return {
        ...state,
        run: { kind: "running", step: "reading", fraction: 0, cancelling: false },
        coauthorNotice: null,
      };
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
    case "coauthor-notice":
      return { ...state, coauthorNotice: action.message };
  }
}

export function isCancellation(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  const e = error as { name?: string; kind?: string };
  return e.name === "AnalysisCancelled" || e.name === "AbortError" || e.kind === "cancelled";
}

export { messageOf };

/** Progress is shown when the step changes or the bar moved by this much (at most ~100 renders a run). */
const PROGRESS_STEP = 0.01;

function now(): number {
  return typeof performance !== "undefined" ? performance.now() : Date.now();
}

/** This instant in the runner's local time with its offset ("2026-11-29T07:51:15+01:00"). */
export function runStampNow(epochMs = Date.now()): string {
  return localRunStamp(epochMs, -new Date(epochMs).getTimezoneOffset());
}

export interface Analysis {
  state: AnalysisState;
  /** Reads the workbook and parses it: the Inputs checklist and the Problems. */
  check: (settings: AnalysisSettings) => Promise<void>;
  /** Runs the whole pipeline and writes the alignment sheets. */
  analyze: (settings: AnalysisSettings) => Promise<void>;
  cancel: () => void;
  insertSample: (settings: AnalysisSettings) => Promise<void>;
  /** Hides the co-author notice. */
  dismissCoauthorNotice: () => void;
}

export function useAnalysis(services: TaskPaneServices, engine: AnalysisEngine = pageEngine()): Analysis {
  const [state, dispatch] = useReducer(reducer, INITIAL_STATE);
  const controller = useRef<AbortController | null>(null);
  const unsubscribe = useRef<(() => void) | null>(null);
  const mounted = useRef(true);
  /** Ends the co-author watch of the last run (services.watchCoauthors). */
  const stopCoauthorWatch = useRef<(() => void) | null>(null);
  const endCoauthorWatch = useCallback(() => {
    stopCoauthorWatch.current?.();
    stopCoauthorWatch.current = null;
  }, []);

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
      endCoauthorWatch();
    };
  }, [endCoauthorWatch]);

  const check = useCallback(
    async (settings: AnalysisSettings) => {
      dispatch({ type: "check-start" });
      try {
        const result = await engine.check(services.host, settings.asOf);
        if (!mounted.current) return;
        // A transition: React renders the checklist and problems in slices, yielding to the page.
        dispatch({ type: "check-done", result });
        watch();
      } catch (error) {
        if (mounted.current) dispatch({ type: "check-failed", message: messageOf(error) });
      }
    },
    [services, engine, watch],
  );

  const analyze = useCallback(
    async (settings: AnalysisSettings) => {
      controller.current?.abort();
      const abort = new AbortController();
      controller.current = abort;
      endCoauthorWatch(); // this run handles a duplicate set itself
      dispatch({ type: "run-start" });
      const started = now();
      let shown: { step: PipelineStep | null; fraction: number } = { step: null, fraction: 0 };
      try {
        // A co-author may have saved other settings since this pane loaded them: the workbook's
        // saved settings are the ones every co-author's run uses.
        const fresh = services.settings.refresh ? (await services.settings.refresh()).settings : settings;
        abort.signal.throwIfAborted();
        const outcome = await engine.analyze(services.host, {
          ...(services.loadSolver ? { loadSolver: () => services.loadSolver!() } : {}),
          runStamp: services.now?.() ?? runStampNow(),
          toolVersion: services.toolVersion,
          settings: fresh,
          signal: abort.signal,
          onProgress: (step, fraction) => {
            if (!mounted.current || controller.current !== abort) return;
            if (step === shown.step && Math.abs(fraction - shown.fraction) < PROGRESS_STEP) return;
            shown = { step, fraction };
            dispatch({ type: "progress", step, fraction });
          },
        });
        if (!mounted.current || controller.current !== abort) return;
        const seconds = (now() - started) / 1000;
        dispatch({ type: "run-done", outcome, seconds });
        watch();
        if (services.watchCoauthors && outcome.runId && outcome.written.length > 0) {
          stopCoauthorWatch.current = services.watchCoauthors(
            { runId: outcome.runId, written: outcome.written },
            (message) => {
              if (mounted.current) dispatch({ type: "coauthor-notice", message });
            },
          );
        }
      } catch (error) {
        if (!mounted.current || controller.current !== abort) return;
        if (abort.signal.aborted || isCancellation(error)) dispatch({ type: "run-cancelled" });
        else dispatch({ type: "run-failed", message: messageOf(error) });
      } finally {
        if (controller.current === abort) controller.current = null;
      }
    },
    [services, engine, watch, endCoauthorWatch],
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

  const dismissCoauthorNotice = useCallback(() => dispatch({ type: "coauthor-notice", message: null }), []);

  return { state, check, analyze, cancel, insertSample, dismissCoauthorNotice };
}
