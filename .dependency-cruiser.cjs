/**
 * The layer rules of docs/architecture.md ("Dependency rules"), checked by `npm run lint`
 * (`npm run lint:deps` alone). Type-only imports count (tsPreCompilationDeps): a type cycle is
 * still a knot a reader has to untie.
 */
const FACES = "src/(taskpane|functions|cli|commands)/";
const NPM = ["npm", "npm-dev", "npm-optional", "npm-peer", "npm-bundled", "npm-no-pkg", "npm-unknown"];

/** A rule that forbids imports from `from` to `to` (path regular expressions). */
const forbid = (name, comment, from, to) => ({ name, comment, severity: "error", from, to });

module.exports = {
  forbidden: [
    forbid(
      "no-cycles",
      "No module imports itself through others, type imports included.",
      {},
      { circular: true },
    ),

    // The core is pure TypeScript: every face and host shares it.
    forbid(
      "core-imports-only-core",
      "src/core imports nothing outside src/core: no host, face or ribbon command.",
      { path: "^src/core/" },
      { path: "^src/(?!core/)" },
    ),
    forbid(
      "core-no-node-builtins",
      "src/core runs in the browser, the worker and Excel's custom-functions runtime: no Node API.",
      { path: "^src/core/" },
      { dependencyTypes: ["core"] },
    ),
    forbid(
      "core-packages-are-numeric-only",
      "src/core may use the @stdlib numeric packages only: no React, Fluent UI, Office.js, fflate or HiGHS.",
      { path: "^src/core/" },
      { dependencyTypes: NPM, pathNot: "node_modules/@stdlib/" },
    ),

    // Inside the core, data flows one way: model -> alignment -> plan -> report (stats and dates below).
    forbid(
      "stats-and-dates-at-the-bottom",
      "core/stats and core/dates.ts know nothing of the engagement model or the analysis.",
      { path: "^src/core/(stats/|dates\\.ts)" },
      { path: "^src/core/(?!stats/|dates\\.ts)" },
    ),
    forbid(
      "model-below-analysis",
      "core/model parses the raw sheets; it does not know the analysis, plan or report.",
      { path: "^src/core/model/" },
      { path: "^src/core/(alignment|plan|report|functions|sample)/|^src/core/(pipeline|results)\\.ts" },
    ),
    forbid(
      "alignment-below-plan",
      "core/alignment does not know the plan, the report or the custom functions (the plan reads the alignment).",
      { path: "^src/core/alignment/" },
      { path: "^src/core/(plan|report|functions|sample)/|^src/core/(pipeline|results)\\.ts" },
    ),
    forbid(
      "plan-below-report",
      "core/plan does not know the report, the custom functions or the pipeline.",
      { path: "^src/core/plan/" },
      { path: "^src/core/(report|functions|sample)/|^src/core/(pipeline|results)\\.ts" },
    ),
    forbid(
      "report-below-pipeline",
      "core/report turns results into sheet specs; it does not run the pipeline or the functions.",
      { path: "^src/core/report/" },
      { path: "^src/core/(functions|sample)/|^src/core/pipeline\\.ts" },
    ),
    forbid(
      "functions-core-not-report",
      "core/functions computes what the RPO.* functions return; it does not build sheets or run the pipeline.",
      { path: "^src/core/functions/" },
      { path: "^src/core/(report|sample)/|^src/core/pipeline\\.ts" },
    ),

    // Hosts: where a workbook lives. They serve the faces, never the reverse.
    forbid(
      "hosts-not-faces",
      "src/hosts import the core only: no task pane, custom functions, command line or ribbon command.",
      { path: "^src/hosts/" },
      { path: `^${FACES}` },
    ),
    forbid(
      "hosts-no-ui",
      "src/hosts have no UI: no React or Fluent UI.",
      { path: "^src/hosts/" },
      { path: "node_modules/(react|react-dom|@fluentui)/" },
    ),

    // Faces: each talks to the core (and hosts); none imports another face.
    forbid(
      "faces-independent",
      "A face (task pane, custom functions, command line, ribbon commands) does not import another face.",
      { path: "^src/(taskpane)/" },
      { path: "^src/(functions|cli|commands)/" },
    ),
    forbid(
      "faces-independent-cli",
      "The command line does not import another face.",
      { path: "^src/cli/" },
      { path: "^src/(taskpane|functions|commands)/" },
    ),
    forbid(
      "faces-independent-functions",
      "The custom functions do not import another face.",
      { path: "^src/functions/" },
      { path: "^src/(taskpane|cli|commands)/" },
    ),
    forbid(
      "functions-no-workbook-host",
      "The custom functions wrap the core; they read no workbook through a host (only the LP solver, hosts/lp, which RPO.PLAN needs).",
      { path: "^src/functions/" },
      { path: "^src/hosts/(?!lp/)" },
    ),
    forbid(
      "functions-no-ui",
      "The functions bundle stays DOM-free and small: no React or Fluent UI.",
      { path: "^src/functions/" },
      { path: "node_modules/(react|react-dom|@fluentui)/" },
    ),
    forbid(
      "src-not-tests",
      "Shipped code does not import tests, benchmarks or scripts.",
      { path: "^src/" },
      { path: "^(test|bench|scripts)/" },
    ),
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    exclude: { path: "\\.(css|png|svg|html)$" },
  },
};
