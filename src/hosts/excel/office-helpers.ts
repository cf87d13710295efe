/**
 * The one module that touches @microsoft/office-js-helpers (archived upstream, 2018; rxjs 5 and
 * core-js 2 inside). We use two things from it: host/platform detection and its namespaced
 * localStorage wrapper. Most of the library needs `window`; in Node (no window) both helpers
 * degrade: no host, and in-memory storage.
 */
import { Storage, StorageType, Utilities } from "@microsoft/office-js-helpers";

export interface KeyValueStore {
  get(key: string): string | null;
  set(key: string, value: string): void;
  remove(key: string): void;
}

export interface HostInfo {
  /** "EXCEL", "WEB", ... as office-js-helpers names it; null outside a browser. */
  host: string | null;
  /** "PC", "MAC", "OFFICE_ONLINE", "IOS"; null when unknown. */
  platform: string | null;
  isAddin: boolean;
}

export function hostInfo(): HostInfo {
  if (typeof window === "undefined") return { host: null, platform: null, isAddin: false };
  try {
    return { host: Utilities.host ?? null, platform: Utilities.platform ?? null, isAddin: Utilities.isAddin };
  } catch {
    return { host: null, platform: null, isAddin: false };
  }
}

function localStorageWorks(): boolean {
  try {
    if (typeof window === "undefined" || !window.localStorage) return false;
    const probe = "__rpo_align_probe__";
    window.localStorage.setItem(probe, probe);
    window.localStorage.removeItem(probe);
    return true;
  } catch {
    return false; // blocked (private mode, third-party storage disabled)
  }
}

/**
 * Per-user key/value storage (this browser profile / Office installation), namespaced under
 * `container`. Falls back to memory when localStorage is unavailable; `persistent` says which.
 */
export function userStorage(container = "rpo-align"): KeyValueStore & { persistent: boolean } {
  const persistent = localStorageWorks();
  const storage = new Storage<string>(
    container,
    persistent ? StorageType.LocalStorage : StorageType.InMemoryStorage,
  );
  return {
    persistent,
    // Storage.get gives null for a missing key (and Storage.has is true for it), so test the value.
    get: (key) => {
      const value: unknown = storage.get(key);
      if (value === null || value === undefined) return null;
      if (typeof value === "object") return JSON.stringify(value);
      return typeof value === "string" || typeof value === "number" || typeof value === "boolean"
        ? String(value)
        : null;
    },
    set: (key, value) => void storage.set(key, value),
    remove: (key) => {
      const value: unknown = storage.get(key);
      if (value !== null && value !== undefined) storage.delete(key);
    },
  };
}
