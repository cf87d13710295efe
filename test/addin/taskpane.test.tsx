/**
 * @jest-environment jsdom
 *
 * The task pane renders outside Office: with office.js absent (typeof Office === "undefined") and
 * with office.js loaded in a plain browser (Office.onReady answers host: null), and inside Excel.
 */
import { act, render, screen } from "@testing-library/react";
import { App } from "../../src/taskpane/App";
import { start } from "../../src/taskpane/index";

type ReadyInfo = { host: string | null; platform: string | null };

function fakeOffice(info: ReadyInfo, bodyBackgroundColor?: string) {
  return {
    HostType: { Excel: "Excel" },
    context: bodyBackgroundColor ? { officeTheme: { bodyBackgroundColor } } : {},
    onReady: (callback: (i: ReadyInfo) => void) => {
      callback(info);
      return Promise.resolve(info);
    },
  };
}

async function startWith(office: unknown): Promise<HTMLElement> {
  const container = document.createElement("div");
  document.body.appendChild(container);
  const g = globalThis as { Office?: unknown };
  if (office === undefined) delete g.Office;
  else g.Office = office;
  await act(async () => start(container));
  return container;
}

afterEach(() => {
  delete (globalThis as { Office?: unknown }).Office;
  document.body.innerHTML = "";
});

test("App says what the add-in does and that the analysis is not built yet", () => {
  render(<App status={{ kind: "outside" }} dark={false} />);
  expect(screen.getByRole("heading", { level: 1 }).textContent).toBe("RPO Align");
  expect(screen.getByText("What this add-in does")).toBeTruthy();
  expect(screen.getByText(/Not built yet/)).toBeTruthy();
  expect(screen.getByText("Not running in Excel")).toBeTruthy();
});

test("renders when office.js could not load at all", async () => {
  const container = await startWith(undefined);
  expect(container.textContent).toContain("Not running in Excel");
  expect(container.textContent).toContain("=RPO.REGRESS(");
});

test("renders in a browser where Office.onReady answers host: null", async () => {
  const container = await startWith(fakeOffice({ host: null, platform: null }));
  expect(container.textContent).toContain("Not running in Excel");
});

test("inside Excel: connected, with a dark Office theme followed", async () => {
  const container = await startWith(fakeOffice({ host: "Excel", platform: "PC" }, "#262626"));
  expect(container.textContent).toContain("Connected to Excel (PC)");
  // FluentProvider writes the theme's tokens as CSS variables: webDarkTheme's background is #292929.
  const sheets = Array.from(document.styleSheets) as CSSStyleSheet[];
  const css = sheets.flatMap((sheet) => Array.from(sheet.cssRules, (rule) => rule.cssText)).join("\n");
  expect(css).toMatch(/--colorNeutralBackground1:\s*#292929/);
});
