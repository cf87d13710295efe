/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts", "**/*.test.tsx"],
  transform: {
    "^.+\\.tsx?$": ["ts-jest", { tsconfig: "tsconfig.json", diagnostics: false }],
  },
  moduleNameMapper: {
    // office-addin-mock imports office-addin-manifest, whose ESM-only dependency (strip-bom)
    // Jest cannot load; the mock only needs the OfficeApp enum from it.
    "^office-addin-manifest$": "<rootDir>/test/stubs/office-addin-manifest.js",
    "\\.(css|png|svg)$": "<rootDir>/test/stubs/file.js",
    // `new Worker(new URL(..., import.meta.url))` is webpack's syntax; CommonJS cannot load import.meta.
    "/spawn-worker$": "<rootDir>/test/stubs/spawn-worker.js",
  },
  testTimeout: 60000,
  reporters: ["default", "<rootDir>/test/summary-reporter.js"],
};
