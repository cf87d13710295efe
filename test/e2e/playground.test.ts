/**
 * End to end in headless Chromium: the production build's task pane opened outside Office is the
 * browser playground. Load the sample, analyse, check the badges and the summary, download the
 * workbook and re-read it, and save screenshots of the pane at 320 px (light and dark, before and
 * after the analysis). office.js is requested from Microsoft's CDN: answered from the local copy
 * in node_modules/@microsoft/office-js (Office.onReady then says host: null), and in a second run
 * refused (typeof Office === "undefined"). Every other outside request is refused.
 *
 * Needs /usr/bin/chromium (`apt-get update && apt-get install -y chromium`). Missing: the test
 * fails under CI and is skipped (with a message) elsewhere.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { chromium, type BrowserContext, type Page, type Route } from "playwright-core";
import { createWorkbook } from "../../src/hosts/xlsx/package";
import { readXlsx } from "../../src/hosts/xlsx/read";
import { buildSampleWorkbook } from "../../src/core/sample/template";
import { productionDist, ROOT } from "../addin/dist";
import { recordBudgets } from "./budget-file";
import { CHROMIUM, CHROMIUM_ARGS } from "./chromium";
import { contentType, serveDirectory, type StaticServer } from "./server";

const OFFICE_CDN = "https://appsforoffice.microsoft.com/lib/1/hosted/";
const OFFICE_LOCAL = path.join(ROOT, "node_modules", "@microsoft", "office-js", "dist");
const SCREENSHOTS = path.join(ROOT, "test-output", "screenshots");
const OUTPUT_SHEETS = [
  "Summary",
  "Alignment",
  "Sensitivity",
  "Goal Shift",
  "Action Review",
  "Plan",
  "Alignment History",
];

const available = fs.existsSync(CHROMIUM);
if (!available && !process.env.CI) {
  console.warn(
    `Skipping the browser tests: ${CHROMIUM} is missing. Install it with ` +
      "`apt-get update && apt-get install -y chromium` (CI installs it and fails without it).",
  );
}
/** Cells whose values differ: text, booleans and blanks exactly, numbers within `relative`. */
function numbersWithin(a: unknown[][], b: unknown[][], relative: number): string[] {
  const problems: string[] = [];
  const rows = Math.max(a.length, b.length);
  for (let r = 0; r < rows; r++) {
    const cols = Math.max(a[r]?.length ?? 0, b[r]?.length ?? 0);
    for (let c = 0; c < cols; c++) {
      const x = a[r]?.[c] ?? null;
      const y = b[r]?.[c] ?? null;
      const same =
        typeof x === "number" && typeof y === "number"
          ? Math.abs(x - y) <= relative * Math.max(1, Math.abs(y))
          : JSON.stringify(x) === JSON.stringify(y);
      if (!same) problems.push(`row ${r + 1}, column ${c + 1}: ${JSON.stringify(x)} vs ${JSON.stringify(y)}`);
    }
  }
  return problems;
}

const suite = available || process.env.CI ? describe : describe.skip;

jest.setTimeout(240_000);

suite("browser playground in headless Chromium", () => {
  let server: StaticServer;
  let context: BrowserContext;
  let profile: string;
  const pageErrors: string[] = [];
  const outside: string[] = [];

  beforeAll(async () => {
    if (!available) throw new Error(`${CHROMIUM} is missing: apt-get update && apt-get install -y chromium`);
    server = await serveDirectory(productionDist());
    profile = fs.mkdtempSync(path.join(os.tmpdir(), "rpo-align-chromium-"));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      args: CHROMIUM_ARGS,
      headless: true,
      viewport: { width: 320, height: 900 },
      deviceScaleFactor: 1,
      acceptDownloads: true,
      colorScheme: "light",
    });
    await context.route("**/*", (route) => answer(route, server.origin, outside));
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
  });

  afterAll(async () => {
    await context?.close();
    await server?.close();
    if (profile) fs.rmSync(profile, { recursive: true, force: true });
  });

  async function open(): Promise<Page> {
    const page = await context.newPage();
    page.on("pageerror", (error) => pageErrors.push(String(error)));
    await page.goto(`${server.origin}/taskpane.html`);
    await page.getByRole("button", { name: "Load sample workbook" }).waitFor({ timeout: 30_000 });
    return page;
  }

  async function shoot(page: Page, name: string) {
    for (const scheme of ["light", "dark"] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      // The pane follows prefers-color-scheme changes: wait for Fluent's background token.
      await page.waitForFunction((dark) => {
        const el = document.querySelector(".fui-FluentProvider");
        if (!el) return false;
        const bg = getComputedStyle(el).getPropertyValue("--colorNeutralBackground1").trim().toLowerCase();
        return dark ? bg === "#292929" : bg === "#ffffff";
      }, scheme === "dark");
      await page.screenshot({
        path: path.join(SCREENSHOTS, `pane-${name}-${scheme}.png`),
        fullPage: true,
        animations: "disabled",
      });
    }
    await page.emulateMedia({ colorScheme: "light" });
  }

  it("office.js from the local copy: sample → analyse → badges → download; screenshots at 320 px", async () => {
    const page = await open();
    expect(server.requests).toContain("/playground.js"); // the lazy chunk, fetched outside Office
    const marks = await page.evaluate(() => {
      const at = (name: string) => performance.getEntriesByName(name)[0]?.startTime ?? null;
      return { firstRender: at("rpo-align:first-render"), ready: at("rpo-align:ready") };
    });
    expect(marks.firstRender).not.toBeNull();
    expect(marks.firstRender!).toBeLessThan(10_000); // generous: catches a pane that stalls
    expect(await page.evaluate(() => typeof (window as { Office?: unknown }).Office)).toBe("object");

    await page.getByRole("button", { name: "Load sample workbook" }).click();
    await page.getByRole("list", { name: "Input sheets" }).getByText("7 levers").waitFor();
    await expect(page.getByText("No problems found.").isVisible()).resolves.toBe(true);
    await shoot(page, "before");

    await page.getByRole("button", { name: "Analyze workbook" }).click();
    await page.getByText(/^Analysed in \d/).waitFor({ timeout: 60_000 });
    const summary = await page.getByText(/sheets written\./).textContent();
    expect(summary).toMatch(/^Analysed in \d+(\.\d)? s7 sheets written\.$/);
    expect(await page.getByText(OUTPUT_SHEETS.join(", ")).count()).toBe(1); // Results › Output sheets
    const badge = (lever: string) =>
      page
        .getByRole("list", { name: "Levers" })
        .locator(`li[aria-label^="${lever}:"]`)
        .locator("[data-rag]")
        .textContent();
    // Word and symbol, as on the sheets.
    expect(await badge("Recruiter quality")).toBe("\u2716\u00a0Red");
    expect(await badge("Agency share")).toBe("\u2716\u00a0Red");
    expect(await badge("Referral share")).toBe("\u2714\u00a0Green");
    expect(await page.getByRole("img", { name: /^Goal leverage by lever:/ }).count()).toBe(1);
    // The lever plan, solved by HiGHS (WebAssembly under the page's CSP): raise recruiter quality.
    const planned = await page.getByRole("list", { name: "Planned lever moves" }).textContent();
    expect(planned).toMatch(/Recruiter quality3\.3 → 3\.96 \(\+20\.0%\)/);
    expect(await page.getByRole("list", { name: "Scenarios compared" }).textContent()).toMatch(
      /As requested/i,
    );
    await shoot(page, "after");

    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Download workbook" }).click(),
    ]);
    expect(download.suggestedFilename()).toBe("rpo-align-sample-aligned.xlsx");
    const bytes = new Uint8Array(fs.readFileSync((await download.path())!));
    const after = readXlsx(bytes);
    expect(after.outputSheets).toEqual(expect.arrayContaining(OUTPUT_SHEETS));
    const before = readXlsx(createWorkbook(buildSampleWorkbook()));
    for (const sheet of before.sheets) {
      const written = after.sheets.find((s) => s.name === sheet.name)?.values;
      expect(written?.length).toBe(sheet.values.length);
      // Exact, except the Formulas sheet's cached numbers: the page computes them in Chromium's
      // JavaScript engine, the reference in Node's, and the two differ in the last digits (measured
      // 4e-15 relative on REGRESS's standard errors).
      expect(numbersWithin(written ?? [], sheet.values, 1e-12)).toEqual([]);
    }

    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(320); // usable at 320 px: no horizontal scrolling
    expect(pageErrors).toEqual([]);
    // Outside requests: office.js and its own telemetry frame (refused here), nothing from our code.
    const ours = outside.filter(
      (u) => !u.startsWith(OFFICE_CDN) && !/^https:\/\/[^/]*\.oaspapps\.com\//.test(u),
    );
    expect(ours).toEqual([]);

    recordBudgets("taskpaneChromium", {
      viewport: "320x900",
      firstRenderMs: Math.round(marks.firstRender!),
      playgroundReadyMs: marks.ready === null ? null : Math.round(marks.ready),
      note: "ms from navigation start (production build, local server, office.js from the local copy)",
    });
    await page.close();
  });

  it("office.js cannot load at all: the playground still works", async () => {
    const page = await context.newPage();
    page.on("pageerror", (error) => pageErrors.push(String(error)));
    await page.route(`${OFFICE_CDN}**`, (route) => route.abort());
    await page.goto(`${server.origin}/taskpane.html`);
    await page.getByRole("button", { name: "Load sample workbook" }).waitFor({ timeout: 30_000 });
    expect(await page.evaluate(() => typeof (window as { Office?: unknown }).Office)).toBe("undefined");
    await page.getByRole("button", { name: "Load sample workbook" }).click();
    await page.getByRole("button", { name: "Analyze workbook" }).click();
    await page.getByText(/^Analysed in \d/).waitFor({ timeout: 60_000 });
    expect(pageErrors).toEqual([]);
    await page.close();
  });
});

test("the in-Excel bundle leaves the xlsx host, fflate and the sample to lazy chunks", () => {
  const dist = productionDist();
  const taskpane = fs.readFileSync(path.join(dist, "taskpane.js"), "utf8");
  const lazy = fs
    .readdirSync(dist)
    .filter((f) => f.endsWith(".js") && !["taskpane.js", "functions.js", "commands.js"].includes(f))
    .map((f) => fs.readFileSync(path.join(dist, f), "utf8"))
    .join("\n");
  // fflate's error table, and a line of the sample workbook's About sheet.
  for (const marker of ["invalid zip data", "This is a made-up engagement"]) {
    expect(taskpane.includes(marker)).toBe(false);
    expect(lazy.includes(marker)).toBe(true);
  }
});

/** Local server: through; Microsoft's office.js CDN: the local copy; anything else: refused. */
async function answer(route: Route, origin: string, outside: string[]): Promise<void> {
  const url = route.request().url();
  if (url.startsWith(origin)) return route.continue();
  outside.push(url);
  if (url.startsWith(OFFICE_CDN)) {
    const rel = new URL(url).pathname.replace(/^\/lib\/1\/hosted\//, "");
    const file = path.resolve(OFFICE_LOCAL, rel);
    if (file.startsWith(OFFICE_LOCAL + path.sep) && fs.existsSync(file) && fs.statSync(file).isFile()) {
      return route.fulfill({ status: 200, contentType: contentType(file), body: fs.readFileSync(file) });
    }
    return route.fulfill({ status: 404, body: "not in the local office.js copy" });
  }
  return route.abort();
}
