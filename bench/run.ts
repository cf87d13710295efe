/**
 * Benchmark entry point: `npx tsc -p tsconfig.cli.json && node build/bench/run.js`.
 * Each benchmark module exports a run function; add new ones here.
 */
import { runRegressionBench } from "./regression";

runRegressionBench();
