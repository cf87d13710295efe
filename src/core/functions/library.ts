/**
 * The RPO.* worksheet functions as pure computations: Excel's arguments in, result cells out.
 *
 * Each function reads its arguments with args.ts (one set of rules for blanks, text and shapes)
 * and calls the ONE core computation the analysis sheets use (src/core/alignment): no second
 * implementation lives here. Results are Cell[][] (finite numbers, text, or { error, message });
 * a call that cannot be answered throws FunctionInputError (cells.ts) with the code Excel shows.
 * Arguments arrive canonical (grid.ts: each range converted once into a typed array); index.ts
 * memoises these over those grids (memo.ts) and src/functions/functions.ts turns the cells into
 * CustomFunctions values.
 */
import { pearson } from "../alignment/bestlag";
import { chainMatrices } from "../alignment/chain";
import { goalLeverage } from "../alignment/leverage";
import { ragOf } from "../alignment/rag";
import { fitInModel } from "../alignment/estimate";
import { sensitivityOf, type SensitivityFit } from "../alignment/sensitivity";
import type { LeverSensitivity } from "../alignment/types";
import type { MetricModel } from "../alignment/types";
import { DEFAULT_SETTINGS } from "../alignment/settings";
import { whatIf } from "../alignment/whatif";
import { ols } from "../stats/ols";
import {
  checkMagnitude,
  count,
  gridOf,
  gridSize,
  isRowGrid,
  readBoolean,
  readChoice,
  readDirections,
  readNumber,
  readSeries,
  readSeriesBlock,
  readWeights,
  readWholeNumber,
  type CleanSeries,
} from "./args";
import { readLabelledBlock } from "./blocks";
import { FunctionInputError, isOmitted, readCell, type Cell, type CellError } from "./cell-arguments";
import { isGrid, otherAt, toGrid, valueAt } from "./grid";

const na = (message: string): CellError => ({ error: "#N/A", message });

/** RangeError from core (mismatched sizes) -> #VALUE! with its message. */
function sized<T>(fn: string, compute: () => T): T {
  try {
    return compute();
  } catch (error) {
    if (error instanceof RangeError) throw new FunctionInputError(`${fn}: ${error.message}`);
    throw error;
  }
}

/** "row 4" for a column argument, "column 4" for a row argument (i is 0-based). */
function where(value: unknown, i: number): string {
  return `${isRowGrid(value) ? "column" : "row"} ${i + 1}`;
}

function sameLength(fn: string, a: CleanSeries, aName: string, b: CleanSeries, bName: string): void {
  if (a.length !== b.length) {
    throw new FunctionInputError(
      `${fn}: ${bName} has ${count(b.length, "value")} but ${aName} has ${a.length}; give one ${bName} value per ${aName} value`,
    );
  }
}

/** Statistics square their inputs: magnitudes outside 1e-150 .. 1e150 are #NUM! (args.ts). */
function checkMagnitudes(fn: string, ...values: unknown[]): void {
  for (const v of values) {
    const g = isGrid(v) ? v : Array.isArray(v) ? toGrid(v) : null;
    if (g !== null) checkMagnitude(g, fn);
  }
}

/** The whole-fit problem of a sensitivity fit ("insufficient"), as an #N/A for the formula. */
function insufficient(fn: string, fit: SensitivityFit): FunctionInputError {
  const issue = fit.issues.find((i) => i.kind === "insufficient");
  return new FunctionInputError(`${fn}: ${issue?.message ?? "too little data: no estimates"}`, "#N/A");
}

/**
 * The elasticity at the means b · x̄ / ȳ divides by ȳ: when ȳ is a small part of the metric's
 * typical size (its mean absolute value), values of both signs cancel and the ratio is
 * meaningless (it grows without bound as ȳ -> 0). Below this share the elasticity is #N/A.
 */
export const MEAN_NEAR_ZERO_SHARE = 0.01;

function meanNearZero(y: readonly number[]): string | null {
  let sum = 0;
  let sumAbs = 0;
  for (const v of y) {
    sum += v;
    sumAbs += Math.abs(v);
  }
  if (sumAbs === 0) return null;
  const share = Math.abs(sum) / sumAbs;
  if (share >= MEAN_NEAR_ZERO_SHARE) return null;
  const mean = sum / y.length;
  return (
    `the mean of the metric over the rows used (${mean.toPrecision(3)}) is less than 1% of its typical size ` +
    `(mean absolute value ${(sumAbs / y.length).toPrecision(3)}): positive and negative values cancel, so an ` +
    `elasticity at the means is meaningless; use "coefficient"`
  );
}

// ---------------------------------------------------------------------------------------------
// ELASTICITY
// ---------------------------------------------------------------------------------------------

export const ELASTICITY_METHODS = ["mean", "log"] as const;
/** Complete pairs ELASTICITY needs: a slope and an intercept leave one degree of freedom. */
const ELASTICITY_MIN_PAIRS = 3;

/**
 * Elasticity of y with respect to x, descriptive (on levels). "mean": slope · mean(x) / mean(y)
 * (as on the Sensitivity sheet, with one lever); "log": slope of ln y on ln x. Pairs with a blank
 * on either side are left out.
 */
export function elasticity(knownY: unknown, knownX: unknown, method: unknown): Cell[][] {
  const fn = "ELASTICITY";
  const y = readSeries(knownY, "known_y", fn);
  const x = readSeries(knownX, "known_x", fn);
  sameLength(fn, y, "known_y", x, "known_x");
  const how = readChoice(method, "method", fn, ELASTICITY_METHODS);
  checkMagnitudes(fn, knownY, knownX);
  const used: number[] = [];
  for (let i = 0; i < y.length; i++) if (y[i] !== null && x[i] !== null) used.push(y[i] as number);
  if (used.length < ELASTICITY_MIN_PAIRS) {
    throw new FunctionInputError(
      `${fn}: only ${count(used.length, "complete pair")} of known_y and known_x (a blank on either side leaves a pair out); at least ${ELASTICITY_MIN_PAIRS} are needed`,
      "#N/A",
    );
  }
  let ys: CleanSeries = y;
  let xs: CleanSeries = x;
  if (how === "log") {
    ys = [];
    xs = [];
    for (let i = 0; i < y.length; i++) {
      const a = y[i];
      const b = x[i];
      if (a === null || b === null) {
        ys.push(null);
        xs.push(null);
        continue;
      }
      for (const [v, name, arg] of [
        [a, "known_y", knownY],
        [b, "known_x", knownX],
      ] as const) {
        if (v <= 0) {
          throw new FunctionInputError(
            `${fn}: ${name} ${where(arg, i)} is ${v}: the "log" method needs values above 0 (use "mean")`,
            "#NUM!",
          );
        }
      }
      ys.push(Math.log(a));
      xs.push(Math.log(b));
    }
  }
  const fit = sensitivityOf(ys, [xs], 0, {
    minDegreesOfFreedom: 0,
    names: ["known_x"],
    targetName: "known_y",
  });
  if (fit.dropped.some((d) => d.kind === "constant")) {
    throw new FunctionInputError(
      `${fn}: known_x has the same value in every pair used, so no slope can be estimated`,
      "#N/A",
    );
  }
  if (fit.method === "insufficient") throw insufficient(fn, fit);
  const row = fit.rows[0];
  if (how === "log") {
    return [[row.coefficient ?? na("the slope of ln(known_y) on ln(known_x) is undefined")]];
  }
  const nearZero = meanNearZero(used);
  if (nearZero !== null) return [[na(nearZero.replace("the metric", "known_y"))]];
  return [
    [
      row.elasticity ??
        na("the mean of known_y over the pairs used is 0, so the elasticity at the means is undefined"),
    ],
  ];
}

// ---------------------------------------------------------------------------------------------
// SENSITIVITY
// ---------------------------------------------------------------------------------------------

export const SENSITIVITY_MEASURES = [
  "elasticity",
  "coefficient",
  "standardized",
  "stderr",
  "pvalue",
  "all",
] as const;
export type SensitivityMeasure = (typeof SENSITIVITY_MEASURES)[number];

const MEASURE_ROWS: {
  measure: Exclude<SensitivityMeasure, "all">;
  label: string;
  field: keyof LeverSensitivity;
}[] = [
  { measure: "elasticity", label: "Elasticity", field: "elasticity" },
  { measure: "coefficient", label: "Coefficient", field: "coefficient" },
  { measure: "standardized", label: "Standardized", field: "standardized" },
  { measure: "stderr", label: "Std error", field: "stdError" },
  { measure: "pvalue", label: "p-value", field: "pValue" },
];

/**
 * Labels of the rows "all" returns, in order. Rows are only ever appended (a workbook that reads
 * row 5 keeps reading the p-values); the last, "Model", names the model fitted and why.
 */
export const SENSITIVITY_ALL_ROWS = [
  ...MEASURE_ROWS.map((m) => m.label),
  "Periods used",
  "Residual df",
  "R²",
  "VIF",
  "Model",
] as const;

/** RPO.SENSITIVITY's `model` argument: the Sensitivity sheet's estimation models (docs/method.md §2a). */
export const SENSITIVITY_MODELS = ["levels", "changes", "auto"] as const;

const MODEL_NAME: Record<MetricModel, string> = {
  levels: "levels",
  "log-changes": "changes (log)",
  "relative-changes": "changes (relative)",
};

/** A VIF at or above this flags a lever whose effect cannot be told apart from the others'. */
export const VIF_THRESHOLD = 10;

const UNDEFINED_REASON: Record<string, string> = {
  elasticity: "the mean of the metric over the rows used is 0, so the elasticity at the means is undefined",
  coefficient: "the coefficient could not be estimated",
  standardized: "the metric does not vary over the rows used, so the standardized effect is undefined",
  stdError: "the standard error is undefined (no residual degrees of freedom)",
  pValue: "the p-value is undefined (no residual degrees of freedom)",
};

/**
 * Multiple regression of the metric (shifted by `lag` periods) on all lever columns: the fit behind
 * the Sensitivity sheet (sensitivityOf with the analysis defaults). One row, one cell per lever; with
 * measure "all", the labelled rows of SENSITIVITY_ALL_ROWS.
 */
export function sensitivity(
  metric: unknown,
  levers: unknown,
  lag: unknown,
  measure: unknown,
  model: unknown = null,
): Cell[][] {
  const fn = "SENSITIVITY";
  const y = readSeries(metric, "metric", fn);
  const byRows = isRowGrid(metric);
  const block = readSeriesBlock(levers, "levers", fn, byRows);
  const length = byRows ? block.cols : block.rows;
  if (length !== y.length) {
    const unit = byRows ? "columns" : "rows";
    throw new FunctionInputError(
      `${fn}: levers has ${length} ${unit} but metric has ${y.length} values; give one ${byRows ? "column" : "row"} of levers per period`,
    );
  }
  const shift = readWholeNumber(lag, "lag", fn, 0, 0, Math.max(0, y.length - 1));
  const what = readChoice(measure, "measure", fn, SENSITIVITY_MEASURES);
  const choice =
    model === null || model === undefined || model === ""
      ? "levels"
      : readChoice(model, "model", fn, SENSITIVITY_MODELS);
  checkMagnitudes(fn, metric, levers);
  const noun = byRows ? "row" : "column";
  const names = block.series.map((_, j) => `levers ${noun} ${j + 1}`);
  // Levels (the default) is exactly the regression LINEST fits; "changes" and "auto" are the sheets' models.
  const { fit, decision } = fitInModel(y, block.series, shift, { names, targetName: "the metric" }, choice);
  if (fit.method === "insufficient") throw insufficient(fn, fit);

  // The rows the fit used, as fitted (levels, or changes in the changes model), for the reasons and "all".
  if (!fit.detail) throw insufficient(fn, fit);
  const aligned = { y: fit.detail.y, x: fit.detail.columns };
  const metricConstant = aligned.y.every((v) => v === aligned.y[0]);
  // In changes the coefficient is the elasticity: a mean change near 0 is normal there.
  const nearZero = fit.form === "levels" ? meanNearZero(aligned.y) : null;
  const constantReason = (what: string) =>
    `the metric has the same value (${aligned.y[0]}) in all ${aligned.y.length} periods used, so ${what} is undefined`;

  const cell = (j: number, field: keyof LeverSensitivity): Cell => {
    const issue = fit.issues.find((i) => i.column === j);
    if (issue) return na(issue.message);
    if (field === "elasticity" && nearZero !== null) return na(nearZero);
    const value = fit.rows[j][field];
    if (typeof value === "number") return value;
    if (metricConstant && field === "stdError") return na(constantReason("its standard error"));
    if (metricConstant && field === "pValue") return na(constantReason("its p-value"));
    return na(UNDEFINED_REASON[field] ?? "undefined");
  };
  const rowOf = (field: keyof LeverSensitivity): Cell[] => block.series.map((_, j) => cell(j, field));
  if (what !== "all") {
    const chosen = MEASURE_ROWS.find((m) => m.measure === what) as (typeof MEASURE_ROWS)[number];
    return [rowOf(chosen.field)];
  }
  const p = block.series.length;
  const firstThen = (value: Cell): Cell[] => [value, ...Array.from({ length: p - 1 }, () => "")];
  const kept = fit.rows.filter((r) => r.coefficient !== null).length;
  const r2: Cell =
    fit.r2 !== null ? fit.r2 : na(metricConstant ? constantReason("R²") : "R² is undefined for this fit");
  return [
    ...MEASURE_ROWS.map((m) => [m.label, ...rowOf(m.field)]),
    ["Periods used", ...firstThen(fit.n)],
    ["Residual df", ...firstThen(fit.n - 1 - kept)],
    ["R²", ...firstThen(r2)],
    ["VIF", ...varianceInflation(fit, aligned.x, fit.detail.used, p)],
    ["Model", ...firstThen(`${MODEL_NAME[fit.model]}: ${decision.evidence.reason}`)],
  ];
}

/**
 * Variance inflation factor of each lever kept in the fit: VIF_j = 1 / (1 − R²_j), R²_j from the
 * regression (with intercept) of lever j on the other kept levers over the periods used, computed
 * as SStot_j / SSres_j (no cancellation in 1 − R²_j). 1 = unrelated to the others; at or above
 * VIF_THRESHOLD the lever's effect cannot be told apart from theirs. Levers left out of the fit
 * show their reason.
 */
function varianceInflation(
  fit: SensitivityFit,
  alignedX: number[][],
  usedLevers: number[],
  p: number,
): Cell[] {
  const keptPositions = usedLevers
    .map((j, k) => ({ j, k }))
    .filter(({ j }) => fit.rows[j].coefficient !== null);
  const out: Cell[] = Array.from({ length: p }, (_, j) => {
    const issue = fit.issues.find((i) => i.column === j);
    return na(issue?.message ?? "this lever is not in the fit");
  });
  for (const { j, k } of keptPositions) {
    const others = keptPositions.filter((o) => o.j !== j).map((o) => alignedX[o.k]);
    if (others.length === 0) {
      out[j] = 1;
      continue;
    }
    const aux = ols(alignedX[k], others, { intercept: true, refinementSteps: 0 });
    const total = aux.ssRegression + aux.ssResidual;
    out[j] =
      aux.ssResidual > 0 && Number.isFinite(total / aux.ssResidual)
        ? total / aux.ssResidual
        : na("this lever is an exact combination of the others over the periods used");
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// CHAIN, LEVERAGE, WHATIF
// ---------------------------------------------------------------------------------------------

/**
 * levers x KPIs times KPIs x outcomes (chainMatrices). A number cannot carry a warning, so a
 * result cell whose sum would leave out a term (a blank factor meeting a non-zero one) is #N/A
 * saying how many terms are missing; blank x 0 is 0 whatever the blank is, so it is not missing.
 */
export function chain(leverToKpi: unknown, kpiToOutcome: unknown): Cell[][] {
  const fn = "CHAIN";
  const hint = "a blank elasticity is unknown: a result that needs it is #N/A";
  const a = readLabelledBlock(leverToKpi, "lever_to_kpi", fn, hint, { rows: "levers", cols: "KPIs" });
  const b = readLabelledBlock(kpiToOutcome, "kpi_to_outcome", fn, hint, { rows: "KPIs", cols: "outcomes" });
  if (a.colLabels && b.rowLabels && a.colLabels.length === b.rowLabels.length) {
    const mismatch = a.colLabels.findIndex(
      (l, k) => l.trim().toLowerCase() !== b.rowLabels?.[k].trim().toLowerCase(),
    );
    if (mismatch >= 0) {
      throw new FunctionInputError(
        `${fn}: lever_to_kpi's column ${mismatch + 1} is "${a.colLabels[mismatch]}" but kpi_to_outcome's row ${mismatch + 1} is "${b.rowLabels[mismatch]}"; the KPIs must be in the same order in both`,
      );
    }
  }
  const product = sized(fn, () => chainMatrices(a.values, b.values));
  const inner = b.values.length;
  return product.map((row, l) =>
    row.map((v, o) => {
      let missing = 0;
      for (let k = 0; k < inner; k++) {
        const x = a.values[l][k];
        const y = b.values[k][o];
        if ((x === null && y !== 0) || (y === null && x !== 0)) missing++;
      }
      if (missing > 0) {
        return na(
          `${missing} of ${count(inner, "term")} ${missing === 1 ? "has" : "have"} a blank elasticity, so the sum is unknown ` +
            "(a blank is not read as 0; enter 0 where there is no effect)",
        );
      }
      if (v === null) return na("no term is known");
      return v;
    }),
  );
}

/** Goal leverage per lever (goalLeverage): one column, one value per row of sensitivities. */
export function leverage(sensitivities: unknown, directions: unknown, weights: unknown): Cell[][] {
  const fn = "LEVERAGE";
  const s = readLabelledBlock(sensitivities, "sensitivities", fn, "a blank elasticity counts as 0", {
    rows: "levers",
    cols: "goals",
  }).values;
  const d = readDirections(directions, "directions", fn);
  const w = readWeights(weights, "weights", fn);
  if (d.length !== w.length) {
    throw new FunctionInputError(
      `${fn}: ${count(d.length, "direction")} but ${count(w.length, "weight")}; give one of each per goal`,
    );
  }
  if (s[0].length !== w.length) {
    throw new FunctionInputError(
      `${fn}: sensitivities has ${count(s[0].length, "column")} but there are ${count(w.length, "goal")}; give one column per goal (one row per lever)`,
    );
  }
  return sized(fn, () => goalLeverage(s, d, w)).map((v) => [v]);
}

/** Predicted relative change of each metric (whatIf): one row, one value per sensitivities column. */
export function whatif(sensitivities: unknown, leverChanges: unknown): Cell[][] {
  const fn = "WHATIF";
  const s = readLabelledBlock(
    sensitivities,
    "sensitivities",
    fn,
    "a blank elasticity is unknown: a metric that needs it is #N/A",
    { rows: "levers", cols: "metrics" },
  ).values;
  const changes = readSeries(leverChanges, "lever_changes", fn, "a blank change is no change");
  if (changes.length !== s.length) {
    throw new FunctionInputError(
      `${fn}: ${count(changes.length, "lever change")} but sensitivities has ${count(s.length, "row")} (levers); give one change per lever`,
    );
  }
  const out = sized(fn, () => whatIf(s, changes));
  return [out.map((v) => v ?? na("a lever that moves has a blank elasticity for this metric"))];
}

// ---------------------------------------------------------------------------------------------
// RAG, BESTLAG
// ---------------------------------------------------------------------------------------------

const RAG_LABEL = { green: "Green", amber: "Amber", red: "Red" } as const;

/**
 * "Green"/"Amber"/"Red" per score cell (ragOf): Green when score ≥ threshold and score > 0, Red
 * when score ≤ −threshold and score < 0, Amber otherwise (a score of 0 is Amber, even with
 * threshold 0). A blank score gives a blank cell.
 */
export function rag(score: unknown, threshold: unknown): Cell[][] {
  const fn = "RAG";
  const t = readNumber(threshold, "threshold", fn, DEFAULT_SETTINGS.ragThreshold);
  if (t < 0) throw new FunctionInputError(`${fn}: threshold must be 0 or more (got ${t})`);
  if (isOmitted(score)) throw new FunctionInputError("RAG: score is required");
  const g = gridOf(score, "score", fn);
  return Array.from({ length: g.rows }, (_, r) =>
    Array.from({ length: g.cols }, (_, c): Cell => {
      const other = otherAt(g, r, c);
      if (other !== undefined) {
        const reading = readCell(other, fn, "a blank score gives a blank");
        const what = reading.kind === "invalid" ? reading.what : "holds a value that is not a number";
        return { error: "#VALUE!", message: `${fn}: the score ${what}` };
      }
      const v = valueAt(g, r, c);
      return v === null ? "" : RAG_LABEL[ragOf(v, t)];
    }),
  );
}

/**
 * The values times the power of two that brings the largest magnitude into [0.5, 1): exact (no
 * rounding), and correlation is scale-free, so r is bit-for-bit what it is on the raw values,
 * except that sums of squares of large values (1e77 and up: their product passes 1e308) no longer
 * overflow.
 */
function powerOfTwoScaled(values: number[]): number[] {
  let largest = 0;
  for (const v of values) largest = Math.max(largest, Math.abs(v));
  if (largest === 0 || !Number.isFinite(largest)) return values;
  const exponent = Math.floor(Math.log2(largest)) + 1;
  // Two factors, so that neither 2^-exponent nor its inverse over- or underflows on its own.
  const half = Math.trunc(exponent / 2);
  const f1 = 2 ** -half;
  const f2 = 2 ** -(exponent - half);
  return values.map((v) => v * f1 * f2);
}

/** Complete pairs a lag needs before its correlation counts (docs/functions.md#bestlag). */
export const BESTLAG_MIN_PAIRS = 8;

/**
 * Lag 0..max_lag with the strongest |correlation| of lever(t) with metric(t + lag), and that r,
 * over lags with at least BESTLAG_MIN_PAIRS complete pairs; with `showPairs`, the pairs used too.
 * Descriptive: a correlation of levels, not an effect estimate.
 */
export function bestlag(lever: unknown, metric: unknown, maxLag: unknown, showPairs: unknown): Cell[][] {
  const fn = "BESTLAG";
  const x = readSeries(lever, "lever", fn);
  const y = readSeries(metric, "metric", fn);
  sameLength(fn, x, "lever", y, "metric");
  if (isOmitted(maxLag)) throw new FunctionInputError(`${fn}: max_lag is required (the longest lag to try)`);
  const withPairs = readBoolean(showPairs, "show_pairs", fn, false);
  if (y.length < BESTLAG_MIN_PAIRS) {
    throw new FunctionInputError(
      `${fn}: lever and metric have ${count(y.length, "period")}; a correlation needs at least ${BESTLAG_MIN_PAIRS} complete pairs`,
      "#N/A",
    );
  }
  const top = readWholeNumber(maxLag, "max_lag", fn, 0, 0, y.length - BESTLAG_MIN_PAIRS);
  checkMagnitudes(fn, lever, metric);
  let best: { lag: number; r: number; pairs: number } | null = null;
  let mostPairs = 0;
  for (let k = 0; k <= top; k++) {
    const xs: number[] = [];
    const ys: number[] = [];
    for (let t = 0; t + k < y.length; t++) {
      const a = x[t];
      const b = y[t + k];
      if (a !== null && b !== null) {
        xs.push(a);
        ys.push(b);
      }
    }
    mostPairs = Math.max(mostPairs, xs.length);
    if (xs.length < BESTLAG_MIN_PAIRS) continue;
    const r = pearson(powerOfTwoScaled(xs), powerOfTwoScaled(ys));
    if (r !== null && (best === null || Math.abs(r) > Math.abs(best.r)))
      best = { lag: k, r, pairs: xs.length };
  }
  if (best === null) {
    throw new FunctionInputError(
      mostPairs < BESTLAG_MIN_PAIRS
        ? `${fn}: no lag from 0 to ${top} has ${BESTLAG_MIN_PAIRS} complete pairs (the most is ${mostPairs}; a blank on either side leaves a pair out)`
        : `${fn}: at every lag from 0 to ${top} with ${BESTLAG_MIN_PAIRS} or more complete pairs, lever or metric does not vary`,
      "#N/A",
    );
  }
  return withPairs ? [[best.lag, best.r, best.pairs]] : [[best.lag, best.r]];
}

/** The size of a grid argument, for messages. */
export function describeSize(value: unknown): string {
  return isGrid(value) ? gridSize(value) : "1 value";
}
