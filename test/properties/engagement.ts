/**
 * fast-check arbitraries for the property tests: small random engagement workbooks (RawWorkbook,
 * as a host delivers them) whose levers always vary and are never collinear, so any difference a
 * property finds is the code's, not the data's.
 */
import fc from "fast-check";
import type { CellValue, RawWorkbook } from "../../src/core/model/raw";
import { runAnalysis } from "../../src/core/pipeline";
import type { Results } from "../../src/core/alignment/types";
import type { Diagnostic } from "../../src/core/model/types";

export interface Engagement {
  levers: string[];
  metrics: string[];
  /** periods[i] is an Excel serial. */
  periods: number[];
  /** x[k][i]: lever k in period i. */
  x: number[][];
  /** y[j][i]: metric j in period i. */
  y: number[][];
}

export const FIRST_PERIOD = 44562; // 2022-01-01

export const engagementArb: fc.Arbitrary<Engagement> = fc
  .record({
    levers: fc.integer({ min: 2, max: 4 }),
    metrics: fc.integer({ min: 1, max: 3 }),
    periods: fc.integer({ min: 16, max: 30 }),
  })
  .chain(({ levers, metrics, periods }) =>
    fc
      .record({
        noiseX: fc.array(
          fc.array(fc.integer({ min: -20, max: 20 }), { minLength: periods, maxLength: periods }),
          {
            minLength: levers,
            maxLength: levers,
          },
        ),
        weights: fc.array(
          fc.array(fc.integer({ min: -9, max: 9 }), { minLength: levers, maxLength: levers }),
          {
            minLength: metrics,
            maxLength: metrics,
          },
        ),
        noiseY: fc.array(
          fc.array(fc.integer({ min: -30, max: 30 }), { minLength: periods, maxLength: periods }),
          {
            minLength: metrics,
            maxLength: metrics,
          },
        ),
      })
      .map(({ noiseX, weights, noiseY }): Engagement => {
        // A fixed pattern per lever (independent of the others and of the intercept) plus noise.
        const x = noiseX.map((noise, k) => noise.map((e, i) => 50 + ((i * (k + 3) + k * k) % 17) * 3 + e));
        const y = weights.map((w, j) =>
          noiseY[j].map((e, i) => 200 + w.reduce((s, wk, k) => s + wk * x[k][i], 0) + e + ((i * 7 + j) % 5)),
        );
        return {
          levers: Array.from({ length: levers }, (_v, k) => `Lever ${k + 1}`),
          metrics: Array.from({ length: metrics }, (_v, j) => `Metric ${j + 1}`),
          periods: Array.from({ length: periods }, (_v, i) => FIRST_PERIOD + 31 * i),
          x,
          y,
        };
      }),
  );

/** The engagement as a host would read it: five sheets, header rows at the top. */
export function toRawWorkbook(e: Engagement, options: { rowOrder?: number[] } = {}): RawWorkbook {
  const levers: CellValue[][] = [["Lever", "Category", "Unit", "Current", "Min", "Max"]];
  e.levers.forEach((name, k) => {
    const values = e.x[k];
    levers.push([
      name,
      "Capacity",
      "units",
      values[values.length - 1],
      Math.min(...values),
      Math.max(...values),
    ]);
  });
  const metrics: CellValue[][] = [["Metric", "Layer", "Unit", "Better", "Lag"]];
  e.metrics.forEach((name, j) =>
    metrics.push([name, j === 0 ? "Recruitment" : "Business", "units", "Lower", 0]),
  );
  const goals: CellValue[][] = [["Goal", "Metric", "Direction", "Weight", "Effective from"]];
  e.metrics.forEach((name, j) =>
    goals.push([`Goal ${j + 1}`, name, j % 2 === 0 ? "Decrease" : "Increase", j + 1, FIRST_PERIOD]),
  );
  const order = options.rowOrder ?? e.periods.map((_p, i) => i);
  const observations: CellValue[][] = [["Period", ...e.levers, ...e.metrics]];
  for (const i of order) observations.push([e.periods[i], ...e.x.map((c) => c[i]), ...e.y.map((c) => c[i])]);
  const sheets = [
    { name: "Levers", values: levers },
    { name: "Metrics", values: metrics },
    { name: "Goals", values: goals },
    { name: "Observations", values: observations },
  ].map((s) => ({ ...s, originRow: 0, originCol: 0 }));
  return { sheets, tables: [], sheetNames: sheets.map((s) => s.name), outputSheets: [], history: null };
}

export function analyse(raw: RawWorkbook): { results: Results; diagnostics: Diagnostic[] } {
  const outcome = runAnalysis(raw, { runStamp: "2026-01-01T00:00:00.000Z", toolVersion: "test" });
  if (!outcome.results) {
    throw new Error(`not analysed: ${outcome.diagnostics.map((d) => d.message).join("; ")}`);
  }
  return { results: outcome.results, diagnostics: outcome.diagnostics };
}

/** |a - b| within a relative tolerance (null only equals null). */
export function close(a: number | null, b: number | null, relative = 1e-8, absolute = 1e-9): boolean {
  if (a === null || b === null) return a === b;
  return Math.abs(a - b) <= absolute + relative * Math.max(Math.abs(a), Math.abs(b));
}

/** A permutation of 0..n-1 from a seed list. */
export function permutationArb(n: number): fc.Arbitrary<number[]> {
  return fc.array(fc.integer(), { minLength: n, maxLength: n }).map((keys) =>
    keys
      .map((key, i) => ({ key, i }))
      .sort((a, b) => a.key - b.key || a.i - b.i)
      .map((x) => x.i),
  );
}
