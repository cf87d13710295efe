/**
 * Validation shared by the time-series tests (unitroot.ts, kpss.ts, cointegration.ts): a series
 * is an array of finite numbers in time order with no gaps; the caller removes missing periods
 * (and says so) before testing.
 */

/** Checks a series of finite numbers and returns it as an array; `what` names it in messages. */
export function finiteSeries(y: readonly number[], what: string): number[] {
  const given: unknown = y; // callers from JavaScript may pass anything
  if (!Array.isArray(given)) throw new RangeError(`${what} must be an array of numbers.`);
  y.forEach((value, index) => {
    if (typeof value !== "number" || !Number.isFinite(value)) {
      throw new RangeError(
        `${what} has a value that is not a finite number at position ${index + 1} (${String(value)}): ` +
          "remove missing periods before testing.",
      );
    }
  });
  return Array.from(y);
}
