/**
 * TaskPaneServices inside Excel: the Excel host, cell selection, sheet activation, change events
 * and the workbook's settings. Every Excel.run goes through `run` (Excel.run in production, a fake
 * in tests). The sample workbook and the code that inserts it are loaded only when asked for.
 */
import type { AnalysisSettings } from "../core/alignment/settings";
import { TOOL_VERSION } from "../core/version";
import { loadBrowserSolver } from "./solver";
import type { WorkbookHost } from "../hosts/host";
import { inputSheetNames, watchInputChanges } from "../hosts/excel/changes";
import { watchCoauthorDuplicates } from "../hosts/excel/coauthor-watch";
import { ExcelHost } from "../hosts/excel/host";
import { activateSheet, selectCell } from "../hosts/excel/navigate";
import { excelRun, type ExcelRun } from "../hosts/excel/run";
import {
  loadAnalysisSettings,
  officeSettingsStore,
  refreshAnalysisSettings,
  saveAnalysisSettings,
  type WorkbookSettingsStore,
} from "../hosts/excel/settings";
import { apiSupport } from "./office-api";
import type { TaskPaneServices } from "./services";

/**
 * WorksheetCollection.onChanged (staleness) needs ExcelApi 1.9, which the manifest requires: it is
 * skipped only when Office says the set is missing.
 */
export const CHANGE_EVENTS_SET = ["ExcelApi", "1.9"] as const;

export function createExcelServices(
  run: ExcelRun = excelRun,
  store: WorkbookSettingsStore = officeSettingsStore(),
  supports: (set: string, version: string) => boolean = (set, version) => apiSupport(set, version) !== false,
): TaskPaneServices {
  const excel = new ExcelHost(run);
  /** The worksheets the last read took its inputs from (what staleness watches). */
  let inputSheets: string[] = [];
  const host: WorkbookHost = {
    read: async (options) => {
      const raw = await excel.read(options);
      inputSheets = inputSheetNames(raw);
      return raw;
    },
    write: (specs, options) => excel.write(specs, options),
  };

  return {
    kind: "excel",
    host,
    select: (sheet, cell) => (cell ? selectCell(run, sheet, cell) : activateSheet(run, sheet)),
    activateSheet: (name) => activateSheet(run, name),
    onInputsChanged(onChange) {
      // Older Excel without the event: staleness is simply not shown.
      if (!supports(...CHANGE_EVENTS_SET)) return () => undefined;
      let stop: (() => Promise<void>) | null = null;
      let stopped = false;
      watchInputChanges(run, inputSheets, () => onChange())
        .then((unsubscribe) => {
          if (stopped) void unsubscribe().catch(() => undefined);
          else stop = unsubscribe;
        })
        .catch(() => undefined); // no change events (older Excel): staleness is simply not shown
      return () => {
        stopped = true;
        if (stop) void stop().catch(() => undefined);
      };
    },
    watchCoauthors(watched, onNotice) {
      const watch = watchCoauthorDuplicates(run, watched, (outcome) => onNotice(outcome.message), {
        triggers: paneMoments,
      });
      return () => void watch.stop();
    },
    settings: {
      load: () => loadAnalysisSettings(store),
      save: (settings) => saveAnalysisSettings(store, settings),
      refresh: () => refreshAnalysisSettings(store),
      ...(store.onChanged
        ? {
            onChanged: (onChange: (settings: AnalysisSettings) => void) =>
              store.onChanged!(() => onChange(loadAnalysisSettings(store).settings)),
          }
        : {}),
    },
    async insertSample() {
      const [{ buildSampleWorkbook }, { insertSheets }] = await Promise.all([
        import(/* webpackChunkName: "sample" */ "../core/sample/template"),
        import(/* webpackChunkName: "sample" */ "../hosts/excel/insert"),
      ]);
      await insertSheets(run, buildSampleWorkbook(), { activate: "About" });
    },
    loadSolver: loadBrowserSolver,
    toolVersion: TOOL_VERSION,
  };
}

/**
 * The pane's moments to look for a co-author's duplicate set when Excel delivers no worksheet
 * event: its next idle moment (requestIdleCallback, else one second later) and whenever it
 * regains focus or becomes visible again. Returns the function that removes them.
 */
export function paneMoments(check: () => void): () => void {
  if (typeof window === "undefined") return () => undefined;
  const idle =
    typeof window.requestIdleCallback === "function"
      ? (
          (id) => () =>
            window.cancelIdleCallback(id)
        )(window.requestIdleCallback(() => check(), { timeout: 5000 }))
      : (
          (id) => () =>
            window.clearTimeout(id)
        )(window.setTimeout(check, 1000));
  const onVisible = () => {
    if (document.visibilityState !== "hidden") check();
  };
  window.addEventListener("focus", check);
  document.addEventListener("visibilitychange", onVisible);
  return () => {
    idle();
    window.removeEventListener("focus", check);
    document.removeEventListener("visibilitychange", onVisible);
  };
}
