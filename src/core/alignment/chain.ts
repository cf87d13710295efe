/**
 * Chained effect of a lever on a business outcome through the recruitment KPIs:
 *   chained(L, O) = Σ_k e(L → KPI_k) · e(KPI_k → O)
 * with e(L → KPI_k) from sensitivity.ts and e(KPI_k → O) from discovery.ts. Elasticities multiply
 * along a path (a 1% lever move moves KPI_k by e₁%, which moves O by e₁·e₂%), and paths add
 * (first-order). The chain explains the direct estimate; it is not used for goal leverage
 * (see leverage.ts), because it misses every path that does not run through a measured KPI.
 *
 * Unknown factors (null: insufficient data, dropped lever) are left out of the sum rather than
 * read as zero; a chain with no known term at all is null.
 */
import type { ChainedEffect } from "./types";
import { finiteOrNull } from "./numeric";

type Matrix = readonly (readonly (number | null | undefined)[])[];

/**
 * Matrix product of elasticities: a (levers × KPIs) times b (KPIs × outcomes) → levers × outcomes.
 * A term with a missing factor is skipped; an entry with no known term is null.
 * @throws RangeError when the inner dimensions differ
 */
export function chainMatrices(a: Matrix, b: Matrix): (number | null)[][] {
  const inner = b.length;
  const cols = inner > 0 ? Math.max(...b.map((r) => r.length)) : 0;
  for (const row of a) {
    if (row.length !== inner) {
      throw new RangeError(
        `The first range has ${row.length} columns (KPIs) but the second has ${inner} rows; they must match.`,
      );
    }
  }
  return a.map((row) => {
    const out: (number | null)[] = [];
    for (let c = 0; c < cols; c++) {
      let sum = 0;
      let known = 0;
      for (let k = 0; k < inner; k++) {
        const x = finiteOrNull(row[k]);
        const y = finiteOrNull(b[k][c]);
        if (x === null || y === null) continue;
        sum += x * y;
        known++;
      }
      out.push(known > 0 ? finiteOrNull(sum) : null);
    }
    return out;
  });
}

/**
 * @param leverToKpi levers × KPIs elasticities
 * @param kpiToOutcome KPIs × outcomes elasticities
 * @param direct levers × outcomes elasticities from each outcome's own regression on the levers
 */
export function chainedEffects(
  levers: readonly string[],
  kpis: readonly string[],
  outcomes: readonly string[],
  leverToKpi: Matrix,
  kpiToOutcome: Matrix,
  direct: Matrix,
): ChainedEffect[] {
  const chained = chainMatrices(leverToKpi, kpiToOutcome);
  const rows: ChainedEffect[] = [];
  levers.forEach((lever, l) => {
    outcomes.forEach((outcome, o) => {
      const via: { kpi: string; contribution: number }[] = [];
      kpis.forEach((kpi, k) => {
        const x = finiteOrNull(leverToKpi[l][k]);
        const y = finiteOrNull(kpiToOutcome[k][o]);
        const contribution = x !== null && y !== null ? finiteOrNull(x * y) : null;
        if (contribution !== null) via.push({ kpi, contribution });
      });
      via.sort((p, q) => Math.abs(q.contribution) - Math.abs(p.contribution));
      rows.push({
        lever,
        outcome,
        direct: finiteOrNull(direct[l]?.[o]),
        chained: chained[l]?.[o] ?? null,
        via,
      });
    });
  });
  return rows;
}
