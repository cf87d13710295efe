#!/usr/bin/env node
// Entry of the rpo-align command. The TypeScript sources are compiled to build/ by `npm run build:cli`
// (run automatically by `npm ci` / `npm install` through the "prepare" script).
const path = require("node:path");
const fs = require("node:fs");
const entry = path.join(__dirname, "..", "build", "src", "cli", "main.js");
if (!fs.existsSync(entry)) {
  process.stderr.write(
    "rpo-align: the command is not built yet. Run `npm run build:cli` (or `npm ci`) first.\n",
  );
  process.exit(2);
}
require(entry)
  .main(process.argv.slice(2))
  .then((code) => {
    process.exitCode = code;
  });
