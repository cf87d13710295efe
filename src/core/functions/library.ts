/**
 * The RPO.* worksheet functions as pure computations: Excel's arguments in, result cells out.
 *
 * Each function reads its arguments with args.ts (one set of rules for blanks, text and shapes)
 * and calls the ONE core computation the analysis sheets use (src/core/alignment): no second
 * implementation lives here. Results are Cell[][] (finite numbers, text, or { error, message });
 * a call that cannot be answered throws FunctionInputError (cells.ts) with the code Excel shows.
 * src/functions/functions.ts memoises these (memo.ts) and turns them into CustomFunctions values.
 */
import { bestLag } from "../alignment/bestlag";
import { chainMatrices } from "../alignment/chain";
import { goalLeverage } from "../alignment/leverage";
import { ragOf } from "../alignment/rag";
import { sensitivityOf, type LeverSensitivity, type SensitivityFit } from "../alignment/sensitivity";
import { DEFAULT_SETTINGS } from "../alignment/settings";
import { whatIf } from "../alignment/whatif";
import {
  count,
  readChoice,
  readDirections,
  readMatrix,
  readNumber,
  readSeries,
  readSeriesBlock,
  readWeights,
  readWholeNumber,
  type CleanSeries,
} from "./args";
import {
  asMatrix,
  FunctionInputError,
  isOmitted,
  readCell,
  type Cell,
  type CellError,
  type Reading,
} from "./cells";

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

/** True when the argument is a single row of several cells (a series laid out across columns). */
function isRow(value: unknown): boolean {
  return Array.isArray(value) && value.length === 1 && Array.isArray(value[0]) && value[0].length > 1;
}

/** "row 4" for a column argument, "column 4" for a row argument (i is 0-based). */
function where(value: unknown, i: number): string {
  return `${isRow(value) ? "column" : "row"} ${i + 1}`;
}

function sameLength(fn: string, a: CleanSeries, aName: string, b: CleanSeries, bName: string): void {
  if (a.length !== b.length) {
    throw new FunctionInputError(
      `${fn}: ${bName} has ${count(b.length, "value")} but ${aName} has ${a.length}; give one ${bName} value per ${aName} value`,
    );
  }
}

/** The whole-fit problem of a sensitivity fit ("insufficient"), as an #N/A for the formula. */
function insufficient(fn: string, fit: SensitivityFit): FunctionInputError {
  const issue = fit.issues.find((i) => i.kind === "insufficient");
  return new FunctionInputError(`${fn}: ${issue?.message ?? "too little data: no estimates"}`, "#N/A");
}

// ---------------------------------------------------------------------------------------------
// ELASTICITY
// ---------------------------------------------------------------------------------------------

export const ELASTICITY_METHODS = ["mean", "log"] as const;

/**
 * Elasticity of y with respect to x. "mean": slope · mean(x) / mean(y) (as on the Sensitivity sheet,
 * with one lever); "log": slope of ln y on ln x. Pairs with a blank on either side are left out.
 */
export function elasticity(knownY: unknown, knownX: unknown, method: unknown): Cell[][] {
  const fn = "ELASTICITY";
  const y = readSeries(knownY, "known_y", fn);
  const x = readSeries(knownX, "known_x", fn);
  sameLength(fn, y, "known_y", x, "known_x");
  const how = readChoice(method, "method", fn, ELASTICITY_METHODS);
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
 * measure "all", five rows with a label column first.
 */
export function sensitivity(metric: unknown, levers: unknown, lag: unknown, measure: unknown): Cell[][] {
  const fn = "SENSITIVITY";
  const y = readSeries(metric, "metric", fn);
  const byRows = isRow(metric);
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
  const noun = byRows ? "row" : "column";
  const names = block.series.map((_, j) => `levers ${noun} ${j + 1}`);
  const fit = sensitivityOf(y, block.series, shift, { names, targetName: "the metric" });
  if (fit.method === "insufficient") throw insufficient(fn, fit);

  const cell = (j: number, field: keyof LeverSensitivity): Cell => {
    const issue = fit.issues.find((i) => i.column === j);
    if (issue) return na(issue.message);
    const value = fit.rows[j][field];
    return typeof value === "number" ? value : na(UNDEFINED_REASON[field] ?? "undefined");
  };
  const rowOf = (field: keyof LeverSensitivity): Cell[] => block.series.map((_, j) => cell(j, field));
  if (what === "all") return MEASURE_ROWS.map((m) => [m.label, ...rowOf(m.field)]);
  const chosen = MEASURE_ROWS.find((m) => m.measure === what) as (typeof MEASURE_ROWS)[number];
  return [rowOf(chosen.field)];
}

// ---------------------------------------------------------------------------------------------
// CHAIN, LEVERAGE, WHATIF
// ---------------------------------------------------------------------------------------------

/** levers x KPIs times KPIs x outcomes (chainMatrices); a blank factor is left out of the sum. */
export function chain(leverToKpi: unknown, kpiToOutcome: unknown): Cell[][] {
  const fn = "CHAIN";
  const a = readMatrix(leverToKpi, "lever_to_kpi", fn);
  const b = readMatrix(kpiToOutcome, "kpi_to_outcome", fn);
  const product = sized(fn, () => chainMatrices(a, b));
  return product.map((row) =>
    row.map((v) => v ?? na("no path with both elasticities known (every term has a blank factor)")),
  );
}

/** Goal leverage per lever (goalLeverage): one column, one value per row of sensitivities. */
export function leverage(sensitivities: unknown, directions: unknown, weights: unknown): Cell[][] {
  const fn = "LEVERAGE";
  const s = readMatrix(sensitivities, "sensitivities", fn);
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
  const s = readMatrix(sensitivities, "sensitivities", fn);
  const changes = readSeries(leverChanges, "lever_changes", fn);
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

/** "Green"/"Amber"/"Red" per score cell (ragOf); a blank score gives a blank cell. */
export function rag(score: unknown, threshold: unknown): Cell[][] {
  const fn = "RAG";
  const t = readNumber(threshold, "threshold", fn, DEFAULT_SETTINGS.ragThreshold);
  if (t < 0) throw new FunctionInputError(`${fn}: threshold must be 0 or more (got ${t})`);
  const m = readMatrixCells(score);
  return m.map((row) =>
    row.map((v): Cell => {
      if (v.kind === "missing") return "";
      if (v.kind === "invalid") return { error: "#VALUE!", message: `${fn}: the score ${v.what}` };
      return RAG_LABEL[ragOf(v.value, t)];
    }),
  );
}

/** Per-cell reading: one bad cell gives one #VALUE! cell, the others keep their colour. */
function readMatrixCells(score: unknown): Reading[][] {
  if (isOmitted(score)) throw new FunctionInputError("RAG: score is required");
  return asMatrix(score, "score").map((row) => row.map((v) => readCell(v, "RAG")));
}

/** Lag 0..max_lag with the strongest |correlation| of lever(t) with metric(t + lag), and that r. */
export function bestlag(lever: unknown, metric: unknown, maxLag: unknown): Cell[][] {
  const fn = "BESTLAG";
  const x = readSeries(lever, "lever", fn);
  const y = readSeries(metric, "metric", fn);
  sameLength(fn, x, "lever", y, "metric");
  if (isOmitted(maxLag)) throw new FunctionInputError(`${fn}: max_lag is required (the longest lag to try)`);
  const top = readWholeNumber(maxLag, "max_lag", fn, 0, 0, Math.max(0, y.length - 3));
  const best = bestLag(x, y, top);
  if (best === null) {
    throw new FunctionInputError(
      `${fn}: no lag from 0 to ${top} has at least 3 complete pairs in which both lever and metric vary`,
      "#N/A",
    );
  }
  return [[best.lag, best.r]];
}
