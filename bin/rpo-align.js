#!/usr/bin/env node
// Entry of the rpo-align command. The TypeScript sources are compiled to build/ by `npm run build:cli`
// (run automatically by `npm ci` / `npm install` through the "prepare" script).
const path = require("node:path");
const fs = require("node:fs");
const entry = path.join(__dirname, "..", "build", "src", "cli", "main.js");
// src/cli/exit-codes.ts is compiled with the command, so the two codes used before it exists are
// spelled here: a missing build is the caller's to fix (as a usage error), a crash is ours.
const EXIT_USAGE = 2;
const EXIT_INTERNAL_ERROR = 3;
if (!fs.existsSync(entry)) {
  process.stderr.write(
    "rpo-align: the command is not built yet. Run `npm run build:cli` (or `npm ci`) first.\n",
  );
  process.exit(EXIT_USAGE);
}
require(entry)
  .main(process.argv.slice(2))
  .then(
    (code) => {
      process.exitCode = code;
    },
    (error) => {
      process.stderr.write(`rpo-align: internal error: ${error instanceof Error ? error.message : error}\n`);
      process.exitCode = EXIT_INTERNAL_ERROR;
    },
  );
