/**
 * @jest-environment jsdom
 */
// office-js-helpers needs `window` (GUIDE §4): these tests run in jsdom.
import { DEFAULT_SETTINGS } from "../../src/core/alignment/settings";
import { hostInfo, userStorage } from "../../src/hosts/excel/office-helpers";
import {
  DEFAULT_PREFERENCES,
  loadAnalysisSettings,
  officeSettingsStore,
  refreshAnalysisSettings,
  saveAnalysisSettings,
  SETTINGS_KEY,
  userPreferences,
  validateSettings,
  type WorkbookSettingsStore,
} from "../../src/hosts/excel/settings";
import { act, renderHook } from "@testing-library/react";
import { localRunStamp, runStampParts } from "../../src/core/report/format";
import type { AnalyzeWorkbookOutcome } from "../../src/hosts/analyze-workbook";
import type { AnalysisEngine, EngineRunOptions } from "../../src/taskpane/engine";
import { createExcelServices } from "../../src/taskpane/excel-services";
import { runStampNow, useAnalysis } from "../../src/taskpane/useAnalysis";
import { FakeContext } from "./fake-excel";
import { ordinaryWorkbook } from "./workbooks";

function memoryStore(
  initial: Record<string, unknown> = {},
): WorkbookSettingsStore & { saved: number; data: Record<string, unknown> } {
  const data = { ...initial };
  return {
    data,
    saved: 0,
    get: (k) => data[k] ?? null,
    set: (k, v) => void (data[k] = v),
    async save() {
      this.saved++;
    },
  };
}

describe("workbook settings", () => {
  it("uses the defaults when nothing is stored", () => {
    expect(loadAnalysisSettings(memoryStore())).toEqual({ settings: DEFAULT_SETTINGS, messages: [] });
  });

  it("keeps valid values and replaces bad ones with defaults, saying which", () => {
    const store = memoryStore({
      [SETTINGS_KEY]: {
        asOf: 45444,
        movementWindow: 0,
        significanceLevel: 1.5,
        ragThreshold: "x",
        leverageThreshold: 0.05,
      },
    });
    const { settings, messages } = loadAnalysisSettings(store);
    expect(settings).toEqual({ ...DEFAULT_SETTINGS, asOf: 45444, leverageThreshold: 0.05 });
    expect(messages).toHaveLength(3);
    expect(messages.join(" ")).toMatch(/movementWindow.*whole number/);
    expect(validateSettings("garbage").messages[0]).toMatch(/unreadable/);
  });

  it("validates before saving, then saves into the document", async () => {
    const store = memoryStore();
    await saveAnalysisSettings(store, { ...DEFAULT_SETTINGS, movementWindow: 6 });
    expect(store.saved).toBe(1);
    expect(loadAnalysisSettings(store).settings.movementWindow).toBe(6);
    await expect(
      saveAnalysisSettings(store, { ...DEFAULT_SETTINGS, minDegreesOfFreedom: -1 }),
    ).rejects.toThrow(/minDegreesOfFreedom/);
    expect(store.saved).toBe(1);
  });

  it("wraps Office.context.document.settings with saveAsync", async () => {
    const data = new Map<string, unknown>();
    (globalThis as unknown as { Office: unknown }).Office = {
      AsyncResultStatus: { Succeeded: "succeeded", Failed: "failed" },
    };
    let status = "succeeded";
    const settings = {
      get: (k: string) => data.get(k),
      set: (k: string, v: unknown) => void data.set(k, v),
      saveAsync: (cb: (r: { status: string; error?: { message: string } }) => void) =>
        cb({ status, error: { message: "offline" } }),
    } as unknown as Office.Settings;
    const store = officeSettingsStore(settings);
    await saveAnalysisSettings(store, DEFAULT_SETTINGS);
    expect(data.get(SETTINGS_KEY)).toEqual(DEFAULT_SETTINGS);
    status = "failed";
    await expect(store.save()).rejects.toThrow(/could not be saved.*offline/);
  });
});

describe("per-user preferences through office-js-helpers Storage", () => {
  beforeEach(() => window.localStorage.clear());

  it("persists in localStorage under our container", () => {
    const store = userStorage("rpo-align-test");
    expect(store.persistent).toBe(true);
    const prefs = userPreferences(store);
    expect(prefs.get("showInfoDiagnostics")).toBe(DEFAULT_PREFERENCES.showInfoDiagnostics);
    prefs.set("showInfoDiagnostics", true);
    expect(userPreferences(userStorage("rpo-align-test")).get("showInfoDiagnostics")).toBe(true);
    expect(Object.keys(window.localStorage).some((k) => k.includes("rpo-align-test"))).toBe(true);
  });

  it("falls back to the default for a stored value of the wrong type", () => {
    const store = userStorage("rpo-align-test");
    store.set("activateSummaryAfterRun", '"yes"');
    expect(userPreferences(store).get("activateSummaryAfterRun")).toBe(true);
    store.remove("activateSummaryAfterRun");
    store.remove("never-set");
    expect(store.get("activateSummaryAfterRun")).toBeNull();
  });

  it("detects the host without Office as not an add-in", () => {
    const info = hostInfo();
    expect(info.isAddin).toBe(false);
  });
});

/**
 * Office.context.document.settings as Excel gives it: one in-memory copy per add-in instance over
 * one saved document; refreshAsync pulls the saved state, saveAsync pushes the whole copy, and the
 * other instances get SettingsChanged (after a delay, as co-authors do).
 */
class FakeDocument {
  saved: Record<string, unknown> = {};
  instances: FakeSettings[] = [];
  instance(): FakeSettings {
    const s = new FakeSettings(this);
    this.instances.push(s);
    return s;
  }
}

class FakeSettings {
  copy: Record<string, unknown> = {};
  handlers: (() => void)[] = [];
  constructor(private readonly doc: FakeDocument) {
    this.copy = JSON.parse(JSON.stringify(doc.saved)) as Record<string, unknown>;
  }
  get(k: string) {
    return this.copy[k];
  }
  set(k: string, v: unknown) {
    this.copy[k] = v;
  }
  refreshAsync(cb: (r: { status: string }) => void) {
    setTimeout(() => {
      this.copy = JSON.parse(JSON.stringify(this.doc.saved)) as Record<string, unknown>;
      cb({ status: "succeeded" });
    }, 1);
  }
  saveAsync(cb: (r: { status: string }) => void) {
    this.doc.saved = JSON.parse(JSON.stringify(this.copy)) as Record<string, unknown>;
    for (const other of this.doc.instances)
      if (other !== this) setTimeout(() => other.handlers.forEach((h) => h()), 5);
    cb({ status: "succeeded" });
  }
  addHandlerAsync(_type: string, h: () => void) {
    this.handlers.push(h);
  }
  removeHandlerAsync(_type: string, options: { handler: () => void }) {
    this.handlers = this.handlers.filter((h) => h !== options.handler);
  }
}

describe("co-authors' settings (per-instance copies)", () => {
  beforeEach(() => {
    (globalThis as unknown as { Office: unknown }).Office = {
      AsyncResultStatus: { Succeeded: "succeeded", Failed: "failed" },
      EventType: { SettingsChanged: "settingsChanged" },
    };
  });

  it("a run reads what a co-author saved (refreshAsync), and a save keeps the co-author's other keys", async () => {
    const doc = new FakeDocument();
    const mine = officeSettingsStore(doc.instance() as unknown as Office.Settings);
    const theirs = officeSettingsStore(doc.instance() as unknown as Office.Settings);
    await saveAnalysisSettings(theirs, { ...DEFAULT_SETTINGS, movementWindow: 6 });
    expect(loadAnalysisSettings(mine).settings.movementWindow).toBe(DEFAULT_SETTINGS.movementWindow); // stale copy
    expect((await refreshAnalysisSettings(mine)).settings.movementWindow).toBe(6);

    theirs.set("someone.elses.key", 1);
    await theirs.save();
    await saveAnalysisSettings(mine, { ...DEFAULT_SETTINGS, movementWindow: 9 });
    expect(doc.saved["someone.elses.key"]).toBe(1);
    expect((doc.saved[SETTINGS_KEY] as { movementWindow: number }).movementWindow).toBe(9);
  });

  it("follows SettingsChanged: the copy is refreshed, then the listener is told; unsubscribe stops it", async () => {
    const doc = new FakeDocument();
    const mine = officeSettingsStore(doc.instance() as unknown as Office.Settings);
    const theirs = officeSettingsStore(doc.instance() as unknown as Office.Settings);
    const seen: number[] = [];
    const stop = mine.onChanged!(() => seen.push(loadAnalysisSettings(mine).settings.movementWindow));
    await saveAnalysisSettings(theirs, { ...DEFAULT_SETTINGS, movementWindow: 4 });
    await new Promise((r) => setTimeout(r, 30));
    expect(seen).toEqual([4]);
    stop();
    await saveAnalysisSettings(theirs, { ...DEFAULT_SETTINGS, movementWindow: 5 });
    await new Promise((r) => setTimeout(r, 30));
    expect(seen).toEqual([4]);
  });
});

describe("the task pane's runs (useAnalysis over the Excel services)", () => {
  beforeEach(() => {
    (globalThis as unknown as { Office: unknown }).Office = {
      AsyncResultStatus: { Succeeded: "succeeded", Failed: "failed" },
      EventType: { SettingsChanged: "settingsChanged" },
    };
  });

  /** An engine that records what a run was given and writes nothing. */
  function recordingEngine() {
    const runs: EngineRunOptions[] = [];
    const engine: AnalysisEngine = {
      kind: "in-thread",
      check: () => Promise.reject(new Error("not used")),
      analyze: async (_host, options) => {
        runs.push(options);
        return { written: [], notes: [], diagnostics: [] } as unknown as AnalyzeWorkbookOutcome;
      },
      validateXlsx: async () => false,
    };
    return { engine, runs };
  }

  it("refreshes the workbook's settings before each run, so a co-author's save since the pane loaded counts", async () => {
    const doc = new FakeDocument();
    const mine = officeSettingsStore(doc.instance() as unknown as Office.Settings);
    const theirs = officeSettingsStore(doc.instance() as unknown as Office.Settings);
    const services = createExcelServices(new FakeContext(ordinaryWorkbook()).run, mine, () => true);
    const { engine, runs } = recordingEngine();
    const { result } = renderHook(() => useAnalysis(services, engine));
    const loaded = services.settings.load().settings; // what the pane shows: the defaults
    await saveAnalysisSettings(theirs, { ...DEFAULT_SETTINGS, movementWindow: 6 });
    await act(() => result.current.analyze(loaded));
    expect(runs[0].settings.movementWindow).toBe(6);
    await saveAnalysisSettings(theirs, { ...DEFAULT_SETTINGS, movementWindow: 4 });
    await act(() => result.current.analyze(loaded));
    expect(runs[1].settings.movementWindow).toBe(4);
  });

  it("stamps each run in the runner's local time with its offset", async () => {
    const services = createExcelServices(
      new FakeContext(ordinaryWorkbook()).run,
      officeSettingsStore(new FakeDocument().instance() as unknown as Office.Settings),
      () => true,
    );
    const { engine, runs } = recordingEngine();
    const { result } = renderHook(() => useAnalysis(services, engine));
    const before = Date.now();
    await act(() => result.current.analyze(DEFAULT_SETTINGS));
    const after = Date.now();
    const stamp = runs[0].runStamp;
    expect(stamp).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/);
    // The stamp names the same instant as the clock (offset included), and its offset is the zone's.
    const instant = Date.parse(stamp);
    expect(instant).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000);
    expect(instant).toBeLessThanOrEqual(after);
    expect(stamp).toBe(localRunStamp(instant, -new Date(instant).getTimezoneOffset()));
    // In a zone west of UTC (New York, summer: UTC−4) the same instant reads four hours earlier.
    expect(localRunStamp(Date.UTC(2026, 6, 1, 12, 0, 0), -240)).toBe("2026-07-01T08:00:00-04:00");
    expect(runStampParts(runStampNow(Date.UTC(2026, 6, 1, 12)))?.zone).toMatch(/^UTC/);
  });
});
