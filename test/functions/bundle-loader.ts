/**
 * Loads the built custom functions (dist/functions.js) the way Excel's JavaScript-only runtime
 * runs them: a bare vm context (no window, no document, no require) with a CustomFunctions
 * stand-in whose `associate` records each function by id. Plain Node (no Jest): the Jest helpers
 * (test/functions/bundle.ts) and the benchmarks (bench/functions.ts) both load the bundle here.
 */
import * as fs from "fs";
import * as path from "path";
import * as vm from "vm";

/** Stands in for CustomFunctions.Error: what a function throws or returns for an error cell. */
export class StandInError {
  constructor(
    public code: string,
    public message?: string,
  ) {}
}

/** CustomFunctions.ErrorCode's values (the error texts Excel shows). */
const ErrorCode = {
  invalidValue: "#VALUE!",
  notAvailable: "#N/A",
  divisionByZero: "#DIV/0!",
  invalidNumber: "#NUM!",
  nullReference: "#NULL!",
  invalidName: "#NAME?",
  invalidReference: "#REF!",
};

export type BundleFunction = (...args: unknown[]) => unknown;

export interface LoadedBundle {
  context: vm.Context;
  /** The associated functions by id (REGRESS, SENSITIVITY, ...), in the order they were associated. */
  registry: Map<string, BundleFunction>;
}

/** Runs `dist`/functions.js in a fresh context; throws with advice when the build is missing. */
export function loadFunctionsBundle(dist: string): LoadedBundle {
  const file = path.join(dist, "functions.js");
  if (!fs.existsSync(file)) throw new Error(`${file} is missing: run \`npm run build\` first`);
  const registry = new Map<string, BundleFunction>();
  const associate = (id: string | Record<string, BundleFunction>, fn?: BundleFunction) => {
    if (typeof id === "string") registry.set(id, fn as BundleFunction);
    else for (const [key, value] of Object.entries(id)) registry.set(key, value);
  };
  const context = vm.createContext({
    CustomFunctions: { associate, Error: StandInError, ErrorCode },
    console,
  });
  vm.runInContext(fs.readFileSync(file, "utf8"), context, { filename: "functions.js" });
  return { context, registry };
}
