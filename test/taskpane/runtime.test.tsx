/**
 * @jest-environment jsdom
 *
 * The pane in Excel's shared runtime: nothing is checked while the runtime runs hidden (started
 * only for the custom functions); links never navigate the runtime page; APIs newer than the
 * manifest's ExcelApi 1.9 are asked for with isSetSupported first.
 */
import "./setup";
import { act, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { buildReport } from "../../src/core/report/build";
import { newRunId, writeOutputs } from "../../src/hosts/excel/write";
import { FakeContext } from "../excel/fake-excel";
import { ordinaryWorkbook } from "../excel/workbooks";
import { makeOptions, makeResults } from "../report/fixtures";
import { App, DOCS_URL } from "../../src/taskpane/App";
import { createExcelServices } from "../../src/taskpane/excel-services";
import { apiSupport, apiSupported, openExternal } from "../../src/taskpane/office-api";
import { paneVisibility, type PaneVisibility, type VisibilityEnv } from "../../src/taskpane/visibility";
import type { WorkbookSettingsStore } from "../../src/hosts/excel/settings";
import { fakeServices } from "./fakes";

afterEach(() => {
  delete (globalThis as { Office?: unknown }).Office;
  document.body.innerHTML = "";
  jest.restoreAllMocks();
});

/** A visibility the test switches. */
function switchable(initial: boolean): PaneVisibility & { set(v: boolean): void } {
  let visible = initial;
  const listeners = new Set<() => void>();
  return {
    visible: () => visible,
    subscribe: (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    set(v) {
      visible = v;
      listeners.forEach((l) => l());
    },
  };
}

describe("start-up check only when the pane is on screen", () => {
  test("hidden runtime (custom functions only): no read, no check; shown: one check", async () => {
    const services = fakeServices();
    const visibility = switchable(false);
    render(
      <App
        status={{ kind: "excel", platform: "PC" }}
        dark={false}
        services={services}
        visibility={visibility}
      />,
    );
    await act(async () => new Promise((r) => setTimeout(r, 50)));
    expect(services.host.reads).toBe(0);
    expect(screen.queryByRole("list", { name: "Input sheets" })).toBeNull();

    act(() => visibility.set(true));
    await screen.findByRole("list", { name: "Input sheets" });
    expect(services.host.reads).toBe(1);

    // Hidden and shown again: the pane keeps its state, no second start-up check.
    act(() => visibility.set(false));
    act(() => visibility.set(true));
    await act(async () => new Promise((r) => setTimeout(r, 50)));
    expect(services.host.reads).toBe(1);
  });

  function env(overrides: Partial<VisibilityEnv> = {}) {
    const handlers: ((args: { visibilityMode: string }) => void)[] = [];
    const events = new Map<string, () => void>();
    const base: VisibilityEnv = {
      document: { visibilityState: "visible", addEventListener: (t, cb) => events.set(t, cb) },
      window: { innerWidth: 320, innerHeight: 800, addEventListener: (t, cb) => events.set(t, cb) },
      addin: {
        onVisibilityModeChanged: (h) => {
          handlers.push(h);
          return Promise.resolve(() => Promise.resolve());
        },
      },
      ...overrides,
    };
    return { base, handlers, events };
  }

  test("Office's visibility event decides once it has spoken", () => {
    const { base, handlers } = env();
    const v = paneVisibility(base);
    expect(v.visible()).toBe(true); // no event yet: the page is displayed
    const seen: boolean[] = [];
    v.subscribe(() => seen.push(v.visible()));
    handlers[0]({ visibilityMode: "Hidden" });
    expect(v.visible()).toBe(false);
    handlers[0]({ visibilityMode: "Taskpane" });
    expect(v.visible()).toBe(true);
    expect(seen).toEqual([false, true]);
  });

  test("before any event: a hidden web view or a 0 × 0 frame is not visible", () => {
    const hiddenDoc = env({ document: { visibilityState: "hidden" } });
    expect(paneVisibility(hiddenDoc.base).visible()).toBe(false);
    const zero = env({ window: { innerWidth: 0, innerHeight: 0 } });
    expect(paneVisibility(zero.base).visible()).toBe(false);
    // No Office (playground): the page decides.
    expect(paneVisibility({ ...env().base, addin: undefined }).visible()).toBe(true);
  });

  test("a client without onVisibilityModeChanged (rejects or throws): the page signals decide", async () => {
    const rejecting = paneVisibility({
      ...env().base,
      addin: { onVisibilityModeChanged: () => Promise.reject(new Error("not supported")) },
    });
    const throwing = paneVisibility({
      ...env().base,
      addin: {
        onVisibilityModeChanged: () => {
          throw new Error("not supported");
        },
      },
    });
    await Promise.resolve();
    expect(rejecting.visible()).toBe(true);
    expect(throwing.visible()).toBe(true);
  });
});

describe("links open outside the runtime page", () => {
  test("in Office: Office.context.ui.openBrowserWindow, and the page does not navigate", async () => {
    const opened: string[] = [];
    (globalThis as { Office?: unknown }).Office = {
      context: { ui: { openBrowserWindow: (u: string) => opened.push(u) } },
    };
    const open = jest.spyOn(window, "open").mockImplementation(() => null);
    render(<App status={{ kind: "excel", platform: "PC" }} dark={false} services={null} />);
    const link = screen.getByRole("link", { name: "Functions" });
    const before = window.location.href;
    const event = new MouseEvent("click", { bubbles: true, cancelable: true });
    link.dispatchEvent(event);
    expect(event.defaultPrevented).toBe(true);
    expect(opened).toEqual([DOCS_URL]);
    expect(open).not.toHaveBeenCalled();
    expect(window.location.href).toBe(before);
  });

  test("without openBrowserWindow (playground, older clients): a new window without an opener", () => {
    const open = jest.spyOn(window, "open").mockImplementation(() => null);
    render(<App status={{ kind: "outside" }} dark={false} services={null} />);
    const link = screen.getByRole("link", { name: "Functions" });
    expect(link.getAttribute("target")).toBe("_blank");
    expect(link.getAttribute("rel")).toContain("noopener");
    fireEvent.click(link);
    expect(open).toHaveBeenCalledWith(DOCS_URL, "_blank", "noopener,noreferrer");
  });

  test("openBrowserWindow throws: falls back to a new window", () => {
    (globalThis as { Office?: unknown }).Office = {
      context: {
        ui: {
          openBrowserWindow: () => {
            throw new Error("blocked");
          },
        },
      },
    };
    const open = jest.spyOn(window, "open").mockImplementation(() => null);
    openExternal("https://example.com/x");
    expect(open).toHaveBeenCalledWith("https://example.com/x", "_blank", "noopener,noreferrer");
  });
});

describe("requirement sets", () => {
  test("apiSupported asks Office; false outside Office or when it throws", () => {
    expect(apiSupported("ExcelApi", "1.9")).toBe(false);
    expect(apiSupport("ExcelApi", "1.9")).toBeNull(); // outside Office: no answer
    const asked: [string, string | undefined][] = [];
    (globalThis as { Office?: unknown }).Office = {
      context: {
        requirements: {
          isSetSupported: (n: string, v?: string) => {
            asked.push([n, v]);
            return v === "1.9";
          },
        },
      },
    };
    expect(apiSupported("ExcelApi", "1.9")).toBe(true);
    expect(apiSupported("ExcelApi", "1.17")).toBe(false);
    expect(asked).toEqual([
      ["ExcelApi", "1.9"],
      ["ExcelApi", "1.17"],
    ]);
    (globalThis as { Office?: unknown }).Office = {
      context: {
        requirements: {
          isSetSupported: () => {
            throw new Error("no");
          },
        },
      },
    };
    expect(apiSupported("ExcelApi", "1.9")).toBe(false);
  });

  test("change events (WorksheetCollection.onChanged, ExcelApi 1.9) are not subscribed where unsupported", () => {
    const run = jest.fn(() => Promise.reject(new Error("no Excel")));
    const store: WorkbookSettingsStore = {
      get: () => undefined,
      set: () => undefined,
      save: async () => undefined,
    };
    const asked: string[] = [];
    const services = createExcelServices(run, store, (set, version) => {
      asked.push(`${set} ${version}`);
      return false;
    });
    const unsubscribe = services.onInputsChanged(() => undefined);
    expect(asked).toEqual(["ExcelApi 1.9"]);
    expect(run).not.toHaveBeenCalled();
    unsubscribe();
  });

  test("by default the subscription is skipped only when Office says ExcelApi 1.9 is missing", () => {
    const store: WorkbookSettingsStore = {
      get: () => undefined,
      set: () => undefined,
      save: async () => undefined,
    };
    (globalThis as { Office?: unknown }).Office = {
      context: { requirements: { isSetSupported: () => false } },
    };
    const run = jest.fn(() => Promise.reject(new Error("no Excel")));
    createExcelServices(run, store).onInputsChanged(() => undefined)();
    expect(run).not.toHaveBeenCalled();
    delete (globalThis as { Office?: unknown }).Office; // Office cannot say: the manifest's 1.9 holds
    const run2 = jest.fn(() => Promise.reject(new Error("no Excel")));
    createExcelServices(run2, store).onInputsChanged(() => undefined)();
    expect(run2).toHaveBeenCalled();
  });
});

describe("the co-author watch in Excel (services.watchCoauthors)", () => {
  test("without worksheet events, regaining focus is when the pane looks: the duplicate set is removed and the pane told; ending the watch removes the handler", async () => {
    const wb = ordinaryWorkbook();
    for (const s of wb.sheets.filter((x) => x.names.some((n) => n.name === "RpoAlign_Output")))
      wb.removeSheet(s);
    const context = new FakeContext(wb);
    const runId = newRunId(Date.now(), () => 0.1);
    const out = await writeOutputs(
      context as unknown as Excel.RequestContext,
      buildReport(makeResults(), makeOptions()),
      {
        runId,
      },
    );
    const store: WorkbookSettingsStore = {
      get: () => undefined,
      set: () => undefined,
      save: async () => undefined,
    };
    const services = createExcelServices(context.run, store);
    const notices: string[] = [];
    const stop = services.watchCoauthors!({ runId, written: out.written }, (m) => notices.push(m));
    await new Promise((r) => setTimeout(r, 5));
    expect(wb.addedHandlers).toHaveLength(1);
    // A co-author's set, as their overlapping first analysis leaves it, arrives without an event.
    const theirs = newRunId(Date.now() + 1000, () => 0.9);
    for (const name of out.written) {
      const original = wb.find(name)!;
      const names = original.names.map((n) =>
        n.name === "RpoAlign_Run" || n.name === "RpoAlign_Created"
          ? { ...n, formula: `="${theirs}"` }
          : { ...n },
      );
      wb.addSheet(`${name} (2)`, undefined, { names });
    }
    act(() => void window.dispatchEvent(new Event("focus")));
    await waitFor(() => expect(notices).toHaveLength(1));
    expect(notices[0]).toMatch(/It now keeps one set of results: yours, the run of \d\d:\d\d, in "Summary"/);
    expect(wb.sheets.filter((s) => / \(2\)$/.test(s.name))).toEqual([]);
    stop();
    await waitFor(() => expect(wb.addedHandlers).toEqual([]));
  });
});
