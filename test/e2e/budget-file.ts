/**
 * test-output/budgets.json: figures measured by tests (first render in Chromium, Excel syncs and
 * payloads) for scripts/budgets.js and docs/taskpane.md. Jest runs files in parallel workers, so
 * each writer merges its own section under a lock directory.
 */
import * as fs from "fs";
import * as path from "path";

export const BUDGETS_FILE = path.resolve(__dirname, "..", "..", "test-output", "budgets.json");

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

export function recordBudgets(section: string, figures: Record<string, unknown>): void {
  fs.mkdirSync(path.dirname(BUDGETS_FILE), { recursive: true });
  const lock = `${BUDGETS_FILE}.lock`;
  for (let tries = 0; ; tries++) {
    try {
      fs.mkdirSync(lock);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      if (tries > 200) fs.rmSync(lock, { recursive: true, force: true }); // abandoned (> ~10 s)
      sleep(50);
    }
  }
  try {
    let all: Record<string, unknown> = {};
    try {
      all = JSON.parse(fs.readFileSync(BUDGETS_FILE, "utf8")) as Record<string, unknown>;
    } catch {
      all = {};
    }
    all[section] = { ...figures, measuredAt: new Date().toISOString() };
    const tmp = `${BUDGETS_FILE}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(all, null, 2) + "\n");
    fs.renameSync(tmp, BUDGETS_FILE);
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}
