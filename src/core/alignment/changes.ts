/**
 * The "changes" form of a series (docs/method.md §2a): period-to-period changes that are unit-free, so
 * that a regression of a metric's changes on the levers' changes has elasticities for coefficients.
 *
 *   every present value > 0:  c_t = ln v_t − ln v_{t−1}                 (log-difference)
 *   otherwise:                c_t = (v_t − v_{t−1}) / mean(v)            (difference over the mean)
 *
 * A log-difference regression coefficient is the elasticity d ln y / d ln x; a coefficient on
 * differences over the means is the elasticity at the means, b · x̄ / ȳ, the same quantity the levels
 * model reports. Means (and the positivity check) use the values up to the as-of period only, so a later
 * value never changes an earlier analysis.
 *
 * A change is formed only between two consecutive periods that both have a value: a gap is never
 * differenced across (Granger & Newbold's point applies to any difference that silently spans two
 * periods). Periods further apart than 1.5 × the typical spacing also count as a gap (a month missing
 * from the Observations sheet altogether).
 */
import { isPresent } from "./numeric";
import type { Series } from "./lag";

export type ChangeKind = "log" | "relative";

export interface ChangeSeries {
  /** c_t at index t (null at 0, after a gap, or where a value is missing). */
  values: (number | null)[];
  kind: ChangeKind;
  /** Changes not formed because the previous period's value was missing or too far back. */
  gaps: number;
}

/** Spacing between consecutive periods above which two periods are not "consecutive". */
const GAP_FACTOR = 1.5;

/**
 * Which indices t start a new stretch (periods[t] − periods[t−1] > 1.5 × the median spacing).
 * Without periods every index is consecutive.
 */
export function periodBreaks(periods: readonly number[] | undefined, length: number): boolean[] {
  const breaks = new Array<boolean>(length).fill(false);
  if (!periods || periods.length < 3) return breaks;
  const steps: number[] = [];
  for (let t = 1; t < periods.length; t++) steps.push(periods[t] - periods[t - 1]);
  const sorted = [...steps].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)];
  if (!(median > 0)) return breaks;
  for (let t = 1; t < Math.min(length, periods.length); t++) {
    if (periods[t] - periods[t - 1] > GAP_FACTOR * median) breaks[t] = true;
  }
  return breaks;
}

/**
 * @param series the series on the periods axis
 * @param endIndex last index whose value may be used for the mean and the positivity check
 * @param breaks from periodBreaks (optional)
 * @returns null when the series has no present value up to endIndex, or averages exactly 0 while
 *   having a value ≤ 0 (a relative change is then undefined)
 */
export function changesOf(
  series: Series,
  endIndex: number,
  breaks: readonly boolean[] = [],
): ChangeSeries | null {
  const last = Math.min(endIndex, series.length - 1);
  let sum = 0;
  let count = 0;
  let allPositive = true;
  for (let t = 0; t <= last; t++) {
    const v = series[t];
    if (!isPresent(v)) continue;
    sum += v;
    count++;
    if (!(v > 0)) allPositive = false;
  }
  if (count === 0) return null;
  const average = sum / count;
  const kind: ChangeKind = allPositive ? "log" : "relative";
  if (kind === "relative" && !(Math.abs(average) > 0)) return null;
  const values: (number | null)[] = new Array<number | null>(series.length).fill(null);
  let gaps = 0;
  for (let t = 1; t < series.length; t++) {
    const v = series[t];
    if (!isPresent(v)) continue;
    const before = series[t - 1];
    if (!isPresent(before) || breaks[t]) {
      if (t <= last) gaps++;
      continue;
    }
    // Beyond the as-of period values may be ≤ 0 even when the history is positive: those changes are
    // never used (the regression stops at endIndex), so they stay null rather than NaN.
    const c = kind === "log" ? (v > 0 && before > 0 ? Math.log(v / before) : null) : (v - before) / average;
    values[t] = c !== null && Number.isFinite(c) ? c : null;
  }
  return { values, kind, gaps };
}
