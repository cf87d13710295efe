/**
 * Breusch–Godfrey (F form) and the F upper tail against statsmodels / scipy, on stored references made
 * by scripts/references/breusch_godfrey.py (tests need no Python).
 */
import * as fs from "fs";
import * as path from "path";
import { breuschGodfrey } from "../../src/core/stats/breusch-godfrey";
import { fUpperTail } from "../../src/core/stats/fdist";

interface BgCase {
  n: number;
  k: number;
  phi: number;
  lags: number;
  residuals: number[];
  columns: number[][];
  f: number;
  pValue: number;
}
const ref = JSON.parse(
  fs.readFileSync(path.join(__dirname, "references", "breusch-godfrey.json"), "utf8"),
) as { bg: BgCase[]; f: { f: number; d1: number; d2: number; p: number }[] };

const relative = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);

describe("Breusch–Godfrey F test (statsmodels acorr_breusch_godfrey)", () => {
  it.each(ref.bg.map((c) => [`n ${c.n}, ${c.k} columns, φ ${c.phi}, ${c.lags} lag(s)`, c]))("%s", (_, c) => {
    const r = breuschGodfrey(c.residuals, c.columns, c.lags);
    expect(relative(r.f, c.f)).toBeLessThan(1e-8);
    expect(relative(r.pValue, c.pValue)).toBeLessThan(1e-8);
    expect(r.df1).toBe(c.lags);
  });

  it("restarts the lagged residual after a gap, as at the start", () => {
    const e = [1, -1, 2, 0.5, -0.3, 1.2, -0.7, 0.1, 0.9, -1.1, 0.4, 0.2];
    const x = [e.map((_, i) => i % 3)];
    const plain = breuschGodfrey(e, x, 1);
    const gapped = breuschGodfrey(
      e,
      x,
      1,
      e.map((_, i) => i === 6),
    );
    expect(gapped.f).not.toBeCloseTo(plain.f, 6);
  });

  it("says what it needs instead of returning NaN", () => {
    expect(() => breuschGodfrey([1, 2, 3], [[1, 2, 3]], 1)).toThrow(/needs at least 5 residuals/);
    expect(() => breuschGodfrey(new Array(10).fill(0), [], 1)).toThrow(/all 0/);
    expect(() => breuschGodfrey([1, 2, 3, 4, 5, 6], [], 0)).toThrow(/whole number/);
  });
});

describe("F upper tail (scipy.stats.f.sf)", () => {
  it.each(ref.f.map((c) => [`F ${c.f} (${c.d1}, ${c.d2})`, c]))("%s", (_, c) => {
    const p = fUpperTail(c.f, c.d1, c.d2) as number;
    expect(relative(p, c.p)).toBeLessThan(1e-10);
  });
  it("is null where undefined", () => {
    expect(fUpperTail(1, 0, 5)).toBeNull();
    expect(fUpperTail(-1, 2, 5)).toBeNull();
    expect(fUpperTail(NaN, 2, 5)).toBeNull();
    expect(fUpperTail(Infinity, 2, 5)).toBe(0);
  });
});
