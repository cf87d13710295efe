/** docs/workbook-format.md explains every diagnostic code parse() can emit, and every input column. */
import { readFileSync } from "fs";
import { join } from "path";
import { DIAGNOSTIC_CODES, INPUT_COLUMNS, INPUT_KINDS } from "../../src/core/model/parse";

const doc = readFileSync(join(__dirname, "../../docs/workbook-format.md"), "utf8");

test.each([...DIAGNOSTIC_CODES])("code %s has a row in the diagnostics table", (code) => {
  expect(doc).toMatch(new RegExp(`^\\| \`${code}\` \\| (error|warning|info)`, "m"));
});

test("the table lists no code that parse() does not emit", () => {
  const documented = [...doc.matchAll(/^\| `([a-z-]+)` \| (?:error|warning|info)/gm)].map((m) => m[1]);
  expect(documented.filter((code) => !(DIAGNOSTIC_CODES as readonly string[]).includes(code))).toEqual([]);
});

test.each([...INPUT_KINDS])("the %s columns are documented", (kind) => {
  for (const column of INPUT_COLUMNS[kind]) {
    expect(doc).toContain(`| \`${column.header}\` |`);
  }
});
