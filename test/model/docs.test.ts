/** docs/workbook-format.md explains every diagnostic code parse() can emit, and every input column. */
import { readFileSync } from "fs";
import { join } from "path";
import { DIAGNOSTIC_CODES, INPUT_COLUMNS, INPUT_KINDS } from "../../src/core/model/parse";
import { ANALYSIS_CODES } from "../../src/core/alignment/codes";

const doc = readFileSync(join(__dirname, "../../docs/workbook-format.md"), "utf8");

test.each([...DIAGNOSTIC_CODES])("code %s has a row in the diagnostics table", (code) => {
  expect(doc).toMatch(new RegExp(`^\\| \`${code}\` \\| (error|warning|info)`, "m"));
});

test("the tables list no code that parse(), the analysis or the plan does not emit", () => {
  const known: readonly string[] = [...DIAGNOSTIC_CODES, ...ANALYSIS_CODES];
  const documented = [...doc.matchAll(/^\| `([a-z-]+)` \| (?:error|warning|info)/gm)].map((m) => m[1]);
  expect(documented.filter((code) => !known.includes(code))).toEqual([]);
});

test.each([...ANALYSIS_CODES])("analysis code %s is explained in §11a", (code) => {
  expect(doc).toContain(`\`${code}\``);
});

test("ANALYSIS_CODES lists every code the analysis and plan sources emit", () => {
  const { readdirSync } = jest.requireActual<typeof import("fs")>("fs");
  const emitted = new Set<string>();
  for (const dir of ["alignment", "plan"]) {
    const folder = join(__dirname, "../../src/core", dir);
    for (const file of readdirSync(folder).filter((f) => f.endsWith(".ts"))) {
      const source = readFileSync(join(folder, file), "utf8");
      for (const m of source.matchAll(/code: "([a-z0-9-]+)"/g)) emitted.add(m[1]);
    }
  }
  // The dropped-column codes are built from a family name (diagnostics.ts).
  for (const family of ["lever", "kpi"]) {
    emitted.add(`${family}-no-data`);
    emitted.add(`constant-${family}`);
    emitted.add(`collinear-${family}s`);
  }
  expect([...emitted].filter((c) => !(ANALYSIS_CODES as readonly string[]).includes(c))).toEqual([]);
});

test.each([...INPUT_KINDS])("the %s columns are documented", (kind) => {
  for (const column of INPUT_COLUMNS[kind]) {
    expect(doc).toContain(`| \`${column.header}\` |`);
  }
});
