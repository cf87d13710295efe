/**
 * The RPO.* functions, memoised (memo.ts): what src/functions/functions.ts wraps for Excel, and what
 * bench/functions.ts measures. Pure.
 */
import { bestlag, chain, elasticity, leverage, rag, sensitivity, whatif } from "./library";
import { memoizeCanonical } from "./memo";
import { linest } from "./linest";
import { ols } from "../stats/ols";
import type { Canonical } from "./grid";

/** LINEST's arguments over canonical grids, fitted by ols(). */
function regress(knownY: Canonical, knownX: Canonical, constant: Canonical, stats: Canonical) {
  return linest({ knownY, knownX, constant, stats }, ols);
}

/** Calls kept per function: a workbook's distinct formulas of one kind, with room to spare. */
export const CACHE_CAPACITY = 512;

export const RPO_FUNCTIONS = {
  REGRESS: memoizeCanonical(regress, CACHE_CAPACITY),
  ELASTICITY: memoizeCanonical(elasticity, CACHE_CAPACITY),
  SENSITIVITY: memoizeCanonical(sensitivity, CACHE_CAPACITY),
  CHAIN: memoizeCanonical(chain, CACHE_CAPACITY),
  LEVERAGE: memoizeCanonical(leverage, CACHE_CAPACITY),
  WHATIF: memoizeCanonical(whatif, CACHE_CAPACITY),
  RAG: memoizeCanonical(rag, CACHE_CAPACITY),
  BESTLAG: memoizeCanonical(bestlag, CACHE_CAPACITY),
};

/** Empties every function's cache (tests, the benchmark's cold runs). */
export function clearFunctionCaches(): void {
  for (const f of Object.values(RPO_FUNCTIONS)) f.clear();
}

export { FunctionInputError, isCellError, type Cell, type CellError } from "./cell-arguments";
