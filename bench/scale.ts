/**
 * Scale benchmark: the command (`rpo-align analyze`) on workbooks of 1k, 10k, 100k and 1M periods
 * x 20 columns, the full Excel height (1,048,575 periods), and a wide one (5,000 periods x 200
 * levers and metrics). Each size runs in its own child process (build/bench/scale-child.js) so its
 * peak RSS (process.resourceUsage().maxRSS) is its own; the input is made by yet another child.
 * Figures and the limits chosen from them: docs/limits.md.
 *
 * Run: npx tsc -p tsconfig.cli.json && node -e 'require("./build/bench/scale").runScaleBench()'
 * (sizes can be narrowed: RPO_SCALE_SIZES=1000,10000). Inputs are cached in
 * os.tmpdir()/rpo-align-scale (the 1M inputs take a few minutes to make).
 */
import { spawnSync } from "node:child_process";
import * as path from "node:path";
import type { ScaleChildResult } from "./scale-child";

export interface ScaleCase {
  periods: number;
  levers: number;
  metrics: number;
}

export const SCALE_CASES: ScaleCase[] = [
  { periods: 1_000, levers: 12, metrics: 7 },
  { periods: 10_000, levers: 12, metrics: 7 },
  { periods: 100_000, levers: 12, metrics: 7 },
  { periods: 1_000_000, levers: 12, metrics: 7 },
  { periods: 1_048_575, levers: 12, metrics: 7 },
  { periods: 5_000, levers: 100, metrics: 100 },
];

export function runScaleBench(cases: ScaleCase[] = selected()): ScaleChildResult[] {
  const child = path.join(__dirname, "scale-child.js");
  const results: ScaleChildResult[] = [];
  console.log("\nScale: rpo-align analyze, one child process per size (time, peak RSS)");
  console.log("periods x columns        exit   seconds   peak RSS   input (MB, made by)");
  for (const c of cases) {
    const run = spawnSync(
      process.execPath,
      [child, String(c.periods), "--levers", String(c.levers), "--metrics", String(c.metrics)],
      { encoding: "utf8", maxBuffer: 1 << 24 },
    );
    if (run.status !== 0) {
      console.log(
        `${c.periods} x ${1 + c.levers + c.metrics}: the benchmark child failed: ${run.stderr.trim()}`,
      );
      continue;
    }
    const r = JSON.parse(run.stdout.trim().split("\n").pop()!) as ScaleChildResult;
    results.push(r);
    console.log(
      `${`${r.periods.toLocaleString("en-US")} x ${r.columns}`.padEnd(24)} ${String(r.exitCode).padStart(4)} ` +
        `${r.seconds.toFixed(1).padStart(9)} ${`${r.maxRssMB} MB`.padStart(10)}   ` +
        `${(r.input.bytes / 1e6).toFixed(1)} (${r.input.generator}, ${r.input.seconds.toFixed(0)} s)`,
    );
    for (const m of r.messages) console.log(`    ${m}`);
  }
  return results;
}

function selected(): ScaleCase[] {
  const sizes = process.env.RPO_SCALE_SIZES?.split(",").map(Number);
  return sizes ? SCALE_CASES.filter((c) => sizes.includes(c.periods)) : SCALE_CASES;
}

if (require.main === module) runScaleBench();
