/**
 * The production build in dist/: the files the manifest points at, generated function metadata,
 * pages wired for the shared runtime, and nothing a strict Content Security Policy would refuse.
 */
import * as fs from "fs";
import * as path from "path";
import { productionDist } from "./dist";
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a CommonJS build script
const { productionUrl } = require("../../scripts/production-url") as { productionUrl: () => string };

interface Metadata {
  functions: {
    id: string;
    name: string;
    description?: string;
    helpUrl?: string;
    parameters: { name: string; description?: string; optional?: boolean; dimensionality?: string }[];
    result: { dimensionality?: string };
  }[];
}

let dist: string;
const read = (file: string) => fs.readFileSync(path.join(dist, file), "utf8");

/** src attributes of the <script> tags of an HTML page, in order (quoted or not: the HTML is minified). */
function scripts(html: string): string[] {
  return Array.from(html.matchAll(/<script\b[^>]*\bsrc=(?:"([^"]+)"|([^\s>]+))/g), (m) => m[1] ?? m[2]);
}

// Building (only when dist/ is missing or a development build) can take a minute on a busy machine.
beforeAll(() => {
  dist = productionDist();
}, 300_000);

describe("production build", () => {
  test("has the pages, bundles, metadata, manifest and icons", () => {
    for (const file of [
      "taskpane.html",
      "commands.html",
      "taskpane.js",
      "commands.js",
      "functions.js",
      "functions.json",
      "manifest.xml",
      ...[16, 32, 64, 80, 128].map((size) => `assets/icon-${size}.png`),
    ]) {
      expect(fs.existsSync(path.join(dist, file))).toBe(true);
    }
  });

  test("functions.json describes REGRESS for Excel's autocomplete", () => {
    const metadata: Metadata = JSON.parse(read("functions.json"));
    const regress = metadata.functions.find((f) => f.id === "REGRESS");
    if (!regress) throw new Error("REGRESS missing from functions.json");
    expect(regress.name).toBe("REGRESS");
    expect(regress.description).toMatch(/LINEST/);
    expect(regress.helpUrl).toBe(
      "https://github.com/rpo-align/rpo-align/blob/main/docs/functions.md#regress",
    );
    expect(regress.parameters.map((p) => p.name)).toEqual(["known_y", "known_x", "constant", "stats"]);
    for (const parameter of regress.parameters)
      expect((parameter.description ?? "").length).toBeGreaterThan(20);
    expect(regress.parameters.map((p) => Boolean(p.optional))).toEqual([false, true, true, true]);
    expect(regress.parameters[0].dimensionality).toBe("matrix");
    expect(regress.result.dimensionality).toBe("matrix");
  });

  test("taskpane.html loads office.js from the CDN, then the task pane, commands and functions", () => {
    expect(scripts(read("taskpane.html"))).toEqual([
      "https://appsforoffice.microsoft.com/lib/1/hosted/office.js",
      "taskpane.js",
      "commands.js",
      "functions.js",
    ]);
    expect(scripts(read("commands.html"))).toEqual([
      "https://appsforoffice.microsoft.com/lib/1/hosted/office.js",
      "commands.js",
    ]);
  });

  test("the production manifest points at the production host, and at files the build contains", () => {
    const manifest = read("manifest.xml");
    expect(manifest).not.toContain("localhost");
    // The origin the build was made for: RPO_ALIGN_URL, or the placeholder when it was unset.
    const origin = productionUrl();
    const served = Array.from(manifest.matchAll(/DefaultValue="([^"]+)"/g), (m) => m[1]).filter((url) =>
      url.startsWith(origin),
    );
    expect(served.length).toBeGreaterThan(5);
    for (const url of served) expect(fs.existsSync(path.join(dist, url.slice(origin.length)))).toBe(true);
  });

  test("no eval or new Function in the production JavaScript", () => {
    for (const file of fs.readdirSync(dist).filter((f) => f.endsWith(".js"))) {
      const code = read(file);
      expect(code).not.toMatch(/\beval\(/);
      expect(code).not.toMatch(/new Function\b/);
    }
  });

  test("the functions bundle stays small and uses no DOM", () => {
    const code = read("functions.js");
    expect(code).not.toMatch(/react|fluentui/i);
    // 200 KB minified: SENSITIVITY's "auto" model carries the unit-root, stationarity and
    // Breusch–Godfrey tests with MacKinnon's tables (the bundle was 176 KB after they came in).
    expect(Buffer.byteLength(code)).toBeLessThan(200 * 1024);
  });
});
