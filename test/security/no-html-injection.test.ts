/**
 * User text never becomes HTML: the task pane renders text through React (which escapes it), never
 * through raw-HTML sinks. Scans the task pane's and every other face's source (tsx/ts/js).
 */
import * as fs from "node:fs";
import * as path from "node:path";

const SRC = path.join(__dirname, "../../src");

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sources(full);
    return /\.(tsx?|jsx?|html)$/.test(e.name) ? [full] : [];
  });
}

/** Raw-HTML sinks: each would turn a workbook name into markup (and script). */
const SINKS: [string, RegExp][] = [
  ["dangerouslySetInnerHTML", /dangerouslySetInnerHTML/],
  ["innerHTML", /\.innerHTML\b/],
  ["outerHTML", /\.outerHTML\s*=/],
  ["insertAdjacentHTML", /insertAdjacentHTML\s*\(/],
  ["document.write", /document\.write(ln)?\s*\(/],
  ["createContextualFragment", /createContextualFragment\s*\(/],
  ["DOMParser text/html", /parseFromString\([^)]*text\/html/],
  ["eval", /\beval\s*\(/],
  ["new Function", /new\s+Function\s*\(/],
];

test("the task pane exists and is scanned", () => {
  expect(sources(path.join(SRC, "taskpane")).length).toBeGreaterThan(3);
});

/** The file with comments blanked out (line numbers kept): prose may mention what code must not do. */
function code(file: string): string[] {
  const blank = (m: string) => m.replace(/[^\n]/g, " ");
  return fs
    .readFileSync(file, "utf8")
    .replace(/<!--[\s\S]*?-->/g, blank)
    .replace(/\/\*[\s\S]*?\*\//g, blank)
    .replace(/(^|[^:"'`])\/\/.*$/gm, (m, pre: string) => pre + blank(m.slice(pre.length)))
    .split("\n");
}

test.each(SINKS)("no %s anywhere in src/", (_name, pattern) => {
  const hits = sources(SRC).flatMap((file) =>
    code(file)
      .map((line, i) => ({ line, at: `${path.relative(SRC, file)}:${i + 1}` }))
      .filter(({ line }) => pattern.test(line))
      .map(({ at }) => at),
  );
  expect(hits).toEqual([]);
});

test("the scan sees through code but not comments", () => {
  const probe = path.join(__dirname, "../../test-output/sink-probe.tsx");
  fs.mkdirSync(path.dirname(probe), { recursive: true });
  fs.writeFileSync(
    probe,
    "// innerHTML in a comment\nconst a = <div dangerouslySetInnerHTML={{ __html: x }} />;\n",
  );
  const lines = code(probe);
  expect(SINKS[0][1].test(lines[1])).toBe(true);
  expect(/innerHTML/.test(lines[0])).toBe(false);
});
