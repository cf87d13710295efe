/**
 * One size of the scale benchmark, in its own process so its peak RSS is its own:
 *
 *   node build/bench/scale-child.js N [--levers L] [--metrics M] [--dir DIR]
 *       analyses an N-period workbook with the command (`rpo-align analyze IN -o OUT --quiet`)
 *       and prints one JSON line (ScaleChildResult). The input is made first, in a separate
 *       child process (`make`), unless DIR already holds it.
 *   node build/bench/scale-child.js make N L M FILE
 *       writes the input with createWorkbook, or streamed when createWorkbook cannot build it.
 *
 * Defaults: 12 levers + 7 metrics (20 columns with Period), DIR = os.tmpdir()/rpo-align-scale.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { main } from "../src/cli/main";
import { createWorkbook } from "../src/hosts/xlsx/package";
import { scaleWorkbookSpecs, writeScaleWorkbookStreamed, type ScaleShape } from "./scale-input";

export interface ScaleMakeResult {
  generator: "createWorkbook" | "streamed";
  /** Why createWorkbook could not build it (when streamed). */
  createWorkbookError: string | null;
  seconds: number;
  maxRssMB: number;
  bytes: number;
}

export interface ScaleChildResult extends ScaleShape {
  columns: number;
  input: ScaleMakeResult;
  exitCode: number;
  seconds: number;
  /** Peak resident set size of the process running the command. */
  maxRssMB: number;
  outputBytes: number | null;
  /** The command's error lines (stderr), shortened. */
  messages: string[];
}

const rssMB = () => Math.round(process.resourceUsage().maxRSS / 1024);

function make(shape: ScaleShape, file: string): ScaleMakeResult {
  const t0 = performance.now();
  let createWorkbookError: string | null = null;
  try {
    writeFileSync(file, createWorkbook(scaleWorkbookSpecs(shape)));
  } catch (error) {
    createWorkbookError = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  }
  if (createWorkbookError !== null) writeScaleWorkbookStreamed(shape, file);
  return {
    generator: createWorkbookError === null ? "createWorkbook" : "streamed",
    createWorkbookError,
    seconds: (performance.now() - t0) / 1000,
    maxRssMB: rssMB(),
    bytes: statSync(file).size,
  };
}

function option(args: string[], flag: string, fallback: string): string {
  const i = args.indexOf(flag);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1] : fallback;
}

async function run(args: string[]): Promise<ScaleChildResult> {
  const shape: ScaleShape = {
    periods: Number(args[0]),
    levers: Number(option(args, "--levers", "12")),
    metrics: Number(option(args, "--metrics", "7")),
  };
  const dir = option(args, "--dir", path.join(tmpdir(), "rpo-align-scale"));
  mkdirSync(dir, { recursive: true });
  const base = `scale-${shape.periods}x${shape.levers}x${shape.metrics}`;
  const input = path.join(dir, `${base}.xlsx`);
  const output = path.join(dir, `${base}-aligned.xlsx`);
  const made = path.join(dir, `${base}.make.json`);
  let inputResult: ScaleMakeResult;
  if (existsSync(input) && existsSync(made)) {
    inputResult = JSON.parse(readFileSync(made, "utf8"));
  } else {
    const child = spawnSync(
      process.execPath,
      [
        "--max-old-space-size=8192",
        __filename,
        "make",
        ...[shape.periods, shape.levers, shape.metrics].map(String),
        input,
      ],
      { encoding: "utf8", maxBuffer: 1 << 20 },
    );
    if (child.status !== 0) throw new Error(`making the input failed: ${child.stderr}`);
    inputResult = JSON.parse(child.stdout.trim().split("\n").pop()!);
    writeFileSync(made, JSON.stringify(inputResult));
  }
  rmSync(output, { force: true });
  let stderr = "";
  const t0 = performance.now();
  const exitCode = await main(["analyze", input, "-o", output, "--quiet"], {
    stdout: () => {},
    stderr: (t) => (stderr += t),
    now: () => "2026-01-01T00:00:00.000Z",
    stderrIsTty: false,
  });
  const seconds = (performance.now() - t0) / 1000;
  return {
    ...shape,
    columns: 1 + shape.levers + shape.metrics,
    input: inputResult,
    exitCode,
    seconds,
    maxRssMB: rssMB(),
    outputBytes: existsSync(output) ? statSync(output).size : null,
    messages: stderr
      .split("\n")
      .filter((l) => /^(Error|rpo-align)/.test(l))
      .map((l) => (l.length > 300 ? `${l.slice(0, 297)}...` : l)),
  };
}

if (require.main === module) {
  const args = process.argv.slice(2);
  if (args[0] === "make") {
    const [periods, levers, metrics] = args.slice(1, 4).map(Number);
    process.stdout.write(JSON.stringify(make({ periods, levers, metrics }, args[4])) + "\n");
  } else {
    run(args).then(
      (result) => process.stdout.write(JSON.stringify(result) + "\n"),
      (error) => {
        process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
        process.exitCode = 1;
      },
    );
  }
}
