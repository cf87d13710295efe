/**
 * The task pane's analysis worker, page side (worker-engine.ts) against the worker side
 * (analysis-work.ts) run in-process by a fake Worker that passes every message through
 * structuredClone, as a real worker does (a function or class instance in a message would throw).
 * The answers must equal the in-thread engine's; Cancel must end the worker at once.
 */
import { AnalysisCancelled, type PipelineStep } from "../../src/core/pipeline";
import { sampleRawWorkbook } from "../../src/core/sample/template";
import { PlaygroundWorkbook } from "../../src/hosts/playground";
import type { WorkbookHost } from "../../src/hosts/host";
import { loadHighsSolver } from "../../src/hosts/lp/highs";
import { readXlsx } from "../../src/hosts/xlsx/read";
import { XlsxHost } from "../../src/hosts/xlsx/host";
import { createWorkHandler, type WorkMessage, type WorkRequest } from "../../src/taskpane/analysis-work";
import { inThreadEngine, type EngineRunOptions } from "../../src/taskpane/engine";
import { pageEngine, WorkerEngine, type WorkerLike } from "../../src/taskpane/worker-engine";
import { DEFAULT_SETTINGS } from "../../src/core/alignment/settings";

jest.setTimeout(120_000);

/** A Worker whose other side is analysis-work.ts in this process; messages are structured clones. */
class FakeWorker implements WorkerLike {
  onmessage: WorkerLike["onmessage"] = null;
  onerror: WorkerLike["onerror"] = null;
  terminated = false;
  received: WorkRequest[] = [];
  constructor(private readonly handle: (r: WorkRequest, post: (m: WorkMessage) => void) => Promise<void>) {}
  postMessage(message: WorkRequest): void {
    if (this.terminated) return;
    const request = structuredClone(message);
    this.received.push(request);
    setImmediate(() => {
      void this.handle(request, (answer) => {
        const copy = structuredClone(answer);
        setImmediate(() => {
          if (!this.terminated) this.onmessage?.({ data: copy });
        });
      });
    });
  }
  terminate(): void {
    this.terminated = true;
  }
}

const handler = createWorkHandler({ loadSolver: () => loadHighsSolver() });

function engineWithWorkers(handle = handler) {
  const workers: FakeWorker[] = [];
  const engine = new WorkerEngine(() => {
    const w = new FakeWorker(handle);
    workers.push(w);
    return w;
  });
  return { engine, workers };
}

function runOptions(overrides: Partial<EngineRunOptions> = {}): EngineRunOptions & { steps: PipelineStep[] } {
  const steps: PipelineStep[] = [];
  return {
    settings: { ...DEFAULT_SETTINGS },
    runStamp: "2024-06-30T12:00:00.000Z",
    toolVersion: "test",
    loadSolver: () => loadHighsSolver(),
    signal: new AbortController().signal,
    onProgress: (step) => {
      if (steps[steps.length - 1] !== step) steps.push(step);
    },
    steps,
    ...overrides,
  };
}

/** A host that is not portable (like Excel): reads and writes happen on the page. */
function pageHost(bytes: Uint8Array): WorkbookHost & { inner: XlsxHost; reads: number; writes: number } {
  const inner = new XlsxHost(bytes);
  const host = {
    inner,
    reads: 0,
    writes: 0,
    read: (options?: Parameters<WorkbookHost["read"]>[0]) => {
      host.reads++;
      return inner.read(options);
    },
    write: (...args: Parameters<WorkbookHost["write"]>) => {
      host.writes++;
      return inner.write(...args);
    },
  };
  return host;
}

function sampleBytes(): Uint8Array {
  const playground = new PlaygroundWorkbook();
  playground.openSample();
  return playground.bytes()!;
}

test("check: the worker's answer equals the in-thread one, for inputs read on the page and for an .xlsx", async () => {
  const { engine, workers } = engineWithWorkers();
  const bytes = sampleBytes();
  const expected = await inThreadEngine().check(new XlsxHost(bytes), null);
  expect(expected.ready).toBe(true);

  const host = pageHost(bytes);
  expect(await engine.check(host, null)).toEqual(expected);
  expect(host.reads).toBe(1); // read on the page (Office.js stays there)

  const playground = new PlaygroundWorkbook();
  playground.open(bytes, "sample.xlsx");
  expect(await engine.check(playground, null)).toEqual(expected);
  expect(workers).toHaveLength(1); // one worker serves both
  expect(workers[0].received.map((r) => r.type)).toEqual(["check-raw", "check-xlsx"]);
});

test("analyse, Excel-like host: read and write on the page, the pipeline in the worker; same outcome as in-thread", async () => {
  const bytes = sampleBytes();
  const inThread = await inThreadEngine().analyze(new XlsxHost(bytes), runOptions());
  const { engine, workers } = engineWithWorkers();
  const host = pageHost(bytes);
  const options = runOptions();
  const outcome = await engine.analyze(host, options);

  expect(workers[0].received.map((r) => r.type)).toEqual(["compute"]);
  expect(host.reads).toBe(1);
  expect(host.writes).toBe(1);
  expect(outcome.results).toEqual(inThread.results);
  expect(outcome.specs).toEqual(inThread.specs);
  expect(outcome.written).toEqual(inThread.written);
  expect(outcome.results!.plan?.status).toBe("optimal"); // HiGHS loaded in the worker
  expect(options.steps).toEqual(["reading", "checking", "estimating", "reporting", "writing"]);
  expect(readXlsx(host.inner.bytes()).outputSheets).toEqual(expect.arrayContaining(outcome.written));
});

test("analyse, playground: read, pipeline and write all in the worker; the page adopts the written package", async () => {
  const bytes = sampleBytes();
  const inThreadHost = new XlsxHost(bytes);
  const inThread = await inThreadEngine().analyze(inThreadHost, runOptions());
  const { engine, workers } = engineWithWorkers();
  const playground = new PlaygroundWorkbook();
  playground.open(bytes, "sample.xlsx");
  const options = runOptions();
  const outcome = await engine.analyze(playground, options);

  expect(workers[0].received.map((r) => r.type)).toEqual(["analyse-xlsx"]);
  expect(outcome.results).toEqual(inThread.results);
  expect(outcome.written).toEqual(inThread.written);
  expect(options.steps).toEqual(["reading", "checking", "estimating", "reporting", "writing"]);
  const after = readXlsx(playground.bytes()!);
  const reference = readXlsx(inThreadHost.bytes());
  expect(after.outputSheets).toEqual(reference.outputSheets);
  for (const sheet of reference.sheets) {
    expect(after.sheets.find((s) => s.name === sheet.name)?.values).toEqual(sheet.values);
  }
});

test("the plan's solver cannot be loaded in the worker: the analysis runs without it and says so", async () => {
  const failing = createWorkHandler({ loadSolver: () => Promise.reject(new Error("no wasm here")) });
  const { engine } = engineWithWorkers(failing);
  const outcome = await engine.analyze(pageHost(sampleBytes()), runOptions());
  expect(outcome.results!.plan).toBeUndefined();
  expect(outcome.notes).toContain(
    "The lever plan was skipped: its solver could not be loaded (no wasm here).",
  );
});

test("Cancel terminates the worker at once; the next request starts a new one", async () => {
  let started = 0;
  const never = async () => {
    started++;
    await new Promise(() => undefined); // a pipeline that would run for minutes
  };
  const { engine, workers } = engineWithWorkers(never);
  const abort = new AbortController();
  const run = engine.analyze(new PlaygroundWorkbookWith(sampleBytes()), runOptions({ signal: abort.signal }));
  await new Promise((r) => setImmediate(r));
  await new Promise((r) => setImmediate(r));
  expect(started).toBe(1);
  const cancelledAt = Date.now();
  abort.abort();
  await expect(run).rejects.toBeInstanceOf(AnalysisCancelled);
  expect(Date.now() - cancelledAt).toBeLessThan(1000);
  expect(workers[0].terminated).toBe(true);

  // The next request gets a fresh worker.
  const check = engine.check(pageHost(sampleBytes()), null);
  await new Promise((r) => setImmediate(r));
  expect(workers).toHaveLength(2);
  expect(workers[1].terminated).toBe(false);
  void check.catch(() => undefined);
});

test("an error in the worker reaches the page with its message (a file that is not a workbook)", async () => {
  const { engine } = engineWithWorkers();
  await expect(engine.validateXlsx(new TextEncoder().encode("not a zip"))).rejects.toThrow(
    /not|zip|workbook|xlsx/i,
  );
  await expect(engine.validateXlsx(sampleBytes())).resolves.toBe(true);
});

test("the worker crashes (script error): requests in flight fail with a message, the next one restarts", async () => {
  const { engine, workers } = engineWithWorkers(async () => undefined); // never answers
  const pending = engine.check(pageHost(sampleBytes()), null);
  await new Promise((r) => setTimeout(r, 20));
  workers[0].onerror?.({ message: "Uncaught RangeError: out of memory" });
  await expect(pending).rejects.toThrow(/stopped unexpectedly \(Uncaught RangeError: out of memory\)/);
  expect(workers[0].terminated).toBe(true);
});

test("no Worker can be started: the work runs in this thread", async () => {
  const engine = new WorkerEngine(() => {
    throw new Error("SecurityError: worker-src");
  });
  const check = await engine.check(pageHost(sampleBytes()), null);
  expect(check.ready).toBe(true);
  const outcome = await engine.analyze(pageHost(sampleBytes()), runOptions());
  expect(outcome.results).not.toBeNull();
  expect(await engine.validateXlsx(sampleBytes())).toBe(false);
});

test("without a Worker global (jsdom, Node) the page engine is the in-thread one", () => {
  expect(typeof (globalThis as { Worker?: unknown }).Worker).toBe("undefined");
  expect(pageEngine().kind).toBe("in-thread");
});

/** A playground workbook opened on given bytes (portable host). */
class PlaygroundWorkbookWith extends PlaygroundWorkbook {
  constructor(bytes: Uint8Array) {
    super();
    this.open(bytes, "sample.xlsx");
  }
}

test("a raw workbook survives structured cloning unchanged (what the Excel path posts)", () => {
  const raw = sampleRawWorkbook();
  expect(structuredClone(raw)).toEqual(raw);
});
