/**
 * Student's t wrappers against values we can derive independently of the library:
 * - closed forms for integer degrees of freedom (Abramowitz & Stegun 26.7.3-26.7.4, below),
 * - published table values (each cited where used),
 * - the normal limit for large df.
 */
import {
  studentTCdf,
  studentTQuantile,
  twoSidedCriticalValue,
  twoSidedPValue,
} from "../../src/core/stats/tdist";

/**
 * A(t | nu) = P(|T| <= t) for integer nu, Abramowitz & Stegun (1964) 26.7.3 (odd) and 26.7.4
 * (even), with theta = atan(t / sqrt(nu)):
 *   nu = 1:    2 theta / pi
 *   odd nu:    (2/pi) (theta + sin(theta) [cos + (2/3) cos^3 + ... + (2.4...(nu-3))/(1.3...(nu-2)) cos^(nu-2)])
 *   even nu:   sin(theta) [1 + (1/2) cos^2 + (1.3)/(2.4) cos^4 + ... + (1.3...(nu-3))/(2.4...(nu-2)) cos^(nu-2)]
 * The two-sided p-value is 1 - A; fine for p not far below 1e-3 (the subtraction cancels).
 */
function closedFormTwoSidedP(t: number, nu: number): number {
  const theta = Math.atan(Math.abs(t) / Math.sqrt(nu));
  const c = Math.cos(theta);
  const s = Math.sin(theta);
  let a: number;
  if (nu % 2 === 1) {
    let series = 0;
    let term = c;
    for (let k = 1; k <= (nu - 1) / 2; k++) {
      series += term;
      term *= (c * c * (2 * k)) / (2 * k + 1);
    }
    a = (2 / Math.PI) * (theta + s * (nu === 1 ? 0 : series));
  } else {
    let series = 0;
    let term = 1;
    for (let k = 1; k <= nu / 2; k++) {
      series += term;
      term *= (c * c * (2 * k - 1)) / (2 * k);
    }
    a = s * series;
  }
  return 1 - a;
}

const relativeError = (value: number | null, expected: number) =>
  Math.abs((value ?? Number.NaN) - expected) / expected;

describe("two-sided p-values", () => {
  test("p for t = 2, df = 5 is 0.1019394... (A&S 26.7.3 closed form)", () => {
    const expected = closedFormTwoSidedP(2, 5);
    expect(expected).toBeCloseTo(0.1019394788, 9);
    expect(relativeError(twoSidedPValue(2, 5), expected)).toBeLessThan(1e-13);
    expect(twoSidedPValue(-2, 5)).toBe(twoSidedPValue(2, 5));
  });

  test.each([
    [0.5, 1],
    [1.7, 2],
    [2.5, 3],
    [0.3, 4],
    [3.1, 7],
    [1.0, 10],
    [2.0, 30],
    [0.01, 9],
  ])("t = %p, df = %p agrees with the closed form", (t, df) => {
    expect(relativeError(twoSidedPValue(t, df), closedFormTwoSidedP(t, df))).toBeLessThan(1e-12);
  });

  test("far tails keep their relative accuracy (no 1 - cdf cancellation)", () => {
    // df = 1 (Cauchy): p = 1 - 2 atan(t) / pi = 2 atan(1 / t) / pi, no cancellation.
    expect(relativeError(twoSidedPValue(1e10, 1), (2 * Math.atan(1e-10)) / Math.PI)).toBeLessThan(1e-12);
    // df = 2: p = 1 - t / sqrt(2 + t^2) = 2 / (sqrt(2 + t^2) (sqrt(2 + t^2) + t)).
    const root = Math.sqrt(2 + 1e8 * 1e8);
    expect(relativeError(twoSidedPValue(1e8, 2), 2 / (root * (root + 1e8)))).toBeLessThan(1e-12);
    expect(twoSidedPValue(40, 3)).toBeGreaterThan(0);
  });

  test("t = 0 gives p = 1", () => {
    expect(twoSidedPValue(0, 12)).toBe(1);
  });
});

describe("quantiles and critical values", () => {
  test("t(0.975, 10) = 2.228138851986 (standard t tables, e.g. NIST/SEMATECH e-Handbook 1.3.6.7.2: 2.228)", () => {
    expect(twoSidedCriticalValue(0.95, 10)).toBeCloseTo(2.228138851986, 11);
  });

  test("t(0.975, 1) = tan(0.475 pi) = 12.7062047361747 (Cauchy closed form)", () => {
    expect(relativeError(studentTQuantile(0.975, 1), Math.tan(0.475 * Math.PI))).toBeLessThan(1e-12);
    expect(twoSidedCriticalValue(0.95, 1)).toBeCloseTo(12.7062047361747, 11);
  });

  test("t(0.975, 2) = 0.95 sqrt(2 / (1 - 0.95^2)) = 4.302652729911275 (closed form for df = 2)", () => {
    expect(relativeError(studentTQuantile(0.975, 2), 0.95 * Math.sqrt(2 / (1 - 0.95 ** 2)))).toBeLessThan(
      1e-13,
    );
  });

  test.each([3, 5, 10, 25])("quantile inverts the closed-form cdf at df = %p", (df) => {
    for (const p of [0.6, 0.9, 0.975, 0.995]) {
      const q = studentTQuantile(p, df)!;
      // P(T <= q) = 1 - p_two_sided(q) / 2 for q > 0.
      expect(Math.abs(1 - closedFormTwoSidedP(q, df) / 2 - p)).toBeLessThan(1e-13);
    }
  });

  test("large df approaches the normal quantile 1.959963984540054", () => {
    expect(Math.abs(twoSidedCriticalValue(0.95, 1e7)! - 1.959963984540054)).toBeLessThan(1e-6);
    expect(twoSidedCriticalValue(0.95, 99_979)!).toBeGreaterThan(1.959963984540054);
  });

  test("cdf is symmetric and 1/2 at 0", () => {
    expect(studentTCdf(0, 4)).toBe(0.5);
    expect(studentTCdf(1.3, 4)! + studentTCdf(-1.3, 4)!).toBeCloseTo(1, 15);
  });
});

describe("undefined arguments give null, never NaN", () => {
  test.each([
    ["p-value with df = 0", () => twoSidedPValue(1, 0)],
    ["p-value with negative df", () => twoSidedPValue(1, -3)],
    ["p-value with NaN t", () => twoSidedPValue(Number.NaN, 3)],
    ["p-value with infinite t", () => twoSidedPValue(Number.POSITIVE_INFINITY, 3)],
    ["quantile at p = 1", () => studentTQuantile(1, 3)],
    ["quantile at p = 0", () => studentTQuantile(0, 3)],
    ["critical value with df = 0", () => twoSidedCriticalValue(0.95, 0)],
    ["critical value at confidence 1", () => twoSidedCriticalValue(1, 5)],
    ["cdf with infinite df", () => studentTCdf(1, Number.POSITIVE_INFINITY)],
  ])("%s", (_, compute) => {
    expect(compute()).toBeNull();
  });
});
