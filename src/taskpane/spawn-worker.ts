/**
 * Starts the analysis worker. webpack 5 turns exactly this expression into a separate chunk
 * (dist/analysis-worker.js); the page's Content-Security-Policy allows it (`worker-src 'self'`).
 * Jest cannot load `import.meta` in CommonJS, so jest.config.js maps this module to a stub (jsdom
 * has no Worker: the task pane then runs in-thread).
 */
export function spawnAnalysisWorker(): Worker {
  // import.meta needs an ES module target: webpack compiles this file as one (webpack.config.js);
  // tsconfig.json says commonjs for Jest and tsc, hence the expected error.
  return new Worker(
    /* webpackChunkName: "analysis-worker" */
    // @ts-expect-error -- TS1343 under module commonjs
    new URL("./analysis.worker.ts", import.meta.url),
    { name: "rpo-align analysis" },
  );
}
