/**
 * What-if: first-order predicted relative change of each metric for given relative lever changes,
 *   Δm/m ≈ Σ_l e(l, m) · Δl/l
 * (elasticities at the means; accurate for small moves, a linear extrapolation for large ones).
 */
import { finiteOrNull } from "./numeric";

/**
 * @param elasticities levers × metrics
 * @param leverChanges relative change per lever (0.1 = +10%); blank counts as no change
 * @returns relative change per metric; null when a lever that moves has an unknown (blank) elasticity
 * @throws RangeError when the number of changes differs from the number of lever rows
 */
export function whatIf(
  elasticities: readonly (readonly (number | null | undefined)[])[],
  leverChanges: readonly (number | null | undefined)[],
): (number | null)[] {
  if (elasticities.length !== leverChanges.length) {
    throw new RangeError(
      `${elasticities.length} lever rows of elasticities but ${leverChanges.length} lever changes; give one change per lever.`,
    );
  }
  const metrics = elasticities.length > 0 ? Math.max(...elasticities.map((r) => r.length)) : 0;
  const out: (number | null)[] = [];
  for (let m = 0; m < metrics; m++) {
    let sum = 0;
    let unknown = false;
    elasticities.forEach((row, l) => {
      const d = finiteOrNull(leverChanges[l]) ?? 0;
      if (d === 0) return;
      const e = finiteOrNull(row[m]);
      if (e === null) unknown = true;
      else sum += e * d;
    });
    out.push(unknown ? null : finiteOrNull(sum));
  }
  return out;
}
