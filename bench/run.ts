/**
 * Benchmark entry point: `npm run bench` (compiles with tsconfig.cli.json, then runs build/bench/run.js).
 * The functions benchmark runs the built bundle: `npm run build` first (it fails with that advice
 * when dist/functions.js is missing).
 * Each benchmark module exports a run function; add new ones here. xlsx.ts times the .xlsx host
 * on a 100,000 x 20 sheet (it was a Jest suite that asserted no time).
 *
 * The scale benchmark makes inputs of up to 1M periods and a 5,000 x 200 one (several minutes on
 * two cores; inputs are cached in the temp folder). `npm run bench -- --quick` skips it;
 * RPO_SCALE_SIZES=1000,10000 narrows it. The inference Monte Carlo (inference.ts) takes its own options;
 * `--inference-only` runs only it.
 */
import { runRegressionBench } from "./regression";
import { runFunctionsBench } from "./functions";
import { runScaleBench } from "./scale";
import { runInferenceBench } from "./inference";
import { runXlsxBench } from "./xlsx";

const inferenceOnly = process.argv.includes("--inference-only") || process.argv.includes("--calibrate");
if (!inferenceOnly) {
  runRegressionBench();
  runFunctionsBench();
  runXlsxBench();
}
runInferenceBench(process.argv);
if (!inferenceOnly && !process.argv.includes("--quick")) runScaleBench();
