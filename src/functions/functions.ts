/**
 * Excel custom functions of RPO Align (namespace RPO, set in manifest.xml).
 *
 * Thin wrappers over src/core: read what Excel passes, call core, turn core error cells into
 * CustomFunctions.Error. The JSDoc below is what Excel shows in formula autocomplete, and
 * custom-functions-metadata-plugin generates functions.json from it; the plugin also appends
 * `CustomFunctions.associate("<ID>", <function>)` for each function to this module at build time.
 *
 * Every RPO.* function is memoised in src/core/functions: each range is converted once into a typed
 * array and hashed as it is read; identical calls are computed once (a hit is confirmed bit by bit).
 * None is volatile. A function that returns one value is declared with a scalar result
 * (`@returns {number}`: custom-functions-metadata-plugin takes the result's dimensionality from the
 * TypeScript return type and the JSDoc `@returns` type); the others return a matrix. A blank cell is missing, never 0; rows with a blank are left out (see
 * docs/functions.md for each function, and for Excel desktop, which may pass a blank as 0).
 *
 * This bundle must stay small and free of DOM use: Excel can run it in its JavaScript-only
 * custom-functions runtime (in the shared runtime it runs inside the task pane page).
 */
import { RPO_FUNCTIONS } from "../core/functions";
import { isCellError } from "../core/functions/cell-arguments";
import { toCustomFunctionsError, toExcelMatrix, toThrownError } from "./errors";
import { CACHE_CAPACITY } from "../core/functions";
import { memoize } from "../core/functions/memo";
import { planCells, readPlanArgs } from "../core/functions/plan-function";
import { FunctionInputError } from "../core/functions/cell-arguments";
import type { LpSolver } from "../core/plan/lp";
import { loadHighsSolver } from "../hosts/lp/highs";

// Outside Excel (the task pane page opened in a plain browser, office.js absent) there is no
// CustomFunctions runtime; the registration calls appended to this module must not throw there.
if (typeof CustomFunctions === "undefined") {
  (globalThis as { CustomFunctions?: unknown }).CustomFunctions = { associate: () => undefined };
}

/**
 * Least-squares regression with LINEST's output, that tells you when it drops a column. Enter it like LINEST: same arguments, same result layout.
 * @customfunction REGRESS
 * @helpurl https://github.com/rpo-align/rpo-align/blob/main/docs/functions.md#regress
 * @param {any[][]} known_y The y values you already know, in one column (or one row): the figure to explain, e.g. hires per month.
 * @param {any[][]} [known_x] The x values: one column per driver when known_y is a column (one row per driver when it is a row). Rows with a blank are left out. Omitted: 1, 2, 3, ...
 * @param {boolean} [constant] TRUE or omitted: fit the constant b normally. FALSE: force b = 0.
 * @param {boolean} [stats] TRUE: also return standard errors, R², F, degrees of freedom and sums of squares (5 rows, as LINEST). FALSE or omitted: coefficients only.
 * @returns {any[][]} The coefficients in reverse order of the x columns, then the constant b; with stats, LINEST's 5-row block.
 */
export function regress(known_y: unknown[][], known_x?: unknown[][], constant?: boolean, stats?: boolean) {
  return call("REGRESS", [known_y, known_x ?? null, constant ?? null, stats ?? null]);
}

/** Runs a memoised core function and converts its cells (or its failure) for Excel. */
function call(id: keyof typeof RPO_FUNCTIONS, args: unknown[]) {
  try {
    const fn = RPO_FUNCTIONS[id] as (...a: unknown[]) => ReturnType<(typeof RPO_FUNCTIONS)[typeof id]>;
    return toExcelMatrix(fn(...args));
  } catch (error) {
    throw toThrownError(error, id);
  }
}

/**
 * Elasticity: the % change in y that goes with a 1% rise in x, on the levels (descriptive). 0.4 means "1% more x, 0.4% more y".
 * @customfunction ELASTICITY
 * @helpurl https://github.com/rpo-align/rpo-align/blob/main/docs/functions.md#elasticity
 * @param {any[][]} known_y The figure that responds, one column (or row), e.g. hires per month. Pairs with a blank in either range are left out.
 * @param {any[][]} known_x The driver, the same number of cells as known_y, e.g. recruiters on the account.
 * @param {string} [method] "mean" or omitted: slope × average x / average y (as the Sensitivity sheet). "log": slope of LN(y) on LN(x); every value used must be above 0.
 * @returns {number} The elasticity.
 */
export function elasticity(known_y: unknown[][], known_x: unknown[][], method?: string): number {
  try {
    const cell = RPO_FUNCTIONS.ELASTICITY(known_y, known_x, method ?? null)[0][0];
    if (isCellError(cell)) throw toCustomFunctionsError({ ...cell, message: `ELASTICITY: ${cell.message}` });
    if (typeof cell !== "number" || !Number.isFinite(cell)) {
      throw new CustomFunctions.Error(CustomFunctions.ErrorCode.invalidNumber);
    }
    return cell;
  } catch (error) {
    throw toThrownError(error, "ELASTICITY");
  }
}

/**
 * How each lever moves one metric, net of the other levers: the regression behind the Sensitivity sheet. One value per lever column.
 * @customfunction SENSITIVITY
 * @helpurl https://github.com/rpo-align/rpo-align/blob/main/docs/functions.md#sensitivity
 * @param {any[][]} metric The metric per period, one column, e.g. time to fill by month. Periods with a blank here or in any lever are left out.
 * @param {any[][]} levers The levers per period: one column per lever, one row per period (same rows as metric).
 * @param {number} [lag] Months (periods) the metric takes to respond: compares the metric with the levers this many periods earlier. Omitted: 0.
 * @param {string} [measure] "elasticity" (omitted), "coefficient", "standardized", "stderr", "pvalue", or "all": labelled rows of the five, then periods used, residual df, R², each lever's VIF and the model.
 * @param {string} [model] "levels" (omitted: the metric as observed, as LINEST), "changes" (period-to-period changes, for metrics that drift), or "auto" (chooses as the Sensitivity sheet does).
 * @returns {any[][]} One row with a value per lever ("all": labelled rows, a label column first).
 */
export function sensitivity(
  metric: unknown[][],
  levers: unknown[][],
  lag?: number,
  measure?: string,
  model?: string,
) {
  return call("SENSITIVITY", [metric, levers, lag ?? null, measure ?? null, model ?? null]);
}

/**
 * Chained elasticities: how levers move business outcomes through the recruitment KPIs (lever→KPI times KPI→outcome).
 * @customfunction CHAIN
 * @helpurl https://github.com/rpo-align/rpo-align/blob/main/docs/functions.md#chain
 * @param {any[][]} lever_to_kpi Elasticities of each KPI (columns) on each lever (rows). A blank is unknown: a result that needs it is #N/A. A square block needs its header row of KPI names.
 * @param {any[][]} kpi_to_outcome Elasticities of each outcome (columns) on each KPI (rows): as many rows as lever_to_kpi has columns. A square block needs its header row of outcome names.
 * @returns {any[][]} One row per lever, one column per outcome.
 */
export function chain(lever_to_kpi: unknown[][], kpi_to_outcome: unknown[][]) {
  return call("CHAIN", [lever_to_kpi, kpi_to_outcome]);
}

/**
 * Goal leverage of each lever: the goal-weighted % improvement that goes with a 1% rise of the lever (the Alignment sheet's Goal leverage).
 * @customfunction LEVERAGE
 * @helpurl https://github.com/rpo-align/rpo-align/blob/main/docs/functions.md#leverage
 * @param {any[][]} sensitivities Elasticities: one row per lever, one column per goal metric (a square block needs its header row of goal names). A blank counts as 0 (no effect).
 * @param {any[][]} directions Per goal: "Increase" or "Decrease" (or 1 / -1), in the same order as the columns of sensitivities.
 * @param {any[][]} weights Per goal: its weight (0 or more), in the same order. A blank weight counts as 0; a negative weight, or all 0, is #VALUE!.
 * @returns {any[][]} One column: the goal leverage of each lever.
 */
export function leverage(sensitivities: unknown[][], directions: unknown[][], weights: unknown[][]) {
  return call("LEVERAGE", [sensitivities, directions, weights]);
}

/**
 * What-if: the predicted % change of each metric when the levers change by the given percentages (first order).
 * @customfunction WHATIF
 * @helpurl https://github.com/rpo-align/rpo-align/blob/main/docs/functions.md#whatif
 * @param {any[][]} sensitivities Elasticities: one row per lever, one column per metric (a square block needs its header row of metric names).
 * @param {any[][]} lever_changes Relative change per lever, in the order of the rows: 0.1 = +10%. A blank is no change.
 * @returns {any[][]} One row: the relative change of each metric (0.02 = +2%).
 */
export function whatif(sensitivities: unknown[][], lever_changes: unknown[][]) {
  return call("WHATIF", [sensitivities, lever_changes]);
}

/**
 * Green, Amber or Red for alignment scores (movement × goal leverage), as on the Alignment sheet. Spills over a range.
 * @customfunction RAG
 * @helpurl https://github.com/rpo-align/rpo-align/blob/main/docs/functions.md#rag
 * @param {any[][]} score One score or a range of scores. A blank score gives a blank.
 * @param {number} [threshold] Scores closer to 0 than this are Amber (a score of 0 is always Amber). Omitted: 0.001 (the analysis default).
 * @returns {any[][]} "Green", "Amber" or "Red" for each score.
 */
export function rag(score: unknown[][], threshold?: number) {
  return call("RAG", [score, threshold ?? null]);
}

/**
 * Best lag: the delay (0 to max_lag periods) at which a lever and a metric are most strongly correlated (levels, descriptive), and that correlation.
 * @customfunction BESTLAG
 * @helpurl https://github.com/rpo-align/rpo-align/blob/main/docs/functions.md#bestlag
 * @param {any[][]} lever The lever per period, one column. Periods with a blank on either side are left out.
 * @param {any[][]} metric The metric per period, same rows as lever.
 * @param {number} max_lag The longest delay to try, in periods (e.g. 6). Each lag needs at least 8 complete pairs.
 * @param {boolean} [show_pairs] TRUE: also return the number of complete pairs behind the correlation. Omitted: FALSE.
 * @returns {any[][]} One row: the lag, the correlation at that lag (and the pairs used).
 */
export function bestlag(lever: unknown[][], metric: unknown[][], max_lag: number, show_pairs?: boolean) {
  return call("BESTLAG", [lever, metric, max_lag, show_pairs ?? null]);
}

/** Loaded on the first RPO.PLAN call (HiGHS, a separate chunk + highs.wasm); identical calls are cached. */
let planSolver: LpSolver | null = null;
/** Why the solver cannot be loaded in this runtime (set once a load failed; never retried). */
let planSolverFailure: string | null = null;

/**
 * Why the solver chunk cannot be loaded here, or null when it can be tried. Webpack loads the chunk
 * with a <script> element, so it needs a page: Excel's JavaScript-only custom-functions runtime has
 * no `document`, and there a load attempt throws at first and then leaves a promise that never
 * settles (#BUSY! forever). So PLAN checks first and fails at once, every time, with #VALUE!.
 */
function planSolverUnavailable(): string | null {
  if (planSolverFailure !== null) return planSolverFailure;
  if (typeof document === "undefined" || typeof document.createElement !== "function") {
    return (
      "PLAN: the LP solver cannot be loaded in Excel's JavaScript-only functions runtime (no page to load it " +
      "into). PLAN needs the add-in's shared runtime: open the RPO Align task pane, or use the Plan sheet."
    );
  }
  return null;
}

async function planSolverOrFail(): Promise<LpSolver> {
  if (planSolver) return planSolver;
  const unavailable = planSolverUnavailable();
  if (unavailable !== null) throw new FunctionInputError(unavailable, "#VALUE!");
  try {
    // highs.wasm sits next to the page's bundles in dist/ (copied by webpack.config.js).
    planSolver = await loadHighsSolver({ locateFile: (file) => file });
    return planSolver;
  } catch (error) {
    const reason = (error instanceof Error ? error.message : String(error)).replace(/\s+/g, " ").trim();
    planSolverFailure = `PLAN: the LP solver could not be loaded (${reason}). Reload the add-in to try again.`;
    throw new FunctionInputError(planSolverFailure, "#VALUE!");
  }
}
const cachedPlan = memoize(
  (...args: Parameters<typeof readPlanArgs>) => planCells(planSolver as LpSolver, ...args),
  CACHE_CAPACITY,
);

/**
 * Lever plan: the lever settings that best serve the goals within min/max, a maximum move and a budget (linear programming, as the Plan sheet).
 * @customfunction PLAN
 * @helpurl https://github.com/rpo-align/rpo-align/blob/main/docs/functions.md#plan
 * @param {any[][]} sensitivities Elasticities at the current values (elasticity at the means × current / mean of the lever): one row per lever, one column per goal metric (a square block needs its header row of goal names). A blank counts as 0.
 * @param {any[][]} directions Per goal: "Increase" or "Decrease" (or 1 / -1), in the order of the columns of sensitivities.
 * @param {any[][]} weights Per goal: its weight (0 or more), in the same order.
 * @param {any[][]} current Today's value of each lever (0 or more), in the order of the rows.
 * @param {any[][]} min Lowest allowed value of each lever. A blank is no limit.
 * @param {any[][]} max Highest allowed value of each lever. A blank is no limit.
 * @param {any[][]} [cost] Cost of one unit of each lever per period. Omitted or blank: free.
 * @param {number} [budget] Extra cost per period the plan may add (negative: it must save that much). Omitted: no limit.
 * @param {number} [max_move] Largest move per lever as a fraction of its current value. Omitted: 0.2 (±20%).
 * @returns {any[][]} One column: the planned value of each lever.
 */
export async function plan(
  sensitivities: unknown[][],
  directions: unknown[][],
  weights: unknown[][],
  current: unknown[][],
  min: unknown[][],
  max: unknown[][],
  cost?: unknown[][],
  budget?: number,
  max_move?: number,
) {
  try {
    const args = [
      sensitivities,
      directions,
      weights,
      current,
      min,
      max,
      cost ?? null,
      budget ?? null,
      max_move ?? null,
    ] as const;
    readPlanArgs(...args); // wrong input fails at once, without loading the solver
    await planSolverOrFail(); // so does a runtime that cannot load it
    return toExcelMatrix(cachedPlan(...args));
  } catch (error) {
    throw toThrownError(error, "PLAN");
  }
}
