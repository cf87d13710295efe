/** Fake TaskPaneServices and hosts for the task pane tests: no Office, no .xlsx. */
import { DEFAULT_SETTINGS, type AnalysisSettings } from "../../src/core/alignment/settings";
import type { RawWorkbook } from "../../src/core/model/raw";
import type { SheetSpec } from "../../src/core/report/spec";
import { sampleRawWorkbook } from "../../src/core/sample/template";
import type { HostProgress, WorkbookHost, WriteOutcome } from "../../src/hosts/host";
import type { TaskPaneServices } from "../../src/taskpane/services";

export const EMPTY_WORKBOOK: RawWorkbook = {
  sheets: [],
  tables: [],
  sheetNames: ["Sheet1"],
  outputSheets: [],
  history: null,
};

type Options = { signal?: AbortSignal; onProgress?: (p: HostProgress) => void };

let sample: RawWorkbook | null = null;
/** The sample workbook as read (cached: generating it takes a moment). */
export function sampleWorkbook(): RawWorkbook {
  sample ??= sampleRawWorkbook();
  return clone(sample);
}

/** A host over a RawWorkbook in memory; writes record the sheet names. */
export class MemoryHost implements WorkbookHost {
  written: SheetSpec[][] = [];
  reads = 0;
  /** When set, read() waits for it (to observe progress and cancel). */
  gate: Promise<void> | null = null;
  constructor(public raw: RawWorkbook) {}

  async read(options: Options = {}): Promise<RawWorkbook> {
    this.reads++;
    options.onProgress?.({ step: "reading", fraction: 0.5 });
    if (this.gate) {
      const gate = this.gate;
      await new Promise<void>((resolve, reject) => {
        options.signal?.addEventListener("abort", () =>
          reject(new DOMException("The operation was aborted.", "AbortError")),
        );
        void gate.then(resolve);
      });
    }
    options.signal?.throwIfAborted();
    return clone(this.raw);
  }

  async write(specs: SheetSpec[], options: Options = {}): Promise<WriteOutcome> {
    options.signal?.throwIfAborted();
    this.written.push(specs);
    return { written: specs.map((s) => s.name), notes: [], runId: `memory-run-${this.written.length}` };
  }
}

export interface FakeServices extends TaskPaneServices {
  host: MemoryHost;
  selected: [string, string | null][];
  activated: string[];
  /** Simulates an edit of an input sheet (calls the current subscribers). */
  changeInputs(): void;
  subscribers: Set<() => void>;
  saved: AnalysisSettings[];
  /** The co-author watches the pane started (Excel kind), in order. */
  watches: {
    run: { runId: string; written: string[] };
    onNotice: (message: string) => void;
    stopped: boolean;
  }[];
}

export function fakeServices(raw: RawWorkbook = sampleWorkbook(), kind: "excel" | "playground" = "excel") {
  const host = new MemoryHost(raw);
  const subscribers = new Set<() => void>();
  const services: FakeServices = {
    kind,
    host,
    selected: [],
    activated: [],
    subscribers,
    saved: [],
    watches: [],
    select: kind === "excel" ? async (sheet, cell) => void services.selected.push([sheet, cell]) : undefined,
    activateSheet: kind === "excel" ? async (name) => void services.activated.push(name) : undefined,
    onInputsChanged(onChange) {
      subscribers.add(onChange);
      return () => subscribers.delete(onChange);
    },
    changeInputs() {
      for (const s of [...subscribers]) s();
    },
    settings: {
      load: () => ({ settings: { ...DEFAULT_SETTINGS }, messages: [] }),
      save: async (s) => void services.saved.push(s),
    },
    ...(kind === "excel"
      ? {
          watchCoauthors: (
            run: { runId: string; written: string[] },
            onNotice: (message: string) => void,
          ) => {
            const watch = { run, onNotice, stopped: false };
            services.watches.push(watch);
            return () => void (watch.stopped = true);
          },
        }
      : {}),
    insertSample: async () => {
      host.raw = sampleWorkbook();
    },
    toolVersion: "0.0.0-test",
    now: () => "2025-06-01T12:00:00.000Z",
  };
  return services;
}

function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
