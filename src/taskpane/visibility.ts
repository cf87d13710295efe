/**
 * Is the task pane on screen? In the shared runtime (docs/architecture.md) the page also starts
 * when only the custom functions or a ribbon command need it, with the pane hidden; nothing may be
 * checked or analysed then (it would read the workbook and start the analysis worker for nobody,
 * on the thread the functions run on). The pane's start-up check waits until this says visible.
 *
 * Signals, most authoritative first:
 * 1. `Office.addin.onVisibilityModeChanged` (SharedRuntime 1.1): "Taskpane" or "Hidden", sent when
 *    Office shows or hides the pane (Microsoft: "Show or hide the task pane of your Office Add-in").
 *    Once it has spoken, its answer stands until the next event.
 * 2. Before any such event: the Page Visibility API (`document.visibilityState`: a web view that
 *    is not displayed is "hidden") and the viewport's size (a runtime page kept in a hidden frame
 *    lays out at 0 × 0). Both are re-read on `visibilitychange` and `resize`.
 */

export interface PaneVisibility {
  visible: () => boolean;
  /** Calls `listener` whenever `visible()` may have changed; returns the unsubscribe function. */
  subscribe: (listener: () => void) => () => void;
}

/** What the visibility is read from (the page's globals by default; tests pass their own). */
export interface VisibilityEnv {
  document?: { visibilityState?: string; addEventListener?(type: string, cb: () => void): void };
  window?: { innerWidth: number; innerHeight: number; addEventListener?(type: string, cb: () => void): void };
  /** Office.addin, when office.js is loaded. */
  addin?: {
    onVisibilityModeChanged?(handler: (args: { visibilityMode: string }) => void): Promise<unknown>;
  };
}

function pageEnv(): VisibilityEnv {
  let addin: VisibilityEnv["addin"];
  try {
    addin = typeof Office !== "undefined" ? Office.addin : undefined;
  } catch {
    addin = undefined;
  }
  return {
    document: typeof document !== "undefined" ? document : undefined,
    window: typeof window !== "undefined" ? window : undefined,
    addin,
  };
}

export function paneVisibility(env: VisibilityEnv = pageEnv()): PaneVisibility {
  /** The last visibility mode Office announced, or null before any. */
  let announced: boolean | null = null;
  const listeners = new Set<() => void>();
  const notify = () => listeners.forEach((listener) => listener());

  const fromPage = (): boolean => {
    const state = env.document?.visibilityState;
    if (state !== undefined && state !== "visible") return false;
    const w = env.window;
    return !w || (w.innerWidth > 0 && w.innerHeight > 0);
  };

  env.document?.addEventListener?.("visibilitychange", notify);
  env.window?.addEventListener?.("resize", notify);
  try {
    void env.addin
      ?.onVisibilityModeChanged?.((args) => {
        announced = args.visibilityMode === "Taskpane";
        notify();
      })
      ?.catch(() => undefined); // older clients: the page signals decide
  } catch {
    // onVisibilityModeChanged unsupported here
  }

  return {
    visible: () => announced ?? fromPage(),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

let shared: PaneVisibility | null = null;

/** The page's visibility (one subscription to Office per page). */
export function pageVisibility(): PaneVisibility {
  shared ??= paneVisibility();
  return shared;
}
