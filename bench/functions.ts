/**
 * Custom-function benchmark: =RPO.SENSITIVITY as a workbook recalculation calls it.
 *
 * - cold: 1,000 calls over the same 60 x 7 block (plus its metric column) with the cache cleared
 *   first: one regression, 999 cache hits (each hit hashes and compares the 480 argument cells);
 * - warm: the same 1,000 calls again with the cache already holding the answer;
 * - distinct: 1,000 calls over 1,000 different blocks (every call a regression; the LRU keeps the
 *   last 512).
 * Every call gets fresh argument arrays, as Excel passes them. Figures are medians of repetitions
 * of the pure computation in src/core/functions (what dist/functions.js runs; converting the 1 x 7
 * result to CustomFunctions values is not included and is negligible).
 *
 * Run: npx tsc -p tsconfig.cli.json && node build/bench/run.js (the lead wires runFunctionsBench in).
 */
import { clearFunctionCaches, RPO_FUNCTIONS } from "../src/core/functions";
import { mulberry32 as seededRandom } from "../src/core/sample/prng";

const ROWS = 60;
const LEVERS = 7;

/** A metric column and a lever block as Excel passes them (60 x 1 and 60 x 7). */
function makeBlock(seed: number): { metric: number[][]; levers: number[][] } {
  const random = seededRandom(seed);
  const levers = Array.from({ length: ROWS }, () =>
    Array.from({ length: LEVERS }, () => Math.round((10 + 5 * random()) * 100) / 100),
  );
  const metric = levers.map((row) => [
    Math.round((20 + row.reduce((s, v, j) => s + (j % 2 === 0 ? 1 : -0.5) * v, 0) + random()) * 100) / 100,
  ]);
  return { metric, levers };
}

const copy = (m: number[][]) => m.map((row) => row.slice());

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function timeMs(run: () => void): number {
  const start = process.hrtime.bigint();
  run();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

export interface FunctionsBenchResult {
  /** Median ms for 1,000 identical calls starting from an empty cache. */
  coldMs: number;
  /** Median ms for 1,000 identical calls with the answer cached. */
  warmMs: number;
  /** Median ms for 1,000 calls over 1,000 different blocks. */
  distinctMs: number;
  /** Median ms of one uncached regression call. */
  singleMs: number;
}

export function runFunctionsBench(
  repetitions = 7,
  log: (line: string) => void = console.log,
): FunctionsBenchResult {
  const sensitivity = RPO_FUNCTIONS.SENSITIVITY;
  const same = makeBlock(1);
  // Fresh arrays per call are made before timing (Excel hands over new arrays each time).
  const calls = Array.from({ length: 1000 }, () => ({
    metric: copy(same.metric),
    levers: copy(same.levers),
  }));
  const distinct = Array.from({ length: 1000 }, (_, i) => makeBlock(1000 + i));
  const run = (list: { metric: number[][]; levers: number[][] }[]) => {
    for (const c of list) sensitivity(c.metric, c.levers, null, null);
  };

  run(calls.slice(0, 50)); // warm-up (JIT)
  const cold: number[] = [];
  const warm: number[] = [];
  const many: number[] = [];
  const single: number[] = [];
  for (let r = 0; r < repetitions; r++) {
    clearFunctionCaches();
    cold.push(timeMs(() => run(calls)));
    warm.push(timeMs(() => run(calls)));
    clearFunctionCaches();
    many.push(timeMs(() => run(distinct)));
    clearFunctionCaches();
    single.push(timeMs(() => run(calls.slice(0, 1))));
  }
  const stats = sensitivity.stats();
  const result = {
    coldMs: median(cold),
    warmMs: median(warm),
    distinctMs: median(many),
    singleMs: median(single),
  };
  log("RPO.SENSITIVITY, 60 periods x 7 levers, 1,000 calls (median of " + repetitions + " runs):");
  log(`  same block, cache cleared first (1 regression + 999 hits): ${result.coldMs.toFixed(1)} ms`);
  log(`  same block, answer cached:                                ${result.warmMs.toFixed(1)} ms`);
  log(`  1,000 different blocks (1,000 regressions):               ${result.distinctMs.toFixed(1)} ms`);
  log(`  one uncached call:                                        ${result.singleMs.toFixed(2)} ms`);
  log(`  (last run: ${stats.calls} calls, ${stats.hits} hits, ${stats.size} cached)`);
  return result;
}
