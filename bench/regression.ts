/**
 * Regression benchmark: our OLS (Householder QR + Björck refinement in double-double) against
 * ml-regression-multivariate-linear (normal equations + SVD) on the same random data in the same
 * process, and both libraries' accuracy on NIST StRD Longley and Wampler1.
 *
 * Run: npx tsc -p tsconfig.cli.json && node build/bench/run.js
 * Timings are medians of wall-clock runs after warm-up; on a shared machine expect +-50% between
 * runs, the ratio moves less than the absolute times.
 */
import * as path from "path";
import MLR from "ml-regression-multivariate-linear";
import { buildDesign } from "../src/core/stats/design";
import { householderQrPivoted } from "../src/core/stats/householder";
import { DEFAULT_RANK_TOLERANCE, DEFAULT_REFINEMENT_STEPS, ols } from "../src/core/stats/ols";
import { solveAndRefine } from "../src/core/stats/refine";
import { varianceFactors } from "../src/core/stats/variance";
import { loadStrd, minimumLre, strdDirectory } from "../test/stats/strd-reference";
import { mulberry32 as seededRandom } from "../src/core/sample/prng";

interface Problem {
  label: string;
  y: Float64Array;
  /** x as columns (ours). */
  columns: Float64Array[];
  /** x as rows and y as one-element rows (ml-regression-multivariate-linear's input). */
  rows: number[][];
  yRows: number[][];
}

/** y = 1 + sum_j (j + 1) x_j + noise, x_j uniform on [0, 1), noise uniform on [-0.5, 0.5). */
function randomProblem(n: number, p: number, seed: number): Problem {
  const random = seededRandom(seed);
  const columns = Array.from({ length: p }, () => new Float64Array(n));
  const y = new Float64Array(n);
  const rows: number[][] = [];
  for (let i = 0; i < n; i++) {
    const row = new Array<number>(p);
    let value = 1 + (random() - 0.5);
    for (let j = 0; j < p; j++) {
      const x = random();
      columns[j][i] = x;
      row[j] = x;
      value += (j + 1) * x;
    }
    y[i] = value;
    rows.push(row);
  }
  return {
    label: `n=${n.toLocaleString("en-US")} x p=${p}`,
    y,
    columns,
    rows,
    yRows: Array.from(y, (v) => [v]),
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((x, y) => x - y);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function timed<T>(compute: () => T): [T, number] {
  const start = process.hrtime.bigint();
  const value = compute();
  return [value, Number(process.hrtime.bigint() - start) / 1e6];
}

function milliseconds(run: () => void): number {
  return timed(run)[1];
}

/**
 * Median wall-clock time of several runs after warm-up. Each library runs in its own block, so
 * that each pays for collecting its own garbage (run alternately, ours paid for the peer's
 * 100,000 row arrays and doubled).
 */
function medianOfBlock(run: () => void, repetitions: number, warmUps: number): number {
  for (let i = 0; i < warmUps; i++) run();
  return median(Array.from({ length: repetitions }, () => milliseconds(run)));
}

function fitOurs(problem: Problem): void {
  ols(problem.y, problem.columns, { intercept: true });
}

function fitPeer(problem: Problem): void {
  new MLR(problem.rows, problem.yRows, { intercept: true });
}

/** Where our time goes: the phases of ols() timed separately (medians). */
function ourPhases(problem: Problem, repetitions: number): string {
  const phases: Record<string, number[]> = {
    "design copy": [],
    "pivoted QR": [],
    "solve + refinement": [],
    "variance factors": [],
  };
  for (let i = 0; i < repetitions + 1; i++) {
    const [design, designTime] = timed(() => buildDesign(problem.y, problem.columns, true));
    const [qr, qrTime] = timed(() =>
      householderQrPivoted(
        design.matrix.slice(),
        design.n,
        design.sourceColumns.length,
        DEFAULT_RANK_TOLERANCE,
      ),
    );
    const refineTime = milliseconds(() =>
      solveAndRefine(design.matrix, qr, problem.y, DEFAULT_REFINEMENT_STEPS),
    );
    const varianceTime = milliseconds(() => varianceFactors(design.matrix, qr, true));
    const times = [designTime, qrTime, refineTime, varianceTime];
    if (i > 0) Object.values(phases).forEach((list, index) => list.push(times[index]));
  }
  return Object.entries(phases)
    .map(([name, list]) => `${name} ${median(list).toFixed(1)}`)
    .join(", ");
}

function speedTable(repetitions: number): string[] {
  const lines = ["problem                 ours (ms)   ml-regression-multivariate-linear (ms)   ours / peer"];
  const phaseLines: string[] = [];
  for (const [n, p, seed] of [
    [100_000, 20, 1],
    [1_000, 50, 2],
  ] as const) {
    const problem = randomProblem(n, p, seed);
    const ours = medianOfBlock(() => fitOurs(problem), repetitions, 2);
    const peer = medianOfBlock(() => fitPeer(problem), repetitions, 2);
    lines.push(
      `${problem.label.padEnd(22)}  ${ours.toFixed(1).padStart(9)}   ${peer.toFixed(1).padStart(38)}   ${(ours / peer).toFixed(2).padStart(11)}`,
    );
    phaseLines.push(`  ${problem.label}: ${ourPhases(problem, repetitions)} (ms)`);
  }
  return [
    ...lines,
    "where our time goes (medians; the rest is sums of squares and t distribution):",
    ...phaseLines,
  ];
}

function accuracyTable(): string[] {
  const directory = strdDirectory(path.resolve(__dirname, "../.."));
  const lines = ["dataset    min coefficient LRE: ours   ml-regression-multivariate-linear"];
  for (const name of ["Longley", "Wampler1"]) {
    const data = loadStrd(directory, name);
    const ours = ols(data.y, data.columns, { intercept: true });
    const peer = new MLR(
      data.y.map((_, i) => data.columns.map((column) => column[i])),
      data.y.map((v) => [v]),
      { intercept: true },
    );
    // The peer puts the intercept last.
    const peerWeights = peer.weights.map((w) => w[0]);
    const peerEstimates = [peerWeights[peerWeights.length - 1], ...peerWeights.slice(0, -1)];
    const ourEstimates = [ours.interceptValue, ...ours.coefficients];
    lines.push(
      `${name.padEnd(9)}  ${minimumLre(ourEstimates, data.certifiedCoefficients).toFixed(1).padStart(25)}   ${minimumLre(peerEstimates, data.certifiedCoefficients).toFixed(1).padStart(33)}`,
    );
  }
  return lines;
}

/** Prints the speed and accuracy tables; returns them too (for callers that collect reports). */
export function runRegressionBench(repetitions = 9): string {
  const report = [
    `OLS with intercept on random data, median of ${repetitions} runs after 2 warm-up runs (Node ${process.version})`,
    ...speedTable(repetitions),
    "",
    ...accuracyTable(),
  ].join("\n");
  console.log(report);
  return report;
}
