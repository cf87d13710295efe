/**
 * Builds the Excel add-in into dist/: one entry per page or runtime piece, as in Microsoft's
 * templates (OfficeDev/Office-Addin-TaskPane-React, Excel-Custom-Functions).
 *
 * - taskpane.html loads the taskpane, commands and functions bundles: in the shared runtime this
 *   one page is the task pane, the ribbon's function file and the custom functions' page
 *   (manifest.xml: <Runtime resid="Taskpane.Url">; docs/architecture.md, "Runtime").
 * - commands.html loads the commands bundle alone (a stand-alone function-file page; the shared
 *   runtime manifest does not reference it).
 * - functions.js is also the custom functions' Script URL; functions.json is generated from the
 *   JSDoc in src/functions/functions.ts by custom-functions-metadata-plugin.
 * - assets/* and manifest*.xml are copied; for production the manifests' https://localhost:3000/
 *   URLs are rewritten to URL_PROD: the environment variable RPO_ALIGN_URL at build time
 *   (scripts/production-url.js; a placeholder host when unset).
 *
 * Type checking is `npm run typecheck` (tsc); ts-loader only transpiles, which keeps builds fast.
 * The dev server (`npm run dev-server`) uses https with office-addin-dev-certs; certificates are
 * only looked up when serving, so `npm run build` never needs them.
 */
const path = require("path");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const CustomFunctionsMetadataPlugin = require("custom-functions-metadata-plugin");
const webpack = require("webpack");
const HtmlWebpackPlugin = require("html-webpack-plugin");

const { PLACEHOLDER_URL, productionUrl } = require("./scripts/production-url");

const URL_DEV = "https://localhost:3000/";
/** Where the production build is hosted: RPO_ALIGN_URL (see README, "Deploying"). */
const URL_PROD = productionUrl();

const OFFICE_JS = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";

async function httpsServerOptions() {
  // Required lazily: only `webpack serve` needs (and may create) the localhost certificates.
  const devCerts = require("office-addin-dev-certs");
  const options = await devCerts.getHttpsServerOptions();
  return { ca: options.ca, key: options.key, cert: options.cert };
}

module.exports = async (env, argv) => {
  const dev = argv.mode === "development";
  const serving = Boolean(env && env.WEBPACK_SERVE);
  if (!dev && URL_PROD === PLACEHOLDER_URL) {
    console.warn(`RPO_ALIGN_URL is not set: dist/manifest.xml points at the placeholder ${PLACEHOLDER_URL}`);
  }

  return {
    devtool: "source-map",
    // Office's web views (Edge WebView2, Safari/WKWebView, Excel on the web in current browsers)
    // run ES2020; saying so lets webpack's runtime use globalThis instead of `new Function`.
    target: ["web", "es2020"],
    entry: {
      taskpane: "./src/taskpane/index.tsx",
      commands: "./src/commands/commands.ts",
      // publicPath "": the lazily loaded LP solver chunk (highs.js + its .wasm) is fetched relative to
      // the page (dist/taskpane.html in the shared runtime). "auto" would need document.currentScript
      // at start-up, which Excel's JavaScript-only custom-functions runtime does not have.
      functions: { import: "./src/functions/functions.ts", publicPath: "" },
    },
    output: {
      path: path.resolve(__dirname, "dist"),
      // Fixed names: the manifest points at functions.js and functions.json directly.
      filename: "[name].js",
      // The chunk-loading registry lives on globalThis, which Excel's JavaScript-only custom-functions
      // runtime has (it has no `self`); the functions bundle now has a lazy chunk (the LP solver).
      globalObject: "globalThis",
      clean: true,
    },
    resolve: {
      extensions: [".ts", ".tsx", ".js"],
      alias: {
        // Functions bundle size: @stdlib's t quantile (gammaincinv) imports the `debug` logger,
        // which is never switched on in Excel; a no-op stub saves ~4 KB minified and keeps the
        // bundle from touching localStorage/document on load. (Resolve aliases apply to every
        // entry; the task pane, which bundles the same core, benefits too.)
        debug$: path.resolve(__dirname, "src/functions/debug-stub.js"),
        // The solver's CommonJS build: the ES-module build locates highs.wasm through
        // `new URL(..., import.meta.url)`, which makes webpack's runtime read self.location at
        // start-up (absent in the JavaScript-only custom-functions runtime). We pass locateFile.
        highs$: path.resolve(__dirname, "node_modules/highs/build/highs.js"),
      },
      // highs (the LP solver, loaded lazily as its own chunk) imports Node built-ins only when it
      // runs under Node; in the browser they are never reached.
      fallback: { module: false, fs: false, path: false, url: false, crypto: false },
    },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: {
            loader: "ts-loader",
            options: {
              transpileOnly: true,
              // ES modules let webpack tree-shake Fluent UI; tsconfig.json says commonjs for Jest/tsc.
              compilerOptions: { module: "es2020", sourceMap: true },
            },
          },
        },
      ],
    },
    plugins: [
      new webpack.NormalModuleReplacementPlugin(/^node:/, (resource) => {
        resource.request = resource.request.replace(/^node:/, "");
      }),
      new CustomFunctionsMetadataPlugin({
        output: "functions.json",
        input: "./src/functions/functions.ts",
      }),
      new HtmlWebpackPlugin({
        filename: "taskpane.html",
        template: "./src/taskpane/taskpane.html",
        chunks: ["taskpane", "commands", "functions"],
        chunksSortMode: "manual",
        templateParameters: { officeJs: OFFICE_JS },
      }),
      new HtmlWebpackPlugin({
        filename: "commands.html",
        template: "./src/commands/commands.html",
        chunks: ["commands"],
        templateParameters: { officeJs: OFFICE_JS },
      }),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets/*", to: "assets/[name][ext]", info: { minimized: true } },
          // The LP solver's WebAssembly, fetched by RPO.PLAN on first use (src/hosts/lp/highs.ts).
          { from: "node_modules/highs/build/highs.wasm", to: "highs.wasm", info: { minimized: true } },
          {
            from: "manifest*.xml",
            to: "[name][ext]",
            info: { minimized: true },
            transform(content) {
              return dev ? content : content.toString().replace(new RegExp(URL_DEV, "g"), URL_PROD);
            },
          },
        ],
      }),
    ],
    performance: {
      // The task pane bundle carries React and Fluent UI; warn only well above that.
      maxAssetSize: 1024 * 1024,
      maxEntrypointSize: 1024 * 1024,
    },
    devServer: {
      headers: { "Access-Control-Allow-Origin": "*" },
      port: Number(process.env.npm_package_config_dev_server_port) || 3000,
      server: serving ? { type: "https", options: await httpsServerOptions() } : undefined,
    },
  };
};
