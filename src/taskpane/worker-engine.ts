/**
 * The page's side of the analysis worker (analysis.worker.ts, protocol in analysis-work.ts).
 *
 * - Excel: the host reads through Office.js on the page; the inputs (plain data) go to the worker,
 *   which checks them or runs the pipeline; the SheetSpecs come back and the host writes them on
 *   the page.
 * - Playground (a PortableWorkbook): the .xlsx package itself goes to the worker, which reads,
 *   analyses and writes there; the page adopts the written package. Nothing big runs on the page.
 *
 * Progress messages flow back while the worker runs. Cancel terminates the worker at once (every
 * request in flight rejects as cancelled); the next request starts a new one. Where a worker
 * cannot be started at all (`new Worker` throws: no support, a blocking policy) the in-thread
 * engine takes over.
 */
import { AnalysisCancelled, type PipelineStep } from "../core/pipeline";
import { analyzeWorkbook } from "../hosts/analyze-workbook";
import { isPortable } from "../hosts/host";
import type {
  AnalyseXlsxAnswer,
  ComputeAnswer,
  WorkMessage,
  WorkRequest,
  WorkRunOptions,
} from "./analysis-work";
import { inThreadEngine, responsiveHost, type AnalysisEngine } from "./engine";
import type { InputsCheck } from "./inputs";
import { spawnAnalysisWorker } from "./spawn-worker";

/** The part of Worker the engine uses (tests pass a fake that runs analysis-work.ts in-process). */
export interface WorkerLike {
  postMessage(message: WorkRequest, transfer?: Transferable[]): void;
  terminate(): void;
  onmessage: ((event: { data: WorkMessage }) => void) | null;
  onerror: ((event: { message?: string; preventDefault?(): void }) => void) | null;
}

type Request = WorkRequest extends infer R ? (R extends { id: number } ? Omit<R, "id"> : never) : never;

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
  onProgress?: (step: PipelineStep, fraction: number) => void;
}

function workerError(name: string, message: string): Error {
  if (name === "AnalysisCancelled") return new AnalysisCancelled();
  const error = new Error(message);
  error.name = name;
  return error;
}

export class WorkerEngine implements AnalysisEngine {
  readonly kind = "worker" as const;
  private worker: WorkerLike | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  /** Set when a worker could not be started: from then on the work runs in this thread. */
  private fallback: AnalysisEngine | null = null;

  constructor(private readonly spawn: () => WorkerLike) {}

  /** Workers started so far (tests: a cancelled run ends one, the next request starts another). */
  started = 0;

  private ensureWorker(): WorkerLike | null {
    if (this.worker) return this.worker;
    if (this.fallback) return null;
    let worker: WorkerLike;
    try {
      worker = this.spawn();
    } catch {
      this.fallback = inThreadEngine();
      return null;
    }
    this.started++;
    worker.onmessage = (event) => this.receive(event.data);
    worker.onerror = (event) => {
      event.preventDefault?.();
      this.stop(
        new Error(`The analysis stopped unexpectedly (${event.message ?? "worker error"}). Try again.`),
      );
    };
    this.worker = worker;
    return worker;
  }

  private receive(message: WorkMessage): void {
    const pending = this.pending.get(message.id);
    if (!pending) return;
    if (message.type === "progress") {
      pending.onProgress?.(message.step, message.fraction);
      return;
    }
    this.pending.delete(message.id);
    if (message.type === "done") pending.resolve(message.value);
    else pending.reject(workerError(message.name, message.message));
  }

  /** Ends the worker at once; every request in flight rejects with `reason`. */
  private stop(reason: Error): void {
    const worker = this.worker;
    this.worker = null;
    worker?.terminate();
    const pending = [...this.pending.values()];
    this.pending.clear();
    for (const p of pending) p.reject(reason);
  }

  private call<T>(
    worker: WorkerLike,
    request: Request,
    options: { signal?: AbortSignal; onProgress?: (step: PipelineStep, fraction: number) => void } = {},
  ): Promise<T> {
    const { signal } = options;
    if (signal?.aborted) return Promise.reject(new AnalysisCancelled());
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      const onAbort = () => this.stop(new AnalysisCancelled());
      const settle = () => signal?.removeEventListener("abort", onAbort);
      this.pending.set(id, {
        resolve: (value) => {
          settle();
          resolve(value as T);
        },
        reject: (error) => {
          settle();
          reject(error);
        },
        onProgress: options.onProgress,
      });
      signal?.addEventListener("abort", onAbort, { once: true });
      try {
        worker.postMessage({ ...request, id });
      } catch (error) {
        this.pending.delete(id);
        settle();
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
  }

  async check(...args: Parameters<AnalysisEngine["check"]>): Promise<InputsCheck> {
    const [host, asOf] = args;
    const worker = this.ensureWorker();
    if (!worker) return this.fallback!.check(host, asOf);
    const bytes = isPortable(host) ? host.snapshot() : null;
    if (bytes) return this.call<InputsCheck>(worker, { type: "check-xlsx", bytes, asOf });
    const raw = await host.read();
    return this.call<InputsCheck>(this.ensureWorker() ?? worker, { type: "check-raw", raw, asOf });
  }

  async analyze(...args: Parameters<AnalysisEngine["analyze"]>) {
    const [host, options] = args;
    if (!this.ensureWorker()) return this.fallback!.analyze(host, options);
    const { signal, onProgress } = options;
    const run: WorkRunOptions = {
      settings: options.settings,
      runStamp: options.runStamp,
      toolVersion: options.toolVersion,
      plan: options.loadSolver !== undefined,
    };

    const bytes = isPortable(host) ? host.snapshot() : null;
    if (bytes && isPortable(host)) {
      onProgress("reading", 0);
      const answer = await this.call<AnalyseXlsxAnswer>(
        this.ensureWorker()!,
        { type: "analyse-xlsx", bytes, options: run },
        { signal, onProgress },
      );
      if (signal.aborted) throw new AnalysisCancelled();
      host.adopt(answer.bytes, bytes);
      return answer.outcome;
    }

    let planNote: string | null = null;
    const outcome = await analyzeWorkbook(responsiveHost(host), {
      settings: options.settings,
      runStamp: options.runStamp,
      toolVersion: options.toolVersion,
      face: "task pane",
      signal,
      onProgress,
      compute: async (raw, pipeline) => {
        const answer = await this.call<ComputeAnswer>(
          this.ensureWorker() ?? this.spawnOrFail(),
          { type: "compute", raw, options: run },
          { signal, onProgress: (step) => pipeline.onStep?.(step) },
        );
        planNote = answer.planNote;
        return answer.outcome;
      },
    });
    if (planNote) outcome.notes.push(planNote);
    return outcome;
  }

  private spawnOrFail(): WorkerLike {
    throw new Error("The analysis worker could not be started. Reload the task pane.");
  }

  async validateXlsx(bytes: Uint8Array): Promise<boolean> {
    const worker = this.ensureWorker();
    if (!worker) return this.fallback!.validateXlsx(bytes);
    await this.call<null>(worker, { type: "open-xlsx", bytes });
    return true;
  }
}

let shared: AnalysisEngine | null = null;

/**
 * The page's engine: one analysis worker per page, started on first use (so a runtime started only
 * for the custom functions never starts one), or in-thread where `Worker` does not exist.
 */
export function pageEngine(): AnalysisEngine {
  shared ??=
    typeof Worker === "function"
      ? new WorkerEngine(() => spawnAnalysisWorker() as unknown as WorkerLike)
      : inThreadEngine();
  return shared;
}
