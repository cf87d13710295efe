/**
 * The task pane's main thread while it analyses a big workbook, in headless Chromium: the
 * production build's playground (the pane outside Office, an .xlsx in memory) opens a workbook
 * of `periods` daily Observations rows, checks it, and analyses it. A `longtask`
 * PerformanceObserver (tasks over 50 ms) and a timer heartbeat (the largest gap between two
 * 4 ms timer callbacks, which bounds the longest task from above, also below 50 ms) watch the
 * page's main thread. Used by `npm run bench:pane` (prints the figures) and by
 * test/e2e/longtask.test.ts (holds them to the ≤ 50 ms target of docs/taskpane.md).
 *
 * Needs /usr/bin/chromium and a production build (dist/, `npm run build`).
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { chromium } from "playwright-core";
import { createWorkbook } from "../src/hosts/xlsx/package";
import { CHROMIUM, CHROMIUM_ARGS } from "../test/e2e/chromium";
import { serveDirectory } from "../test/e2e/server";
import { stretchedSampleSpecs } from "../test/e2e/stretched-sample";

export { CHROMIUM };

/** What the main thread did in one phase. */
export interface MainThreadPhase {
  /** Tasks over 50 ms reported by the `longtask` observer (ms, rounded). */
  longTasks: number[];
  /** Longest of them, 0 when there was none (every task ≤ 50 ms). */
  longestTaskMs: number;
  /** Largest gap between two heartbeat timer callbacks (an upper bound of the longest task). */
  largestGapMs: number;
  /** Wall-clock time of the phase. */
  seconds: number;
}

export interface PaneMeasurement {
  periods: number;
  workbookBytes: number;
  /** Opening the file, reading it and checking the inputs (until the checklist shows the periods). */
  open: MainThreadPhase;
  /** From the Analyze click to "Analysed in …" (read, analyse, plan, report, write, render). */
  analyse: MainThreadPhase;
  summary: string;
  pageErrors: string[];
}

/** Installed before the page's own scripts: collects long tasks and heartbeat gaps. */
function observerScript(): void {
  const w = globalThis as unknown as {
    __rpoLong: { start: number; duration: number }[];
    __rpoGaps: { at: number; gap: number }[];
  };
  w.__rpoLong = [];
  w.__rpoGaps = [];
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__rpoLong.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: "longtask" as never, buffered: true }); // a browser entry type Node's typings lack
  } catch {
    // no longtask support: the heartbeat still measures
  }
  let last = performance.now();
  const beat = () => {
    const t = performance.now();
    if (t - last > 20) w.__rpoGaps.push({ at: last, gap: t - last });
    last = t;
    setTimeout(beat, 4);
  };
  setTimeout(beat, 4);
}

export async function measurePane(options: {
  dist: string;
  periods?: number;
  executablePath?: string;
}): Promise<PaneMeasurement> {
  const periods = options.periods ?? 20_000;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "rpo-align-pane-"));
  const file = path.join(tmp, `engagement-${periods}.xlsx`);
  const bytes = createWorkbook(stretchedSampleSpecs(periods));
  fs.writeFileSync(file, bytes);
  const server = await serveDirectory(options.dist);
  const context = await chromium.launchPersistentContext(path.join(tmp, "profile"), {
    executablePath: options.executablePath ?? CHROMIUM,
    args: CHROMIUM_ARGS,
    headless: true,
    viewport: { width: 320, height: 900 },
  });
  const pageErrors: string[] = [];
  try {
    // Only the local server: office.js is refused, so the page starts the playground.
    await context.route("**/*", (route) =>
      route.request().url().startsWith(server.origin) ? route.continue() : route.abort(),
    );
    await context.addInitScript(observerScript);
    const page = await context.newPage();
    page.on("pageerror", (error) => pageErrors.push(String(error)));
    await page.goto(`${server.origin}/taskpane.html`);
    await page.getByRole("button", { name: "Load sample workbook" }).waitFor({ timeout: 60_000 });

    const since = () => page.evaluate(() => performance.now());
    const phase = async (from: number, seconds: number): Promise<MainThreadPhase> => {
      const seen = await page.evaluate((t0) => {
        const w = globalThis as unknown as {
          __rpoLong: { start: number; duration: number }[];
          __rpoGaps: { at: number; gap: number }[];
        };
        return {
          long: w.__rpoLong.filter((e) => e.start >= t0).map((e) => e.duration),
          gaps: w.__rpoGaps.filter((g) => g.at >= t0).map((g) => g.gap),
        };
      }, from);
      const longTasks = seen.long.map((d) => Math.round(d));
      return {
        longTasks,
        longestTaskMs: Math.max(0, ...longTasks),
        largestGapMs: Math.round(Math.max(0, ...seen.gaps)),
        seconds: Math.round(seconds * 10) / 10,
      };
    };

    const t0 = await since();
    const openStarted = Date.now();
    await page.locator('[data-testid="open-file"]').setInputFiles(file);
    const count = `${periods.toLocaleString("en-US")} periods`;
    await page.getByRole("list", { name: "Input sheets" }).getByText(count).waitFor({ timeout: 120_000 });
    const open = await phase(t0, (Date.now() - openStarted) / 1000);

    await page.waitForTimeout(300); // let the page settle between the phases
    const t1 = await since();
    const analyseStarted = Date.now();
    await page.getByRole("button", { name: "Analyze workbook" }).click();
    await page.getByText(/^Analysed in \d/).waitFor({ timeout: 240_000 });
    await page.waitForTimeout(200); // the results' render and paint after the text appears
    const analyse = await phase(t1, (Date.now() - analyseStarted) / 1000);
    const summary = (await page.getByText(/sheets written\./).textContent()) ?? "";
    return { periods, workbookBytes: bytes.length, open, analyse, summary, pageErrors };
  } finally {
    await context.close();
    await server.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

/** One line per phase, for the bench and the test log. */
export function describePane(m: PaneMeasurement): string {
  const line = (label: string, p: MainThreadPhase) =>
    `  ${label}: longest main-thread task ${p.longestTaskMs > 0 ? `${p.longestTaskMs} ms` : "≤ 50 ms (no long task)"}` +
    `; long tasks ${p.longTasks.length}${p.longTasks.length ? ` (${p.longTasks.join(", ")} ms)` : ""}` +
    `; largest heartbeat gap ${p.largestGapMs} ms; ${p.seconds} s`;
  return [
    `Task pane main thread, playground in headless Chromium, ${m.periods.toLocaleString("en-US")} periods (${(m.workbookBytes / 1e6).toFixed(1)} MB .xlsx):`,
    line("open + check", m.open),
    line("analyse", m.analyse),
    `longest main-thread task while analysing: ${m.analyse.longestTaskMs} ms (${m.periods} periods)`,
  ].join("\n");
}

/** `npm run bench:pane`: dist/ must hold a production build (`npm run build`). */
export async function runPaneBench(): Promise<void> {
  const dist = path.resolve(__dirname, "..", "..", "dist");
  if (!fs.existsSync(path.join(dist, "taskpane.html"))) {
    throw new Error(`No build in ${dist}: run \`npm run build\` first.`);
  }
  const periods = Number(process.env.RPO_PANE_PERIODS) || 20_000;
  const m = await measurePane({ dist, periods });
  console.log(describePane(m));
  if (m.pageErrors.length > 0) console.log(`page errors: ${m.pageErrors.join("; ")}`);
}

if (require.main === module) {
  runPaneBench().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
