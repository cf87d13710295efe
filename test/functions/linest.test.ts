import { isCellError, readCell, type Cell, type CellError } from "../../src/core/functions/cell-arguments";
import {
  linest,
  linestLayout,
  LinestInputError,
  prepareLinest,
  readFlag,
  type Fitter,
  type LinestData,
} from "../../src/core/functions/linest";
import type { OlsResult } from "../../src/core/stats/types";

/** A fit result with every field set; override what a test needs. */
function fakeFit(overrides: Partial<OlsResult> = {}): OlsResult {
  const p = overrides.coefficients?.length ?? 2;
  const values = (v: number) => Array.from({ length: p }, (_, j) => v + j);
  return {
    n: 10,
    p,
    intercept: true,
    rank: p + 1,
    coefficients: values(1),
    standardErrors: values(0.1),
    tStatistics: values(10),
    pValues: values(0.01),
    ciLow: values(0),
    ciHigh: values(2),
    interceptValue: 5,
    interceptStandardError: 0.5,
    interceptTStatistic: 10,
    interceptPValue: 0.001,
    interceptCiLow: 4,
    interceptCiHigh: 6,
    dropped: [],
    r2: 0.9,
    standardErrorY: 1.5,
    f: 40,
    dfResidual: 10 - p - 1,
    ssRegression: 90,
    ssResidual: 10,
    warnings: [],
    ...overrides,
  };
}

function data(overrides: Partial<LinestData> = {}): LinestData {
  return {
    y: [],
    columns: [[], []],
    intercept: true,
    stats: true,
    orientation: "columns",
    observations: 10,
    omitted: [],
    ...overrides,
  };
}

function expectNoBadCells(cells: Cell[][]): void {
  for (const row of cells) {
    for (const cell of row) {
      if (typeof cell === "number") expect(Number.isFinite(cell)).toBe(true);
      else if (typeof cell !== "string") expect(isCellError(cell)).toBe(true);
    }
  }
}

function inputError(call: () => unknown): string {
  try {
    call();
  } catch (error) {
    expect(error).toBeInstanceOf(LinestInputError);
    return (error as Error).message;
  }
  throw new Error("expected a LinestInputError");
}

describe("readCell", () => {
  test.each([
    [3.5, { kind: "number", value: 3.5 }],
    [0, { kind: "number", value: 0 }],
    ["12.5", { kind: "number", value: 12.5 }],
    [" -1e3 ", { kind: "number", value: -1000 }],
    [null, { kind: "missing" }],
    [undefined, { kind: "missing" }],
    ["", { kind: "missing" }],
    ["   ", { kind: "missing" }],
    ["#N/A", { kind: "missing" }],
    ["#div/0!", { kind: "missing" }],
    [{ code: "#DIV/0!" }, { kind: "missing" }],
    [{ type: "Error", errorType: "Div0" }, { kind: "missing" }],
    [
      { type: "Double", basicValue: 7 },
      { kind: "number", value: 7 },
    ],
  ])("%p", (value, expected) => {
    expect(readCell(value)).toEqual(expected);
  });

  test.each(["abc", "1,000", "12%", "0x10", "Infinity", true, false, NaN, Infinity, { foo: 1 }])(
    "%p is not a number",
    (value) => {
      expect(readCell(value).kind).toBe("invalid");
    },
  );
});

describe("readFlag", () => {
  test("omitted or blank gives the default", () => {
    expect(readFlag(null, "const", true)).toBe(true);
    expect(readFlag(undefined, "stats", false)).toBe(false);
    expect(readFlag("", "stats", false)).toBe(false);
  });
  test("booleans, numbers and TRUE/FALSE text", () => {
    expect(readFlag(false, "const", true)).toBe(false);
    expect(readFlag(1, "stats", false)).toBe(true);
    expect(readFlag(0, "const", true)).toBe(false);
    expect(readFlag("true", "stats", false)).toBe(true);
    expect(readFlag([[false]], "const", true)).toBe(false);
  });
  test("anything else is an error naming the argument", () => {
    expect(inputError(() => readFlag("maybe", "const", true))).toBe("const must be TRUE or FALSE");
  });
});

describe("prepareLinest: shapes", () => {
  test("known_y a column: each column of known_x is a variable", () => {
    const d = prepareLinest({
      knownY: [[1], [2], [3]],
      knownX: [
        [10, 100],
        [20, 200],
        [30, 300],
      ],
    });
    expect(d.orientation).toBe("columns");
    expect(Array.from(d.y)).toEqual([1, 2, 3]);
    expect(d.columns.map((c) => Array.from(c))).toEqual([
      [10, 20, 30],
      [100, 200, 300],
    ]);
    expect(d.intercept).toBe(true);
    expect(d.stats).toBe(false);
  });

  test("known_y a row: each row of known_x is a variable", () => {
    const d = prepareLinest({
      knownY: [[1, 2, 3]],
      knownX: [
        [10, 20, 30],
        [100, 200, 300],
      ],
      constant: false,
      stats: true,
    });
    expect(d.orientation).toBe("rows");
    expect(d.columns.map((c) => Array.from(c))).toEqual([
      [10, 20, 30],
      [100, 200, 300],
    ]);
    expect(d.intercept).toBe(false);
    expect(d.stats).toBe(true);
  });

  test("known_y a block: one x variable of the same shape, read row by row", () => {
    const d = prepareLinest({
      knownY: [
        [1, 2],
        [3, 4],
      ],
      knownX: [
        [5, 6],
        [7, 8],
      ],
    });
    expect(d.orientation).toBe("block");
    expect(Array.from(d.y)).toEqual([1, 2, 3, 4]);
    expect(d.columns.map((c) => Array.from(c))).toEqual([[5, 6, 7, 8]]);
  });

  test("known_x omitted is 1, 2, 3, ... (positions, also for rows left out)", () => {
    const d = prepareLinest({ knownY: [[4], [null], [6]], knownX: null });
    expect(Array.from(d.y)).toEqual([4, 6]);
    expect(d.columns.map((c) => Array.from(c))).toEqual([[1, 3]]);
    expect(d.omitted).toEqual([2]);
  });

  test("a single value counts as a 1 x 1 range", () => {
    expect(Array.from(prepareLinest({ knownY: 5, knownX: 2 }).y)).toEqual([5]);
  });

  test("mismatched sizes", () => {
    expect(inputError(() => prepareLinest({ knownY: [[1], [2], [3]], knownX: [[1], [2]] }))).toBe(
      "known_x (2 rows x 1 column) does not match known_y (3 rows x 1 column): it needs 3 rows, one per y value",
    );
    expect(inputError(() => prepareLinest({ knownY: [[1, 2, 3]], knownX: [[1, 2]] }))).toMatch(
      /it needs 3 columns/,
    );
    expect(
      inputError(() =>
        prepareLinest({
          knownY: [
            [1, 2],
            [3, 4],
          ],
          knownX: [[1], [2]],
        }),
      ),
    ).toMatch(/one block of the same size/);
  });

  test("missing or empty known_y, ragged ranges", () => {
    expect(inputError(() => prepareLinest({ knownY: null }))).toBe("known_y is required");
    expect(inputError(() => prepareLinest({ knownY: [] }))).toBe("known_y is empty");
    expect(inputError(() => prepareLinest({ knownY: [[1], [2, 3]] }))).toMatch(/not rectangular/);
  });
});

describe("prepareLinest: cells", () => {
  test("rows with a blank or an error value anywhere are left out, and counted", () => {
    const d = prepareLinest({
      knownY: [[1], [""], [3], [4], [{ code: "#N/A" }]],
      knownX: [
        [1, 1],
        [2, 2],
        [3, null],
        [4, 4],
        [5, 5],
      ],
    });
    expect(Array.from(d.y)).toEqual([1, 4]);
    expect(d.columns.map((c) => Array.from(c))).toEqual([
      [1, 4],
      [1, 4],
    ]);
    expect(d.omitted).toEqual([2, 3, 5]);
    expect(d.observations).toBe(5);
  });

  test("text names its cell (row and column when the range has both)", () => {
    const message = inputError(() =>
      prepareLinest({
        knownY: [[1], [2], [3], [4]],
        knownX: [
          [1, 1],
          [2, 2],
          [3, 3],
          [4, "abc"],
        ],
      }),
    );
    expect(message).toMatch(/^known_x row 4, column 2 holds text 'abc'/);
    expect(inputError(() => prepareLinest({ knownY: [[1, "x", 3]] }))).toMatch(
      /^known_y column 2 holds text 'x'/,
    );
  });

  test("text is an error even in a row that a blank would leave out", () => {
    expect(inputError(() => prepareLinest({ knownY: [[null], [2]], knownX: [["abc"], [2]] }))).toMatch(
      /known_x row 1 holds text/,
    );
  });

  test("logical values in a range are errors (LINEST answers #VALUE! for them too)", () => {
    expect(inputError(() => prepareLinest({ knownY: [[1], [2]], knownX: [[true], [0]] }))).toMatch(
      /^known_x row 1 holds TRUE, a logical value/,
    );
  });

  test("no complete rows", () => {
    expect(inputError(() => prepareLinest({ knownY: [[null], [""]], knownX: [[1], [2]] }))).toMatch(
      /^no complete rows/,
    );
  });
});

describe("linestLayout", () => {
  test("coefficients in reverse column order, intercept last; 5 rows padded with #N/A", () => {
    const cells = linestLayout(fakeFit({ coefficients: [1, 2], standardErrors: [0.1, 0.2] }), data());
    expect(cells).toEqual([
      [2, 1, 5],
      [0.2, 0.1, 0.5],
      [0.9, 1.5, { error: "#N/A", message: "" }],
      [40, 7, { error: "#N/A", message: "" }],
      [90, 10, { error: "#N/A", message: "" }],
    ]);
  });

  test("stats FALSE: the coefficient row only", () => {
    expect(linestLayout(fakeFit(), data({ stats: false }))).toEqual([[2, 1, 5]]);
  });

  test("one x column: 2 wide, no padding", () => {
    const cells = linestLayout(
      fakeFit({ coefficients: [3], standardErrors: [0.3] }),
      data({ columns: [[]] }),
    );
    expect(cells.map((row) => row.length)).toEqual([2, 2, 2, 2, 2]);
  });

  test("no intercept: b = 0 and its standard error #N/A with a message", () => {
    const cells = linestLayout(
      fakeFit({ intercept: false, interceptValue: 0, interceptStandardError: null }),
      data({ intercept: false }),
    );
    expect(cells[0][2]).toBe(0);
    expect(cells[1][2]).toMatchObject({ error: "#N/A" });
    expect((cells[1][2] as CellError).message).toMatch(/const = FALSE/);
  });

  test("a collinear column: #N/A with the message in its coefficient and SE cells only", () => {
    const fit = fakeFit({
      coefficients: [1, 2, null],
      standardErrors: [0.1, 0.2, null],
      dropped: [{ column: 2, kind: "collinear", with: [0, 1] }],
      rank: 3,
    });
    const cells = linestLayout(fit, data({ columns: [[], [], []] }));
    const expected = {
      error: "#N/A",
      message:
        "x column 3 is collinear with columns 1, 2: dropped, as LINEST would silently do (LINEST shows 0 here)",
    };
    expect(cells[0]).toEqual([expected, 2, 1, 5]);
    expect(cells[1]).toEqual([expected, 0.2, 0.1, 0.5]);
    expectNoBadCells(cells);
  });

  test("dropped-column messages: intercept partner, constant column, row orientation", () => {
    const fit = fakeFit({
      coefficients: [null, 2, null],
      standardErrors: [null, 0.2, null],
      dropped: [
        { column: 0, kind: "constant", with: [-1] },
        { column: 2, kind: "collinear", with: [-1, 1] },
      ],
    });
    const cells = linestLayout(fit, data({ columns: [[], [], []], orientation: "rows" }));
    expect((cells[0][2] as CellError).message).toMatch(
      /^x row 1 has the same value in every column used, so it duplicates the intercept: dropped/,
    );
    expect((cells[0][0] as CellError).message).toMatch(/^x row 3 is collinear with the intercept and row 2:/);
  });

  test("undefined statistics are #N/A with a reason; non-finite numbers are #NUM!", () => {
    const fit = fakeFit({
      n: 3,
      rank: 3,
      dfResidual: 0,
      standardErrors: [null, null],
      interceptStandardError: null,
      standardErrorY: null,
      f: null,
      r2: Number.POSITIVE_INFINITY,
    });
    const cells = linestLayout(fit, data());
    expect(cells[1][0]).toEqual({
      error: "#N/A",
      message:
        "the standard error of x column 2 is undefined: no residual degrees of freedom (3 data points used, 3 coefficients fitted)",
    });
    expect(cells[2][0]).toEqual({ error: "#NUM!", message: "R² is not a finite number" });
    expect(cells[3][0]).toMatchObject({ error: "#N/A" });
    expect(cells[3][1]).toBe(0);
    expectNoBadCells(cells);
  });

  test("F undefined for an exact fit and for a constant y say why", () => {
    const exact = linestLayout(fakeFit({ f: null, ssResidual: 0 }), data());
    expect((exact[3][0] as CellError).message).toMatch(/the fit is exact/);
    const flat = linestLayout(fakeFit({ f: null, r2: null, ssResidual: 0, ssRegression: 0 }), data());
    expect((flat[2][0] as CellError).message).toMatch(/known_y has the same value wherever it is used/);
  });
});

describe("linest", () => {
  test("passes the cleaned data and const to the fitter and lays out its result", () => {
    const calls: Parameters<Fitter>[] = [];
    const fitter: Fitter = (...args) => {
      calls.push(args);
      return fakeFit({ coefficients: [7], standardErrors: [0.7], intercept: false, interceptValue: 0 });
    };
    const cells = linest(
      { knownY: [[1], [2], [null], [4]], knownX: [[1], [2], [3], [4]], constant: false },
      fitter,
    );
    expect(calls.map(([y, x, o]) => [Array.from(y), x.map((c) => Array.from(c)), o])).toEqual([
      [[1, 2, 4], [[1, 2, 4]], { intercept: false }],
    ]);
    expect(cells).toEqual([[7, 0]]);
  });
});
