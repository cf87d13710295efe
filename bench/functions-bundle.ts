/**
 * The built custom functions (dist/functions.js) loaded as Excel's JavaScript-only runtime runs
 * them: a bare vm context (no window, no document, no require) with a CustomFunctions stand-in.
 * For the benchmarks (test/functions/bundle.ts is the Jest twin). Build first: `npm run build`.
 */
import * as fs from "fs";
import * as path from "path";
import * as vm from "vm";

export class BenchError {
  constructor(
    public code: string,
    public message?: string,
  ) {}
}

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

/** The associated functions of dist/functions.js by id (REGRESS, SENSITIVITY, ...). */
export function loadFunctionsBundle(
  dist = path.resolve(__dirname, "..", "..", "dist"),
): Map<string, BundleFunction> {
  const file = path.join(dist, "functions.js");
  if (!fs.existsSync(file)) throw new Error(`${file} is missing: run \`npm run build\` first`);
  const registry = new Map<string, BundleFunction>();
  const associate = (id: string | Record<string, BundleFunction>, fn?: BundleFunction) => {
    if (typeof id === "string") registry.set(id, fn as BundleFunction);
    else for (const [key, value] of Object.entries(id)) registry.set(key, value);
  };
  const context = vm.createContext({ CustomFunctions: { associate, Error: BenchError, ErrorCode }, console });
  vm.runInContext(fs.readFileSync(file, "utf8"), context, { filename: "functions.js" });
  return registry;
}
