/**
 * Sensitivity of one metric to the levers: a multiple regression (OLS with intercept) of the metric
 * on all levers over the history up to the as-of period, honouring the metric's lag (see lag.ts).
 *
 * Per lever j, from the coefficient b_j of that one regression (so each effect is net of the other levers):
 *   elasticity at the means  e_j = b_j · mean(x_j) / mean(y)     (null when mean(y) = 0)
 *   standardized effect      β_j = b_j · sd(x_j) / sd(y)          (null when sd(y) = 0)
 * means and sample standard deviations over the complete rows actually used. Standard error, two-sided
 * p-value and 95% confidence interval come from ols(); "significant" means p < significance level.
 *
 * The fit is "insufficient" (no estimates, a warning, never an exception) when
 * n ≤ (columns + 1) or the residual degrees of freedom n − rank are below minDegreesOfFreedom.
 * Constant and collinear columns are dropped by ols() and named in the warnings.
 *
 * `sensitivityOf` is the single computation behind both the Sensitivity sheet and =RPO.SENSITIVITY.
 */
import { ols } from "../stats/ols";
import type { OlsResult } from "../stats/types";
import { DEFAULT_SETTINGS } from "./settings";
import { alignLagged, type Series } from "./lag";
import { finiteOrNull, isPresent, mean, sampleSd } from "./numeric";

export interface LeverSensitivity {
  coefficient: number | null;
  elasticity: number | null;
  standardized: number | null;
  stdError: number | null;
  pValue: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  significant: boolean;
}

export interface SensitivityFit {
  /** One row per column, in the caller's order. */
  rows: LeverSensitivity[];
  /** Complete rows used. */
  n: number;
  r2: number | null;
  method: "ols" | "insufficient";
  warnings: string[];
  /** The same warnings with a machine-readable kind and the column concerned (null for the whole fit). */
  issues: SensitivityIssue[];
  /** Columns left out: no data at all, constant, or collinear with others. */
  dropped: { column: number; kind: "no-data" | "constant" | "collinear"; with: number[] }[];
}

export interface SensitivityIssue {
  kind: "no-data" | "constant" | "collinear" | "insufficient";
  column: number | null;
  message: string;
}

export interface SensitivityOptions {
  significanceLevel?: number;
  minDegreesOfFreedom?: number;
  /** Column names for warnings; default "lever 1", "lever 2", … */
  names?: readonly string[];
  /** Target name for warnings; default "the metric". */
  targetName?: string;
  /** Last target index to use (the as-of period); default the last one. */
  endIndex?: number;
  /**
   * "screening" skips the compensated refinement (plain Householder QR): for fits that are only
   * compared by R² (the lag check), where 10+ correct digits are plenty and the refinement's
   * double-double cross-products dominate the time on wide workbooks. Default "reported".
   */
  precision?: "reported" | "screening";
}

const EMPTY_ROW: LeverSensitivity = {
  coefficient: null,
  elasticity: null,
  standardized: null,
  stdError: null,
  pValue: null,
  ciLow: null,
  ciHigh: null,
  significant: false,
};

function listNames(names: string[]): string {
  if (names.length <= 1) return names.join("");
  return names.slice(0, -1).join(", ") + " and " + names[names.length - 1];
}

/** "it moves in lockstep with A (collinear), …" / "it is a linear combination of A and B (collinear), …" */
export function collinearText(others: string[]): string {
  const how = others.length === 1 ? "it moves in lockstep with" : "it is a linear combination of";
  return `${how} ${listNames(others)} (collinear), so their effects cannot be told apart.`;
}

/**
 * Regression of `target` on `columns`, each column shifted by its own number of periods
 * (`shifts`: one number for all, or one per column). Used for levers → metric (shift = metric lag)
 * and for KPIs → outcome (discovery.ts).
 */
export function regressLagged(
  target: Series,
  columns: readonly Series[],
  shifts: number | readonly number[],
  options: SensitivityOptions = {},
): SensitivityFit {
  const alpha = options.significanceLevel ?? DEFAULT_SETTINGS.significanceLevel;
  const minDf = options.minDegreesOfFreedom ?? DEFAULT_SETTINGS.minDegreesOfFreedom;
  const endIndex = options.endIndex ?? target.length - 1;
  const nameOf = (j: number) => options.names?.[j] ?? `lever ${j + 1}`;
  const targetName = options.targetName ?? "the metric";
  const shiftOf = (j: number) => (typeof shifts === "number" ? shifts : (shifts[j] ?? 0));
  const fit: SensitivityFit = {
    rows: columns.map(() => ({ ...EMPTY_ROW })),
    n: 0,
    r2: null,
    method: "insufficient",
    warnings: [],
    issues: [],
    dropped: [],
  };
  const note = (kind: SensitivityIssue["kind"], column: number | null, message: string) => {
    fit.issues.push({ kind, column, message });
    fit.warnings.push(message);
  };

  // A lag as long as the history leaves no period to pair: say that once, not "no values" per lever.
  const periodsUpToAsOf = Math.min(endIndex + 1, target.length);
  if (columns.length > 0 && columns.every((_, j) => shiftOf(j) >= periodsUpToAsOf)) {
    const lag = Math.min(...columns.map((_, j) => shiftOf(j)));
    note(
      "insufficient",
      null,
      `Insufficient data for ${targetName}: its lag of ${lag} period(s) is as long as the history up to the as-of date (${periodsUpToAsOf} periods), so no period can be paired with the levers. Check its Lag on the Metrics sheet. No estimates were made.`,
    );
    return fit;
  }

  // A column with no value at all in the usable history would remove every row: leave it out.
  const used: number[] = [];
  columns.forEach((col, j) => {
    const lastIndex = Math.min(endIndex - Math.max(0, shiftOf(j)), col.length - 1);
    let any = false;
    for (let i = 0; i <= lastIndex && !any; i++) any = isPresent(col[i]);
    if (any) used.push(j);
    else {
      fit.dropped.push({ column: j, kind: "no-data", with: [] });
      note(
        "no-data",
        j,
        `${nameOf(j)} has no values in the history used, so it was left out of ${targetName}'s regression.`,
      );
    }
  });

  const aligned = alignLagged(
    target,
    used.map((j) => columns[j]),
    used.map((j) => shiftOf(j)),
    endIndex,
  );
  const n = aligned.y.length;
  fit.n = n;
  const p = used.length;

  const insufficient = (reason: string) => {
    const lost = aligned.candidates - n;
    let detail = "";
    if (lost > 0) {
      let worst = -1;
      aligned.missingByColumn.forEach((m, k) => {
        if (m > 0 && (worst < 0 || m > aligned.missingByColumn[worst])) worst = k;
      });
      const parts = [`${lost} of ${aligned.candidates} periods lack a value`];
      if (aligned.missingTarget > 0) parts.push(`${targetName} is missing in ${aligned.missingTarget}`);
      if (worst >= 0) parts.push(`${nameOf(used[worst])} in ${aligned.missingByColumn[worst]}`);
      detail = ` (${parts.join("; ")})`;
    }
    fit.method = "insufficient";
    fit.r2 = null;
    fit.rows = columns.map(() => ({ ...EMPTY_ROW }));
    note(
      "insufficient",
      null,
      `Insufficient data for ${targetName}: ${reason}${detail}. No estimates were made.`,
    );
    return fit;
  };

  const needed = p + 1 + Math.max(0, minDf);
  if (p === 0) return insufficient("no explanatory series has data");
  if (n <= p + 1)
    return insufficient(`only ${n} complete periods for ${p} series; at least ${needed} are needed`);

  let res: OlsResult;
  try {
    res = ols(aligned.y, aligned.x, {
      intercept: true,
      ...(options.precision === "screening" ? { refinementSteps: 0 } : {}),
    });
  } catch (error) {
    return insufficient(`the regression failed (${error instanceof Error ? error.message : String(error)})`);
  }

  for (const d of res.dropped) {
    const j = used[d.column];
    const others = d.with.filter((k) => k >= 0 && k < used.length).map((k) => nameOf(used[k]));
    const constant = d.kind === "constant" || others.length === 0;
    fit.dropped.push({
      column: j,
      kind: constant ? "constant" : "collinear",
      with: d.with.filter((k) => k >= 0 && k < used.length).map((k) => used[k]),
    });
    note(
      constant ? "constant" : "collinear",
      j,
      constant
        ? `${nameOf(j)} was left out of ${targetName}'s regression: it is constant over the periods used.`
        : `${nameOf(j)} was left out of ${targetName}'s regression: ${collinearText(others)}`,
    );
  }

  if (res.dfResidual < minDf) {
    return insufficient(
      `${n} complete periods leave ${res.dfResidual} residual degrees of freedom; at least ${minDf} are needed`,
    );
  }

  const my = mean(aligned.y);
  const sy = sampleSd(aligned.y);
  used.forEach((j, k) => {
    const b = finiteOrNull(res.coefficients[k]);
    if (b === null) return;
    const mx = mean(aligned.x[k]);
    const sx = sampleSd(aligned.x[k]);
    const pValue = finiteOrNull(res.pValues[k]);
    fit.rows[j] = {
      coefficient: b,
      elasticity: my !== null && my !== 0 && mx !== null ? finiteOrNull((b * mx) / my) : null,
      standardized: sy !== null && sy !== 0 && sx !== null ? finiteOrNull((b * sx) / sy) : null,
      stdError: finiteOrNull(res.standardErrors[k]),
      pValue,
      ciLow: finiteOrNull(res.ciLow[k]),
      ciHigh: finiteOrNull(res.ciHigh[k]),
      significant: pValue !== null && pValue < alpha,
    };
  });
  fit.method = "ols";
  fit.r2 = finiteOrNull(res.r2);
  return fit;
}

/**
 * Sensitivity of a metric to levers: regression of metricValues[t + lag] on leverColumns[·][t].
 * @param metricValues the metric per period (null = missing)
 * @param leverColumns one series per lever, same periods as the metric
 * @param lag whole periods after a lever move that the metric responds
 */
export function sensitivityOf(
  metricValues: Series,
  leverColumns: readonly Series[],
  lag: number,
  options: SensitivityOptions = {},
): SensitivityFit {
  return regressLagged(metricValues, leverColumns, lag, options);
}
