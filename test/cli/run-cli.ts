/** Runs the rpo-align command in-process with captured output (the same `main` bin/rpo-align.js calls). */
import { main, type Io } from "../../src/cli/main";

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export const FIXED_STAMP = "2026-01-01T00:00:00.000Z";

export async function runCli(args: string[], now: () => string = () => FIXED_STAMP): Promise<CliRun> {
  let stdout = "";
  let stderr = "";
  const io: Io = {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    now,
    stderrIsTty: false,
  };
  const code = await main(args, io);
  return { code, stdout, stderr };
}
