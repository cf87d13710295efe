/**
 * Movement of a lever over the movement window W, up to the as-of period:
 *   m1 = mean of the last W periods (as-of period included), m0 = mean of the W periods before;
 *   movement = (m1 − m0) / |m0|                     (relative change, the usual case)
 *   movement = (m1 − m0) / range  when m0 = 0         (e.g. agency share rising from 0)
 * where range = Max − Min when both are set and Max > Min, else the range of the lever's observed
 * values up to the as-of period. Missing values are skipped; each window needs at least ⌈W/2⌉
 * values, otherwise the movement is null (not enough data), as it is when the range is 0.
 */
import type { Series } from "./lag";
import { finiteOrNull, isPresent, meanOfRange } from "./numeric";

export interface Movement {
  value: number | null;
  /** How value was scaled; null when value is null. */
  basis: "relative" | "range" | null;
  m0: number | null;
  m1: number | null;
}

/**
 * @param series the lever per period
 * @param endIndex the as-of period's index
 * @param window W (at least 1)
 * @param bounds the lever's Min and Max, used only when m0 = 0
 */
export function movementOf(
  series: Series,
  endIndex: number,
  window: number,
  bounds: { min: number | null; max: number | null } = { min: null, max: null },
): Movement {
  const w = Math.max(1, Math.trunc(Number.isFinite(window) ? window : 1));
  const need = Math.ceil(w / 2);
  const recent = meanOfRange(series, endIndex - w + 1, endIndex);
  const earlier = meanOfRange(series, endIndex - 2 * w + 1, endIndex - w);
  const none: Movement = { value: null, basis: null, m0: earlier.mean, m1: recent.mean };
  if (endIndex - 2 * w + 1 < 0 || recent.count < need || earlier.count < need) return none;
  const m0 = earlier.mean as number;
  const m1 = recent.mean as number;
  if (m0 !== 0) return { value: finiteOrNull((m1 - m0) / Math.abs(m0)), basis: "relative", m0, m1 };
  let range: number | null = null;
  if (bounds.min !== null && bounds.max !== null && bounds.max > bounds.min) range = bounds.max - bounds.min;
  else {
    let lo = Infinity;
    let hi = -Infinity;
    for (let i = 0; i <= Math.min(endIndex, series.length - 1); i++) {
      const v = series[i];
      if (!isPresent(v)) continue;
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
    if (hi > lo) range = hi - lo;
  }
  if (range === null) return m1 === m0 ? { value: 0, basis: "relative", m0, m1 } : none;
  return { value: finiteOrNull((m1 - m0) / range), basis: "range", m0, m1 };
}
