/**
 * The command installed for use anywhere, as README says (`npm install -g .` from the clone, here
 * into a temporary prefix with the real npm client, offline: a folder install links the clone and
 * needs nothing from the registry), then run from a folder outside the repository.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

const repo = path.join(__dirname, "../..");

test("npm install -g . gives an rpo-align command that works outside the repository", () => {
  expect(fs.existsSync(path.join(repo, "build/src/cli/main.js"))).toBe(true); // built by `npm ci` (prepare)
  const prefix = fs.mkdtempSync(path.join(os.tmpdir(), "rpo-align-prefix-"));
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "rpo-align-work-"));
  try {
    const install = spawnSync(
      "npm",
      ["install", "--global", "--offline", "--no-audit", "--no-fund", "--prefix", prefix, repo],
      { encoding: "utf8", cwd: work },
    );
    expect({ code: install.status, stderr: install.stderr }).toMatchObject({ code: 0 });
    const bin = path.join(prefix, "bin", "rpo-align");
    expect(fs.existsSync(bin)).toBe(true);
    const env = { ...process.env, PATH: `${path.join(prefix, "bin")}${path.delimiter}${process.env.PATH}` };
    const run = (...args: string[]) => spawnSync("rpo-align", args, { encoding: "utf8", cwd: work, env });
    expect(run("--version").stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
    expect(run("template", "mine.xlsx").status).toBe(0);
    const analysed = run("analyse", "mine.xlsx", "--quiet");
    expect({ code: analysed.status, stderr: analysed.stderr }).toMatchObject({ code: 0 });
    expect(fs.readdirSync(work).sort()).toEqual(["mine-aligned.xlsx", "mine.xlsx"]);
    expect(path.relative(repo, work).startsWith("..")).toBe(true);
  } finally {
    fs.rmSync(prefix, { recursive: true, force: true });
    fs.rmSync(work, { recursive: true, force: true });
  }
}, 300_000);
