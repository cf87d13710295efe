/**
 * The built custom functions (dist/functions.js), loaded the way Excel's JavaScript-only runtime
 * runs them: a bare vm context (no window, no document) with a CustomFunctions stand-in. Calls go
 * through the functions CustomFunctions.associate registered, with the 2-D arrays Excel passes.
 */
import * as fs from "fs";
import * as path from "path";
import type * as vm from "vm";
import { productionDist } from "../addin/dist";
import { loadFunctionsBundle, StandInError, type BundleFunction as Fn } from "./bundle-loader";

export { StandInError };

export interface Bundle {
  context: vm.Context;
  metadata: { functions: FunctionMetadata[] };
  call(id: string, ...args: unknown[]): unknown[][];
  /** A function declared with a scalar result (ELASTICITY): the value it returns. */
  value(id: string, ...args: unknown[]): unknown;
  /** The error a whole-call failure throws (what Excel shows in the formula's cell). */
  thrown(id: string, ...args: unknown[]): StandInError;
  /** Ids passed to CustomFunctions.associate, in order. */
  associatedIds(): string[];
  function(id: string): Fn;
}

export interface FunctionMetadata {
  id: string;
  name: string;
  description?: string;
  helpUrl?: string;
  parameters: {
    name: string;
    description?: string;
    type?: string;
    dimensionality?: string;
    optional?: boolean;
  }[];
  result: { type?: string; dimensionality?: string };
  options?: Record<string, unknown>;
}

let loaded: Bundle | null = null;

export function loadBundle(): Bundle {
  if (loaded) return loaded;
  const dist = productionDist();
  const metadata = JSON.parse(fs.readFileSync(path.join(dist, "functions.json"), "utf8"));
  const { context, registry } = loadFunctionsBundle(dist);
  const get = (id: string): Fn => {
    const fn = registry.get(id);
    if (!fn) throw new Error(`${id} is not associated`);
    return fn;
  };
  loaded = {
    context,
    metadata,
    associatedIds: () => [...registry.keys()],
    function: get,
    call: (id, ...args) => get(id)(...args) as unknown[][],
    value: (id, ...args) => get(id)(...args),
    thrown: (id, ...args) => {
      try {
        get(id)(...args);
      } catch (error) {
        if (!(error instanceof StandInError)) throw error;
        return error;
      }
      throw new Error(`expected ${id} to throw`);
    },
  };
  return loaded;
}

/** Every cell is a finite number, a string or a stand-in error: never null, undefined, NaN or Infinity. */
export function expectExcelSafe(result: unknown[][]): void {
  expect(Array.isArray(result)).toBe(true);
  for (const row of result) {
    for (const cell of row) {
      if (typeof cell === "number") expect(Number.isFinite(cell)).toBe(true);
      else if (typeof cell !== "string") expect(cell).toBeInstanceOf(StandInError);
    }
  }
}

/** |actual − expected| ≤ relative · max(|expected|, floor). */
export function expectClose(actual: unknown, expected: number, relative: number, floor = 0): void {
  expect(typeof actual).toBe("number");
  const scale = Math.max(Math.abs(expected), floor, Number.MIN_VALUE);
  expect(Math.abs((actual as number) - expected) / scale).toBeLessThanOrEqual(relative);
}

/** A column (n x 1) from values. */
export const column = (values: readonly unknown[]): unknown[][] => values.map((v) => [v]);
