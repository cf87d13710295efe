/**
 * Benchmark entry point: `npm run bench` (compiles with tsconfig.cli.json, then runs build/bench/run.js).
 * Each benchmark module exports a run function; add new ones here.
 */
import { runRegressionBench } from "./regression";
import { runFunctionsBench } from "./functions";

runRegressionBench();
runFunctionsBench();
