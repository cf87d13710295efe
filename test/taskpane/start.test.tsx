/**
 * @jest-environment jsdom
 *
 * The entry point in its three situations: office.js absent (typeof Office === "undefined") and
 * Office.onReady answering host: null both start the playground (loaded lazily); inside Excel the
 * Excel services are used and Office's dark theme is followed.
 */
import "./setup";
import { act, screen } from "@testing-library/react";
import { start } from "../../src/taskpane/index";

type ReadyInfo = { host: string | null; platform: string | null };

function fakeOffice(info: ReadyInfo, bodyBackgroundColor?: string) {
  const values = new Map<string, unknown>();
  return {
    HostType: { Excel: "Excel" },
    AsyncResultStatus: { Succeeded: "succeeded" },
    context: {
      ...(bodyBackgroundColor ? { officeTheme: { bodyBackgroundColor } } : {}),
      document: {
        settings: {
          get: (k: string) => values.get(k),
          set: (k: string, v: unknown) => values.set(k, v),
          saveAsync: (cb: (r: { status: string }) => void) => cb({ status: "succeeded" }),
        },
      },
    },
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

test("office.js could not load: the playground starts, loaded lazily", async () => {
  const container = await startWith(undefined);
  await screen.findByRole("button", { name: "Load sample workbook" });
  expect(container.textContent).toContain("Playground");
  expect(container.textContent).toContain("No workbook open.");
});

test("Office.onReady answers host: null: the playground starts", async () => {
  await startWith(fakeOffice({ host: null, platform: null }));
  await screen.findByRole("button", { name: "Load sample workbook" });
  expect(screen.getByText("Insert sample workbook")).toBeTruthy();
});

test("inside Excel: Excel services, Office's dark theme followed", async () => {
  const container = await startWith(fakeOffice({ host: "Excel", platform: "PC" }, "#262626"));
  expect(container.textContent).toContain("Excel · PC");
  expect(screen.queryByRole("button", { name: "Load sample workbook" })).toBeNull();
  // No Excel global in jsdom: reading fails with the host's message, shown in Inputs.
  await screen.findByText("The workbook could not be read");
  expect(container.textContent).toMatch(/Excel is not available/);
  // FluentProvider writes the theme's tokens as CSS variables: webDarkTheme's background is #292929.
  const sheets = Array.from(document.styleSheets) as CSSStyleSheet[];
  const css = sheets.flatMap((sheet) => Array.from(sheet.cssRules, (rule) => rule.cssText)).join("\n");
  expect(css).toMatch(/--colorNeutralBackground1:\s*#292929/);
});
