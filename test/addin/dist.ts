/**
 * The production build the add-in tests look at.
 *
 * `npm test` runs `npm run build` (production) before Jest, so dist/ is normally ready (run
 * `npm run build` again after changing the sources when you run Jest alone). When dist/ is missing
 * or holds a development build (its manifest still points at https://localhost:3000/), a
 * production build is made into test-output/dist-prod instead, leaving dist/ alone. Jest runs test
 * files in parallel workers, so that build is made under a lock: one worker builds, the others wait
 * and reuse it. It is reused while no source is newer than the moment it started (webpack does not
 * rewrite unchanged files, so output timestamps cannot tell).
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";

export const ROOT = path.resolve(__dirname, "..", "..");
const DIST = path.join(ROOT, "dist");
const FALLBACK = path.join(ROOT, "test-output", "dist-prod");
const LOCK = `${FALLBACK}.lock`;
const MARKER = path.join(FALLBACK, ".build-started");
const NEEDED = ["functions.js", "functions.json", "taskpane.html", "commands.html", "manifest.xml"];
/** What a build is made from: a build older than any of these is stale. */
const INPUTS = ["src", "assets", "manifest.xml", "webpack.config.js", "package.json"];

function newestInput(): number {
  let newest = 0;
  const visit = (file: string) => {
    const stat = fs.statSync(file);
    if (stat.isDirectory()) for (const entry of fs.readdirSync(file)) visit(path.join(file, entry));
    else newest = Math.max(newest, stat.mtimeMs);
  };
  for (const input of INPUTS) if (fs.existsSync(path.join(ROOT, input))) visit(path.join(ROOT, input));
  return newest;
}

function isProductionBuild(dir: string): boolean {
  if (!NEEDED.every((file) => fs.existsSync(path.join(dir, file)))) return false;
  return !fs.readFileSync(path.join(dir, "manifest.xml"), "utf8").includes("https://localhost:3000/");
}

function fallbackIsFresh(): boolean {
  if (!isProductionBuild(FALLBACK) || !fs.existsSync(MARKER)) return false;
  return Number(fs.readFileSync(MARKER, "utf8")) >= newestInput();
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Runs `fn` holding a lock directory; a lock older than 5 minutes is taken as abandoned. */
function withLock<T>(fn: () => T): T {
  fs.mkdirSync(path.dirname(LOCK), { recursive: true });
  for (;;) {
    try {
      fs.mkdirSync(LOCK);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const stat = fs.statSync(LOCK, { throwIfNoEntry: false });
      if (stat && Date.now() - stat.mtimeMs > 5 * 60 * 1000)
        fs.rmSync(LOCK, { recursive: true, force: true });
      else sleep(250);
    }
  }
  try {
    return fn();
  } finally {
    fs.rmSync(LOCK, { recursive: true, force: true });
  }
}

let cached: string | null = null;

/** Directory of an up-to-date production build (built on first use when needed; ~20 s). */
export function productionDist(): string {
  if (cached) return cached;
  if (isProductionBuild(DIST)) {
    cached = DIST;
    return cached;
  }
  withLock(() => {
    if (fallbackIsFresh()) return;
    const started = Date.now();
    const webpack = path.join(ROOT, "node_modules", "webpack-cli", "bin", "cli.js");
    execFileSync(process.execPath, [webpack, "--mode", "production", "--output-path", FALLBACK], {
      cwd: ROOT,
      stdio: "pipe",
    });
    if (!isProductionBuild(FALLBACK)) throw new Error(`production build in ${FALLBACK} is incomplete`);
    fs.writeFileSync(MARKER, String(started));
  });
  cached = FALLBACK;
  return cached;
}
