/**
 * The built custom functions, run the way Excel's JavaScript-only runtime runs them: dist/functions.js
 * in a bare JavaScript context (no window, no document) with a CustomFunctions stand-in, called with
 * the 2-D arrays Excel passes (numbers, null for blanks on the web, "", text, booleans).
 */
import * as fs from "fs";
import * as path from "path";
import * as vm from "vm";
import { productionDist, ROOT } from "./dist";
import { expectClose, expectExcelSafe, loadBundle, StandInError, type Bundle } from "../functions/bundle";

let bundle: Bundle;
let context: vm.Context;
let metadata: Bundle["metadata"];
let registry: Map<string, unknown>;

function regress(...args: unknown[]): unknown[][] {
  return bundle.call("REGRESS", ...args);
}

/** The error REGRESS throws for a whole-call failure (Excel shows it in the formula's cell). */
function thrown(call: () => unknown): StandInError {
  try {
    call();
  } catch (error) {
    expect(error).toBeInstanceOf(StandInError);
    return error as StandInError;
  }
  throw new Error("expected the call to throw");
}

/** Log relative error (correct significant digits), capped at 15; absolute when expected is 0. */
function lre(actual: number, expected: number): number {
  const error = expected === 0 ? Math.abs(actual) : Math.abs(actual - expected) / Math.abs(expected);
  return error === 0 ? 15 : Math.min(15, -Math.log10(error));
}

beforeAll(() => {
  bundle = loadBundle();
  context = bundle.context;
  metadata = bundle.metadata;
  // Every id the bundle associated (loadBundle records them on the CustomFunctions stand-in).
  registry = new Map(bundle.associatedIds().map((id) => [id, bundle.function(id)]));
}, 300_000); // building (only when dist/ is missing or a development build) can take a minute

describe("dist/functions.js in a runtime without a DOM", () => {
  test("the context really has no window or document", () => {
    expect(vm.runInContext("typeof window + typeof document", context)).toBe("undefinedundefined");
  });

  test("outside Excel (the task pane page in a plain browser: no CustomFunctions) loading does not throw", () => {
    const source = fs.readFileSync(path.join(productionDist(), "functions.js"), "utf8");
    expect(() => vm.runInContext(source, vm.createContext({ console }))).not.toThrow();
  });

  test("every function in functions.json is associated, and nothing else", () => {
    const ids = metadata.functions.map((f) => f.id).sort();
    expect(ids).toContain("REGRESS");
    expect([...registry.keys()].sort()).toEqual(ids);
    for (const fn of registry.values()) expect(typeof fn).toBe("function");
  });
});

describe("RPO.REGRESS against known LINEST results", () => {
  test("Microsoft's LINEST example 1: slope 2 and intercept 1 (exact fit, row orientation)", () => {
    // =LINEST({1,9,5,7},{0,4,2,3}) returns {2,1}.
    expect(regress([[1, 9, 5, 7]], [[0, 4, 2, 3]], null, null)).toEqual([[2, 1]]);
  });

  test("exact fit y = 3 + 2 x1 - x2: coefficients in reverse column order, intercept last", () => {
    const x = [
      [0, 1],
      [1, 0],
      [2, 3],
      [3, 1],
      [4, 5],
    ];
    const y = x.map(([a, b]) => [3 + 2 * a - b]);
    const result = regress(y, x, true, true);
    expect(result).toHaveLength(5);
    expect(result[0]).toHaveLength(3);
    expectClose(result[0][0], -1, 1e-14);
    expectClose(result[0][1], 2, 1e-14);
    expectClose(result[0][2], 3, 1e-14);
    expectClose(result[2][0], 1, 1e-14); // R²
    expect(result[3][1]).toBe(2); // df = 5 - 3
    expect(Math.abs(result[4][1] as number)).toBeLessThan(1e-20); // ssResid
    // F = ssReg / (ssResid / df) is huge or undefined (#N/A with the reason), never Infinity.
    const f = result[3][0];
    if (typeof f !== "number") expect((f as StandInError).message).toMatch(/exact/);
    expectExcelSafe(result);
  });

  test("Microsoft's LINEST example (office building assessed values, 4 x columns)", () => {
    // Microsoft, "LINEST function", example "Multiple linear regression": published results.
    const rows = [
      [2310, 2, 2, 20, 142000],
      [2333, 2, 2, 12, 144000],
      [2356, 3, 1.5, 33, 151000],
      [2379, 3, 2, 43, 150000],
      [2402, 2, 3, 53, 139000],
      [2425, 4, 2, 23, 169000],
      [2448, 2, 1.5, 99, 126000],
      [2471, 2, 2, 34, 142900],
      [2494, 3, 3, 23, 163000],
      [2517, 4, 4, 55, 169000],
      [2540, 2, 3, 22, 149000],
    ];
    const result = regress(
      rows.map((r) => [r[4]]),
      rows.map((r) => r.slice(0, 4)),
      true,
      true,
    );
    const published = [
      [-234.2371645, 2553.21066, 12529.76817, 27.64138737, 52317.83051],
      [13.26801148, 530.6691519, 400.0668382, 5.429374042, 12237.3616],
      [0.996747993, 970.5784629],
      [459.7536742, 6],
      [1732393319, 5652135.316],
    ];
    published.forEach((row, i) => row.forEach((value, j) => expectClose(result[i][j], value, 1e-9)));
    for (let i = 2; i < 5; i++) {
      for (let j = 2; j < 5; j++) {
        expect(result[i][j]).toEqual(new StandInError("#N/A", undefined)); // LINEST's padding
      }
    }
    expectExcelSafe(result);
  });

  test("NIST StRD Norris: certified values", () => {
    const file = path.resolve(ROOT, "test", "fixtures", "strd", "Norris.dat");
    if (!fs.existsSync(file)) throw new Error(`NIST reference data not found at ${file}`);
    const lines = fs.readFileSync(file, "utf8").split(/\r?\n/);
    const numbers = (line: string) => line.trim().split(/\s+/).slice(1).map(Number);
    const find = (prefix: RegExp) => {
      const line = lines.find((l) => prefix.test(l));
      if (!line) throw new Error(`no ${prefix} line in Norris.dat`);
      return line;
    };
    const [b0, sb0] = numbers(find(/^\s+B0\s/));
    const [b1, sb1] = numbers(find(/^\s+B1\s/));
    // "Residual" and "Standard Deviation <value>" are on consecutive lines.
    const sdResidual = Number(
      find(/^\s+Standard Deviation\s+\d/)
        .trim()
        .split(/\s+/)
        .pop(),
    );
    const r2 = Number(
      find(/R-Squared/)
        .trim()
        .split(/\s+/)
        .pop(),
    );
    const [, ssReg, , f] = numbers(find(/^Regression\s/));
    const [df, ssResid] = numbers(find(/^Residual\s+\d/));
    const start = lines.findIndex((l) => /^Data:\s+y\s+x/.test(l)) + 1;
    const data = lines
      .slice(start)
      .filter((l) => l.trim() !== "")
      .map((l) => l.trim().split(/\s+/).map(Number));
    expect(data).toHaveLength(36);

    const result = regress(
      data.map(([y]) => [y]),
      data.map(([, x]) => [x]),
      true,
      true,
    );
    const checks: [unknown, number][] = [
      [result[0][0], b1],
      [result[0][1], b0],
      [result[1][0], sb1],
      [result[1][1], sb0],
      [result[2][0], r2],
      [result[2][1], sdResidual],
      [result[3][0], f],
      [result[4][0], ssReg],
      [result[4][1], ssResid],
    ];
    for (const [actual, certified] of checks) {
      expect(typeof actual).toBe("number");
      expect(lre(actual as number, certified)).toBeGreaterThanOrEqual(12);
    }
    expect(result[3][1]).toBe(df);
    expectExcelSafe(result);
  });
});

describe("RPO.REGRESS with what Excel passes", () => {
  const x = [[1], [2], [3], [4], [5], [6]];
  const y = [[2.1], [3.9], [6.2], [7.8], [10.1], [12.2]];

  test('blank cells (null on the web, "") leave their row out; the fit equals the fit without them', () => {
    const withBlanks = regress(
      [[2.1], [null], [6.2], [7.8], [""], [12.2], [99]],
      [[1], [2], [3], [4], [5], [6], [null]],
      null,
      true,
    );
    const without = regress([[2.1], [6.2], [7.8], [12.2]], [[1], [3], [4], [6]], null, true);
    expect(withBlanks).toEqual(without);
    expect(withBlanks[3][1]).toBe(2); // df = 4 rows - 2
  });

  test("a 0 is a value (Excel desktop may pass blanks as 0: see docs/functions.md)", () => {
    const result = regress([[0], [3.9], [6.2]], [[1], [2], [3]], null, true);
    expect(result[3][1]).toBe(1); // all three rows used
  });

  test("numbers stored as text are read as numbers", () => {
    const asText = regress(
      y.map(([v]) => [String(v)]),
      x.map(([v]) => [` ${v} `]),
      null,
      true,
    );
    expect(asText).toEqual(regress(y, x, null, true));
  });

  test("known_x omitted is {1, 2, 3, ...}, also when a blank y leaves its position out", () => {
    expect(regress(y, null, null, true)).toEqual(regress(y, x, null, true));
    expect(regress([[2.1], [null], [6.2], [7.8]], null, null, null)).toEqual(
      regress([[2.1], [6.2], [7.8]], [[1], [3], [4]], null, null),
    );
  });

  test("const FALSE: b = 0 and its standard error #N/A, as LINEST", () => {
    const result = regress(y, x, false, true);
    expect(result[0][1]).toBe(0);
    expect(result[1][1]).toBeInstanceOf(StandInError);
    expect((result[1][1] as StandInError).code).toBe("#N/A");
    expect(result[3][1]).toBe(5); // df = n - 1 without an intercept
  });

  test("stats omitted or FALSE: one row of coefficients", () => {
    expect(regress(y, x)).toHaveLength(1);
    expect(regress(y, x, true, false)).toHaveLength(1);
    expect(regress(y, x, null, null)[0]).toHaveLength(2);
  });

  test("a collinear x column: #N/A with a message in its coefficient and SE cells, the rest stands", () => {
    const x3 = [
      [1, 4],
      [2, 1],
      [3, 5],
      [4, 2],
      [5, 6],
      [6, 3],
    ].map(([a, b]) => [a, b, a + b]);
    const result = regress(y, x3, true, true);
    expect(result[0]).toHaveLength(4);
    for (const cell of [result[0][0], result[1][0]]) {
      expect(cell).toBeInstanceOf(StandInError);
      expect((cell as StandInError).code).toBe("#N/A");
      expect((cell as StandInError).message).toMatch(
        /^x column 3 is collinear with columns 1, 2: dropped, as LINEST would silently do/,
      );
    }
    const reduced = regress(
      y,
      x3.map((r) => r.slice(0, 2)),
      true,
      true,
    );
    for (let i = 0; i < 2; i++) {
      for (let j = 0; j < 3; j++) expectClose(result[i][j + 1], reduced[i][j] as number, 1e-12);
    }
    expect(result[3][1]).toBe(3); // df = 6 - rank 3, as LINEST
    expectClose(result[2][0], reduced[2][0] as number, 1e-13);
    expectExcelSafe(result);
  });

  test("text in a range stops the call with #VALUE! naming the cell", () => {
    const x2 = x.map(([v]) => [v, v * v]) as unknown[][];
    x2[3] = [4, "abc"];
    const error = thrown(() => regress(y, x2, null, null));
    expect(error.code).toBe("#VALUE!");
    expect(error.message).toMatch(/^REGRESS: known_x row 4, column 2 holds text 'abc'/);
  });

  test("a logical value in a range stops the call with #VALUE!", () => {
    const error = thrown(() => regress([[1], [true], [3]], [[1], [2], [3]], null, null));
    expect(error.code).toBe("#VALUE!");
    expect(error.message).toMatch(/known_y row 2 holds TRUE, a logical value/);
  });

  test("mismatched sizes stop the call with #VALUE!", () => {
    const error = thrown(() => regress(y, [[1], [2], [3]], null, null));
    expect(error.code).toBe("#VALUE!");
    expect(error.message).toMatch(/does not match known_y/);
  });
});
