/**
 * Benjamini–Hochberg q-values against statsmodels 0.13.5 `multipletests(p, method="fdr_bh")`,
 * on the stored outputs of scripts/references/multiple_testing.py (no Python needed here), and
 * against the worked example of Benjamini & Hochberg (1995, section 3.2).
 */
import reference from "./references/multiple-testing.json";
import { benjaminiHochberg } from "../../src/core/stats/multiple-testing";
import { printFigures } from "../figures";

const TOLERANCE = 1e-8;

describe("benjaminiHochberg", () => {
  it(`matches statsmodels' fdr_bh on ${reference.families.length} families to ${TOLERANCE} relative`, () => {
    let worst = 0;
    for (const family of reference.families) {
      const q = benjaminiHochberg(family.p);
      expect(q.map((v) => v === null)).toEqual(family.q.map((v) => v === null));
      q.forEach((value, i) => {
        const expected = family.q[i];
        if (value === null || expected === null) return;
        const error = expected === 0 ? Math.abs(value) : Math.abs(value - expected) / expected;
        worst = Math.max(worst, error);
        if (!(error <= TOLERANCE))
          throw new Error(`${family.name}[${i}]: ${value} vs statsmodels ${expected}`);
      });
    }
    printFigures(
      `BH q-values: largest relative error against statsmodels ${reference.versions.statsmodels}: ${worst}`,
    );
  });

  it("rejects the first four of the paper's fifteen hypotheses at FDR 0.05 (Benjamini & Hochberg 1995, 3.2)", () => {
    const p = [
      0.0001, 0.0004, 0.0019, 0.0095, 0.0201, 0.0278, 0.0298, 0.0344, 0.0459, 0.324, 0.4262, 0.5719, 0.6528,
      0.759, 1,
    ];
    const q = benjaminiHochberg(p) as number[];
    expect(q.filter((v) => v <= 0.05)).toHaveLength(4);
    expect(q[3]).toBeCloseTo((0.0095 * 15) / 4, 15);
  });

  it("keeps the input order, passes nulls through and leaves them out of the family", () => {
    expect(benjaminiHochberg([0.04, null, 0.01])).toEqual([0.04, null, 0.02]);
    expect(benjaminiHochberg([null, null])).toEqual([null, null]);
    expect(benjaminiHochberg([])).toEqual([]);
    // Adjusted values never fall below the raw ones and never exceed 1.
    expect(benjaminiHochberg([0.9, 0.95, 0.99])).toEqual([0.99, 0.99, 0.99]);
    expect(benjaminiHochberg([0.6, 0.7])).toEqual([0.7, 0.7]);
  });

  it("rejects values that are not p-values, naming their position", () => {
    expect(() => benjaminiHochberg([0.1, Number.NaN])).toThrow(/p-value 2 is NaN/);
    expect(() => benjaminiHochberg([1.5])).toThrow(/between 0 and 1/);
    expect(() => benjaminiHochberg([-0.1])).toThrow(RangeError);
  });
});
