/** Command-line parsing for rpo-align (no dependency: the grammar is small and errors must be ours). */
import { isoToSerial } from "../core/dates";
import { closest } from "../core/model/suggest";
import { EXIT_CODES_HELP } from "./exit-codes";

/** The commands, and the other names each one answers to. */
export const COMMANDS = ["template", "analyze"] as const;
export type CommandName = (typeof COMMANDS)[number];
const ALIASES: Record<string, CommandName> = { analyse: "analyze" };

/** A mistake in the command line; `command` is the command it was about, for the "see help" hint. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly command: CommandName | null = null,
  ) {
    super(message);
    this.name = "UsageError";
  }
}

export type Command =
  | { kind: "help"; topic: CommandName | null }
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

export const HELP: Record<CommandName, string> = {
  template: `  rpo-align template OUT.xlsx [--seed N]
      Write the sample engagement workbook (levers, metrics, goals, 54 months of history, actions).
      --seed N      another random history (default: the documented sample)`,
  analyze: `  rpo-align analyze IN.xlsx [-o OUT.xlsx] [--json FILE|-] [--as-of YYYY-MM-DD] [--window N] [--dry-run] [--quiet]
                    [--model auto|changes|levels] [--budget N] [--max-move F] [--include-unsupported] [--no-plan]
      Analyse IN.xlsx and write a copy with the alignment sheets added (default OUT: IN-aligned.xlsx).
      IN.xlsx is never changed: -o (or --json) naming the input itself, or a link to it, is refused.
      "analyse" is the same command.
      -o OUT.xlsx   where to write the copy (--out is the same)
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
      --no-plan     leave out the Plan sheet (and the LP solver)`,
};

export const USAGE = `Usage:
${HELP.template}
${HELP.analyze}
  rpo-align help [COMMAND]      this text, or one command's
  rpo-align --version           the version

${EXIT_CODES_HELP}`;

/** The help shown for `help COMMAND` / `COMMAND --help`. */
export function helpText(topic: CommandName | null): string {
  return topic === null ? USAGE : `Usage:\n${HELP[topic]}\n\n${EXIT_CODES_HELP}`;
}

/** The command `word` names (aliases included), or null. */
function commandNamed(word: string): CommandName | null {
  const w = word.toLowerCase();
  return (COMMANDS as readonly string[]).includes(w) ? (w as CommandName) : (ALIASES[w] ?? null);
}

function unknownCommand(word: string): UsageError {
  const near = closest(word, [...COMMANDS, ...Object.keys(ALIASES)]);
  const name = near === null ? null : commandNamed(near);
  return new UsageError(
    `Unknown command "${word}".${name ? ` Did you mean "${name}"?` : ""} The commands are ${COMMANDS.join(" and ")}.`,
  );
}

function unknownOption(arg: string, command: CommandName | null, known: readonly string[]): UsageError {
  const near = closest(
    arg,
    known.filter((k) => k.startsWith("--")),
  );
  return new UsageError(
    `Unknown option ${arg}${command ? ` for ${command}` : ""}.${near !== null ? ` Did you mean ${near}?` : ""}`,
    command,
  );
}

function takeValue(argv: string[], i: number, flag: string, command: CommandName): string {
  const value = argv[i + 1];
  const negativeNumber = /^-\d/.test(value ?? "") && (flag === "--budget" || flag === "--max-move");
  if (value === undefined || (value.startsWith("-") && value !== "-" && !negativeNumber)) {
    throw new UsageError(`${flag} needs a value.`, command);
  }
  return value;
}

export function parseArgs(argv: string[]): Command {
  const first = argv[0] ?? "";
  const named = commandNamed(first);
  if (argv.length === 0) return { kind: "help", topic: null };
  if (argv.includes("--help") || argv.includes("-h")) return { kind: "help", topic: named };
  if (argv.includes("--version") || argv.includes("-v")) return { kind: "version" };
  if (first.toLowerCase() === "help") {
    if (argv.length > 2) throw new UsageError("help takes at most one command: rpo-align help analyze");
    if (argv.length === 1) return { kind: "help", topic: null };
    const topic = commandNamed(argv[1]);
    if (topic === null) throw unknownCommand(argv[1]);
    return { kind: "help", topic };
  }
  if (named === null) {
    if (first.startsWith("-")) throw unknownOption(first, null, []);
    throw unknownCommand(first);
  }
  const command = named;
  const [, ...rest] = argv;
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
    let arg = rest[i];
    const eq = arg.indexOf("=");
    if (arg.startsWith("--") && eq > 0 && valued.has(arg.slice(0, eq))) {
      // --json=FILE: the same as --json FILE
      rest.splice(i, 1, arg.slice(0, eq), arg.slice(eq + 1));
      arg = rest[i];
    }
    if (valued.has(arg)) {
      flags.set(arg === "--out" ? "-o" : arg, takeValue(rest, i, arg, command));
      i++;
    } else if (switches.has(arg)) {
      flags.set(arg === "-q" ? "--quiet" : arg, true);
    } else if (arg.startsWith("-") && arg !== "-") {
      throw unknownOption(arg, command, [...valued, ...switches]);
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
      throw new UsageError(`${flag} must be a whole number ≥ ${min}, not "${v}".`, command);
    return Number(v);
  };

  if (command === "template") {
    if (positional.length !== 1)
      throw new UsageError("template needs exactly one output file: rpo-align template OUT.xlsx", command);
    for (const flag of flags.keys())
      if (flag !== "--seed") throw new UsageError(`${flag} does not apply to template.`, command);
    return { kind: "template", out: positional[0], seed: wholeNumber("--seed", 0) };
  }
  if (command === "analyze") {
    if (positional.length !== 1)
      throw new UsageError("analyze needs exactly one input workbook: rpo-align analyze IN.xlsx", command);
    if (flags.has("--seed")) throw new UsageError("--seed applies to template only.", command);
    const asOf = text("--as-of");
    if (asOf !== null && isoToSerial(asOf) === null) {
      throw new UsageError(`--as-of takes a calendar date as YYYY-MM-DD, not "${asOf}".`, command);
    }
    const decimal = (flag: string, min: number | null): number | null => {
      const v = text(flag);
      if (v === null) return null;
      const n = /^-?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(v) ? Number(v) : NaN;
      if (!Number.isFinite(n) || (min !== null && n < min))
        throw new UsageError(
          `${flag} must be a number${min !== null ? ` ≥ ${min}` : ""}, not "${v}".`,
          command,
        );
      return n;
    };
    const model = text("--model");
    if (model !== null && model !== "auto" && model !== "changes" && model !== "levels") {
      throw new UsageError(`--model takes auto, changes or levels, not "${model}".`, command);
    }
    const plan = !flags.has("--no-plan");
    if (!plan && (flags.has("--budget") || flags.has("--max-move") || flags.has("--include-unsupported")))
      throw new UsageError(
        "--budget, --max-move and --include-unsupported set up the plan; drop --no-plan to use them.",
        command,
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
  throw unknownCommand(command);
}
