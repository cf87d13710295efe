/**
 * Lag alignment: pairs each value of a target series with the columns' values `shift` periods
 * earlier, and keeps only complete rows.
 *
 * For a metric with lag L regressed on the levers, row s pairs metric[s] with lever[s − L] for every
 * lever (equivalently: a lever move at t shows in the metric at t + L). A row with a missing value
 * in the target or in any column used is left out; this is decided per target (per metric), so a
 * gap in one metric never removes rows from another metric's regression.
 */
import { isPresent } from "./numeric";

export type Series = readonly (number | null | undefined)[];

export interface AlignedRows {
  /** Target values of the complete rows. */
  y: number[];
  /** One array per column, aligned with `y`. */
  x: number[][];
  /** Target index s of each complete row. */
  rows: number[];
  /** Rows that could be formed at all (all shifted indices inside the history). */
  candidates: number;
  /** Candidate rows whose target value is missing. */
  missingTarget: number;
  /** Per column: candidate rows whose (shifted) column value is missing. */
  missingByColumn: number[];
}

/**
 * @param target the series to explain (e.g. a metric)
 * @param columns the explanatory series (e.g. the levers), same period axis as `target`
 * @param shifts periods each column leads the target by: one number for all columns, or one per column;
 *   negative shifts are treated as 0
 * @param endIndex last target index to use (the as-of period); default the last one
 */
export function alignLagged(
  target: Series,
  columns: readonly Series[],
  shifts: number | readonly number[],
  endIndex: number = target.length - 1,
): AlignedRows {
  const shiftOf = (j: number): number => {
    const raw = typeof shifts === "number" ? shifts : (shifts[j] ?? 0);
    return Number.isFinite(raw) ? Math.max(0, Math.trunc(raw)) : 0;
  };
  const shiftList = columns.map((_, j) => shiftOf(j));
  const first = shiftList.length > 0 ? Math.max(...shiftList) : 0;
  const last = Math.min(endIndex, target.length - 1);
  const out: AlignedRows = {
    y: [],
    x: columns.map(() => []),
    rows: [],
    candidates: 0,
    missingTarget: 0,
    missingByColumn: columns.map(() => 0),
  };
  for (let s = first; s <= last; s++) {
    out.candidates++;
    const yv = target[s];
    let complete = isPresent(yv);
    if (!complete) out.missingTarget++;
    const row: number[] = [];
    for (let j = 0; j < columns.length; j++) {
      const v = columns[j][s - shiftList[j]];
      if (isPresent(v)) row.push(v);
      else {
        out.missingByColumn[j]++;
        complete = false;
      }
    }
    if (!complete) continue;
    out.y.push(yv as number);
    for (let j = 0; j < columns.length; j++) out.x[j].push(row[j]);
    out.rows.push(s);
  }
  return out;
}
