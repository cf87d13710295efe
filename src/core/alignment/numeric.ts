/**
 * Small numeric helpers for the alignment analysis. Every value that leaves this folder goes
 * through `finiteOrNull`, so Results never carry NaN or Infinity.
 */

/** A cell value that counts as present: a finite number. null, undefined, NaN and ±Infinity are missing. */
export function isPresent(value: number | null | undefined): value is number {
  return typeof value === "number" && Number.isFinite(value);
}

/** The value itself when finite, otherwise null. */
export function finiteOrNull(value: number | null | undefined): number | null {
  return isPresent(value) ? value : null;
}

/** Arithmetic mean; null for an empty list. */
export function mean(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  let sum = 0;
  for (const v of values) sum += v;
  return finiteOrNull(sum / values.length);
}

/** Sample standard deviation (n − 1 in the denominator, two-pass); null for fewer than 2 values. */
export function sampleSd(values: readonly number[]): number | null {
  const m = mean(values);
  if (m === null || values.length < 2) return null;
  let ss = 0;
  for (const v of values) ss += (v - m) * (v - m);
  return finiteOrNull(Math.sqrt(ss / (values.length - 1)));
}

/** Mean of the present values of series[from..to] (inclusive, clipped to the series); null if none. */
export function meanOfRange(
  series: readonly (number | null | undefined)[],
  from: number,
  to: number,
): { mean: number | null; count: number } {
  const values: number[] = [];
  for (let i = Math.max(0, from); i <= Math.min(to, series.length - 1); i++) {
    const v = series[i];
    if (isPresent(v)) values.push(v);
  }
  return { mean: mean(values), count: values.length };
}

/** Formats a signed number for messages: "+0.31", "−0.05". */
export function signed(value: number, digits = 2): string {
  const text = Math.abs(value).toFixed(digits);
  return (value < 0 ? "\u2212" : "+") + text;
}
