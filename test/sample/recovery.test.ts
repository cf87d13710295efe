/**
 * The planted effects must be recoverable: for the default sample, a multiple regression of each
 * metric on all seven levers (levers taken `lag` months earlier) finds every non-zero planted
 * direct effect with the planted sign and p < 0.05.
 */
import { ols } from "../../src/core/stats/ols";
import {
  generateSampleData,
  SAMPLE_LEVERS,
  SAMPLE_METRICS,
  SAMPLE_PLANTED_EFFECTS,
} from "../../src/core/sample/template";

function fits(seed?: number) {
  const data = generateSampleData(seed === undefined ? {} : { seed });
  return SAMPLE_METRICS.map((m) => {
    const y = data.series[m.name].slice(m.lag);
    const x = SAMPLE_LEVERS.map((l) => data.series[l.name].slice(0, y.length));
    return { metric: m, fit: ols(y, x) };
  });
}

describe("planted effects are recoverable by regression", () => {
  it.each([undefined, 1, 2, 3, 42])("seed %p: every non-zero effect has its sign with p < 0.05", (seed) => {
    const problems: string[] = [];
    for (const { metric, fit } of fits(seed)) {
      SAMPLE_LEVERS.forEach((lever, j) => {
        const planted = SAMPLE_PLANTED_EFFECTS.direct.find(
          (e) => e.from === lever.name && e.to === metric.name,
        )!;
        if (planted.coefficient === 0) return;
        const c = fit.coefficients[j];
        const p = fit.pValues[j];
        if (c === null || p === null || Math.sign(c) !== Math.sign(planted.coefficient) || p >= 0.05) {
          problems.push(
            `${lever.name} → ${metric.name}: estimate ${c}, p ${p}, planted ${planted.coefficient}`,
          );
        }
      });
    }
    expect(problems).toEqual([]);
  });
});
