/**
 * Where settings live. Analysis settings belong to the workbook (co-authors must get the same
 * answer): Office.context.document.settings, saved into the file with saveAsync. Preferences that
 * are a matter of taste belong to the user: localStorage through office-helpers.ts.
 *
 * Office.context.document.settings is an in-memory copy per add-in instance: a co-author's save
 * reaches this copy only through `refreshAsync`, and `saveAsync` writes the whole copy (the last
 * save wins). So the store refreshes before each run (`refreshAnalysisSettings`) and before each
 * save (`saveAnalysisSettings`), and follows Office's SettingsChanged event (`onChanged`).
 */
import { DEFAULT_SETTINGS, type AnalysisSettings } from "../../core/alignment/settings";
import type { KeyValueStore } from "./office-helpers";

/** The part of Office.Settings we use (so tests pass a plain object). */
export interface WorkbookSettingsStore {
  get(name: string): unknown;
  set(name: string, value: unknown): void;
  /** Persists the settings in the document. */
  save(): Promise<void>;
  /** Reloads what is saved in the document (co-authors' saves included). */
  refresh?(): Promise<void>;
  /** Calls `handler` when the saved settings changed (a co-author saved); returns an unsubscribe. */
  onChanged?(handler: () => void): () => void;
}

export const SETTINGS_KEY = "rpoAlign.analysisSettings";

/** Office.context.document.settings as a WorkbookSettingsStore. */
export function officeSettingsStore(
  settings: Office.Settings = Office.context.document.settings,
): WorkbookSettingsStore {
  return {
    get: (name): unknown => (settings.get(name) as unknown) ?? null,
    set: (name, value) => settings.set(name, value),
    refresh: () =>
      new Promise<void>((resolve, reject) => {
        if (typeof settings.refreshAsync !== "function") return resolve();
        settings.refreshAsync((result) => {
          if (result.status === Office.AsyncResultStatus.Succeeded) resolve();
          else
            reject(
              new Error(
                `The workbook's settings could not be refreshed: ${result.error?.message ?? "unknown error"}.`,
              ),
            );
        });
      }),
    onChanged: (handler) => {
      if (typeof settings.addHandlerAsync !== "function") return () => undefined;
      // A co-author saved: refresh our copy, then tell the listener.
      const listener = () => {
        settings.refreshAsync(() => handler());
      };
      settings.addHandlerAsync(Office.EventType.SettingsChanged, listener);
      return () => settings.removeHandlerAsync(Office.EventType.SettingsChanged, { handler: listener });
    },
    save: () =>
      new Promise<void>((resolve, reject) => {
        settings.saveAsync((result) => {
          if (result.status === Office.AsyncResultStatus.Succeeded) resolve();
          else
            reject(
              new Error(
                `The settings could not be saved in the workbook: ${result.error?.message ?? "unknown error"}.`,
              ),
            );
        });
      }),
  };
}

type Rule = { check: (v: unknown) => boolean; text: string };
const isNum = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v);
const isInt = (v: unknown): v is number => isNum(v) && Number.isInteger(v);

/** Excel serial dates from 1900-01-01 to 9999-12-31. */
const RULES: Record<keyof AnalysisSettings, Rule> = {
  asOf: { check: (v) => v === null || (isNum(v) && v >= 1 && v <= 2958465), text: "an Excel date or empty" },
  movementWindow: {
    check: (v) => isInt(v) && v >= 1 && v <= 120,
    text: "a whole number of periods from 1 to 120",
  },
  ragThreshold: { check: (v) => isNum(v) && v >= 0, text: "a number of 0 or more" },
  leverageThreshold: { check: (v) => isNum(v) && v >= 0, text: "a number of 0 or more" },
  significanceLevel: { check: (v) => isNum(v) && v > 0 && v < 1, text: "a number between 0 and 1" },
  minDegreesOfFreedom: {
    check: (v) => isInt(v) && v >= 1 && v <= 1000,
    text: "a whole number from 1 to 1000",
  },
  model: {
    check: (v) => v === "levels" || v === "changes" || v === "auto",
    text: '"levels", "changes" or "auto"',
  },
  plan: {
    check: (v) => {
      if (typeof v !== "object" || v === null) return false;
      const p = v as Record<string, unknown>;
      return (
        (p.budget === null || isNum(p.budget)) &&
        isNum(p.maxMove) &&
        p.maxMove > 0 &&
        p.maxMove <= 10 &&
        typeof p.includeUnsupported === "boolean"
      );
    },
    text: "a budget (a number or empty), a maximum move above 0 and a yes/no for unsupported levers",
  },
};

/** Stored value -> settings; bad or unknown values become defaults, each with a message. */
export function validateSettings(stored: unknown): { settings: AnalysisSettings; messages: string[] } {
  const settings: AnalysisSettings = { ...DEFAULT_SETTINGS };
  const messages: string[] = [];
  if (stored === null || stored === undefined) return { settings, messages };
  if (typeof stored !== "object" || Array.isArray(stored)) {
    return {
      settings,
      messages: ["The workbook's rpo-align settings were unreadable, so the defaults are used."],
    };
  }
  const record = stored as Record<string, unknown>;
  for (const key of Object.keys(RULES) as (keyof AnalysisSettings)[]) {
    if (!(key in record)) continue;
    const value = record[key];
    if (RULES[key].check(value)) (settings as unknown as Record<string, unknown>)[key] = value;
    else {
      messages.push(
        `The workbook setting "${key}" (${JSON.stringify(value)}) must be ${RULES[key].text}; the default ` +
          `${JSON.stringify(DEFAULT_SETTINGS[key])} is used.`,
      );
    }
  }
  return { settings, messages };
}

export function loadAnalysisSettings(store: WorkbookSettingsStore): {
  settings: AnalysisSettings;
  messages: string[];
} {
  return validateSettings(store.get(SETTINGS_KEY));
}

/** The settings as saved in the document now (refreshed first, so a co-author's save counts). */
export async function refreshAnalysisSettings(store: WorkbookSettingsStore): Promise<{
  settings: AnalysisSettings;
  messages: string[];
}> {
  await store.refresh?.();
  return loadAnalysisSettings(store);
}

/**
 * Validates, refreshes (so what co-authors saved under other keys is kept), stores and saves;
 * throws with the problems when a value is invalid.
 */
export async function saveAnalysisSettings(
  store: WorkbookSettingsStore,
  settings: AnalysisSettings,
): Promise<void> {
  const { messages } = validateSettings(settings);
  if (messages.length > 0) throw new Error(messages.join(" "));
  await store.refresh?.();
  store.set(SETTINGS_KEY, { ...settings });
  await store.save();
}

/** Per-user preferences (not shared with co-authors). */
export interface Preferences {
  /** Show the Summary sheet after a run. */
  activateSummaryAfterRun: boolean;
  /** List info-level diagnostics in the task pane. */
  showInfoDiagnostics: boolean;
}

export const DEFAULT_PREFERENCES: Preferences = { activateSummaryAfterRun: true, showInfoDiagnostics: false };

export interface UserPreferences {
  get<K extends keyof Preferences>(key: K): Preferences[K];
  set<K extends keyof Preferences>(key: K, value: Preferences[K]): void;
}

/** UserPreferences over a key/value store (office-helpers.ts userStorage() in the task pane). */
export function userPreferences(store: KeyValueStore): UserPreferences {
  return {
    get(key) {
      const text = store.get(key);
      const fallback = DEFAULT_PREFERENCES[key];
      if (text === null) return fallback;
      try {
        const value: unknown = JSON.parse(text);
        return typeof value === typeof fallback ? (value as typeof fallback) : fallback;
      } catch {
        return fallback;
      }
    },
    set(key, value) {
      store.set(key, JSON.stringify(value));
    },
  };
}
