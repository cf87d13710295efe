/**
 * Ordinary least squares as a finance user's spreadsheet needs it: LINEST's conventions, NIST StRD
 * accuracy, an explicit rank decision, and no NaN or Infinity in the result.
 *
 * Method:
 * 1. Design: intercept column (optional) + x columns; constant x columns are removed up front
 *    (design.ts).
 * 2. Householder QR with column pivoting on relative column length and a rank decision
 *    |R_kk| <= rankTolerance * |R_00| on the column-equilibrated design (householder.ts).
 * 3. Columns beyond the rank are reported as collinear, with the kept columns that reproduce them
 *    (from R11^-1 R12).
 * 4. Solution on the kept columns, refined through the augmented system with residuals in
 *    double-double arithmetic (refine.ts, Björck 1967).
 * 5. Sums of squares in compensated arithmetic; R² = SSreg / SStot with SSreg = SStot - SSres
 *    formed in double-double, so that a small R² (NIST Wampler5: 0.0022) keeps its digits.
 *    With an intercept SStot is centred; without one it is sum y² (LINEST's convention).
 *    SSreg is never negative: when rounding leaves SSres a hair above SStot (an R² of 0 up to
 *    rounding), SSreg is 0, not a negative number (which would give a negative F).
 * 7. Degenerate y: when y does not vary (with an intercept: every value equal; without one: every
 *    value 0) the least-squares solution is exact and known (slopes 0, intercept = that value) and
 *    every statistic that measures the fit against y's variation is undefined. The result then
 *    has `yConstant: true`, the exact coefficients, SSreg = SSres = 0, and null standard errors,
 *    t statistics, p-values, intervals, R² and F (never numbers made of rounding noise).
 * 6. Standard errors sigma * sqrt(diag (A^T A)^-1), the diagonal taken from R^-1 R^-T and refined
 *    by one Newton-Schulz step with A^T A in double-double (variance.ts); t statistics, two-sided
 *    p-values and 95% intervals from Student's t with n - rank degrees of freedom (inference.ts,
 *    tdist.ts).
 *
 * refinementSteps: 0 gives plain Householder QR throughout (no refinement of the solution, the
 * residuals or the variance factors); the default 2 reaches the accuracy the double inputs allow
 * on all NIST StRD problems (docs/accuracy.md).
 *
 * Default rank tolerance: DEFAULT_RANK_TOLERANCE (see its comment).
 */
import {
  compensatedDotDoubleDouble,
  compensatedSum,
  compensatedSumOfSquaredDeviations,
  type DoubleDouble,
  subtractDoubleDouble,
} from "./ddouble";
import { buildDesign } from "./design";
import { householderQrPivoted, type PivotedQr, solveUpper } from "./householder";
import { coefficientInference, type CoefficientInference, finiteOrNull } from "./inference";
import { fitWarnings } from "./ols-warnings";
import { solveAndRefine } from "./refine";
import { twoSidedCriticalValue } from "./tdist";
import type { DroppedColumn, OlsOptions, OlsResult } from "./types";
import { varianceFactors } from "./variance";

/**
 * Relative tolerance of the rank decision on the column-equilibrated design: a column is dropped
 * when the part of it that the columns already taken do not explain is at most 1e-11 of its
 * length (|R_kk| <= 1e-11 |R_00| after scaling every column to unit length).
 *
 * Why 1e-11, measured (test/stats/ols.test.ts and docs/accuracy.md):
 * - Exact dependencies (a duplicate, a scaled copy, a sum or other combination of columns, a
 *   column plus a constant) leave only rounding noise: 5e-17 .. 2e-15 of the column's length up
 *   to 10^4 rows, up to 3.5e-14 at 10^6 rows (it grows roughly like sqrt(n) eps). 1e-11 is more
 *   than two orders of magnitude above that even at Excel's row limit.
 * - The hardest legitimate full-rank problem in NIST StRD, Filip (a degree-10 polynomial,
 *   certified full rank), leaves 2.3e-9, two orders above 1e-11; Longley leaves 8.6e-5 and
 *   Wampler1-5 1.6e-3. A tolerance of 1e-7 (the default of R's lm for a similar ratio) would drop
 *   a Filip column here.
 * A dependency hidden under more noise than 1e-11 (columns rounded to cents, say) is kept, and
 * the fit warns that the columns are nearly collinear (NEAR_COLLINEAR_RATIO).
 */
export const DEFAULT_RANK_TOLERANCE = 1e-11;
/**
 * Below this relative |R_kk| a kept column is within a 1e-7 angle of the others' span: the fit
 * warns that its coefficients are very sensitive (R's lm would drop the column at this point).
 */
const NEAR_COLLINEAR_RATIO = 1e-7;
/** Default number of Björck refinement steps (the second is rarely needed; see refine.ts). */
export const DEFAULT_REFINEMENT_STEPS = 2;
/** Confidence level of the reported intervals. */
const CONFIDENCE = 0.95;
/**
 * A kept column is named as a partner of a dropped collinear column when its share of the
 * combination, |z_k| ||a_k|| / ||a_dropped||, exceeds this: well above rounding noise, well below
 * any weight a user would call a dependency.
 */
const DEPENDENCY_WEIGHT_THRESHOLD = 1e-8;

/**
 * Fits y = b0 + b1 x1 + ... + bp xp by least squares.
 *
 * @param y observations (length n, finite numbers).
 * @param columns the x columns, each of length n.
 * @throws RangeError for empty y, mismatched lengths, non-finite values or invalid options.
 */
export function ols(y: ArrayLike<number>, columns: ArrayLike<number>[], options: OlsOptions = {}): OlsResult {
  const intercept = options.intercept ?? true;
  const rankTolerance = options.rankTolerance ?? DEFAULT_RANK_TOLERANCE;
  const refinementSteps = options.refinementSteps ?? DEFAULT_REFINEMENT_STEPS;
  if (!(rankTolerance >= 0 && rankTolerance < 1)) throw new RangeError("rankTolerance must be in [0, 1).");
  if (!(Number.isInteger(refinementSteps) && refinementSteps >= 0)) {
    throw new RangeError("refinementSteps must be a non-negative integer.");
  }

  const design = buildDesign(y, columns, intercept);
  const { n, sourceColumns } = design;
  const p = columns.length;
  const qr = householderQrPivoted(design.matrix.slice(), n, sourceColumns.length, rankTolerance);
  const solution = solveAndRefine(design.matrix, qr, y, refinementSteps);
  const rank = qr.rank;
  const dfResidual = n - rank;
  const dfRegression = rank - (intercept ? 1 : 0);

  const ssResidualDd = compensatedDotDoubleDouble(solution.residuals, solution.residuals);
  const ssTotalDd = totalSumOfSquares(y, intercept);
  const ssRegressionDd = subtractDoubleDouble(ssTotalDd, ssResidualDd);
  const ssResidual = ssResidualDd.hi;
  const ssTotal = ssTotalDd.hi;
  // A sum of squares is never negative (SSres above SStot is rounding: R² is 0 then).
  const ssRegression = Math.max(0, ssRegressionDd.hi);
  if (!Number.isFinite(ssResidual) || !Number.isFinite(ssTotal)) {
    throw new RangeError("The data are too large in magnitude: the sums of squares overflow.");
  }
  if (yDoesNotVary(y, intercept)) {
    return degenerateFit(y, intercept, p, n, rank, design.sourceColumns, qr, design.constantColumns);
  }

  const residualVariance = dfResidual > 0 ? ssResidual / dfResidual : null;
  const criticalValue = dfResidual > 0 ? twoSidedCriticalValue(CONFIDENCE, dfResidual) : null;
  const factors = varianceFactors(design.matrix, qr, refinementSteps > 0);
  const inferenceBySource = new Map<number, { estimate: number; inference: CoefficientInference }>();
  for (let k = 0; k < rank; k++) {
    const estimate = solution.coefficients[k];
    inferenceBySource.set(sourceColumns[qr.permutation[k]], {
      estimate,
      inference: coefficientInference(estimate, factors[k], residualVariance, dfResidual, criticalValue),
    });
  }

  const dropped = droppedColumns(design.constantColumns, qr, sourceColumns);
  const coefficientField = (
    pick: (entry: { estimate: number; inference: CoefficientInference }) => number | null,
  ) =>
    Array.from({ length: p }, (_, column) => {
      const entry = inferenceBySource.get(column);
      return entry === undefined ? null : pick(entry);
    });
  const interceptEntry = inferenceBySource.get(-1);
  const f =
    dfRegression > 0 && dfResidual > 0 && ssResidual > 0
      ? finiteOrNull(ssRegression / dfRegression / (ssResidual / dfResidual))
      : null;

  return {
    n,
    p,
    intercept,
    rank,
    coefficients: coefficientField((e) => e.estimate),
    standardErrors: coefficientField((e) => e.inference.standardError),
    tStatistics: coefficientField((e) => e.inference.tStatistic),
    pValues: coefficientField((e) => e.inference.pValue),
    ciLow: coefficientField((e) => e.inference.ciLow),
    ciHigh: coefficientField((e) => e.inference.ciHigh),
    interceptValue: interceptEntry?.estimate ?? 0,
    interceptStandardError: interceptEntry?.inference.standardError ?? null,
    interceptTStatistic: interceptEntry?.inference.tStatistic ?? null,
    interceptPValue: interceptEntry?.inference.pValue ?? null,
    interceptCiLow: interceptEntry?.inference.ciLow ?? null,
    interceptCiHigh: interceptEntry?.inference.ciHigh ?? null,
    dropped,
    r2: ssTotal > 0 ? finiteOrNull(ssRegression / ssTotal) : null,
    standardErrorY: residualVariance === null ? null : Math.sqrt(residualVariance),
    f,
    dfResidual,
    ssRegression,
    ssResidual,
    yConstant: false,
    warnings: fitWarnings({
      nearCollinear: leastDeterminedColumn(qr, sourceColumns, NEAR_COLLINEAR_RATIO),
      n,
      p,
      intercept,
      dfResidual,
      ssResidual,
      ssTotal,
      dfRegression,
      dropped,
      constantValues: new Map(design.constantColumns.map((c) => [c.column, c.value])),
    }),
  };
}

/** With an intercept: every y equal; without: every y 0 (compared exactly, no tolerance). */
function yDoesNotVary(y: ArrayLike<number>, intercept: boolean): boolean {
  const first = intercept ? y[0] : 0;
  for (let i = 0; i < y.length; i++) if (y[i] !== first) return false;
  return true;
}

/**
 * The fit of a y that does not vary (see step 7 at the top): the exact solution (slopes 0, the
 * intercept y's value), residuals 0, and every statistic measured against y's variation null.
 * The rank decision and the dropped columns are those of the QR, as for any other y.
 */
function degenerateFit(
  y: ArrayLike<number>,
  intercept: boolean,
  p: number,
  n: number,
  rank: number,
  sourceColumns: number[],
  qr: PivotedQr,
  constantColumns: { column: number; value: number }[],
): OlsResult {
  const kept = new Set<number>();
  for (let k = 0; k < rank; k++) kept.add(sourceColumns[qr.permutation[k]]);
  const dropped = droppedColumns(constantColumns, qr, sourceColumns);
  const nulls = () => Array.from({ length: p }, () => null);
  const dfResidual = n - rank;
  const dfRegression = rank - (intercept ? 1 : 0);
  return {
    n,
    p,
    intercept,
    rank,
    coefficients: Array.from({ length: p }, (_, column) => (kept.has(column) ? 0 : null)),
    standardErrors: nulls(),
    tStatistics: nulls(),
    pValues: nulls(),
    ciLow: nulls(),
    ciHigh: nulls(),
    interceptValue: intercept ? y[0] : 0,
    interceptStandardError: null,
    interceptTStatistic: null,
    interceptPValue: null,
    interceptCiLow: null,
    interceptCiHigh: null,
    dropped,
    r2: null,
    standardErrorY: dfResidual > 0 ? 0 : null,
    f: null,
    dfResidual,
    ssRegression: 0,
    ssResidual: 0,
    yConstant: true,
    warnings: fitWarnings({
      yConstant: true,
      nearCollinear: null,
      n,
      p,
      intercept,
      dfResidual,
      ssResidual: 0,
      ssTotal: 0,
      dfRegression,
      dropped,
      constantValues: new Map(constantColumns.map((c) => [c.column, c.value])),
    }),
  };
}

/** Centred sum (y - mean)^2 with an intercept, sum y^2 without (LINEST), in double-double. */
function totalSumOfSquares(y: ArrayLike<number>, intercept: boolean): DoubleDouble {
  if (!intercept) return compensatedDotDoubleDouble(y, y);
  const mean = compensatedSum(y) / y.length;
  return compensatedSumOfSquaredDeviations(y, mean);
}

/** The kept column with the smallest relative |R_kk|, when that is below `threshold`. */
function leastDeterminedColumn(
  qr: PivotedQr,
  sourceColumns: number[],
  threshold: number,
): { column: number; ratio: number } | null {
  let smallest: { column: number; ratio: number } | null = null;
  for (let k = 0; k < qr.rank; k++) {
    const ratio = Math.abs(qr.factors[k * qr.rows + k]) / qr.columnNorms[k];
    if (ratio < threshold && (smallest === null || ratio < smallest.ratio)) {
      smallest = { column: sourceColumns[qr.permutation[k]], ratio };
    }
  }
  return smallest;
}

/** Constant columns, then the columns beyond the numerical rank with what they depend on. */
function droppedColumns(
  constantColumns: { column: number }[],
  qr: PivotedQr,
  sourceColumns: number[],
): DroppedColumn[] {
  const dropped: DroppedColumn[] = constantColumns.map(({ column }) => ({
    column,
    kind: "constant",
    with: [],
  }));
  for (let position = qr.rank; position < qr.cols; position++) {
    dropped.push({
      column: sourceColumns[qr.permutation[position]],
      kind: "collinear",
      with: dependencies(qr, position, sourceColumns),
    });
  }
  return dropped.sort((a, b) => a.column - b.column);
}

/**
 * Kept columns that reproduce the dropped column at `position`: a_dropped ~ A_kept z with
 * R11 z = R12[:, position]; a kept column counts when its share |z_k| ||a_k|| / ||a_dropped|| is
 * above DEPENDENCY_WEIGHT_THRESHOLD. Sorted by the caller's order (intercept first).
 */
function dependencies(qr: PivotedQr, position: number, sourceColumns: number[]): number[] {
  const { rank, rows: n, factors, columnNorms, permutation } = qr;
  const z = factors.slice(position * n, position * n + rank);
  solveUpper(qr, z);
  const droppedNorm = columnNorms[position];
  const partners: number[] = [];
  for (let k = 0; k < rank; k++) {
    const share = droppedNorm === 0 ? 0 : (Math.abs(z[k]) * columnNorms[k]) / droppedNorm;
    if (share > DEPENDENCY_WEIGHT_THRESHOLD) partners.push(sourceColumns[permutation[k]]);
  }
  return partners.sort((a, b) => a - b);
}
