/**
 * The pane's few direct uses of Office's common API, each guarded (the pane also runs where
 * office.js is missing or answers host: null, and on clients with older requirement sets).
 *
 * - `apiSupported`: `Office.context.requirements.isSetSupported`. The manifest requires ExcelApi
 *   1.9 (every client with SharedRuntime 1.1 has it); anything newer is asked for here first.
 * - `openExternal`: a link opens in the user's browser, never in the runtime page: in the shared
 *   runtime that page also hosts the custom functions, which would lose their host if it
 *   navigated. `Office.context.ui.openBrowserWindow` (OpenBrowserWindowApi 1.1) where Office has
 *   it, else a new window without an opener.
 */

interface OfficeLike {
  context?: {
    requirements?: { isSetSupported?(name: string, minVersion?: string): boolean };
    ui?: { openBrowserWindow?(url: string): void };
  };
}

function office(): OfficeLike | null {
  return typeof Office === "undefined" ? null : Office;
}

/** Office's answer for a requirement set: true or false, or null when Office cannot say. */
export function apiSupport(name: string, minVersion: string): boolean | null {
  try {
    const answer = office()?.context?.requirements?.isSetSupported?.(name, minVersion);
    return typeof answer === "boolean" ? answer : null;
  } catch {
    return null;
  }
}

/** True only when Office says the requirement set is supported (for APIs newer than the manifest's). */
export function apiSupported(name: string, minVersion: string): boolean {
  return apiSupport(name, minVersion) === true;
}

/** Opens `url` outside the runtime page (see above). */
export function openExternal(url: string): void {
  const ui = office()?.context?.ui;
  if (typeof ui?.openBrowserWindow === "function") {
    try {
      ui.openBrowserWindow(url);
      return;
    } catch {
      // fall through to a new window
    }
  }
  window.open(url, "_blank", "noopener,noreferrer");
}
