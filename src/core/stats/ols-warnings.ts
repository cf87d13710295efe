/**
 * Plain-English warnings for an OLS fit, naming columns as users see them ("x column 3").
 * Excel's LINEST drops collinear columns and returns #NUM! without a word; we say what happened.
 */
import type { DroppedColumn } from "./types";
import { columnLabel } from "./design";

export interface FitFacts {
  n: number;
  p: number;
  intercept: boolean;
  dfResidual: number;
  ssResidual: number;
  ssTotal: number;
  dfRegression: number;
  dropped: DroppedColumn[];
  constantValues: Map<number, number>;
  /** y does not vary (ols.ts step 7): one warning replaces the exact-fit and R² ones. */
  yConstant?: boolean;
  /** The least well-determined kept column when the columns are nearly collinear. */
  nearCollinear: { column: number; ratio: number } | null;
}

export function fitWarnings(facts: FitFacts): string[] {
  const warnings: string[] = [];
  for (const dropped of facts.dropped) warnings.push(droppedWarning(dropped, facts));

  if (facts.nearCollinear !== null) {
    const { column, ratio } = facts.nearCollinear;
    warnings.push(
      `The x columns are nearly collinear: ${columnLabel(column)} differs from a combination of the other ` +
        `columns by only ${ratio.toPrecision(2)} of its size. The coefficients are kept but are very sensitive to ` +
        "small changes in the data.",
    );
  }

  const parameters = facts.p + (facts.intercept ? 1 : 0);
  if (facts.n <= parameters) {
    warnings.push(
      `Only ${facts.n} observation${facts.n === 1 ? "" : "s"} for ${parameters} parameter${parameters === 1 ? "" : "s"}` +
        `${facts.intercept ? " (including the intercept)" : ""}: the fit has no spare observations to measure its own error.`,
    );
  }
  if (facts.yConstant) {
    warnings.push(
      (facts.intercept ? "y has the same value in every row" : "y is zero in every row") +
        ": the slopes are 0 exactly, and standard errors, t statistics, p-values, confidence intervals, R² and F are undefined.",
    );
    if (facts.dfRegression === 0 && facts.dfResidual > 0)
      warnings.push("No x column is left in the fit, so F is undefined.");
    return warnings;
  }
  if (facts.dfResidual <= 0) {
    warnings.push(
      "No residual degrees of freedom: standard errors, t statistics, p-values, confidence intervals and F are undefined.",
    );
  } else if (facts.ssResidual === 0) {
    warnings.push(
      "The fit is exact (residual sum of squares is 0): standard errors are 0, and t statistics, p-values and F are undefined.",
    );
  }
  if (facts.ssTotal === 0) {
    warnings.push(
      facts.intercept ? "y is constant, so R² is undefined." : "y is zero in every row, so R² is undefined.",
    );
  }
  if (facts.dfRegression === 0 && facts.dfResidual > 0) {
    warnings.push("No x column is left in the fit, so F is undefined.");
  }
  return warnings;
}

function droppedWarning(dropped: DroppedColumn, facts: FitFacts): string {
  const label = columnLabel(dropped.column);
  if (dropped.kind === "constant") {
    const value = facts.constantValues.get(dropped.column) ?? 0;
    return value === 0
      ? `${label} is zero in every row; it is left out of the fit and gets no coefficient.`
      : `${label} has the same value (${value}) in every row, which the intercept already captures; ` +
          "it is left out of the fit and gets no coefficient.";
  }
  const partners = dropped.with.map(columnLabel);
  const combination =
    partners.length === 0
      ? "the other columns"
      : partners.length === 1
        ? partners[0]
        : `${partners.slice(0, -1).join(", ")} and ${partners[partners.length - 1]}`;
  return (
    `${label} is (numerically) a linear combination of ${combination}; it is left out of the fit and gets ` +
    "no coefficient. Excel's LINEST drops such a column without saying so."
  );
}
