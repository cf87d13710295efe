/**
 * Task pane entry: renders the pane at once, then again when Office.js says where it runs.
 *
 * - Inside Excel: the Excel services (excel-services.ts) over Excel.run.
 * - Outside Office (office.js could not load: `typeof Office === "undefined"`, or Office.onReady
 *   answers host: null): the browser playground, loaded with import() as a separate chunk so the
 *   in-Excel bundle carries neither the xlsx host nor the sample workbook.
 *
 * The theme follows Office's when it is known, otherwise the browser's light/dark preference
 * (and its changes). The first commit is marked "rpo-align:first-render" (performance marks) for
 * the budgets in docs/taskpane.md.
 */
import { useEffect, type ReactElement } from "react";
import { createRoot } from "react-dom/client";
import { App, type HostStatus } from "./App";
import { createExcelServices } from "./excel-services";
import type { TaskPaneServices } from "./services";

export const FIRST_RENDER_MARK = "rpo-align:first-render";
export const READY_MARK = "rpo-align:ready";

/** True/false for a dark/light Office theme, null when Office does not say. */
export function officeThemeIsDark(): boolean | null {
  try {
    const background = Office.context?.officeTheme?.bodyBackgroundColor;
    const match = typeof background === "string" ? /^#?([0-9a-f]{6})$/i.exec(background.trim()) : null;
    if (!match) return null;
    const rgb = parseInt(match[1], 16);
    const [r, g, b] = [(rgb >> 16) & 0xff, (rgb >> 8) & 0xff, rgb & 0xff];
    return 0.2126 * r + 0.7152 * g + 0.0722 * b < 128;
  } catch {
    return null; // officeTheme is not available on every platform
  }
}

function darkQuery(): MediaQueryList | null {
  return typeof window.matchMedia === "function" ? window.matchMedia("(prefers-color-scheme: dark)") : null;
}

function browserPrefersDark(): boolean {
  return darkQuery()?.matches ?? false;
}

function mark(name: string): void {
  if (typeof performance !== "undefined" && typeof performance.mark === "function") {
    if (performance.getEntriesByName(name).length === 0) performance.mark(name);
  }
}

/** Marks a performance entry when first committed. */
function Marked({ name, children }: { name: string; children: ReactElement }) {
  useEffect(() => mark(name), [name]);
  return children;
}

export function start(container: HTMLElement): void {
  const root = createRoot(container);
  let dark = browserPrefersDark();
  let officeTheme = false;
  let view: (dark: boolean) => ReactElement = (d) => <App status={{ kind: "starting" }} dark={d} />;
  const show = (next: (dark: boolean) => ReactElement) => {
    view = next;
    root.render(<Marked name={FIRST_RENDER_MARK}>{view(dark)}</Marked>);
  };
  darkQuery()?.addEventListener?.("change", (e) => {
    if (officeTheme) return;
    dark = e.matches;
    show(view);
  });

  const excel = (platform: string | null) => {
    const status: HostStatus = { kind: "excel", platform };
    let services: TaskPaneServices | null = null;
    let error: string | null = null;
    try {
      services = createExcelServices();
    } catch (e) {
      error = e instanceof Error ? e.message : String(e);
    }
    show((d) => (
      <Marked name={READY_MARK}>
        <App status={status} dark={d} services={services} loadError={error} />
      </Marked>
    ));
  };

  const playground = () => {
    show((d) => <App status={{ kind: "outside" }} dark={d} />);
    import(/* webpackChunkName: "playground" */ "./playground").then(
      ({ PlaygroundApp }) =>
        show((d) => (
          <Marked name={READY_MARK}>
            <PlaygroundApp dark={d} />
          </Marked>
        )),
      (e: unknown) =>
        show((d) => (
          <App
            status={{ kind: "outside" }}
            dark={d}
            loadError={`The playground could not be loaded (${e instanceof Error ? e.message : String(e)}). Reload the page.`}
          />
        )),
    );
  };

  if (typeof Office === "undefined") {
    playground();
    return;
  }
  show(view);
  void Office.onReady((info) => {
    const fromOffice = officeThemeIsDark();
    if (fromOffice !== null) {
      officeTheme = true;
      dark = fromOffice;
    }
    if (info.host === Office.HostType.Excel) excel(info.platform ? String(info.platform) : null);
    else playground();
  });
}

const container = document.getElementById("container");
if (container) start(container);
