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
 * Form (docs/method.md §2a): "levels" regresses the values as observed; "changes" regresses the
 * metric's period-to-period changes on the levers' changes (changes.ts: log-differences, or differences
 * over the mean), so the coefficient IS the elasticity, and a difference never spans a gap. Season-of-year
 * dummies (seasons.ts) can be added as control columns that are not reported.
 *
 * `sensitivityOf` is the single computation behind both the Sensitivity sheet and =RPO.SENSITIVITY.
 */
import { fUpperTail } from "../stats/fdist";
import { ols } from "../stats/ols";
import type { OlsResult } from "../stats/types";
import { DEFAULT_SETTINGS } from "./settings";
import type { Series } from "./lag";
import { type FittedForm, prepareRows } from "./regression-rows";
import { finiteOrNull, isPresent, mean, sampleSd } from "./numeric";
import { seasonCalendar, seasonDummies } from "./seasons";
import type { LeverSensitivity, MetricModel } from "./types";

export type { FittedForm } from "./regression-rows";

/** Season terms: none, always (when the history allows), or when their F test has p < SEASON_TEST_LEVEL. */
export type SeasonOption = "none" | "include" | "test";

/** Level of the F test that decides whether season-of-year terms stay in (docs/method.md §2b). */
export const SEASON_TEST_LEVEL = 0.01;

/**
 * What uncertainty propagation needs from a fit (leverage-uncertainty.ts): the rows, the design as
 * fitted and the residuals. Absent when the fit is insufficient.
 */
export interface FitDetail {
  /** Target index s of each row used. */
  rows: number[];
  /** Caller's column index of each fitted lever column (after "no-data" columns were left out). */
  used: number[];
  /** The target as fitted (changes in the changes form), aligned with rows. */
  y: number[];
  /** The used columns as fitted (transformed when the form is "changes"), aligned with rows. */
  columns: number[][];
  /** Season dummy columns, aligned with rows ([] without season terms). */
  controls: number[][];
  /** y − ŷ per row. */
  residuals: number[];
  /** Residual standard error; null when there are no residual degrees of freedom. */
  sigma: number | null;
  dfResidual: number;
  /** Per caller column: elasticity per unit of coefficient (x̄/ȳ in levels, 1 in changes); null unknown. */
  scale: (number | null)[];
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
  form: FittedForm;
  /** The form as reported: levels, log-changes (every series logged) or relative-changes. */
  model: MetricModel;
  /** Changes not formed because they would span a missing period (0 in levels). */
  gapsDropped: number;
  /** Season-of-year terms included. */
  seasonal: boolean;
  /** The F test of the season terms when it was made. */
  seasonTest: { f: number; pValue: number; df1: number; df2: number } | null;
  detail?: FitDetail;
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
  /** Fitted form; default "levels". */
  form?: FittedForm;
  /** The period axis (Excel serials): gaps between periods in "changes", and season terms. */
  periods?: readonly number[];
  /** Season-of-year terms; default "none". Needs `periods`. */
  seasons?: SeasonOption;
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
  const form: FittedForm = options.form ?? "levels";
  const nameOf = (j: number) => options.names?.[j] ?? `lever ${j + 1}`;
  const targetName = options.targetName ?? "the metric";
  const shiftOf = (j: number) => {
    const raw = typeof shifts === "number" ? shifts : (shifts[j] ?? 0);
    return Number.isFinite(raw) ? Math.max(0, Math.trunc(raw)) : 0;
  };
  const fit: SensitivityFit = {
    rows: columns.map(() => ({ ...EMPTY_ROW })),
    n: 0,
    r2: null,
    method: "insufficient",
    warnings: [],
    issues: [],
    dropped: [],
    form,
    model: form === "levels" ? "levels" : "log-changes",
    gapsDropped: 0,
    seasonal: false,
    seasonTest: null,
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
  let used: number[] = [];
  columns.forEach((col, j) => {
    const lastIndex = Math.min(endIndex - shiftOf(j), col.length - 1);
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

  if (form === "changes")
    used = dropLevelsDependencies(target, columns, used, shiftOf, endIndex, fit, note, nameOf, targetName);

  let prepared = prepareRows(
    target,
    used.map((j) => columns[j]),
    used.map(shiftOf),
    endIndex,
    form,
    options.periods,
  );
  if (prepared.undefinedColumns.length > 0) {
    const undefinedSet = new Set(prepared.undefinedColumns.map((k) => used[k]));
    for (const j of undefinedSet) {
      fit.dropped.push({ column: j, kind: "no-data", with: [] });
      note(
        "no-data",
        j,
        `${nameOf(j)} averages 0 and has values at or below 0, so its relative changes are undefined; it was left out of ${targetName}'s regression.`,
      );
    }
    used = used.filter((j) => !undefinedSet.has(j));
    prepared = prepareRows(
      target,
      used.map((j) => columns[j]),
      used.map(shiftOf),
      endIndex,
      form,
      options.periods,
    );
  }
  const { aligned } = prepared;
  fit.model = prepared.model;
  fit.gapsDropped = prepared.gapsDropped;
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
      if (form === "changes") parts.push("a change needs the period before it too");
      detail = ` (${parts.join("; ")})`;
    }
    fit.method = "insufficient";
    fit.r2 = null;
    fit.rows = columns.map(() => ({ ...EMPTY_ROW }));
    delete fit.detail;
    note(
      "insufficient",
      null,
      `Insufficient data for ${targetName}: ${reason}${detail}. No estimates were made.`,
    );
    return fit;
  };

  if (prepared.undefinedTarget) {
    return insufficient("it averages 0 and has values at or below 0, so its relative changes are undefined");
  }
  // n > p + 1 rows and n − rank ≥ minDf residual degrees of freedom.
  const needed = Math.max(p + 2, p + 1 + Math.max(0, minDf));
  const unit = form === "changes" ? "changes" : "complete periods";
  if (p === 0) return insufficient("no explanatory series has data");
  if (n <= p + 1) return insufficient(`only ${n} ${unit} for ${p} series; at least ${needed} are needed`);
  // A metric that does not vary (or, in changes, never changes) is fitted exactly: ols() gives slopes
  // of 0 and no standard errors, p-values or R² (never numbers from rounding noise).
  const sy = sampleSd(aligned.y) ?? 0;

  const olsOptions = {
    intercept: true,
    ...(options.precision === "screening" ? { refinementSteps: 0 } : {}),
  };
  let res: OlsResult;
  let controls: number[][] = [];
  try {
    res = ols(aligned.y, aligned.x, olsOptions);
    const calendar =
      options.seasons && options.seasons !== "none" && options.periods
        ? seasonCalendar(options.periods)
        : null;
    const dummies = calendar ? seasonDummies(calendar, aligned.rows, periodsUpToAsOf) : null;
    if (dummies && n - (p + 1 + dummies.length) >= Math.max(1, minDf)) {
      const withSeasons = ols(aligned.y, [...aligned.x, ...dummies], olsOptions);
      const test = seasonFTest(res, withSeasons, dummies.length);
      fit.seasonTest = test;
      if (options.seasons === "include" || (test !== null && test.pValue < SEASON_TEST_LEVEL)) {
        res = withSeasons;
        controls = dummies;
        fit.seasonal = true;
      }
    }
  } catch (error) {
    return insufficient(`the regression failed (${error instanceof Error ? error.message : String(error)})`);
  }

  for (const d of res.dropped) {
    if (d.column >= used.length) continue; // a season dummy: not reported
    const j = used[d.column];
    const partners = d.with.filter((k) => k >= 0 && k < used.length);
    const others = partners.map((k) => nameOf(used[k]));
    const constant = d.kind === "constant" || others.length === 0;
    fit.dropped.push({
      column: j,
      kind: constant ? "constant" : "collinear",
      with: partners.map((k) => used[k]),
    });
    note(
      constant ? "constant" : "collinear",
      j,
      constant
        ? `${nameOf(j)} was left out of ${targetName}'s regression: it ${form === "changes" ? "does not change" : "is constant"} over the periods used.`
        : `${nameOf(j)} was left out of ${targetName}'s regression: ${collinearText(others)}`,
    );
  }

  if (res.dfResidual < minDf) {
    return insufficient(
      `${n} ${unit} leave ${res.dfResidual} residual degrees of freedom; at least ${minDf} are needed`,
    );
  }

  const my = mean(aligned.y);
  const scale: (number | null)[] = columns.map(() => null);
  used.forEach((j, k) => {
    const b = finiteOrNull(res.coefficients[k]);
    const mx = mean(aligned.x[k]);
    const sx = sampleSd(aligned.x[k]);
    // In changes the coefficient is the elasticity; in levels it is b · x̄ / ȳ.
    scale[j] = form === "changes" ? 1 : my !== null && my !== 0 && mx !== null ? finiteOrNull(mx / my) : null;
    if (b === null) return;
    const pValue = finiteOrNull(res.pValues[k]);
    const k_ = scale[j];
    fit.rows[j] = {
      coefficient: b,
      elasticity: k_ !== null ? finiteOrNull(b * k_) : null,
      standardized: sx !== null && sy > 0 ? finiteOrNull((b * sx) / sy) : null,
      stdError: finiteOrNull(res.standardErrors[k]),
      pValue,
      ciLow: finiteOrNull(res.ciLow[k]),
      ciHigh: finiteOrNull(res.ciHigh[k]),
      significant: pValue !== null && pValue < alpha,
    };
  });
  fit.method = "ols";
  fit.r2 = finiteOrNull(res.r2);
  fit.detail = {
    rows: aligned.rows,
    y: aligned.y,
    used,
    columns: aligned.x,
    controls,
    residuals: residualsOf(aligned.y, [...aligned.x, ...controls], res),
    sigma: finiteOrNull(res.standardErrorY),
    dfResidual: res.dfResidual,
    scale,
  };
  return fit;
}

/**
 * A lever that is an exact combination of other levers in levels (a share and its complement, the same
 * cost in two currencies, 2 × another + 1) cannot be told apart from them in any model, but log-changes
 * would hide an affine dependency (ln(2x + 1) is not a multiple of ln x). So in changes the rank decision
 * is made on the levels first, and those levers are left out and named as in levels.
 */
function dropLevelsDependencies(
  target: Series,
  columns: readonly Series[],
  used: number[],
  shiftOf: (j: number) => number,
  endIndex: number,
  fit: SensitivityFit,
  note: (kind: SensitivityIssue["kind"], column: number | null, message: string) => void,
  nameOf: (j: number) => string,
  targetName: string,
): number[] {
  const levels = prepareRows(
    target,
    used.map((j) => columns[j]),
    used.map(shiftOf),
    endIndex,
    "levels",
  );
  if (levels.aligned.y.length <= used.length + 1) return used;
  let res: OlsResult;
  try {
    res = ols(levels.aligned.y, levels.aligned.x, { intercept: true, refinementSteps: 0 });
  } catch {
    return used;
  }
  const drop = new Set<number>();
  for (const d of res.dropped) {
    if (d.kind !== "collinear") continue; // constant levers are found again (as "does not change") below
    const partners = d.with.filter((k) => k >= 0 && k < used.length);
    if (partners.length === 0) continue;
    const j = used[d.column];
    drop.add(j);
    fit.dropped.push({ column: j, kind: "collinear", with: partners.map((k) => used[k]) });
    note(
      "collinear",
      j,
      `${nameOf(j)} was left out of ${targetName}'s regression: ${collinearText(partners.map((k) => nameOf(used[k])))}`,
    );
  }
  return used.filter((j) => !drop.has(j));
}

/** F test of q added columns: ((SSR_r − SSR_u) / q) / (SSR_u / df_u). */
function seasonFTest(
  restricted: OlsResult,
  full: OlsResult,
  added: number,
): { f: number; pValue: number; df1: number; df2: number } | null {
  const df1 = restricted.dfResidual - full.dfResidual;
  const df2 = full.dfResidual;
  if (df1 <= 0 || df2 <= 0 || added <= 0 || !(full.ssResidual > 0)) return null;
  const f = Math.max(0, (restricted.ssResidual - full.ssResidual) / df1 / (full.ssResidual / df2));
  const pValue = fUpperTail(f, df1, df2);
  return pValue === null || !Number.isFinite(f) ? null : { f, pValue, df1, df2 };
}

/** y − ŷ from the fitted coefficients (dropped columns count 0). */
function residualsOf(y: readonly number[], x: readonly number[][], res: OlsResult): number[] {
  return y.map((v, i) => {
    let fitted = res.interceptValue;
    x.forEach((col, k) => {
      const b = res.coefficients[k];
      if (b !== null && b !== undefined) fitted += b * col[i];
    });
    return v - fitted;
  });
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
