/** Command-line parsing for rpo-align (no dependency: the grammar is small and errors must be ours). */
import { isoToSerial } from "../core/dates";

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

export type Command =
  | { kind: "help" }
  | { kind: "version" }
  | { kind: "template"; out: string; seed: number | null }
  | {
      kind: "analyze";
      input: string;
      out: string | null;
      json: string | null;
      asOf: string | null;
      window: number | null;
      /** Estimation model (docs/method.md §2a); null = the default, auto. */
      model: "levels" | "changes" | "auto" | null;
      dryRun: boolean;
      quiet: boolean;
      /** The Plan sheet and the JSON plan (default on); see docs/method.md §14. */
      plan: boolean;
      budget: number | null;
      maxMove: number | null;
      includeUnsupported: boolean;
    };

export const USAGE = `Usage:
  rpo-align template OUT.xlsx [--seed N]
      Write the sample engagement workbook (levers, metrics, goals, 54 months of history, actions).
  rpo-align analyze IN.xlsx [-o OUT.xlsx] [--json FILE|-] [--as-of YYYY-MM-DD] [--window N] [--dry-run] [--quiet]
                    [--model auto|changes|levels] [--budget N] [--max-move F] [--include-unsupported] [--no-plan]
      Analyse IN.xlsx and write a copy with the alignment sheets added (default OUT: IN-aligned.xlsx).
      --json FILE   also write the results as JSON (- for standard output)
      --as-of DATE  analyse as of this date (default: the last Period in Observations)
      --window N    movement window in periods (default 3: last 3 periods against the 3 before)
      --model M     how each metric is regressed on the levers: auto (default: changes for drifting
                    metrics, levels for stationary ones), changes, or levels
      --dry-run     check and analyse, write no workbook
      --quiet       no progress on standard error
      --budget N    the plan may add at most N of extra cost per period (negative: must save N; default: no limit)
      --max-move F  largest move of a lever per review, as a fraction of its current value (default 0.2 = ±20%)
      --include-unsupported  let every lever move in the plan, either way, on its point estimates
      --no-plan     leave out the Plan sheet (and the LP solver)
  rpo-align --help | --version

Exit codes: 0 done; 1 the workbook has errors (each listed with Sheet!Cell, nothing written); 2 usage error.`;

function takeValue(argv: string[], i: number, flag: string): string {
  const value = argv[i + 1];
  const negativeNumber = /^-\d/.test(value ?? "") && (flag === "--budget" || flag === "--max-move");
  if (value === undefined || (value.startsWith("-") && value !== "-" && !negativeNumber)) {
    throw new UsageError(`${flag} needs a value.`);
  }
  return value;
}

export function parseArgs(argv: string[]): Command {
  if (argv.length === 0 || argv.includes("--help") || argv.includes("-h")) return { kind: "help" };
  if (argv.includes("--version") || argv.includes("-v")) return { kind: "version" };
  const [command, ...rest] = argv;
  const positional: string[] = [];
  const flags = new Map<string, string | true>();
  const valued = new Set([
    "-o",
    "--out",
    "--json",
    "--as-of",
    "--window",
    "--model",
    "--seed",
    "--budget",
    "--max-move",
  ]);
  const switches = new Set(["--dry-run", "--quiet", "-q", "--include-unsupported", "--no-plan"]);
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    if (valued.has(arg)) {
      flags.set(arg === "--out" ? "-o" : arg, takeValue(rest, i, arg));
      i++;
    } else if (switches.has(arg)) {
      flags.set(arg === "-q" ? "--quiet" : arg, true);
    } else if (arg.startsWith("-") && arg !== "-") {
      throw new UsageError(`Unknown option ${arg}.`);
    } else {
      positional.push(arg);
    }
  }
  const text = (flag: string) => {
    const v = flags.get(flag);
    return typeof v === "string" ? v : null;
  };
  const wholeNumber = (flag: string, min: number): number | null => {
    const v = text(flag);
    if (v === null) return null;
    if (!/^\d+$/.test(v) || Number(v) < min)
      throw new UsageError(`${flag} must be a whole number ≥ ${min}, not "${v}".`);
    return Number(v);
  };

  if (command === "template") {
    if (positional.length !== 1)
      throw new UsageError("template needs exactly one output file: rpo-align template OUT.xlsx");
    for (const flag of flags.keys())
      if (flag !== "--seed") throw new UsageError(`${flag} does not apply to template.`);
    return { kind: "template", out: positional[0], seed: wholeNumber("--seed", 0) };
  }
  if (command === "analyze") {
    if (positional.length !== 1)
      throw new UsageError("analyze needs exactly one input workbook: rpo-align analyze IN.xlsx");
    if (flags.has("--seed")) throw new UsageError("--seed applies to template only.");
    const asOf = text("--as-of");
    if (asOf !== null && isoToSerial(asOf) === null) {
      throw new UsageError(`--as-of takes a calendar date as YYYY-MM-DD, not "${asOf}".`);
    }
    const decimal = (flag: string, min: number | null): number | null => {
      const v = text(flag);
      if (v === null) return null;
      const n = /^-?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(v) ? Number(v) : NaN;
      if (!Number.isFinite(n) || (min !== null && n < min))
        throw new UsageError(`${flag} must be a number${min !== null ? ` ≥ ${min}` : ""}, not "${v}".`);
      return n;
    };
    const model = text("--model");
    if (model !== null && model !== "auto" && model !== "changes" && model !== "levels") {
      throw new UsageError(`--model takes auto, changes or levels, not "${model}".`);
    }
    const plan = !flags.has("--no-plan");
    if (!plan && (flags.has("--budget") || flags.has("--max-move") || flags.has("--include-unsupported")))
      throw new UsageError(
        "--budget, --max-move and --include-unsupported set up the plan; drop --no-plan to use them.",
      );
    return {
      kind: "analyze",
      input: positional[0],
      out: text("-o"),
      json: text("--json"),
      asOf,
      window: wholeNumber("--window", 1),
      model,
      dryRun: flags.has("--dry-run"),
      quiet: flags.has("--quiet"),
      plan,
      budget: decimal("--budget", null),
      maxMove: decimal("--max-move", 0),
      includeUnsupported: flags.has("--include-unsupported"),
    };
  }
  throw new UsageError(`Unknown command "${command}". Use template or analyze.`);
}
