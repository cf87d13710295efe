/**
 * Honest results on degenerate data, the sample shown, one error scheme, speed-path conversion and
 * scalar metadata: RPO.* through the built bundle, as Excel calls it (web blanks as null, desktop
 * blanks as 0). Numeric references: references/degenerate.json (numpy/scipy, compute_degenerate.py).
 */
import * as fs from "fs";
import * as path from "path";
import { column, expectClose, expectExcelSafe, loadBundle, StandInError, type Bundle } from "./bundle";
import { clearFunctionCaches, RPO_FUNCTIONS } from "../../src/core/functions";

let fx: Bundle;
beforeAll(() => {
  fx = loadBundle();
}, 300_000);

const ref = JSON.parse(fs.readFileSync(path.join(__dirname, "references", "degenerate.json"), "utf8"));
const err = (cell: unknown) => cell as StandInError;

describe("1. a metric or y that does not vary: #N/A statistics with the reason, never rounding noise", () => {
  test("REGRESS on a constant y: coefficients exact, SE / R² / F #N/A with the reason, SS 0 (never negative)", () => {
    for (const y of [ref.constant.y, ref.constant.y.map(() => 0.1)]) {
      const out = fx.call("REGRESS", column(y), ref.constant.x, true, true);
      expectExcelSafe(out);
      expect(out[0].slice(0, 2)).toEqual([0, 0]);
      expect(out[0][2]).toBe(y[0]);
      for (const cell of out[1]) {
        expect(err(cell).code).toBe("#N/A");
        expect(err(cell).message).toMatch(/known_y has the same value wherever it is used/);
      }
      expect(err(out[2][0]).code).toBe("#N/A"); // R²
      expect(err(out[3][0]).code).toBe("#N/A"); // F
      expect(out[4][0]).toBe(0); // ss_reg
      expect(out[4][1]).toBe(0); // ss_resid
    }
  });

  test("SENSITIVITY on a metric that does not vary: no p-value or SE, R² #N/A, saying why", () => {
    const all = fx.call("SENSITIVITY", column(ref.constant.y), ref.constant.x, 0, "all");
    expectExcelSafe(all);
    const row = (label: string) => all.find((r) => r[0] === label) as unknown[];
    for (const label of ["Std error", "p-value"]) {
      for (const cell of row(label).slice(1)) {
        expect(err(cell).code).toBe("#N/A");
        expect(err(cell).message).toMatch(/the metric has the same value \(.*\) in all \d+ periods used/);
      }
    }
    expect(err(row("R²")[1]).message).toMatch(/R² is undefined/);
    expect(row("Coefficient").slice(1)).toEqual([0, 0]);
    // One lever, 8 rows, 0.1 (the review's p = 0.005 case).
    const one = fx.call(
      "SENSITIVITY",
      column(Array(8).fill(0.1)),
      column([3, 5, 2, 8, 6, 1, 7, 4]),
      0,
      "pvalue",
    );
    expect(err(one[0][0]).code).toBe("#N/A");
  });
});

describe("2. the sample shown: SENSITIVITY 'all' rows, BESTLAG's minimum and pairs", () => {
  test("'all' keeps its first five rows and appends periods used, residual df, R² and VIF (numpy references)", () => {
    const s = ref.sensitivity;
    const all = fx.call("SENSITIVITY", column(s.metric), s.levers, s.lag, "all");
    expect(all.map((r) => r[0])).toEqual([
      "Elasticity",
      "Coefficient",
      "Standardized",
      "Std error",
      "p-value",
      "Periods used",
      "Residual df",
      "R²",
      "VIF",
      "Model",
    ]);
    expect(all[5].slice(1)).toEqual([s.n, "", ""]);
    expect(all[6].slice(1)).toEqual([s.df, "", ""]);
    expectClose(all[7][1], s.r2, 1e-12);
    s.vif.forEach((v: number, j: number) => expectClose(all[8][j + 1], v, 1e-9));
  });

  test("the same figure in USD and EUR (rounded to cents): VIF far above the documented threshold 10", () => {
    const c = ref.currency;
    const all = fx.call("SENSITIVITY", column(c.metric), c.levers, 0, "all");
    const vif = all[8].slice(1) as number[];
    expect(vif[0]).toBeGreaterThan(1000);
    expect(vif[1]).toBeGreaterThan(1000);
    expect(vif[2]).toBeLessThan(10);
    vif.forEach((v, j) => expectClose(v, c.vif[j], 1e-5));
  });

  test("desktop blanks (0) show in 'Periods used' and 'Residual df'; web blanks (null) leave rows out", () => {
    const s = ref.sensitivity;
    const web = s.metric.map((v: number | null, i: number) => (i >= s.metric.length - 6 ? null : v));
    const desktop = web.map((v: number | null) => v ?? 0);
    const a = fx.call("SENSITIVITY", column(web), s.levers, 0, "all");
    const b = fx.call("SENSITIVITY", column(desktop), s.levers, 0, "all");
    const blanks = web.filter((v: number | null) => v === null).length;
    expect((b[5][1] as number) - (a[5][1] as number)).toBe(blanks);
    expect((b[6][1] as number) - (a[6][1] as number)).toBe(blanks);
  });

  test("BESTLAG: a lag needs at least 8 complete pairs; show_pairs returns them", () => {
    const b = ref.bestlag;
    const r = fx.call("BESTLAG", column(b.lever), column(b.metric), b.max_lag, true);
    expect(r[0][0]).toBe(b.lag);
    expectClose(r[0][1], b.r, 1e-12);
    expect(r[0][2]).toBe(b.pairs);
    expect(fx.call("BESTLAG", column(b.lever), column(b.metric), b.max_lag)).toEqual([r[0].slice(0, 2)]);
    // 10 points: max_lag 7 would leave 3 pairs.
    const ten = Array.from({ length: 10 }, (_, i) => (i * 7) % 10);
    const e = fx.thrown("BESTLAG", column(ten), column(ten.map((v) => v * v)), 7);
    expect(e.code).toBe("#VALUE!");
    expect(e.message).toMatch(/max_lag must be a whole number from 0 to 2/);
    expect(fx.thrown("BESTLAG", column([1, 2, 3, 4, 5]), column([2, 1, 4, 3, 5]), 0).code).toBe("#N/A");
  });
});

describe("3. one error scheme", () => {
  test("overflow and underflow are #NUM!, whatever the function", () => {
    const x = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    const y = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3];
    for (const scale of [1e155, 1e300, 1e-170]) {
      const big = y.map((v) => v * scale);
      expect(fx.thrown("REGRESS", column(big), column(x)).code).toBe("#NUM!");
      expect(fx.thrown("SENSITIVITY", column(big), column(x)).code).toBe("#NUM!");
      expect(fx.thrown("ELASTICITY", column(big), column(x)).code).toBe("#NUM!");
      expect(fx.thrown("BESTLAG", column(x), column(big), 1).code).toBe("#NUM!");
    }
  });

  test("BESTLAG at 1e100 (inside the range) gives the true r, not 0 (numpy reference)", () => {
    const b = ref.bestlag;
    const scaled = b.metric.map((v: number | null) => (v === null ? null : v * 1e100));
    const r = fx.call("BESTLAG", column(b.lever), column(scaled), b.max_lag);
    expect(r[0][0]).toBe(b.lag);
    expectClose(r[0][1], b.r, 1e-12);
  });

  test("ELASTICITY needs 3 pairs and says 3", () => {
    const e = fx.thrown("ELASTICITY", column([1, 2]), column([3, 5]));
    expect(e.code).toBe("#N/A");
    expect(e.message).toMatch(/at least 3 are needed/);
  });

  test("CHAIN with a blank: #N/A saying how many terms are missing; desktop's 0 is a 0", () => {
    const a = [
      ["KPI 1", "KPI 2", "KPI 3"],
      [0.5, null, 0.2],
    ];
    const b = [[1], [2], [3]];
    const web = fx.call("CHAIN", a, b);
    expect(err(web[0][0]).message).toMatch(/^1 of 3 terms has a blank elasticity/);
    const desktop = fx.call("CHAIN", [[0.5, 0, 0.2]], b);
    expectClose(desktop[0][0], 0.5 + 0.6, 1e-15);
  });

  test("a square block must carry its header row: a transposed block is never taken silently", () => {
    const e = [
      [0.2, -0.1],
      [0.3, 0.4],
    ];
    for (const [id, args] of [
      ["LEVERAGE", [e, [["Increase", "Decrease"]], [[1, 1]]]],
      ["WHATIF", [e, column([0.1, 0])]],
      ["CHAIN", [e, [[1], [2]]]],
    ] as const) {
      const error = fx.thrown(id, ...args);
      expect(error.code).toBe("#VALUE!");
      expect(error.message).toMatch(/is square \(2 rows x 2 columns\).*header row/);
    }
    // Labelled, it is accepted; CHAIN checks that the KPI names agree.
    const chained = fx.call(
      "CHAIN",
      [["A", "B"], ...e],
      [
        ["", "Out"],
        ["A", 1],
        ["B", 2],
      ],
    );
    expectClose(chained[0][0], 0.2 - 0.2, 1e-15);
    expect(
      fx.thrown(
        "CHAIN",
        [["A", "B"], ...e],
        [
          ["", "Out"],
          ["B", 1],
          ["A", 2],
        ],
      ).message,
    ).toMatch(/column 1 is "A" but kpi_to_outcome's row 1 is "B"/);
  });

  test("RAG: a score of 0 is Amber even with threshold 0 (docs and code agree)", () => {
    expect(fx.call("RAG", [[0, 1e-9, -1e-9]], 0)).toEqual([["Amber", "Green", "Red"]]);
  });

  test("formatted text numbers are refused with how to convert them; hints match each function", () => {
    for (const text of ["1,234", "10%", "(5)", "$5"]) {
      const e = fx.thrown(
        "SENSITIVITY",
        column([text, 2, 3, 4, 5, 6, 7, 8]),
        column([1, 2, 3, 4, 5, 6, 7, 8]),
      );
      expect(e.code).toBe("#VALUE!");
      expect(e.message).toMatch(/a number formatted as text.*NUMBERVALUE/);
    }
    expect(fx.thrown("CHAIN", [["x"]], [[1]]).message).toMatch(/a blank elasticity is unknown/);
    expect(fx.thrown("LEVERAGE", [[1, "x"]], [[1, 1]], [[1, 1]]).message).toMatch(
      /a blank elasticity counts as 0/,
    );
    expect(fx.thrown("WHATIF", [[1]], [["x"]]).message).toMatch(/a blank change is no change/);
    expect(err(fx.call("RAG", [["x"]])[0][0]).message).toMatch(/a blank score gives a blank/);
  });

  test("PLAN refuses a negative current value", async () => {
    const plan = fx.function("PLAN");
    await expect(
      (async () => plan([[0.2], [0.1]], [["Increase"]], [[1]], column([-10, 5]), null, null))(),
    ).rejects.toMatchObject({
      code: "#VALUE!",
      message: expect.stringMatching(/current value of lever 1 is -10/),
    });
  });
});

describe("4. memo: fresh arrays hit the cache, and a hit is always the right answer", () => {
  test("REGRESS is memoised; a one-bit change, -0 for 0, or text vs number never reuses a result", () => {
    const x = column([1, 2, 3, 4, 5, 6]);
    const y = [2.1, 3.9, 6.2, 7.8, 10.1, 12.2];
    const a = fx.call("REGRESS", column(y), x, true, true);
    expect(fx.call("REGRESS", column([...y]), column([1, 2, 3, 4, 5, 6]), true, true)).toEqual(a);
    const nudged = [...y];
    nudged[5] = 12.2 + 2 ** -49; // one bit
    expect(fx.call("REGRESS", column(nudged), x, true, true)).not.toEqual(a);
    // In the core: fresh copies are hits; a one-bit change is a miss.
    clearFunctionCaches();
    const regress = RPO_FUNCTIONS.REGRESS;
    regress(column(y), x, true, true);
    regress(column([...y]), column([1, 2, 3, 4, 5, 6]), true, true);
    expect(regress.stats()).toMatchObject({ calls: 2, hits: 1 });
    regress(column(nudged), x, true, true);
    expect(regress.stats()).toMatchObject({ calls: 3, hits: 1 });
    const zero = fx.call("SENSITIVITY", column([1, 0, 3, 2, 5, 4, 7, 6]), column([1, 2, 3, 4, 5, 6, 7, 8]));
    const negativeZero = fx.call(
      "SENSITIVITY",
      column([1, -0, 3, 2, 5, 4, 7, 6]),
      column([1, 2, 3, 4, 5, 6, 7, 8]),
    );
    expect(negativeZero).toEqual(zero);
    expect(
      fx.thrown("SENSITIVITY", column(["a", 0, 3, 2, 5, 4, 7, 6]), column([1, 2, 3, 4, 5, 6, 7, 8])).code,
    ).toBe("#VALUE!");
  });
});

describe("5. functions.json", () => {
  test("ELASTICITY returns a scalar; the others a matrix; BESTLAG's new argument is optional and last", () => {
    const byId = new Map(fx.metadata.functions.map((f) => [f.id, f]));
    expect(byId.get("ELASTICITY")?.result).toEqual({ type: "number" });
    for (const id of ["REGRESS", "SENSITIVITY", "CHAIN", "LEVERAGE", "WHATIF", "RAG", "BESTLAG", "PLAN"]) {
      expect(byId.get(id)?.result.dimensionality).toBe("matrix");
    }
    expect(byId.get("BESTLAG")?.parameters.map((p) => [p.name, p.optional ?? false])).toEqual([
      ["lever", false],
      ["metric", false],
      ["max_lag", false],
      ["show_pairs", true],
    ]);
    expect(fx.value("ELASTICITY", column([1, 2, 3, 4]), column([2, 4, 5, 8]))).toEqual(expect.any(Number));
  });
});
