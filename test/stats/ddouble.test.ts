/**
 * Error-free transformations and compensated sums: cases whose exact answers are known by
 * construction (powers of two), where plain double arithmetic gets them wrong.
 */
import {
  CompensatedSum,
  compensatedDot,
  compensatedSum,
  compensatedSumOfSquaredDeviations,
  split,
  subtractDoubleDouble,
  twoProduct,
  twoSum,
} from "../../src/core/stats/ddouble";

describe("error-free transformations", () => {
  test("twoSum keeps the part of b that a + b rounds away", () => {
    expect(twoSum(1, 2 ** -60)).toEqual({ hi: 1, lo: 2 ** -60 });
    expect(twoSum(2 ** -60, 1)).toEqual({ hi: 1, lo: 2 ** -60 });
    expect(twoSum(3, -3)).toEqual({ hi: 0, lo: 0 });
  });

  test("split gives two halves that add back exactly and fit in 26 bits", () => {
    const value = Math.PI * 1e5;
    const { hi, lo } = split(value);
    expect(hi + lo).toBe(value);
    // A 26-bit significand times itself is exact: no rounding in hi * hi.
    expect(twoProduct(hi, hi).lo).toBe(0);
  });

  test("twoProduct recovers the rounding error of a product exactly", () => {
    // (1 + 2^-30)(1 - 2^-30) = 1 - 2^-60 exactly; the double product rounds to 1.
    const { hi, lo } = twoProduct(1 + 2 ** -30, 1 - 2 ** -30);
    expect(hi).toBe(1);
    expect(lo).toBe(-(2 ** -60));
    // (2^27 + 1)^2 = 2^54 + 2^28 + 1: the trailing 1 is lost by the double product.
    expect(twoProduct(2 ** 27 + 1, 2 ** 27 + 1)).toEqual({ hi: 2 ** 54 + 2 ** 28, lo: 1 });
  });
});

describe("compensated accumulation", () => {
  test("a sum that cancels completely in double", () => {
    const values = [1e16, 1, -1e16, 1];
    expect(values.reduce((a, b) => a + b, 0)).not.toBe(2);
    expect(compensatedSum(values)).toBe(2);
  });

  test("a dot product whose terms cancel", () => {
    // 2^27+1 squared minus 2^54 + 2^28: exact answer 1, the plain dot product gives 0.
    const x = [2 ** 27 + 1, 2 ** 54 + 2 ** 28];
    const y = [2 ** 27 + 1, -1];
    expect(x[0] * y[0] + x[1] * y[1]).toBe(0);
    expect(compensatedDot(x, y)).toBe(1);
  });

  test("squared deviations about a large centre are exact", () => {
    // Deviations -1, 0, 1 from a centre whose square is far beyond 2^53.
    const centre = 2 ** 40;
    expect(compensatedSumOfSquaredDeviations([centre - 1, centre, centre + 1], centre)).toEqual({
      hi: 2,
      lo: 0,
    });
    // Half-unit deviations about 1e8: (0.5)^2 + (-0.5)^2.
    const result = compensatedSumOfSquaredDeviations([1e8 + 0.5, 1e8 - 0.5], 1e8);
    expect(result.hi).toBe(0.5);
  });

  test("the accumulator adds products and double-doubles", () => {
    const acc = new CompensatedSum();
    acc
      .addProduct(1 + 2 ** -30, 1 - 2 ** -30)
      .add(-1)
      .addDoubleDouble({ hi: 2 ** -60, lo: 0 });
    expect(acc.value()).toBe(0);
  });

  test("double-double subtraction keeps the low parts", () => {
    const difference = subtractDoubleDouble({ hi: 1, lo: 2 ** -70 }, { hi: 1, lo: -(2 ** -70) });
    expect(difference.hi).toBe(2 ** -69);
  });
});
