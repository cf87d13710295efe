#!/usr/bin/env node
// `npm run demo`: write the sample workbook and analyse it into out/, then say where the result is.
const { spawnSync } = require("node:child_process");
const path = require("node:path");
const fs = require("node:fs");

const root = path.join(__dirname, "..");
const outDir = path.join(root, "out");
fs.mkdirSync(outDir, { recursive: true });
const cli = path.join(root, "bin", "rpo-align.js");
const sample = path.join(outDir, "sample.xlsx");
const aligned = path.join(outDir, "sample-aligned.xlsx");
const json = path.join(outDir, "sample-results.json");

function run(args) {
  const result = spawnSync(process.execPath, [cli, ...args], { stdio: "inherit" });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

// Always compile first, so a pulled change is what runs (npm ci's "prepare" compiled an older tree).
{
  const tsc = spawnSync(
    process.execPath,
    [require.resolve("typescript/bin/tsc"), "-p", "tsconfig.cli.json"],
    {
      cwd: root,
      stdio: "inherit",
    },
  );
  if (tsc.status !== 0) process.exit(tsc.status ?? 1);
}
run(["template", sample]);
run(["analyze", sample, "-o", aligned, "--json", json]);
console.log(
  `\nOpen ${path.relative(process.cwd(), aligned)} in Excel or LibreOffice to see the alignment sheets;`,
);
console.log(`the same results as JSON are in ${path.relative(process.cwd(), json)}.`);
