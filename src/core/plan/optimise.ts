/**
 * The lever plan as a linear programme (docs/method.md §14). Variables are the levers' relative
 * moves r_l = (x_l − current_l) / current_l, so Δx_l = r_l · current_l:
 *
 *   maximise   Σ_l a_l · r_l,   a_l = Σ_g w_g · s_g · e*(l, g) / Σ_g w_g   (goal leverage at current)
 *   subject to Σ_l cost_l · current_l · r_l ≤ budget                       (when a budget is set)
 *              max(−m, lower_l) ≤ r_l ≤ min(m, upper_l)                     (max move m, Min/Max)
 *
 * e*(l, g) is the elasticity at the lever's CURRENT value (e_means · current / mean: plan.ts's
 * effectAtCurrent; RPO.PLAN takes it from the user), since r is measured from there: a relative move
 * r changes goal metric g by e* · r (first order). The goal weighting c_g = w_g s_g / Σ w is the
 * alignment's (alignment/leverage.ts goalCoefficients): one formula for every face.
 *
 * Which levers move (docs/method.md §14): when the analysis supplies a recommendation per lever, only
 * levers recommended up or down move, and only that way (r ≥ 0 or r ≤ 0), so the plan never contradicts
 * the Alignment sheet; if a budget cannot be met that way, the second solve lets recommended levers move
 * against their recommendation and each such move says so. `includeUnsupported` lets every lever move
 * on its point estimates. Without recommendations (RPO.PLAN), a lever moves when some goal effect is
 * flagged significant. The solver is injected (lp.ts); this module only builds the problem and reads the
 * answer.
 */
import { goalCoefficients } from "../alignment/leverage";
import type { Recommendation } from "../alignment/types";
import type { LpProblem, LpSolver } from "./lp";
import type { PlanSettings } from "../alignment/settings";
import type { PlanDiagnostic, PlanStatus } from "./types";

/** One lever's effect on one goal metric, as the plan counts it. */
export interface PlanEffect {
  /**
   * Elasticity at the lever's current value: relative change of the metric per relative move of
   * the lever measured from `current` (not the analysis's elasticity at the means; see plan.ts).
   */
  elasticity: number | null;
  /** Standard error of that elasticity (null when unknown). */
  stdError: number | null;
  /**
   * Whether the effect counts in the plan's objective and predictions without `includeUnsupported`.
   * From an analysis every estimate counts (the plan's leverage is the Alignment sheet's, at today's
   * values); RPO.PLAN counts what the user passes.
   */
  significant: boolean;
}

export interface PlanLeverInput {
  name: string;
  unit: string;
  current: number | null;
  min: number | null;
  max: number | null;
  costPerUnit: number | null;
  observedMin: number | null;
  observedMax: number | null;
  /** The Alignment sheet's recommendation for the lever (absent for RPO.PLAN). */
  recommendation?: Recommendation;
}

export interface PlanGoalInput {
  metric: string;
  direction: "Increase" | "Decrease";
  weight: number;
}

export interface PlanInput {
  levers: PlanLeverInput[];
  goals: PlanGoalInput[];
  /** effects[l][g]: lever l on goal g's metric. */
  effects: PlanEffect[][];
}

/** The effects the plan counts: those flagged to count, or every point estimate with includeUnsupported. */
export function countedEffect(effect: PlanEffect | undefined, includeUnsupported: boolean): PlanEffect {
  const e = effect?.elasticity ?? null;
  if (e === null || !Number.isFinite(e) || (!includeUnsupported && !effect?.significant)) {
    return { elasticity: 0, stdError: 0, significant: false };
  }
  const se = effect?.stdError ?? null;
  return {
    elasticity: e,
    stdError: se !== null && Number.isFinite(se) ? se : 0,
    significant: !!effect?.significant,
  };
}

export interface Optimised {
  status: PlanStatus;
  /** Planned value per lever (null when the lever has no usable current value). */
  planned: (number | null)[];
  /** Objective weight per lever (goal leverage of the counted effects, at the current values). */
  leverage: number[];
  supported: boolean[];
  heldReason: (string | null)[];
  /** Why a lever moves the way it does when that needs saying (against its recommendation). */
  moveNote: (string | null)[];
  lowest: (number | null)[];
  highest: (number | null)[];
  diagnostics: PlanDiagnostic[];
}

/** A relative move this small is no move (the solver's round-off around 0). */
const TINY = 1e-12;
/**
 * Relative slack on the budget: a spend within 1e-9 · max(1, |budget|) of it fits. The LP solver
 * meets the budget constraint to about that accuracy, so a plan it returns is not refused for
 * round-off, and a least spend that exceeds the budget by more is really infeasible.
 */
const BUDGET_TOLERANCE = 1e-9;

/** Whether `spend` (extra cost per period) fits `budget` (null: no limit), with BUDGET_TOLERANCE. */
function fitsBudget(spend: number, budget: number | null): boolean {
  return budget === null || spend <= budget + BUDGET_TOLERANCE * Math.max(1, Math.abs(budget));
}

export function checkSettings(settings: PlanSettings): PlanDiagnostic[] {
  const out: PlanDiagnostic[] = [];
  if (!Number.isFinite(settings.maxMove) || settings.maxMove < 0) {
    out.push({
      severity: "error",
      code: "plan-invalid-max-move",
      message: `The maximum move per review must be a number ≥ 0 (0.2 = ±20% of the current value), not ${settings.maxMove}.`,
    });
  }
  if (settings.budget !== null && !Number.isFinite(settings.budget)) {
    out.push({
      severity: "error",
      code: "plan-invalid-budget",
      message: `The budget must be a finite number of extra cost per period, not ${settings.budget}.`,
    });
  }
  return out;
}

/** A lever the plan may move: its objective weight a, relative bounds [lo, hi] and cost per relative move c. */
interface MovableLever {
  l: number;
  a: number;
  lo: number;
  hi: number;
  c: number;
  /** The way the Alignment sheet recommends (absent when every lever may move either way). */
  way?: Recommendation;
}

/**
 * The plan: the relative moves r (Δ/current) that maximise Σ a·r within each lever's bounds and the
 * maximum move, and Σ c·r ≤ budget. Its steps: check the settings, bound each lever, choose which
 * ways levers may move, solve the LP, apply the moves.
 */
export function optimisePlan(input: PlanInput, settings: PlanSettings, solver: LpSolver): Optimised {
  const diagnostics = checkSettings(settings);
  const result = heldPlan(input, diagnostics);
  if (diagnostics.some((d) => d.severity === "error")) return { ...result, status: "invalid" };
  const coef = goalCoefficients(input.goals);
  noteNothingToGain(input, settings, coef, diagnostics);
  const movable = boundLevers(input, settings, coef, result);
  const chosen = chooseWays(movable, settings.budget, diagnostics);
  if (chosen === null) return { ...result, status: "infeasible" };
  if (movable.length === 0) return result;
  const moves = solveMoves(chosen, settings.budget, solver, diagnostics);
  if (moves.status !== "optimal") return { ...result, status: moves.status };
  applyMoves(input, chosen, moves.r, result);
  return result;
}

/** Every lever held at its current value: the plan before anything moves. */
function heldPlan(input: PlanInput, diagnostics: PlanDiagnostic[]): Optimised {
  const n = input.levers.length;
  return {
    status: "optimal",
    planned: input.levers.map((l) => l.current),
    leverage: new Array<number>(n).fill(0),
    supported: new Array<boolean>(n).fill(false),
    heldReason: new Array<string | null>(n).fill(null),
    moveNote: new Array<string | null>(n).fill(null),
    lowest: input.levers.map((l) => l.current),
    highest: input.levers.map((l) => l.current),
    diagnostics,
  };
}

/** Says so when the settings leave nothing to gain: goal weights summing to 0, or no move allowed. */
function noteNothingToGain(
  input: PlanInput,
  settings: PlanSettings,
  coef: number[],
  diagnostics: PlanDiagnostic[],
): void {
  if (input.goals.length > 0 && coef.every((c) => c === 0)) {
    diagnostics.push({
      severity: "warning",
      code: "plan-no-goal-weight",
      message:
        "The current goals' weights sum to 0 or less, so no lever move serves them: every lever is held.",
    });
  }
  if (settings.maxMove === 0) {
    diagnostics.push({
      severity: "info",
      code: "plan-max-move-zero",
      message:
        "The maximum move per review is 0, so every lever is held. Allow a move (e.g. 0.2 = ±20%) to get a plan.",
    });
  }
}

/**
 * Per lever: its objective weight (goal leverage of the counted effects), whether the analysis
 * supports moving it, and its relative bounds (Min/Max ∩ maximum move). A lever that cannot move
 * gets its held reason in `result`; the others are returned.
 */
function boundLevers(
  input: PlanInput,
  settings: PlanSettings,
  coef: number[],
  result: Optimised,
): MovableLever[] {
  const diagnostics = result.diagnostics;
  const movable: MovableLever[] = [];
  input.levers.forEach((lever, l) => {
    const effects = input.goals.map((_, g) =>
      countedEffect(input.effects[l]?.[g], settings.includeUnsupported),
    );
    const a = effects.reduce((s, e, g) => s + coef[g] * (e.elasticity ?? 0), 0);
    result.leverage[l] = Number.isFinite(a) ? a : 0;
    const recommendation = lever.recommendation;
    result.supported[l] =
      recommendation !== undefined
        ? recommendation !== "hold"
        : input.goals.some(
            (g, i) =>
              g.weight !== 0 &&
              !!input.effects[l]?.[i]?.significant &&
              (input.effects[l][i].elasticity ?? 0) !== 0,
          );
    const hold = (reason: string) => {
      result.heldReason[l] = reason;
    };
    const x0 = lever.current;
    const { min, max } = lever;
    if (x0 === null || !Number.isFinite(x0)) return hold("no current value");
    if (min !== null && max !== null && min > max) {
      diagnostics.push({
        severity: "warning",
        code: "plan-min-above-max",
        message: `${lever.name} has Min ${min} above Max ${max}, so the plan holds it. Swap or correct them.`,
      });
      return hold("Min above Max");
    }
    if (x0 === 0) {
      diagnostics.push({
        severity: "info",
        code: "plan-no-base",
        message: `${lever.name} is at 0, so a relative move (and its first-order effect) is undefined: the plan holds it.`,
      });
      return hold("current value is 0");
    }
    if (!result.supported[l] && !settings.includeUnsupported)
      return hold(
        recommendation !== undefined
          ? "the Alignment sheet recommends holding it"
          : "no significant effect on the goals",
      );
    if (settings.maxMove === 0) return hold("maximum move is 0");
    const below = min !== null && x0 < min;
    const above = max !== null && x0 > max;
    if (below || above) {
      diagnostics.push({
        severity: "warning",
        code: "plan-current-outside-bounds",
        message:
          `${lever.name} is at ${x0}, ${below ? `below its Min ${min}` : `above its Max ${max}`}: the plan may keep it ` +
          `there or move it towards its range, never further out.`,
      });
    }
    const loX = min === null ? -Infinity : Math.min(min, x0);
    const hiX = max === null ? Infinity : Math.max(max, x0);
    const ra = (loX - x0) / x0;
    const rb = (hiX - x0) / x0;
    const lo = Math.max(-settings.maxMove, Math.min(ra, rb));
    const hi = Math.min(settings.maxMove, Math.max(ra, rb));
    result.lowest[l] = x0 + Math.min(lo * x0, hi * x0);
    result.highest[l] = x0 + Math.max(lo * x0, hi * x0);
    const cost = lever.costPerUnit !== null && Number.isFinite(lever.costPerUnit) ? lever.costPerUnit : 0;
    if (hi - lo <= TINY) return hold(lo === 0 && hi === 0 ? "no room within its bounds" : "no room to move");
    // Only the recommended way, unless every lever may move (includeUnsupported).
    const way = settings.includeUnsupported ? undefined : recommendation;
    movable.push({ l, a: result.leverage[l], lo, hi, c: cost * x0, way });
  });
  return movable;
}

/**
 * Which ways the levers may move: only the recommended way (r ≥ 0 for "increase", r ≤ 0 for
 * "decrease") when that can meet the budget, else either way (saying so). Null, with an error,
 * when not even the cheapest moves fit the budget.
 */
function chooseWays(
  movable: MovableLever[],
  budget: number | null,
  diagnostics: PlanDiagnostic[],
): MovableLever[] | null {
  const restricted = movable.map((v) => ({
    ...v,
    lo: v.way === "increase" ? Math.max(0, v.lo) : v.lo,
    hi: v.way === "decrease" ? Math.min(0, v.hi) : v.hi,
  }));
  const leastSpend = (vs: MovableLever[]) => vs.reduce((s, v) => s + Math.min(v.c * v.lo, v.c * v.hi), 0);
  let chosen = restricted;
  if (!fitsBudget(leastSpend(restricted), budget) && fitsBudget(leastSpend(movable), budget)) {
    chosen = movable;
    diagnostics.push({
      severity: "warning",
      code: "plan-against-recommendation",
      message:
        "The budget cannot be met by moving levers only the way the Alignment sheet recommends, so the plan may move some against their recommendation to save cost; those levers say so on the Plan sheet.",
    });
  }
  if (budget !== null) {
    const minimumSpend = leastSpend(chosen);
    if (!fitsBudget(minimumSpend, budget)) {
      diagnostics.push({
        severity: "error",
        code: "plan-budget-infeasible",
        message:
          `No plan fits the budget: it asks for an extra cost of at most ${fmt(budget)} per period, but the least ` +
          `the movable levers can cost within their bounds and the maximum move is ${fmt(minimumSpend)}. Raise the ` +
          `budget, allow a larger move, or give Cost per unit to levers that can save.`,
      });
      return null;
    }
  }
  return chosen;
}

/** The LP over the chosen levers' relative moves; r per chosen lever, snapped to its bounds and to 0. */
function solveMoves(
  chosen: MovableLever[],
  budget: number | null,
  solver: LpSolver,
  diagnostics: PlanDiagnostic[],
): { status: "optimal"; r: number[] } | { status: "infeasible" | "failed" } {
  const problem: LpProblem = {
    variables: chosen.map((v) => ({ name: `r${v.l}`, lower: v.lo, upper: v.hi, objective: v.a })),
    constraints:
      budget === null || chosen.every((v) => v.c === 0)
        ? []
        : [{ name: "budget", coefficients: chosen.map((v) => v.c), upper: budget }],
  };
  const solution = solver.solve(problem);
  if (solution.status !== "optimal") {
    diagnostics.push({
      severity: "error",
      code: solution.status === "infeasible" ? "plan-budget-infeasible" : "plan-solver-failed",
      message:
        solution.status === "infeasible"
          ? "The solver found no plan that fits the budget, the bounds and the maximum move."
          : `The solver (${solver.name}) did not find a plan: ${solution.message ?? solution.status}.`,
    });
    return { status: solution.status === "infeasible" ? "infeasible" : "failed" };
  }
  const r = chosen.map((v, i) => {
    const value = Math.min(v.hi, Math.max(v.lo, solution.values[i] ?? 0));
    return Math.abs(value) < TINY ? 0 : value;
  });
  // Where the goals are indifferent (a_l = 0), prefer no move unless its saving pays for others.
  let spend = chosen.reduce((s, v, i) => s + v.c * r[i], 0);
  chosen.forEach((v, i) => {
    if (v.a !== 0 || r[i] === 0 || v.lo > 0 || v.hi < 0) return;
    const after = spend - v.c * r[i];
    if (fitsBudget(after, budget)) {
      spend = after;
      r[i] = 0;
    }
  });
  return { status: "optimal", r };
}

/** Planned values from the relative moves, with a note where a lever moves against its recommendation. */
function applyMoves(input: PlanInput, chosen: MovableLever[], r: number[], result: Optimised): void {
  chosen.forEach((v, i) => {
    const x0 = input.levers[v.l].current as number;
    result.planned[v.l] = x0 + r[i] * x0;
    const against = (v.way === "increase" && r[i] < 0) || (v.way === "decrease" && r[i] > 0);
    if (against) {
      result.moveNote[v.l] = `moved against its recommendation (${v.way}) to meet the budget`;
    }
  });
}

function fmt(value: number): string {
  return Math.abs(value) >= 100
    ? Math.round(value).toLocaleString("en-US")
    : String(Number(value.toPrecision(4)));
}
