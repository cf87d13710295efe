/**
 * OLS behaviour: exact small problems worked by hand, LINEST's conventions, rank deficiency,
 * degenerate inputs (no NaN or Infinity anywhere), and why the refinement is on by default.
 */
import * as path from "path";
import { DEFAULT_RANK_TOLERANCE, ols } from "../../src/core/stats/ols";
import type { OlsResult } from "../../src/core/stats/types";
import { loadStrd, minimumLre, strdDirectory } from "./strd-reference";
import { mulberry32 as seededRandom } from "../../src/core/sample/prng";

/** Walks the whole result: every number must be finite (undefined values are null). */
function expectNoNaNOrInfinity(value: unknown, where = "result"): void {
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new Error(`${where} is ${value}`);
  } else if (Array.isArray(value)) {
    value.forEach((item, index) => expectNoNaNOrInfinity(item, `${where}[${index}]`));
  } else if (value !== null && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) expectNoNaNOrInfinity(item, `${where}.${key}`);
  }
}

function fit(y: ArrayLike<number>, columns: ArrayLike<number>[], options = {}): OlsResult {
  const result = ols(y, columns, options);
  expectNoNaNOrInfinity(result);
  return result;
}

function randomColumn(random: () => number, n: number, scale: number, offset: number): number[] {
  return Array.from({ length: n }, () => offset + scale * random());
}

/**
 * Closed forms for Student's t with 2 degrees of freedom (independent of the library):
 * F(t) = 1/2 + t / (2 sqrt(2 + t^2)), so the two-sided p-value is 1 - |t| / sqrt(2 + t^2) and
 * the quantile is a sqrt(2 / (1 - a^2)) with a = 2p - 1.
 */
const pValueDf2 = (t: number) => 1 - Math.abs(t) / Math.sqrt(2 + t * t);
const quantileDf2 = (p: number) => (2 * p - 1) * Math.sqrt(2 / (1 - (2 * p - 1) ** 2));

describe("exact small problems", () => {
  // x = 1..4, y = 1, 3, 2, 5 by hand: xbar = 2.5, ybar = 2.75, Sxx = 5, Sxy = 5.5, slope 1.1,
  // intercept 0, residuals -0.1, 0.8, -1.3, 0.6, SSres = 2.7, SStot = 8.75, SSreg = 6.05.
  const x = [1, 2, 3, 4];
  const y = [1, 3, 2, 5];

  test("simple regression with intercept matches the hand calculation", () => {
    const r = fit(y, [x]);
    expect(r.coefficients[0]).toBeCloseTo(1.1, 14);
    expect(r.interceptValue).toBeCloseTo(0, 14);
    expect(r.ssResidual).toBeCloseTo(2.7, 14);
    expect(r.ssRegression).toBeCloseTo(6.05, 14);
    expect(r.r2).toBeCloseTo(6.05 / 8.75, 14);
    expect(r.dfResidual).toBe(2);
    expect(r.standardErrorY).toBeCloseTo(Math.sqrt(1.35), 14);
    // SE(slope) = sqrt(s^2 / Sxx), SE(intercept) = sqrt(s^2 (1/n + xbar^2 / Sxx)), s^2 = 2.7 / 2.
    expect(r.standardErrors[0]).toBeCloseTo(Math.sqrt(1.35 / 5), 14);
    expect(r.interceptStandardError).toBeCloseTo(Math.sqrt(1.35 * 1.5), 14);
    expect(r.f).toBeCloseTo(6.05 / 1.35, 12);
    const t = 1.1 / Math.sqrt(0.27);
    expect(r.tStatistics[0]).toBeCloseTo(t, 13);
    expect(r.pValues[0]).toBeCloseTo(pValueDf2(t), 12);
    const halfWidth = quantileDf2(0.975) * Math.sqrt(0.27); // t_{0.975,2} = 4.302652729911275
    expect(r.ciLow[0]).toBeCloseTo(1.1 - halfWidth, 12);
    expect(r.ciHigh[0]).toBeCloseTo(1.1 + halfWidth, 12);
    // An intercept estimate of 0 has t = 0 and p = 1.
    expect(Math.abs(r.interceptTStatistic ?? Number.NaN)).toBeLessThan(1e-14);
    expect(r.interceptPValue).toBeCloseTo(1, 14);
    expect(r.warnings).toEqual([]);
  });

  test("without intercept R² follows LINEST (uncentred total sum of squares)", () => {
    // b = sum xy / sum x^2 = 33 / 30 = 1.1; same residuals, SSres = 2.7; sum y^2 = 39.
    const r = fit(y, [x], { intercept: false });
    expect(r.intercept).toBe(false);
    expect(r.interceptValue).toBe(0);
    expect(r.interceptStandardError).toBeNull();
    expect(r.coefficients[0]).toBeCloseTo(1.1, 14);
    expect(r.r2).toBeCloseTo(1 - 2.7 / 39, 14); // LINEST(y, x, FALSE, TRUE): 0.930769...
    expect(r.ssRegression).toBeCloseTo(36.3, 13);
    expect(r.dfResidual).toBe(3);
    expect(r.f).toBeCloseTo(36.3 / (2.7 / 3), 12);
    expect(r.standardErrors[0]).toBeCloseTo(Math.sqrt(0.9 / 30), 14);
  });

  test("an exact fit has zero residuals, SE 0, and undefined t, p and F", () => {
    const xs = [1, 2, 3, 4, 5];
    const r = fit(
      xs.map((v) => 2 + 3 * v),
      [xs],
    );
    expect(r.coefficients).toEqual([3]);
    expect(r.interceptValue).toBe(2);
    expect(r.ssResidual).toBe(0);
    expect(r.r2).toBe(1);
    expect(r.standardErrors).toEqual([0]);
    expect(r.tStatistics).toEqual([null]);
    expect(r.pValues).toEqual([null]);
    expect([r.ciLow[0], r.ciHigh[0]]).toEqual([3, 3]);
    expect(r.f).toBeNull();
    expect(r.warnings.join(" ")).toMatch(/exact/);
  });

  test("two regressors recover known coefficients from noisy data within the reported intervals", () => {
    const random = seededRandom(7);
    const x1 = randomColumn(random, 200, 10, 0);
    const x2 = randomColumn(random, 200, 1, 5);
    const y = x1.map((v, i) => 4 - 0.5 * v + 2 * x2[i] + (random() - 0.5) * 0.01);
    const r = fit(y, [x1, x2]);
    expect(r.coefficients[0]).toBeCloseTo(-0.5, 3);
    expect(r.coefficients[1]).toBeCloseTo(2, 2);
    expect(r.interceptValue).toBeCloseTo(4, 2);
    expect(r.ciLow[0]!).toBeLessThan(-0.5);
    expect(r.ciHigh[0]!).toBeGreaterThan(-0.5);
  });
});

describe("rank deficiency is detected and explained", () => {
  const random = seededRandom(42);
  const n = 30;
  const x1 = randomColumn(random, n, 100, 50);
  const x2 = randomColumn(random, n, 3, -1);
  const x3 = randomColumn(random, n, 1, 0);
  const y = x1.map((v, i) => 1 + 0.2 * v - x2[i] + 5 * x3[i] + random());
  const reference = fit(y, [x1, x2]);

  test("a duplicate column is dropped, the later one, and the fit is unchanged", () => {
    const r = fit(y, [x1, x2, x1]);
    expect(r.rank).toBe(3);
    expect(r.dropped).toEqual([{ column: 2, kind: "collinear", with: [0] }]);
    expect(r.coefficients[2]).toBeNull();
    expect(r.standardErrors[2]).toBeNull();
    expect(r.coefficients[0]).toBeCloseTo(reference.coefficients[0]!, 12);
    expect(r.coefficients[1]).toBeCloseTo(reference.coefficients[1]!, 12);
    expect(r.r2).toBeCloseTo(reference.r2!, 14);
    expect(r.dfResidual).toBe(n - 3);
    expect(r.warnings[0]).toMatch(/x column 3 is \(numerically\) a linear combination of x column 1/);
    expect(r.warnings[0]).toMatch(/LINEST/);
  });

  test("a scaled copy is dropped", () => {
    const r = fit(y, [x1, x1.map((v) => -3.7 * v), x2]);
    expect(r.dropped).toEqual([{ column: 1, kind: "collinear", with: [0] }]);
    expect(r.coefficients[2]).toBeCloseTo(reference.coefficients[1]!, 12);
  });

  test("a column equal to the sum of two others is dropped with both named", () => {
    const total = x1.map((v, i) => v + x2[i]);
    const r = fit(y, [x1, x2, total]);
    expect(r.dropped).toEqual([{ column: 2, kind: "collinear", with: [0, 1] }]);
    expect(r.warnings[0]).toMatch(/x column 3 .* x column 1 and x column 2/);
  });

  test("a column equal to another plus a constant depends on the intercept", () => {
    const r = fit(y, [x1, x2, x1.map((v) => v + 12.5)]);
    expect(r.dropped).toEqual([{ column: 2, kind: "collinear", with: [-1, 0] }]);
    expect(r.warnings[0]).toMatch(/the intercept and x column 1/);
  });

  test("dummy columns that add up to the intercept: the last one is dropped", () => {
    const group = Array.from({ length: n }, (_, i) => i % 3);
    const dummies = [0, 1, 2].map((g) => group.map((value) => (value === g ? 1 : 0)));
    const r = fit(y, dummies);
    expect(r.dropped).toEqual([{ column: 2, kind: "collinear", with: [-1, 0, 1] }]);
  });

  test("a constant column with an intercept is dropped as constant", () => {
    const r = fit(y, [x1, new Array<number>(n).fill(7), x2]);
    expect(r.dropped).toEqual([{ column: 1, kind: "constant", with: [] }]);
    expect(r.coefficients[1]).toBeNull();
    expect(r.coefficients[0]).toBeCloseTo(reference.coefficients[0]!, 12);
    expect(r.warnings[0]).toMatch(/x column 2 has the same value \(7\) in every row/);
  });

  test("without an intercept a constant column plays its role; a zero column is dropped", () => {
    const ones = new Array<number>(n).fill(1);
    const r = fit(y, [x1, ones, x2, new Array<number>(n).fill(0)], { intercept: false });
    expect(r.dropped).toEqual([{ column: 3, kind: "constant", with: [] }]);
    expect(r.coefficients[1]).toBeCloseTo(reference.interceptValue, 11);
    expect(r.coefficients[0]).toBeCloseTo(reference.coefficients[0]!, 12);
    expect(r.warnings[0]).toMatch(/x column 4 is zero in every row/);
  });

  test("two constant columns without an intercept: the second is collinear with the first", () => {
    const r = fit(y, [new Array<number>(n).fill(2), new Array<number>(n).fill(5)], { intercept: false });
    expect(r.dropped).toEqual([{ column: 1, kind: "collinear", with: [0] }]);
  });

  test("collinearity is still detected at 100,000 rows (noise far below the tolerance)", () => {
    const big = seededRandom(3);
    const a = randomColumn(big, 100_000, 1000, 500);
    const b = randomColumn(big, 100_000, 37, -3);
    const c = randomColumn(big, 100_000, 1, 0);
    const combination = a.map((v, i) => 0.1 * v - 0.3 * b[i] + 7.7 * c[i]);
    const yy = a.map((v, i) => v + b[i] + big());
    const r = fit(yy, [a, b, c, combination]);
    expect(r.dropped).toEqual([{ column: 3, kind: "collinear", with: [0, 1, 2] }]);
  });

  test("NIST Filip, the hardest full-rank problem, is kept at full rank but flagged as nearly collinear", () => {
    const filip = loadStrd(strdDirectory(path.resolve(__dirname, "../..")), "Filip");
    const r = fit(filip.y, filip.columns);
    expect(r.dropped).toEqual([]);
    expect(r.warnings.join(" ")).toMatch(/nearly collinear/);
    // The default tolerance has two orders of magnitude of room below Filip's smallest pivot.
    const strict = fit(filip.y, filip.columns, { rankTolerance: DEFAULT_RANK_TOLERANCE * 100 });
    expect(strict.dropped).toEqual([]);
    const lax = fit(filip.y, filip.columns, { rankTolerance: 1e-7 });
    expect(lax.dropped.length).toBeGreaterThan(0);
  });
});

describe("too few observations and degenerate data", () => {
  test("n equal to the number of parameters: no residual degrees of freedom", () => {
    const r = fit(
      [1, 2, 4],
      [
        [1, 2, 3],
        [0, 1, 5],
      ],
    );
    expect(r.rank).toBe(3);
    expect(r.dfResidual).toBe(0);
    expect(r.coefficients.every((c) => c !== null)).toBe(true);
    expect(r.standardErrors).toEqual([null, null]);
    expect(r.pValues).toEqual([null, null]);
    expect(r.standardErrorY).toBeNull();
    expect(r.f).toBeNull();
    expect(r.warnings.join(" ")).toMatch(/Only 3 observations for 3 parameters/);
    expect(r.warnings.join(" ")).toMatch(/No residual degrees of freedom/);
  });

  test("n below the number of parameters: extra columns are dropped as collinear", () => {
    const r = fit(
      [1, 2, 4],
      [
        [1, 2, 3],
        [0, 1, 5],
        [2, 2, 7],
        [9, 1, 1],
      ],
    );
    expect(r.rank).toBe(3);
    expect(r.dropped.map((d) => d.kind)).toEqual(["collinear", "collinear"]);
    expect(r.warnings.join(" ")).toMatch(/Only 3 observations for 5 parameters/);
  });

  test("a single observation with an intercept only", () => {
    const r = fit([5], []);
    expect(r.interceptValue).toBe(5);
    expect(r.rank).toBe(1);
    expect(r.r2).toBeNull();
  });

  test("constant y: exact coefficients (slope 0, intercept y), and SE, t, p, interval, R², F null", () => {
    const r = fit([3, 3, 3, 3], [[1, 2, 3, 5]]);
    expect(r.yConstant).toBe(true);
    expect(r.r2).toBeNull();
    expect(r.f).toBeNull();
    expect(r.coefficients).toEqual([0]);
    expect(r.interceptValue).toBe(3);
    expect([r.standardErrors[0], r.tStatistics[0], r.pValues[0], r.ciLow[0], r.ciHigh[0]]).toEqual([
      null,
      null,
      null,
      null,
      null,
    ]);
    expect([r.interceptStandardError, r.interceptPValue]).toEqual([null, null]);
    expect([r.ssRegression, r.ssResidual]).toEqual([0, 0]);
    expect(r.warnings.join(" ")).toMatch(/y has the same value in every row/);
  });

  test("constant y that used to give p-values from rounding noise (0.1 in 8 rows, one or three levers)", () => {
    // With 0.1 (not a binary fraction) the plain QR leaves residuals of 1e-17 and slopes of 1e-17,
    // whose ratio is a t statistic of order 1: a "p-value" of rounding noise.
    const x1 = [3.1, 4.7, 2.2, 5.9, 6.3, 1.8, 4.4, 3.9];
    const x2 = [10, 12.5, 9.75, 14, 11, 8.5, 13.25, 10.5];
    const x3 = [0.7, 0.2, 0.9, 0.4, 0.6, 0.1, 0.8, 0.3];
    for (const columns of [[x1], [x1, x2, x3]]) {
      const r = fit(Array(8).fill(0.1), columns);
      expect(r.yConstant).toBe(true);
      expect(r.pValues.every((p) => p === null)).toBe(true);
      expect(r.standardErrors.every((se) => se === null)).toBe(true);
      expect(r.coefficients.every((b) => b === 0)).toBe(true);
      expect(r.interceptValue).toBe(0.1);
      expect(r.f).toBeNull();
      expect(r.r2).toBeNull();
    }
  });

  test("without an intercept, y all 0 is degenerate; a non-zero constant y is an ordinary fit", () => {
    expect(fit([0, 0, 0, 0], [[1, 2, 3, 5]], { intercept: false }).yConstant).toBe(true);
    const r = fit([2, 2, 2, 2], [[1, 2, 3, 5]], { intercept: false });
    expect(r.yConstant).toBe(false);
    expect(r.r2).not.toBeNull();
  });

  test("sums of squares are never negative, so F and R² are never negative (y almost unrelated to x)", () => {
    // SSres can round a hair above SStot when x explains nothing; SSreg is then 0, not -1e-30.
    for (let seed = 1; seed <= 200; seed++) {
      const y = Array.from({ length: 6 }, (_, i) => 1 + ((seed * 7919 + i * 104729) % 13) / 1e15);
      const x = Array.from({ length: 6 }, (_, i) => (seed * 31 + i * 17) % 7);
      const r = fit(y, [x]);
      expect(r.ssRegression).toBeGreaterThanOrEqual(0);
      expect(r.ssResidual).toBeGreaterThanOrEqual(0);
      if (r.f !== null) expect(r.f).toBeGreaterThanOrEqual(0);
      if (r.r2 !== null) expect(r.r2).toBeGreaterThanOrEqual(0);
    }
  });

  test("no x columns left: F is undefined", () => {
    const r = fit([1, 2, 4, 3], [[2, 2, 2, 2]]);
    expect(r.rank).toBe(1);
    expect(r.f).toBeNull();
    expect(r.interceptValue).toBeCloseTo(2.5, 14);
  });

  test("invalid input is rejected with a message naming the column and row", () => {
    expect(() => ols([], [])).toThrow(/at least one observation/);
    expect(() => ols([1, 2], [[1]])).toThrow(/x column 1 has 1 values but y has 2/);
    expect(() => ols([1, 2], [[1, Number.NaN]])).toThrow(/x column 1 .* row 2/);
    expect(() => ols([1, Number.POSITIVE_INFINITY], [[1, 2]])).toThrow(/y .* row 2/);
    expect(() => ols([1, 2], [[1, 2]], { rankTolerance: -1 })).toThrow(/rankTolerance/);
    expect(() => ols([1, 2], [[1, 2]], { refinementSteps: 1.5 })).toThrow(/refinementSteps/);
  });
});

describe("refinement", () => {
  const directory = strdDirectory(path.resolve(__dirname, "../.."));

  // Plain double Householder QR loses digits to cond(A) and, with large residuals, to
  // cond(A)^2 |r|; GUIDE section 3 quotes numpy at 6.0 (Wampler5) and 10.9 (Longley).
  test.each([
    ["Wampler5", 8, 14.5],
    ["Longley", 11.5, 14.1],
  ] as const)(
    "%s: refinement recovers the digits plain Householder QR loses",
    (name, plainAtMost, refinedAtLeast) => {
      const data = loadStrd(directory, name);
      const digits = (steps: number) => {
        const r = fit(data.y, data.columns, { refinementSteps: steps });
        return minimumLre([r.interceptValue, ...r.coefficients], data.certifiedCoefficients);
      };
      expect(digits(0)).toBeLessThan(plainAtMost);
      expect(digits(1)).toBeGreaterThanOrEqual(refinedAtLeast);
      expect(digits(2)).toBeGreaterThanOrEqual(refinedAtLeast);
    },
  );

  test("refinement leaves a well-conditioned random problem unchanged to rounding", () => {
    const random = seededRandom(11);
    const columns = [0, 1, 2].map(() => randomColumn(random, 500, 1, 0));
    const y = columns[0].map((v, i) => v + 2 * columns[1][i] - columns[2][i] + random());
    const plain = fit(y, columns, { refinementSteps: 0 });
    const refined = fit(y, columns);
    plain.coefficients.forEach((c, j) => expect(refined.coefficients[j]).toBeCloseTo(c!, 13));
  });
});
