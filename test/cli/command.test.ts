/**
 * The command as a new user tries it: aliases, help, --version, "did you mean", short usage
 * errors, messages that keep the path, and an output that is the input (refused, compared as
 * files: the same path, a symbolic link, a hard link), with the input byte-identical afterwards.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { USAGE } from "../../src/cli/args";
import { runCli } from "./run-cli";

const dir = path.join(__dirname, "../../test-output/command");
const input = path.join(dir, "engagement.xlsx");
let original: Buffer;

beforeAll(async () => {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  expect((await runCli(["template", input])).code).toBe(0);
  original = fs.readFileSync(input);
});

const lines = (t: string) => t.trim().split("\n");

test("analyse is the same command as analyze", async () => {
  const out = path.join(dir, "british.xlsx");
  const run = await runCli(["analyse", input, "-o", out, "--quiet", "--no-plan"]);
  expect(run.code).toBe(0);
  expect(fs.existsSync(out)).toBe(true);
});

test("help, help COMMAND, COMMAND --help and --version", async () => {
  for (const args of [[], ["help"], ["--help"], ["-h"]]) {
    const run = await runCli(args);
    expect({ args, code: run.code, out: run.stdout.trim() }).toEqual({ args, code: 0, out: USAGE });
  }
  for (const args of [
    ["help", "analyze"],
    ["help", "analyse"],
    ["analyse", "--help"],
    ["analyze", "in.xlsx", "-h"],
  ]) {
    const run = await runCli(args);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("rpo-align analyze IN.xlsx");
    expect(run.stdout).not.toContain("rpo-align template OUT.xlsx");
  }
  const template = await runCli(["help", "template"]);
  expect(template.stdout).toContain("--seed N");
  expect(template.stdout).not.toContain("--as-of");
  const version = await runCli(["--version"]);
  expect(version.code).toBe(0);
  expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
});

test.each([
  [["analyz", "x.xlsx"], 'Unknown command "analyz". Did you mean "analyze"?', "rpo-align help"],
  [["temlpate", "x.xlsx"], 'Did you mean "template"?', "rpo-align help"],
  [["help", "analyse", "more"], "help takes at most one command", "rpo-align help"],
  [["help", "plan"], 'Unknown command "plan"', "rpo-align help"],
  [
    ["analyze", "x.xlsx", "--jsn", "r.json"],
    "Unknown option --jsn for analyze. Did you mean --json?",
    "help analyze",
  ],
  [["analyze", "x.xlsx", "--asof", "2024-01-01"], "Did you mean --as-of?", "help analyze"],
  [["analyze", "x.xlsx", "--dryrun"], "Did you mean --dry-run?", "help analyze"],
  [["analyze", "x.xlsx", "--frobnicate"], "Unknown option --frobnicate for analyze.", "help analyze"],
  [["analyze", "x.xlsx", "--json"], "--json needs a value.", "help analyze"],
  [["analyze"], "analyze needs exactly one input workbook", "help analyze"],
  [["template"], "template needs exactly one output file", "help template"],
  [["--frobnicate"], "Unknown option --frobnicate.", "rpo-align help"],
])("usage error %j: two lines, what is wrong and where the usage is; exit 2", async (args, message, help) => {
  const run = await runCli(args);
  expect(run.code).toBe(2);
  expect(lines(run.stderr)).toHaveLength(2);
  expect(run.stderr).toContain(message);
  expect(lines(run.stderr)[1]).toContain(help);
  expect(run.stdout).toBe("");
});

test("--flag=value is the same as --flag value", async () => {
  const json = path.join(dir, "eq.json");
  const run = await runCli(["analyze", input, "--dry-run", "--quiet", "--no-plan", `--json=${json}`]);
  expect(run.code).toBe(0);
  expect(fs.existsSync(json)).toBe(true);
});

test("messages keep the path the user gave: a folder, a missing file", async () => {
  const folder = path.join(dir, "a folder");
  fs.mkdirSync(folder, { recursive: true });
  const run = await runCli(["analyze", folder, "--quiet"]);
  expect(run.code).toBe(1);
  expect(run.stderr).toBe(
    `rpo-align: ${folder}: is a folder, not a file (name the .xlsx workbook inside it).\n`,
  );
  const missing = path.join(dir, "no such.xlsx");
  const gone = await runCli(["analyze", missing, "--quiet"]);
  expect(gone.code).toBe(1);
  expect(gone.stderr).toBe(`rpo-align: ${missing}: no such file or folder.\n`);
});

describe("an output that is the input is refused (exit 2), the input byte for byte the same", () => {
  const symlink = path.join(dir, "link-to-engagement.xlsx");
  const hardlink = path.join(dir, "hard-link.xlsx");
  const linkedDir = path.join(dir, "linked-folder");
  beforeAll(() => {
    fs.symlinkSync(input, symlink);
    fs.linkSync(input, hardlink);
    fs.symlinkSync(dir, linkedDir);
  });
  test.each([
    ["the same path", ["-o", input]],
    ["another spelling of the path", ["-o", path.join(dir, ".", "..", "command", "engagement.xlsx")]],
    ["a symbolic link to the input", ["-o", symlink]],
    ["a hard link to the input", ["-o", hardlink]],
    ["the input through a linked folder", ["-o", path.join(linkedDir, "engagement.xlsx")]],
    ["--json naming the input", ["--json", input]],
    ["--json naming a hard link to the input", ["--json", hardlink]],
  ])("%s", async (_label, extra) => {
    const before = fs.readdirSync(dir).sort();
    const run = await runCli(["analyze", input, "--quiet", ...extra]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("is the input workbook");
    expect(run.stderr).toContain("never changes its input");
    expect(lines(run.stderr)).toHaveLength(1);
    expect(fs.readFileSync(input).equals(original)).toBe(true);
    expect(fs.readdirSync(dir).sort()).toEqual(before);
  });
  test("the input given through a link, -o elsewhere: analysed, the input unchanged", async () => {
    const out = path.join(dir, "elsewhere.xlsx");
    const run = await runCli(["analyze", symlink, "-o", out, "--quiet", "--no-plan"]);
    expect(run.code).toBe(0);
    expect(fs.readFileSync(input).equals(original)).toBe(true);
    expect(fs.lstatSync(symlink).isSymbolicLink()).toBe(true);
  });
  test("-o and --json naming one file", async () => {
    const both = path.join(dir, "both.out");
    const run = await runCli(["analyze", input, "--quiet", "-o", both, "--json", both]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("name the same file");
    expect(fs.existsSync(both)).toBe(false);
  });
});
