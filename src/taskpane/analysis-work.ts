/**
 * The analysis worker's side (src/taskpane/analysis.worker.ts wires it to `self`): requests and
 * answers are plain data (structured clone), so nothing here touches the DOM, Office.js or React.
 *
 *   check-raw     inputs read on the page (Excel)        → InputsCheck
 *   check-xlsx    an .xlsx package (playground)           → InputsCheck
 *   open-xlsx     an .xlsx package to validate            → null (or the reader's error)
 *   compute       inputs read on the page (Excel)        → PipelineOutcome (the page writes)
 *   analyse-xlsx  an .xlsx package (playground)           → read, pipeline and write all here:
 *                                                           the outcome and the written package
 *
 * While a request runs, `progress` messages carry the step (and fraction) back to the page.
 */
import type { AnalysisSettings } from "../core/alignment/settings";
import type { RawWorkbook } from "../core/model/raw";
import type { LpSolver } from "../core/plan/lp";
import { runAnalysis, type PipelineOptions, type PipelineOutcome, type PipelineStep } from "../core/pipeline";
import { analyzeWorkbook, type AnalyzeWorkbookOutcome } from "../hosts/analyze-workbook";
import { loadPlanSolver } from "./engine";
import { checkInputs, type InputsCheck } from "./inputs";

/** A run's options as data (no functions): `plan` asks the worker to load the LP solver. */
export interface WorkRunOptions {
  settings: AnalysisSettings;
  runStamp: string;
  toolVersion: string;
  plan: boolean;
}

export type WorkRequest =
  | { id: number; type: "check-raw"; raw: RawWorkbook; asOf: number | null }
  | { id: number; type: "check-xlsx"; bytes: Uint8Array; asOf: number | null }
  | { id: number; type: "open-xlsx"; bytes: Uint8Array }
  | { id: number; type: "compute"; raw: RawWorkbook; options: WorkRunOptions }
  | { id: number; type: "analyse-xlsx"; bytes: Uint8Array; options: WorkRunOptions };

export interface ComputeAnswer {
  outcome: PipelineOutcome;
  /** Why the plan was skipped (its solver could not be loaded), or null. */
  planNote: string | null;
}

export interface AnalyseXlsxAnswer {
  outcome: AnalyzeWorkbookOutcome;
  /** The package with the output sheets written. */
  bytes: Uint8Array;
}

export type WorkAnswer = InputsCheck | ComputeAnswer | AnalyseXlsxAnswer | null;

export type WorkMessage =
  | { id: number; type: "progress"; step: PipelineStep; fraction: number }
  | { id: number; type: "done"; value: WorkAnswer }
  | { id: number; type: "error"; name: string; message: string };

export type Post = (message: WorkMessage, transfer?: Transferable[]) => void;

/** Handles one request, posting progress and then exactly one `done` or `error`. */
export function createWorkHandler(deps: { loadSolver: () => Promise<LpSolver> }) {
  const xlsxHost = () => import(/* webpackChunkName: "worker-xlsx" */ "../hosts/xlsx/host");

  async function answer(request: WorkRequest, post: Post): Promise<[WorkAnswer, Transferable[]]> {
    const progress = (step: PipelineStep, fraction: number) =>
      post({ id: request.id, type: "progress", step, fraction });
    switch (request.type) {
      case "check-raw":
        return [checkInputs(request.raw, request.asOf), []];
      case "check-xlsx": {
        const { XlsxHost } = await xlsxHost();
        return [checkInputs(await new XlsxHost(request.bytes).read(), request.asOf), []];
      }
      case "open-xlsx": {
        const { readXlsx } = await import(/* webpackChunkName: "worker-xlsx" */ "../hosts/xlsx/read");
        readXlsx(request.bytes);
        return [null, []];
      }
      case "compute": {
        const planning = await loadPlanSolver(request.options.plan ? deps.loadSolver : undefined);
        const options: PipelineOptions = {
          settings: request.options.settings,
          runStamp: request.options.runStamp,
          toolVersion: request.options.toolVersion,
          face: "task pane",
          ...(planning.solver ? { plan: { solver: planning.solver } } : {}),
          onStep: (step) => progress(step, 0),
        };
        return [{ outcome: runAnalysis(request.raw, options), planNote: planning.note }, []];
      }
      case "analyse-xlsx": {
        const [{ XlsxHost }, planning] = await Promise.all([
          xlsxHost(),
          loadPlanSolver(request.options.plan ? deps.loadSolver : undefined),
        ]);
        const host = new XlsxHost(request.bytes);
        const outcome = await analyzeWorkbook(host, {
          settings: request.options.settings,
          runStamp: request.options.runStamp,
          toolVersion: request.options.toolVersion,
          face: "task pane",
          ...(planning.solver ? { plan: { solver: planning.solver } } : {}),
          onProgress: progress,
        });
        if (planning.note) outcome.notes.push(planning.note);
        const bytes = host.bytes();
        return [{ outcome, bytes }, [bytes.buffer as ArrayBuffer]];
      }
    }
  }

  return async function handle(request: WorkRequest, post: Post): Promise<void> {
    try {
      const [value, transfer] = await answer(request, post);
      post({ id: request.id, type: "done", value }, transfer);
    } catch (error) {
      const e = error instanceof Error ? error : new Error(String(error));
      post({ id: request.id, type: "error", name: e.name, message: e.message });
    }
  };
}
