/**
 * `npm run test:unit`: the fast loop. The pure core's suites (model, stats, alignment, plan,
 * report, sample, the functions' core) with nothing to build or start: no dist/ (the functions
 * bundle, the add-in pages), no LibreOffice, no Chromium, no command-line child processes. Left
 * to `npm test`, which runs every suite: the property sweeps (test/properties), the Monte Carlo
 * judge of the inference and the simulator (test/inference), and the hosts and faces.
 */
const base = require("./jest.config");

const UNIT = ["alignment", "model", "plan", "report", "sample", "stats"];

/** @type {import('jest').Config} */
module.exports = {
  ...base,
  roots: UNIT.map((folder) => `<rootDir>/test/${folder}`).concat("<rootDir>/test/functions"),
  // test/functions holds the bundle's suites too (they need dist/); core and linest are pure.
  testPathIgnorePatterns: ["/node_modules/", "/test/functions/(?!(core|linest)\\.test\\.ts$)"],
};
