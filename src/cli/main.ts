/**
 * The rpo-align command. Runs the same pipeline as the task pane, on .xlsx files.
 * stdout: results and summary; stderr: progress, warnings and errors.
 */
import * as path from "node:path";
import { helpText, parseArgs, UsageError, type Command } from "./args";
import { sameFile } from "./paths";
import { analyzeWorkbook } from "../hosts/analyze-workbook";
import { XlsxHost } from "../hosts/xlsx/host";
import { createWorkbook } from "../hosts/xlsx/package";
import { XlsxFormatError } from "../hosts/xlsx/errors";
import { readWorkbookFile, writeFileAtomically } from "../hosts/xlsx/file";
import { buildSampleWorkbook } from "../core/sample/template";
import { resultsToJson } from "../core/report/json";
import { formatDiagnostic } from "../core/model/diagnostics";
import { isInputCandidate } from "../core/model/locate";
import { isoToSerial } from "../core/dates";
import { printSummary } from "./summary";
import { TOOL_VERSION } from "../core/version";
import { loadHighsSolver } from "../hosts/lp/highs";
import { localRunStamp } from "../core/report/format";
import { EXIT_INTERNAL_ERROR, EXIT_OK, EXIT_USAGE, EXIT_WORKBOOK_ERRORS } from "./exit-codes";

export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** ISO timestamp of "now", injectable for tests. */
  now: () => string;
  /** Whether stderr is a terminal: progress then updates one line, else prints one line per step. */
  stderrIsTty: boolean;
  /** Size limits (defaults MAX_OBSERVATION_CELLS and MAX_SHEET_XML_BYTES; docs/limits.md); tests set small ones. */
  limits?: { maxObservationCells?: number; maxSheetBytes?: number };
}

const nodeIo: Io = {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  // The runner's local time with its offset: the sheets show it and name the zone.
  now: () => localRunStamp(Date.now(), -new Date().getTimezoneOffset()),
  stderrIsTty: Boolean(process.stderr.isTTY),
};

export { EXIT_INTERNAL_ERROR, EXIT_OK, EXIT_USAGE, EXIT_WORKBOOK_ERRORS };

export async function main(argv: string[], io: Io = nodeIo): Promise<number> {
  let command: Command;
  try {
    command = parseArgs(argv);
  } catch (error) {
    if (error instanceof UsageError) return usageError(error, io);
    throw error;
  }
  try {
    switch (command.kind) {
      case "help":
        io.stdout(`${helpText(command.topic)}\n`);
        return EXIT_OK;
      case "version":
        io.stdout(`${TOOL_VERSION}\n`);
        return EXIT_OK;
      case "template":
        return await runTemplate(command, io);
      case "analyze":
        return await runAnalyze(command, io);
    }
  } catch (error) {
    return reportFailure(error, io);
  }
}

/** A usage error in two lines: what is wrong, and where the usage is (never the whole usage). */
function usageError(error: UsageError, io: Io): number {
  const help = error.command ? `rpo-align help ${error.command}` : "rpo-align help";
  io.stderr(`rpo-align: ${error.message}\nRun "${help}" for the usage.\n`);
  return EXIT_USAGE;
}

/**
 * Refuses an output that is the input itself (the same path, a symbolic or hard link to it):
 * rpo-align never changes its input. Exit code 2, before anything is read or written.
 */
async function checkOutputs(command: Extract<Command, { kind: "analyze" }>, io: Io): Promise<number | null> {
  const outputs: [string, string][] = [];
  if (!command.dryRun) outputs.push(["-o", command.out ?? defaultOutputPath(command.input)]);
  if (command.json !== null && command.json !== "-") outputs.push(["--json", command.json]);
  for (const [flag, file] of outputs) {
    if (!(await sameFile(file, command.input))) continue;
    const what = flag === "-o" ? "the workbook with the alignment sheets" : "the JSON results";
    io.stderr(
      `rpo-align: ${flag} ${file} is the input workbook ${command.input} itself; rpo-align never changes its ` +
        `input. Write ${what} to another file${flag === "-o" ? " (or leave out -o for " + path.basename(defaultOutputPath(command.input)) + ")" : ""}.\n`,
    );
    return EXIT_USAGE;
  }
  if (outputs.length === 2 && (await sameFile(outputs[0][1], outputs[1][1]))) {
    io.stderr(`rpo-align: -o and --json name the same file (${outputs[1][1]}); give each its own file.\n`);
    return EXIT_USAGE;
  }
  return null;
}

/** Reads the input workbook; an error that does not name the file (reading a folder) gets its path. */
async function readInput(file: string): Promise<Uint8Array> {
  try {
    return await readWorkbookFile(file);
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    if (e && typeof e === "object" && e.code && !e.path) e.path = file;
    throw error;
  }
}

async function runTemplate(command: Extract<Command, { kind: "template" }>, io: Io): Promise<number> {
  const specs = buildSampleWorkbook(command.seed === null ? {} : { seed: command.seed });
  await writeFileAtomically(command.out, createWorkbook(specs));
  io.stdout(`Sample workbook written to ${command.out}\n`);
  return EXIT_OK;
}

export function defaultOutputPath(input: string): string {
  const ext = path.extname(input);
  const keep = ext.toLowerCase() === ".xlsm" ? ext : ".xlsx";
  return path.join(path.dirname(input), `${path.basename(input, ext)}-aligned${keep}`);
}

async function runAnalyze(command: Extract<Command, { kind: "analyze" }>, io: Io): Promise<number> {
  const refused = await checkOutputs(command, io);
  if (refused !== null) return refused;
  const asOf = command.asOf === null ? null : isoToSerial(command.asOf); // validated by parseArgs
  let lastStep = "";
  const progress = (step: string, fraction: number) => {
    if (command.quiet) return;
    if (io.stderrIsTty) io.stderr(`\r${step.padEnd(10)} ${String(Math.round(fraction * 100)).padStart(3)}%`);
    else if (step !== lastStep) io.stderr(`${step}…\n`);
    lastStep = step;
  };
  // Only the sheets that can be inputs (as the Excel host does): a large or damaged sheet the
  // analysis does not use is neither read nor in the way.
  const host = new XlsxHost(await readInput(command.input), isInputCandidate, {
    maxSheetBytes: io.limits?.maxSheetBytes,
  });
  const plan = command.plan
    ? {
        solver: await loadHighsSolver(),
        settings: {
          ...(command.budget !== null ? { budget: command.budget } : {}),
          ...(command.maxMove !== null ? { maxMove: command.maxMove } : {}),
          includeUnsupported: command.includeUnsupported,
        },
      }
    : undefined;
  const outcome = await analyzeWorkbook(host, {
    ...(plan ? { plan } : {}),
    runStamp: io.now(),
    toolVersion: TOOL_VERSION,
    face: "command line",
    settings: {
      ...(asOf !== null ? { asOf } : {}),
      ...(command.window !== null ? { movementWindow: command.window } : {}),
      ...(command.model !== null ? { model: command.model } : {}),
    },
    dryRun: command.dryRun,
    onProgress: progress,
    maxObservationCells: io.limits?.maxObservationCells,
  });
  if (!command.quiet && io.stderrIsTty) io.stderr("\n");

  for (const d of outcome.diagnostics) {
    if (d.severity !== "info" || !command.quiet) io.stderr(`${formatDiagnostic(d)}\n`);
  }
  if (command.json !== null) {
    const text = JSON.stringify(resultsToJson(outcome.results, outcome.diagnostics), null, 2) + "\n";
    if (command.json === "-") io.stdout(text);
    else await writeFileAtomically(command.json, new TextEncoder().encode(text));
  }
  if (!outcome.results) {
    const errors = outcome.diagnostics.filter((d) => d.severity === "error").length;
    io.stderr(
      `rpo-align: ${errors} error(s) in ${command.input}; nothing was written. Fix them and run again.\n`,
    );
    return EXIT_WORKBOOK_ERRORS;
  }
  let outPath: string | null = null;
  if (!command.dryRun) {
    outPath = command.out ?? defaultOutputPath(command.input);
    await writeFileAtomically(outPath, host.bytes());
    for (const note of outcome.notes) io.stderr(`Note: ${note}\n`);
  }
  if (command.json !== "-") printSummary(outcome, outPath, (t) => io.stdout(t));
  return EXIT_OK;
}

/**
 * The file the user named for a failure on our temporary file (writeFileAtomically writes
 * ".NAME.<pid>.<random>.tmp" beside NAME, then renames it): that name means nothing to them.
 */
export function userFacingPath(file: string): string {
  const match = /^\.(.+)\.\d+\.[0-9a-f]+\.tmp$/.exec(path.basename(file));
  return match ? path.join(path.dirname(file), match[1]) : file;
}

function reportFailure(error: unknown, io: Io): number {
  if (error instanceof XlsxFormatError) {
    io.stderr(`rpo-align: ${error.message}\n`);
    return EXIT_WORKBOOK_ERRORS;
  }
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code === "ENOENT" || code === "EACCES" || code === "EISDIR" || code === "EROFS" || code === "ENOSPC") {
    const file = userFacingPath((error as NodeJS.ErrnoException).path ?? "");
    const what: Record<string, string> = {
      ENOENT: "no such file or folder",
      EACCES: "permission denied",
      EISDIR: "is a folder, not a file (name the .xlsx workbook inside it)",
      EROFS: "read-only file system",
      ENOSPC: "the disk is full",
    };
    io.stderr(`rpo-align: ${file}: ${what[code]}.\n`);
    return EXIT_WORKBOOK_ERRORS;
  }
  // Anything else is a bug in rpo-align: say so plainly, without a stack trace unless asked.
  const message = error instanceof Error ? error.message : String(error);
  io.stderr(
    `rpo-align: internal error: ${message}\nPlease report it with the workbook if you can. (RPO_ALIGN_DEBUG=1 shows details.)\n`,
  );
  if (process.env.RPO_ALIGN_DEBUG && error instanceof Error) io.stderr(`${error.stack}\n`);
  return EXIT_INTERNAL_ERROR;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.exitCode = reportFailure(error, nodeIo);
    },
  );
}
