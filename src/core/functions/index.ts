/**
 * The RPO.* functions, memoised (memo.ts): what src/functions/functions.ts wraps for Excel, and what
 * bench/functions.ts measures. Pure.
 */
import { bestlag, chain, elasticity, leverage, rag, sensitivity, whatif } from "./library";
import { memoize } from "./memo";

/** Calls kept per function: a workbook's distinct formulas of one kind, with room to spare. */
export const CACHE_CAPACITY = 512;

export const RPO_FUNCTIONS = {
  ELASTICITY: memoize(elasticity, CACHE_CAPACITY),
  SENSITIVITY: memoize(sensitivity, CACHE_CAPACITY),
  CHAIN: memoize(chain, CACHE_CAPACITY),
  LEVERAGE: memoize(leverage, CACHE_CAPACITY),
  WHATIF: memoize(whatif, CACHE_CAPACITY),
  RAG: memoize(rag, CACHE_CAPACITY),
  BESTLAG: memoize(bestlag, CACHE_CAPACITY),
};

/** Empties every function's cache (tests, the benchmark's cold runs). */
export function clearFunctionCaches(): void {
  for (const f of Object.values(RPO_FUNCTIONS)) f.clear();
}

export { FunctionInputError, isCellError, type Cell, type CellError } from "./cells";
