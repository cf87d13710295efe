/**
 * The production LP solver: HiGHS (University of Edinburgh) compiled to WebAssembly, npm `highs`.
 * The core describes problems through its `LpSolver` interface (src/core/plan/lp.ts); this module
 * writes them in CPLEX LP format for HiGHS and reads the answer back. Loading is asynchronous (it
 * compiles a 3.5 MB WebAssembly module, ~0.2 s); solving is synchronous. The `highs` package is
 * imported dynamically, so bundles that never plan never load it, and the custom-functions bundle
 * gets it as a separate chunk. Choice and measurements: docs/method.md §14.
 */
import type { LpProblem, LpSolution, LpSolver } from "../../core/plan/lp";

/** The part of the `highs` module we use. */
export interface HighsLike {
  solve(
    problem: string,
    options?: Record<string, unknown>,
  ): {
    Status: string;
    ObjectiveValue: number;
    Columns: Record<string, { Primal: number }>;
  };
  version?: { string: string };
}

/** A number as LP-format text (HiGHS reads exponents; non-finite bounds become ±inf). */
function num(value: number): string {
  if (value === Infinity) return "+inf";
  if (value === -Infinity) return "-inf";
  return String(value);
}

function terms(coefficients: readonly number[]): string {
  const parts = coefficients.map((c, j) => `${c < 0 ? "-" : "+"} ${num(Math.abs(c))} x${j}`);
  return parts.length > 0 ? parts.join(" ") : "0 x0";
}

/** The problem in CPLEX LP format; variables are named x0, x1, … in order. */
export function lpText(problem: LpProblem): string {
  const lines = ["Maximize", ` obj: ${terms(problem.variables.map((v) => v.objective))}`, "Subject To"];
  problem.constraints.forEach((c, i) => lines.push(` c${i}: ${terms(c.coefficients)} <= ${num(c.upper)}`));
  lines.push("Bounds");
  problem.variables.forEach((v, j) => lines.push(` ${num(v.lower)} <= x${j} <= ${num(v.upper)}`));
  lines.push("End", "");
  return lines.join("\n");
}

export function highsSolver(highs: HighsLike): LpSolver {
  const name = `HiGHS ${highs.version?.string ?? ""}`.trim();
  return {
    name,
    solve(problem: LpProblem): LpSolution {
      if (problem.variables.length === 0) return { status: "optimal", values: [], objective: 0 };
      let answer: ReturnType<HighsLike["solve"]>;
      try {
        answer = highs.solve(lpText(problem));
      } catch (error) {
        return {
          status: "error",
          values: [],
          objective: null,
          message: error instanceof Error ? error.message : String(error),
        };
      }
      if (answer.Status === "Optimal") {
        return {
          status: "optimal",
          values: problem.variables.map((_, j) => answer.Columns[`x${j}`]?.Primal ?? 0),
          objective: answer.ObjectiveValue,
        };
      }
      const status =
        /infeasible/i.test(answer.Status) && !/unbounded/i.test(answer.Status)
          ? "infeasible"
          : /unbounded/i.test(answer.Status)
            ? "unbounded"
            : "error";
      return { status, values: [], objective: null, message: answer.Status };
    },
  };
}

let loading: Promise<LpSolver> | null = null;

/**
 * Loads HiGHS once per runtime. `locateFile` tells a browser page where highs.wasm is served
 * (webpack copies it next to the bundles); Node finds it next to the package's loader.
 */
export function loadHighsSolver(options: { locateFile?: (file: string) => string } = {}): Promise<LpSolver> {
  loading ??= import(/* webpackChunkName: "highs" */ "highs")
    .then((module) => {
      const loader = (module as unknown as { default: (o?: object) => Promise<HighsLike> }).default;
      return loader(options.locateFile ? { locateFile: options.locateFile } : {});
    })
    .then(highsSolver)
    .catch((error: unknown) => {
      loading = null;
      throw error;
    });
  return loading;
}
