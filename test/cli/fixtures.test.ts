/**
 * Script-Lab-style data-driven test: every workbook in test/fixtures/workbooks/{valid,invalid}
 * goes through the real command; valid ones analyse (exit 0), `error.*` ones are refused (exit 1)
 * with their expected message at their expected cell.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { createWorkbook } from "../../src/hosts/xlsx";
import { buildSampleWorkbook } from "../../src/core/sample/template";
import { FIXTURE_CASES, type FixtureCase } from "../fixtures/workbooks/cases";
import { runCli } from "./run-cli";

const root = path.join(__dirname, "../fixtures/workbooks");
const outDir = path.join(__dirname, "../../test-output/fixtures");
const fileOf = (c: FixtureCase) =>
  path.join(root, c.valid ? "valid" : "invalid", `${c.valid ? "" : "error."}${c.name}.xlsx`);

function generate(c: FixtureCase): Uint8Array {
  const specs = buildSampleWorkbook();
  c.change(specs);
  return createWorkbook(specs);
}

beforeAll(() => {
  fs.mkdirSync(outDir, { recursive: true });
  if (process.env.UPDATE_FIXTURES) {
    for (const c of FIXTURE_CASES) {
      fs.mkdirSync(path.dirname(fileOf(c)), { recursive: true });
      fs.writeFileSync(fileOf(c), generate(c));
    }
  }
});

test("the committed corpus is exactly what the cases generate (no stale or stray files)", () => {
  const committed = ["valid", "invalid"].flatMap((d) =>
    fs.readdirSync(path.join(root, d)).map((f) => path.join(root, d, f)),
  );
  expect(committed.sort()).toEqual(FIXTURE_CASES.map(fileOf).sort());
  for (const c of FIXTURE_CASES) {
    expect(Buffer.from(generate(c)).equals(fs.readFileSync(fileOf(c)))).toBe(true);
  }
});

describe.each(FIXTURE_CASES.map((c) => [path.basename(fileOf(c)), c] as const))("%s", (_file, c) => {
  test(c.valid ? "analyses, with the expected warnings" : "is refused with the expected error", async () => {
    const out = path.join(outDir, `${c.name}-aligned.xlsx`);
    const json = path.join(outDir, `${c.name}.json`);
    fs.rmSync(out, { force: true });
    const run = await runCli(["analyze", fileOf(c), "-o", out, "--json", json, "--quiet"]);
    expect(run.stderr).not.toMatch(/internal error|\s{4}at /);
    const results = JSON.parse(fs.readFileSync(json, "utf8"));
    for (const e of c.expect) {
      const found = results.diagnostics.find(
        (d: { code: string; sheet: string | null; cell: string | null; severity: string; message: string }) =>
          d.code === e.code &&
          d.severity === e.severity &&
          d.sheet === e.sheet &&
          (e.cell === null || d.cell === e.cell),
      );
      expect(found).toBeDefined();
      expect(found.message).toContain(e.text);
      // The command line prints it with its Sheet!Cell address.
      if (e.sheet && e.cell) expect(run.stderr).toContain(`${e.sheet}!${e.cell}`);
    }
    if (c.valid) {
      expect(run.code).toBe(0);
      expect(fs.existsSync(out)).toBe(true);
      expect(results.diagnostics.filter((d: { severity: string }) => d.severity === "error")).toEqual([]);
    } else {
      expect(run.code).toBe(1);
      expect(fs.existsSync(out)).toBe(false); // nothing written
      expect(run.stderr).toContain("nothing was written");
    }
  });
});
