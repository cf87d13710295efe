/**
 * Newey–West HAC standard errors against statsmodels 0.13.5
 * `OLS(y, X).fit(cov_type="HAC", cov_kwds={"maxlags": L, "use_correction": c}, use_t=t)`, on the
 * stored outputs of scripts/references/hac.py (no Python needed here): coefficients, standard
 * errors, z/t statistics, p-values and the whole covariance matrix to 1e-8 relative.
 */
import reference from "./references/hac.json";
import { neweyWest, neweyWestDefaultLags } from "../../src/core/stats/hac";
import { printFigures } from "../figures";

const TOLERANCE = 1e-8;

describe("neweyWest", () => {
  it(`matches statsmodels' HAC covariance on ${reference.cases.length} regressions`, () => {
    const worst = new Map<string, number>();
    const check = (
      quantity: string,
      name: string,
      actual: number,
      expected: number,
      scale = Math.abs(expected),
    ) => {
      const error = Math.abs(actual - expected) / scale;
      worst.set(quantity, Math.max(worst.get(quantity) ?? 0, error));
      if (!(error <= TOLERANCE))
        throw new Error(`${quantity} of ${name}: ${actual} vs statsmodels ${expected}`);
    };
    for (const c of reference.cases) {
      const result = neweyWest(c.y, c.xs, {
        maxLags: c.maxLags,
        intercept: c.intercept,
        smallSampleCorrection: c.smallSampleCorrection,
        useT: c.useT,
      });
      const offset = c.intercept ? 1 : 0;
      if (c.intercept) {
        check("coefficient", c.name, result.interceptValue, c.params[0]);
        check("standard error", c.name, result.interceptStandardError as number, c.bse[0]);
        check("z statistic", c.name, result.interceptTStatistic as number, c.tvalues[0]);
        check("p-value", c.name, result.interceptPValue as number, c.pvalues[0]);
      }
      c.xs.forEach((_, j) => {
        check("coefficient", c.name, result.coefficients[j], c.params[j + offset]);
        check("standard error", c.name, result.standardErrors[j], c.bse[j + offset]);
        check("z statistic", c.name, result.tStatistics[j], c.tvalues[j + offset]);
        check("p-value", c.name, result.pValues[j], c.pvalues[j + offset]);
      });
      // Off-diagonal covariances relative to the diagonal scale sqrt(V_ii V_jj).
      c.cov.forEach((row, i) =>
        row.forEach((value, j) =>
          check("covariance", c.name, result.covariance[i][j], value, Math.sqrt(c.cov[i][i] * c.cov[j][j])),
        ),
      );
    }
    const rows = [...worst.entries()].map(([q, e]) => `  ${q}: ${e.toExponential(2)}`);
    printFigures(
      `HAC: largest relative error against statsmodels ${reference.versions.statsmodels}:\n${rows.join("\n")}`,
    );
  });

  it("uses statsmodels' default bandwidth rule floor(4 (n/100)^(2/9))", () => {
    for (const [n, lags] of Object.entries(reference.defaultLags))
      expect(neweyWestDefaultLags(Number(n))).toBe(lags);
  });

  it("gives White's HC0 errors with no lags (closed form for a regression on a constant)", () => {
    // y on a constant only: V = Σ u_t² / n², the HC0 variance of a mean.
    const y = [1, 4, 2, 8, 5, 7];
    const mean = 27 / 6;
    const hc0 = y.reduce((sum, v) => sum + (v - mean) ** 2, 0) / 36;
    const result = neweyWest(y, [], { maxLags: 0 });
    expect(result.interceptStandardError).toBeCloseTo(Math.sqrt(hc0), 14);
  });

  it("rejects a bad bandwidth and a rank-deficient design", () => {
    const x = [1, 2, 3, 4, 5, 6];
    const y = [2, 1, 4, 3, 6, 5];
    expect(() => neweyWest(y, [x], { maxLags: 6 })).toThrow(/from 0 to 5/);
    expect(() => neweyWest(y, [x], { maxLags: -1 })).toThrow(RangeError);
    expect(() => neweyWest(y, [x, x.map((v) => 2 * v)], { maxLags: 1 })).toThrow(
      /x column 2 is constant or collinear/,
    );
    expect(() => neweyWest(y, [x, [3, 3, 3, 3, 3, 3]], { maxLags: 1 })).toThrow(/constant or collinear/);
  });
});
