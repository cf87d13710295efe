/**
 * Unit-root (ADF), stationarity (KPSS) and cointegration (Engle–Granger) tests and MacKinnon's
 * surfaces against statsmodels 0.13.5, on the stored outputs of scripts/references/unitroot.py
 * (test/stats/references/unitroot.json: inputs and outputs, so no Python is needed here).
 *
 * Statistics, p-values and critical values must agree to 1e-8 relative; chosen lags exactly.
 * The largest relative error of each quantity is printed (docs/accuracy.md quotes it).
 */
import reference from "./references/unitroot.json";
import { mackinnonCriticalValues, mackinnonP, type TrendTerms } from "../../src/core/stats/mackinnon";
import { normalCdf } from "../../src/core/stats/normal";
import { adfTest, engleGrangerTest, kpssTest } from "../../src/core/stats/unitroot";
import { printFigures } from "../figures";

const TOLERANCE = 1e-8;
type Value = number | string;

/** JSON stores ±inf as strings. */
function num(value: Value): number {
  if (value === "inf") return Infinity;
  if (value === "-inf") return -Infinity;
  return value as number;
}

const worst = new Map<string, { error: number; name: string }>();

/** Relative error (absolute where the reference is 0), recorded per quantity. */
function expectClose(quantity: string, name: string, actual: number, expectedValue: Value): void {
  const expected = num(expectedValue);
  let error: number;
  if (!Number.isFinite(expected) || expected === 0) {
    error = actual === expected ? 0 : Math.abs(actual - expected);
  } else {
    error = Math.abs(actual - expected) / Math.abs(expected);
  }
  const previous = worst.get(quantity);
  if (previous === undefined || error > previous.error) worst.set(quantity, { error, name });
  if (!(error <= TOLERANCE)) {
    throw new Error(
      `${quantity} of ${name}: got ${actual}, statsmodels ${expected} (relative error ${error})`,
    );
  }
}

const series = reference.series.map((s) => s.values);

afterAll(() => {
  const rows = [...worst.entries()].map(
    ([quantity, { error, name }]) => `  ${quantity}: ${error.toExponential(2)} (${name})`,
  );
  printFigures(
    `Largest relative error against statsmodels ${reference.versions.statsmodels}:\n${rows.join("\n")}`,
  );
});

describe("normal distribution function", () => {
  it("matches known values of Φ (Abramowitz & Stegun table 26.1, and the tails' asymptotics)", () => {
    expect(normalCdf(0)).toBe(0.5);
    expect(normalCdf(1.959963984540054)).toBeCloseTo(0.975, 15);
    expect(normalCdf(-1.6448536269514722)).toBeCloseTo(0.05, 15);
    // Φ(-10) = 7.619853024160527e-24 (lower tail keeps full relative accuracy).
    expect(Math.abs(normalCdf(-10) / 7.619853024160527e-24 - 1)).toBeLessThan(1e-14);
    expect(normalCdf(-Infinity)).toBe(0);
    expect(normalCdf(Infinity)).toBe(1);
  });
});

describe("MacKinnon surfaces", () => {
  it(`p-values match statsmodels' mackinnonp on ${reference.mackinnonP.length} grid points`, () => {
    for (const c of reference.mackinnonP) {
      const name = `tau=${c.statistic} ${c.regression} N=${c.N}`;
      expectClose(
        "MacKinnon p-value",
        name,
        mackinnonP(c.statistic, c.regression as TrendTerms, c.N),
        c.pValue,
      );
    }
  });

  it(`critical values match statsmodels' mackinnoncrit on ${reference.mackinnonCrit.length} cases`, () => {
    for (const c of reference.mackinnonCrit) {
      const cv = mackinnonCriticalValues(c.N, c.regression as TrendTerms, c.nobs);
      const name = `${c.regression} N=${c.N} T=${c.nobs}`;
      [cv["1%"], cv["5%"], cv["10%"]].forEach((v, i) =>
        expectClose("MacKinnon critical value", name, v, c.criticalValues[i]),
      );
    }
  });

  it("gives the asymptotic values for T = Infinity and rejects N outside 1..6", () => {
    expect(mackinnonCriticalValues(1, "c", Infinity)).toEqual({
      "1%": -3.43035,
      "5%": -2.86154,
      "10%": -2.56677,
    });
    expect(() => mackinnonP(-3, "c", 7)).toThrow(/1 to 6 series/);
    expect(() => mackinnonP(Number.NaN)).toThrow(RangeError);
  });
});

describe("adfTest", () => {
  it(`matches statsmodels' adfuller on ${reference.adf.length} cases (statistic, p, lags, nobs, critical values, IC)`, () => {
    for (const c of reference.adf) {
      const result = adfTest(series[c.series], {
        regression: c.regression as TrendTerms,
        autolag: c.autolag as "AIC" | "BIC" | null,
        ...(c.maxLags === null ? {} : { maxLags: c.maxLags }),
      });
      expect({ name: c.name, usedLags: result.usedLags, nobs: result.nobs }).toEqual({
        name: c.name,
        usedLags: c.usedLags,
        nobs: c.nobs,
      });
      expectClose("ADF statistic", c.name, result.statistic, c.statistic);
      expectClose("ADF p-value", c.name, result.pValue, c.pValue);
      for (const level of ["1%", "5%", "10%"] as const) {
        expectClose("ADF critical value", c.name, result.criticalValues[level], c.criticalValues[level]);
      }
      if (c.informationCriterion === null) expect(result.informationCriterion).toBeNull();
      else
        expectClose(
          "ADF information criterion",
          c.name,
          result.informationCriterion as number,
          c.informationCriterion,
        );
    }
  });

  it("applies statsmodels' lag rules: 12 (n/100)^(1/4) capped at n/2 - terms - 1", () => {
    const walk = series[reference.series.findIndex((s) => s.name === "random_walk n=400")];
    expect(adfTest(walk, { autolag: null }).usedLags).toBe(17);
    expect(adfTest(walk.slice(0, 20), { autolag: null }).usedLags).toBe(8);
    expect(adfTest(walk.slice(0, 20), { autolag: null, regression: "ct" }).usedLags).toBe(7);
  });

  it("says what is needed for a series too short for its lags", () => {
    expect(() => adfTest([1, 2, 4])).toThrow(/has 3 values; .* needs at least 4/);
    expect(() => adfTest([1, 3, 2, 5, 4], { regression: "ct" })).toThrow(/needs at least 6/);
    expect(() => adfTest([1, 3, 2, 5, 4, 7, 5, 8], { maxLags: 3 })).toThrow(/3 lags .* need at least 10/);
    expect(() => adfTest([1, 3, 2, 5], { maxLags: -1 })).toThrow(/non-negative integer/);
  });

  it("rejects non-finite values, naming the position", () => {
    expect(() => adfTest([1, 2, Number.NaN, 4, 5, 6])).toThrow(/position 3/);
    expect(() => adfTest([1, 2, Infinity, 4, 5, 6])).toThrow(RangeError);
  });

  it("throws a clear error (statsmodels returns NaN) for a constant series or changes fitted exactly", () => {
    expect(() => adfTest(Array(30).fill(7))).toThrow(/is constant \(7\)/);
    // A straight line: constant after differencing.
    expect(() => adfTest(Array.from({ length: 30 }, (_, t) => 3 + 2 * t))).toThrow(/fitted exactly/);
    // Constant growth is fitted exactly with a trend too.
    expect(() =>
      adfTest(
        Array.from({ length: 30 }, (_, t) => t * t),
        { regression: "ct", autolag: null, maxLags: 0 },
      ),
    ).toThrow(/fitted exactly/);
  });
});

describe("kpssTest", () => {
  it(`matches statsmodels' kpss on ${reference.kpss.length} cases (statistic, p, lags, critical values)`, () => {
    for (const c of reference.kpss) {
      const result = kpssTest(series[c.series], {
        regression: c.regression as TrendTerms,
        nlags: c.nlags as "auto",
      });
      expect({ name: c.name, lags: result.lags }).toEqual({ name: c.name, lags: c.lags });
      expectClose("KPSS statistic", c.name, result.statistic, c.statistic);
      expectClose("KPSS p-value", c.name, result.pValue, c.pValue);
      const table = c.criticalValues as Record<string, number>;
      for (const level of ["10%", "5%", "2.5%", "1%"] as const) {
        expect(result.criticalValues[level]).toBe(table[level]);
      }
      const clipped = result.statistic < table["10%"] || result.statistic > table["1%"];
      expect(result.pValueClipped).toBe(clipped);
      if (clipped) expect([0.01, 0.1]).toContain(result.pValue);
    }
  });

  it("throws a clear error for a constant series, a straight line, too few values or bad lags", () => {
    expect(() => kpssTest(Array(20).fill(3))).toThrow(/is constant \(3\)/);
    expect(() =>
      kpssTest(
        Array.from({ length: 20 }, (_, t) => 1 + 0.5 * t),
        { regression: "ct" },
      ),
    ).toThrow(/exactly on a straight line/);
    expect(() => kpssTest([1])).toThrow(/at least 2 values/);
    expect(() => kpssTest([1, 2, 4, 3], { nlags: 4 })).toThrow(/needs more than 4 values/);
    expect(() => kpssTest([1, 2, 4, 3], { nlags: 1.5 })).toThrow(/non-negative integer/);
    expect(() => kpssTest([1, 2, Number.NaN])).toThrow(/position 3/);
  });
});

describe("engleGrangerTest", () => {
  it(`matches statsmodels' coint on ${reference.engleGranger.length} cases`, () => {
    for (const c of reference.engleGranger) {
      const result = engleGrangerTest(c.y, c.xs, {
        trend: c.trend as TrendTerms,
        ...(c.maxLags === null ? {} : { maxLags: c.maxLags }),
      });
      expectClose("Engle-Granger statistic", c.name, result.statistic, c.statistic);
      expectClose("Engle-Granger p-value", c.name, result.pValue, c.pValue);
      for (const level of ["1%", "5%", "10%"] as const) {
        expectClose(
          "Engle-Granger critical value",
          c.name,
          result.criticalValues[level],
          c.criticalValues[level],
        );
      }
    }
  });

  it("caps the residual test's default lag so every candidate keeps a residual degree of freedom", () => {
    // statsmodels' default for n = 20 searches up to lag 9, whose regression fits the 10 rows
    // exactly (AIC = -inf) and reports a meaningless statistic of 0; the reference passes 8.
    for (const c of reference.engleGranger.filter((e) => e.maxLags !== null)) {
      const byDefault = engleGrangerTest(c.y, c.xs, { trend: c.trend as TrendTerms });
      expect(byDefault.statistic).toBe(
        engleGrangerTest(c.y, c.xs, { trend: c.trend as TrendTerms, maxLags: 8 }).statistic,
      );
      expect(() => engleGrangerTest(c.y, c.xs, { maxLags: 9 })).toThrow(/at most 8 lags for 20 values/);
    }
  });

  it("reports an exact cointegrating fit as statsmodels does (-Infinity, p = 0) with exactFit", () => {
    const x = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8, 9, 7, 9, 3, 2, 3, 8, 4];
    const result = engleGrangerTest(
      x.map((v) => 2 + 3 * v),
      [x],
    );
    expect(result).toMatchObject({ statistic: -Infinity, pValue: 0, exactFit: true });
  });

  it("rejects mismatched lengths, too many columns and a constant y", () => {
    expect(() => engleGrangerTest([1, 2, 3, 4], [[1, 2, 3]])).toThrow(/x column 1 has 3 values but y has 4/);
    const y = Array.from({ length: 30 }, (_, t) => Math.sin(t));
    expect(() => engleGrangerTest(y, Array(6).fill(y))).toThrow(/1 to 5 x columns/);
    expect(() => engleGrangerTest(Array(30).fill(1), [y])).toThrow(/y is constant/);
  });
});
