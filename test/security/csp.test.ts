/**
 * The task pane page carries a Content-Security-Policy that lets scripts come only from the add-in
 * itself and from Office's script host, never from inline code or eval; and no production bundle
 * needs eval or new Function (so the policy never has to allow 'unsafe-eval').
 *
 * Proposed tag (in src/taskpane/taskpane.html's <head>, before the office.js script):
 *   <meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self' 'wasm-unsafe-eval' https://appsforoffice.microsoft.com; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'none'" />
 * ('unsafe-inline' for styles only: Fluent UI's Griffel inserts style elements at run time.)
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { productionDist } from "../addin/dist";

const OFFICE = "https://appsforoffice.microsoft.com";
let dist: string;
beforeAll(() => {
  dist = productionDist();
}, 300_000);

/** The CSP meta tag's directives, or null when the page has none. */
function csp(html: string): Map<string, string[]> | null {
  const tag = [...html.matchAll(/<meta\b[^>]*>/gi)]
    .map((m) => m[0])
    .find((t) => /http-equiv=["']?Content-Security-Policy/i.test(t));
  if (!tag) return null;
  const content = /content=(?:"([^"]*)"|'([^']*)')/i.exec(tag);
  const policy = content?.[1] ?? content?.[2] ?? "";
  return new Map(
    policy
      .split(";")
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...sources]) => [name.toLowerCase(), sources] as const),
  );
}

describe("dist/taskpane.html Content-Security-Policy", () => {
  test("scripts only from 'self' and Office's script host; no inline script, no eval, no plugins", () => {
    const policy = csp(fs.readFileSync(path.join(dist, "taskpane.html"), "utf8"));
    expect(policy).not.toBeNull();
    const scripts = policy!.get("script-src") ?? policy!.get("default-src") ?? [];
    // 'wasm-unsafe-eval' allows compiling WebAssembly (the plan's LP solver), never JavaScript eval.
    expect([...scripts].sort()).toEqual(["'self'", "'wasm-unsafe-eval'", OFFICE].sort());
    expect(policy!.get("default-src")).toEqual(["'self'"]);
    expect(policy!.get("object-src")).toEqual(["'none'"]);
    // The analysis runs in a Web Worker from this origin (src/taskpane/analysis.worker.ts), and only there.
    expect(policy!.get("worker-src")).toEqual(["'self'"]);
    for (const [, sources] of policy!) {
      expect(sources).not.toContain("'unsafe-eval'");
      expect(sources).not.toContain("*");
    }
    // Every script the page loads is allowed by the policy.
    const html = fs.readFileSync(path.join(dist, "taskpane.html"), "utf8");
    for (const m of html.matchAll(/<script\b[^>]*\bsrc=(?:"([^"]+)"|([^\s>]+))/g)) {
      const src = m[1] ?? m[2];
      expect(src.startsWith(`${OFFICE}/`) || !/^[a-z]+:/i.test(src)).toBe(true);
    }
    // No inline script bodies (they would need 'unsafe-inline').
    expect(
      [...html.matchAll(/<script\b(?![^>]*\bsrc=)[^>]*>([^<]*)<\/script>/g)].filter((m) => m[1].trim()),
    ).toEqual([]);
  });
});

describe("production bundles", () => {
  function scripts(dir: string): string[] {
    return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) return scripts(full);
      return e.name.endsWith(".js") ? [full] : [];
    });
  }

  test("no eval, new Function or string timers in any chunk (dist/**/*.js)", () => {
    const files = scripts(dist);
    expect(files.map((f) => path.basename(f))).toEqual(
      expect.arrayContaining(["taskpane.js", "commands.js", "functions.js"]),
    );
    for (const file of files) {
      const code = fs.readFileSync(file, "utf8");
      const found = [
        /\beval\s*\(/,
        /new\s+Function\s*\(/,
        /\bFunction\s*\(\s*["'`]/,
        /set(Timeout|Interval)\s*\(\s*["'`]/,
      ]
        .filter((p) => p.test(code))
        .map(String);
      expect({ file: path.relative(dist, file), found }).toEqual({
        file: path.relative(dist, file),
        found: [],
      });
    }
  });
});
