/**
 * The linear-programming interface the core plans with. The core describes a problem; a face
 * (command line, custom functions, task pane) injects a solver that implements `LpSolver`, so the
 * core stays free of WebAssembly and loaders. The production implementation is HiGHS compiled to
 * WebAssembly (src/hosts/lp/highs.ts); see docs/method.md §14 for why.
 *
 *   maximise   Σ_j c_j · x_j
 *   subject to Σ_j a_ij · x_j ≤ b_i      for every row i
 *              lower_j ≤ x_j ≤ upper_j    (finite bounds)
 */

export interface LpVariable {
  name: string;
  lower: number;
  upper: number;
  objective: number;
}

/** A "≤" row: Σ_j coefficients[j] · x_j ≤ upper. */
export interface LpConstraint {
  name: string;
  coefficients: number[];
  upper: number;
}

export interface LpProblem {
  /** Always maximisation. */
  variables: LpVariable[];
  constraints: LpConstraint[];
}

export type LpStatus = "optimal" | "infeasible" | "unbounded" | "error";

export interface LpSolution {
  status: LpStatus;
  /** One value per variable (empty unless optimal). */
  values: number[];
  objective: number | null;
  /** The solver's own words when it did not reach an optimum. */
  message?: string;
}

/** A loaded solver. Loading may be asynchronous (WebAssembly); solving is synchronous. */
export interface LpSolver {
  /** For reports, e.g. "HiGHS 1.11.0". */
  readonly name: string;
  solve(problem: LpProblem): LpSolution;
}
