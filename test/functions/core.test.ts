/**
 * The pure side of the functions (src/core/functions): the memo cache and the messages Excel cannot
 * show (a whole-call #NUM! carries no message in Excel, but the core names the cell).
 */
import { clearFunctionCaches, FunctionInputError, RPO_FUNCTIONS } from "../../src/core/functions";
import { elasticity } from "../../src/core/functions/library";
import { hashArguments, memoize, sameArguments } from "../../src/core/functions/memo";

test("ELASTICITY log: the #NUM! names the cell", () => {
  try {
    elasticity([[1], [2], [-3]], [[1], [2], [3]], "log");
    throw new Error("expected a failure");
  } catch (error) {
    expect(error).toBeInstanceOf(FunctionInputError);
    expect((error as FunctionInputError).code).toBe("#NUM!");
    expect((error as Error).message).toBe(
      'ELASTICITY: known_y row 3 is -3: the "log" method needs values above 0 (use "mean")',
    );
  }
});

describe("memoize", () => {
  test("identical arguments are computed once; a changed cell is recomputed", () => {
    const fn = jest.fn((a: unknown[][]) => (a as number[][]).flat().reduce((s, v) => s + v, 0));
    const memo = memoize(fn, 4);
    expect(memo([[1, 2]])).toBe(3);
    expect(memo([[1, 2]])).toBe(3);
    expect(fn).toHaveBeenCalledTimes(1);
    expect(memo([[1, 3]])).toBe(4);
    expect(fn).toHaveBeenCalledTimes(2);
    expect(memo.stats()).toEqual({ calls: 3, hits: 1, size: 2 });
  });

  test("bounded LRU: the least recently used call is dropped first", () => {
    const fn = jest.fn((n: number) => n * 2);
    const memo = memoize(fn, 2);
    memo(1);
    memo(2);
    memo(1); // 1 is now the most recent
    memo(3); // drops 2
    expect(memo.stats().size).toBe(2);
    memo(1);
    expect(fn).toHaveBeenCalledTimes(3);
    memo(2);
    expect(fn).toHaveBeenCalledTimes(4);
  });

  test("the cache keeps a copy: changing the caller's array later cannot poison it", () => {
    const memo = memoize((a: number[][]) => a[0][0]);
    const arg = [[1]];
    expect(memo(arg)).toBe(1);
    arg[0][0] = 5;
    expect(memo(arg)).toBe(5);
    expect(memo([[1]])).toBe(1);
  });

  test("hashes tell kinds apart; equality is exact", () => {
    expect(hashArguments([[[1]]])).not.toBe(hashArguments([[["1"]]]));
    expect(hashArguments([null])).not.toBe(hashArguments([""]));
    expect(hashArguments([0])).not.toBe(hashArguments([null]));
    expect(hashArguments([[[1, 2]]])).toBe(hashArguments([[[1, 2]]]));
    expect(sameArguments([[0]], [[null]])).toBe(false);
    expect(sameArguments([[NaN]], [[NaN]])).toBe(true);
  });

  test("failures are cached and rethrown", () => {
    const fn = jest.fn(() => {
      throw new FunctionInputError("bad");
    });
    const memo = memoize(fn);
    expect(() => memo()).toThrow("bad");
    expect(() => memo()).toThrow("bad");
    expect(fn).toHaveBeenCalledTimes(1);
  });

  test("clearFunctionCaches empties every RPO function's cache", () => {
    RPO_FUNCTIONS.RAG([[1]], null);
    clearFunctionCaches();
    for (const f of Object.values(RPO_FUNCTIONS)) expect(f.stats()).toEqual({ calls: 0, hits: 0, size: 0 });
  });
});
