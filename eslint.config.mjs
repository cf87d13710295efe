import js from "@eslint/js";
import tseslint from "typescript-eslint";
import prettier from "eslint-config-prettier";

export default tseslint.config(
  { ignores: ["node_modules", "dist", "build", "out", "coverage", "test-output", "test/fixtures"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    files: ["**/*.js", "**/*.cjs"],
    languageOptions: {
      sourceType: "commonjs",
      globals: {
        require: "readonly",
        module: "writable",
        __dirname: "readonly",
        process: "readonly",
        console: "readonly",
      },
    },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  {
    // The core is pure TypeScript: every face (task pane, functions, CLI) shares it.
    files: ["src/core/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: [
                "react",
                "react-dom",
                "@fluentui/*",
                "@microsoft/*",
                "office-*",
                "exceljs",
                "fflate",
                "fs",
                "path",
                "node:*",
              ],
              message: "src/core must not depend on hosts, UI or Node APIs.",
            },
            {
              group: ["../../hosts/*", "../../taskpane/*", "../../functions/*", "../../cli/*"],
              message: "src/core must not import from outside src/core.",
            },
          ],
        },
      ],
    },
  },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
);
