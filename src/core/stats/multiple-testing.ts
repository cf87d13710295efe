/**
 * Benjamini–Hochberg false-discovery-rate adjustment, as statsmodels'
 * `multipletests(p, method="fdr_bh")[1]` (0.13.5).
 *
 * For the m p-values of one family sorted ascending, p_(1) <= ... <= p_(m), the adjusted value
 * (the "q-value" of step-up BH) is
 *   q_(i) = min(1, min_{j >= i} p_(j) m / j),
 * and q_(i) <= α exactly when BH's step-up procedure at FDR level α rejects hypothesis (i).
 * The FDR is controlled for independent or positively dependent tests (PRDS; Benjamini & Yekutieli
 * 2001).
 *
 * The family is the non-null entries: a null (a test that could not be run) passes through as null
 * and does not count in m. Tied p-values get the same q.
 *
 * Reference: Benjamini, Y. & Hochberg, Y. (1995). Controlling the false discovery rate: a practical
 * and powerful approach to multiple testing. JRSS B 57(1), 289–300.
 */

/**
 * BH adjusted p-values (q-values) in the input's order.
 *
 * @param p raw p-values in [0, 1], or null for a test that was not run.
 * @throws RangeError for a value that is not a number in [0, 1] (NaN included).
 */
export function benjaminiHochberg(p: readonly (number | null)[]): (number | null)[] {
  const family: { index: number; value: number }[] = [];
  p.forEach((value, index) => {
    if (value === null) return;
    if (typeof value !== "number" || !(value >= 0 && value <= 1)) {
      throw new RangeError(
        `p-value ${index + 1} is ${String(value)}: every p-value must be a number between 0 and 1 (or null when the test was not run).`,
      );
    }
    family.push({ index, value });
  });
  const m = family.length;
  family.sort((a, b) => a.value - b.value || a.index - b.index);
  const adjusted: (number | null)[] = p.map(() => null);
  let running = Infinity;
  for (let rank = m; rank >= 1; rank--) {
    const { index, value } = family[rank - 1];
    // p / (j / m), the same operations as statsmodels (p divided by the empirical CDF factor).
    running = Math.min(running, value / (rank / m));
    adjusted[index] = Math.min(1, running);
  }
  return adjusted;
}
