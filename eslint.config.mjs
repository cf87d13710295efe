import js from "@eslint/js";
import tseslint from "typescript-eslint";
import reactHooks from "eslint-plugin-react-hooks";
import prettier from "eslint-config-prettier";

export default tseslint.config(
  { ignores: ["node_modules", "dist", "build", "out", "coverage", "test-output", "test/fixtures"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  // Type-aware rules (floating promises, unsafe any, misused promises, needless assertions, ...)
  // on the shipped code. Tests and benchmarks keep the syntactic set: they read JSON fixtures and
  // fakes typed `any` on purpose (175 findings there, mostly no-unsafe-member-access, are left to a
  // follow-up).
  ...tseslint.configs.recommendedTypeChecked.map((config) => ({ ...config, files: ["src/**/*.{ts,tsx}"] })),
  {
    files: ["src/**/*.{ts,tsx}"],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
  },
  // The task pane's React components and hooks: the Rules of Hooks, complete effect dependencies,
  // and the React Compiler's checks (no state set during render, refs read in effects, ...).
  {
    files: ["src/taskpane/**/*.{ts,tsx}", "test/taskpane/**/*.{ts,tsx}"],
    ...reactHooks.configs.flat.recommended,
  },
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
  // The layer rules (what src/core, hosts and faces may import) are dependency-cruiser's:
  // .dependency-cruiser.cjs, run by `npm run lint`.
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // Excel shows a custom function's error only when it throws a CustomFunctions.Error, which is
    // not an Error subclass.
    files: ["src/functions/**/*.ts"],
    rules: {
      "@typescript-eslint/only-throw-error": [
        "error",
        { allow: [{ from: "package", package: "@types/custom-functions-runtime", name: "Error" }] },
      ],
    },
  },
);
