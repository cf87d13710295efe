/**
 * What the task pane needs from its surroundings. Components receive these operations as props,
 * so the UI runs (and is tested) without Office: Excel provides one implementation
 * (excel-services.ts), the browser playground another (playground.tsx), the tests a fake.
 */
import type { AnalysisSettings } from "../core/alignment/settings";
import type { WorkbookHost } from "../hosts/host";
import type { LpSolver } from "../core/plan/lp";

/** The workbook's analysis settings (Excel: document settings shared with co-authors; playground: memory). */
export interface SettingsService {
  /** Current settings and messages about stored values that were invalid (defaults used instead). */
  load(): { settings: AnalysisSettings; messages: string[] };
  /** Validates and stores; rejects with the problems when a value is invalid. */
  save(settings: AnalysisSettings): Promise<void>;
  /**
   * The settings as saved in the workbook now, after reloading what co-authors saved (Excel:
   * `refreshAsync`). The task pane calls it before each run. Absent: `load()` is always current.
   */
  refresh?(): Promise<{ settings: AnalysisSettings; messages: string[] }>;
  /** Calls `onChange` with the new settings when a co-author saved (Excel: SettingsChanged). */
  onChanged?(onChange: (settings: AnalysisSettings) => void): () => void;
}

export interface TaskPaneServices {
  /** "excel" inside Excel; "playground" in a plain browser on an .xlsx held in memory. */
  kind: "excel" | "playground";
  /** Where the workbook lives. Read on every use (the playground swaps workbooks). */
  readonly host: WorkbookHost;
  /** Selects a cell (a problem's place) in the workbook; absent where nothing can be selected. */
  select?(sheet: string, cell: string | null): Promise<void>;
  /** Shows a sheet (an output sheet after a run); absent where there is no sheet view. */
  activateSheet?(name: string): Promise<void>;
  /**
   * Calls `onChange` when one of the input sheets of the last read changes. Returns the
   * unsubscribe function.
   */
  onInputsChanged(onChange: () => void): () => void;
  settings: SettingsService;
  /**
   * After a run that wrote output sheets: watches for a co-author's duplicate set of them arriving
   * and removes it at once, calling `onNotice` with what happened (Excel: coauthor-watch.ts, for
   * 10 minutes). Returns the function that ends the watch. Absent: no co-authors (playground).
   */
  watchCoauthors?(run: { runId: string; written: string[] }, onNotice: (message: string) => void): () => void;
  /** Adds the sample engagement's input sheets (About, Levers, Metrics, Goals, Observations, Actions). */
  insertSample(): Promise<void>;
  /** Saves the workbook (with the alignment sheets) to the user's disk; playground only. */
  download?(): void;
  /**
   * Loads the LP solver for the lever plan (HiGHS as WebAssembly, fetched on first use). Absent:
   * the analysis runs without the Plan sheet.
   */
  loadSolver?(): Promise<LpSolver>;
  /** Version written on the Summary sheet. */
  toolVersion: string;
  /**
   * ISO 8601 stamp of a run (tests pass a fixed clock). Absent: the local time with its offset
   * (`localRunStamp`), so the Summary's "Run time" reads as the runner's clock with its zone.
   */
  now?(): string;
}
