/**
 * The page's main thread while the playground analyses a 20,000-period workbook in headless
 * Chromium (bench/pane.ts measures; `npm run bench:pane` prints the same figures). The pure work
 * runs in the analysis worker, so no task on the page may exceed 50 ms: the `longtask` observer
 * must report none. Other processes on a shared machine can stretch any task, so the best of up
 * to three runs counts; the pipeline back on the page takes seconds in every run (5.1 s measured
 * here before the worker), which no retry hides. Figures go to test-output/budgets.json.
 *
 * Needs /usr/bin/chromium; skipped with a message without it (fails under CI).
 */
import * as fs from "fs";
import { CHROMIUM, describePane, measurePane, type PaneMeasurement } from "../../bench/pane";
import { productionDist } from "../addin/dist";
import { recordBudgets } from "./budget-file";
import { printFigures } from "../figures";

const LONG_TASK_MS = 50;
const available = fs.existsSync(CHROMIUM);
if (!available && !process.env.CI) {
  console.warn(`Skipping the long-task test: ${CHROMIUM} is missing (apt-get install -y chromium).`);
}
const suite = available || process.env.CI ? describe : describe.skip;

jest.setTimeout(900_000);

suite("the page's main thread while the playground analyses 20,000 periods", () => {
  test("no task over 50 ms: reading, the pipeline and writing run in the worker", async () => {
    const runs: PaneMeasurement[] = [];
    for (let attempt = 0; attempt < 3; attempt++) {
      const m = await measurePane({ dist: productionDist(), periods: 20_000 });
      runs.push(m);
      printFigures(describePane(m));
      expect(m.pageErrors).toEqual([]);
      expect(m.summary).toMatch(/7 sheets written\./);
      if (m.analyse.longestTaskMs <= LONG_TASK_MS) break;
    }
    const best = runs.reduce((a, b) => (b.analyse.longestTaskMs < a.analyse.longestTaskMs ? b : a));
    recordBudgets("paneMainThread", {
      periods: best.periods,
      analyseLongestTaskMs: best.analyse.longestTaskMs,
      analyseLongTasks: best.analyse.longTasks,
      analyseLargestGapMs: best.analyse.largestGapMs,
      openLongestTaskMs: best.open.longestTaskMs,
      runs: runs.map((r) => r.analyse.longestTaskMs),
      note: "ms; 0 = no long task (every task ≤ 50 ms); best of the runs",
    });
    expect(best.analyse.longestTaskMs).toBeLessThanOrEqual(LONG_TASK_MS);
  });
});
