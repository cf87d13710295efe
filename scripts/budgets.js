#!/usr/bin/env node
/**
 * Prints the task pane's budgets (docs/taskpane.md):
 *   - gzipped size of the in-Excel task pane bundle (the taskpane entry's initial chunks), of the
 *     chunks loaded lazily (playground, sample) and of the functions bundle, from a production
 *     build with webpack stats; and checks that the xlsx host, fflate, the sample workbook and the
 *     playground are NOT in the task pane's initial chunks (exit 1 if they are);
 *   - first render of the pane in Chromium, the longest main-thread task while it analyses 20,000
 *     periods, and Excel syncs/payloads, as measured by the tests (test/e2e/playground.test.ts,
 *     test/e2e/longtask.test.ts, test/taskpane/excel-budgets.test.ts) in test-output/budgets.json.
 *
 * Usage: node scripts/budgets.js            build into test-output/budgets-dist (~1 min), then report
 *        node scripts/budgets.js --no-build  reuse test-output/budgets-dist and its stats
 */
const { execFileSync } = require("child_process");
const fs = require("fs");
const path = require("path");
const zlib = require("zlib");

const root = path.join(__dirname, "..");
const out = path.join(root, "test-output");
const dist = path.join(out, "budgets-dist");
const statsFile = path.join(out, "webpack-stats.json");
const figuresFile = path.join(out, "budgets.json");
/** Modules that belong in lazy chunks only. */
const LAZY_ONLY =
  /src\/hosts\/xlsx\/|node_modules\/fflate\/|src\/core\/sample\/|src\/hosts\/playground\/|src\/taskpane\/playground/;

function build() {
  fs.mkdirSync(out, { recursive: true });
  const cli = path.join(root, "node_modules", "webpack-cli", "bin", "cli.js");
  execFileSync(process.execPath, [cli, "--mode", "production", "--output-path", dist, "--json", statsFile], {
    cwd: root,
    stdio: ["ignore", "ignore", "inherit"],
  });
}

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
function sizes(files) {
  let raw = 0;
  let gz = 0;
  for (const file of files) {
    const data = fs.readFileSync(path.join(dist, file));
    raw += data.length;
    gz += zlib.gzipSync(data, { level: 9 }).length;
  }
  return { raw, gz };
}
const jsFiles = (assets) =>
  assets.map((a) => (typeof a === "string" ? a : a.name)).filter((f) => f.endsWith(".js"));
const moduleNames = (chunk) =>
  (chunk.modules || []).flatMap((m) => (m.modules ? m.modules.map((x) => x.name) : [m.name]));

function main() {
  if (!process.argv.includes("--no-build") || !fs.existsSync(statsFile)) build();
  const stats = JSON.parse(fs.readFileSync(statsFile, "utf8"));
  const entry = (name) => stats.entrypoints[name];
  const chunkById = new Map(stats.chunks.map((c) => [c.id, c]));

  const taskpane = entry("taskpane");
  const initial = jsFiles(taskpane.assets);
  const initialSize = sizes(initial);
  const functions = sizes(jsFiles(entry("functions").assets));
  const lazy = stats.chunks.filter((c) => !c.initial);
  const lazySize = sizes(lazy.flatMap((c) => c.files.filter((f) => f.endsWith(".js"))));

  const leaked = taskpane.chunks
    .flatMap((id) => moduleNames(chunkById.get(id)))
    .filter((name) => LAZY_ONLY.test(name));

  const lines = [];
  lines.push("Bundles (production build, gzip -9):");
  lines.push(
    `  task pane, in Excel (initial: ${initial.join(", ")}): ${kb(initialSize.gz)} gz (${kb(initialSize.raw)})`,
  );
  for (const c of lazy) {
    const files = c.files.filter((f) => f.endsWith(".js"));
    const s = sizes(files);
    const what = [
      ...new Set(moduleNames(c).map((n) => n.replace(/^\.\//, "").split("/").slice(0, 3).join("/"))),
    ];
    lines.push(
      `  lazy ${files.join(", ")}: ${kb(s.gz)} gz (${kb(s.raw)}) — ${what.slice(0, 4).join(", ")}${what.length > 4 ? ", …" : ""}`,
    );
  }
  lines.push(`  all lazy chunks: ${kb(lazySize.gz)} gz`);
  lines.push(`  functions bundle: ${kb(functions.gz)} gz (${kb(functions.raw)})`);
  lines.push(
    leaked.length === 0
      ? "  OK: no xlsx host, fflate, sample or playground module in the task pane's initial chunks"
      : `  FAIL: in the task pane's initial chunks: ${leaked.join(", ")}`,
  );

  let figures = {};
  try {
    figures = JSON.parse(fs.readFileSync(figuresFile, "utf8"));
  } catch {
    lines.push(`(no ${path.relative(root, figuresFile)} yet: run the tests (npm test) to measure the rest)`);
  }
  const pane = figures.taskpaneChromium;
  if (pane) {
    lines.push("Task pane in headless Chromium (320 px, production build, local server):");
    lines.push(
      `  first render: ${pane.firstRenderMs} ms after navigation start; playground ready: ${pane.playgroundReadyMs} ms`,
    );
  }
  const thread = figures.paneMainThread;
  if (thread) {
    lines.push(`Task pane main thread while the playground analyses ${thread.periods} periods (Chromium):`);
    lines.push(
      `  longest task ${thread.analyseLongestTaskMs > 0 ? `${thread.analyseLongestTaskMs} ms` : "≤ 50 ms (no long task)"}; ` +
        `largest heartbeat gap ${thread.analyseLargestGapMs} ms; open + check: longest task ${thread.openLongestTaskMs} ms`,
    );
  }
  const syncs = figures.excelSyncs;
  if (syncs) {
    lines.push("Excel round trips (fake Excel; every sync under the 4 MB budget):");
    for (const [label, m] of [
      ["sample workbook", syncs.sample],
      ["20,000 periods", syncs.periods20000],
    ]) {
      if (!m) continue;
      lines.push(
        `  ${label}: insert ${m.insertSample.syncs} syncs (largest request ${kb(m.insertSample.largestRequestBytes)}); ` +
          `analyse ${m.analysis.syncs} syncs = read ${m.read.syncs} (largest response ${kb(m.read.largestResponseBytes)}) ` +
          `+ write ${m.write.syncs} (largest request ${kb(m.write.largestRequestBytes)})`,
      );
    }
  }
  console.log(lines.join("\n"));
  fs.writeFileSync(
    path.join(out, "bundle-sizes.json"),
    JSON.stringify(
      {
        initialGz: initialSize.gz,
        initialRaw: initialSize.raw,
        lazyGz: lazySize.gz,
        functionsGz: functions.gz,
        leaked,
      },
      null,
      2,
    ) + "\n",
  );
  if (leaked.length > 0) process.exit(1);
}

main();
