/**
 * The lever plan's LP solver in the browser: HiGHS (src/hosts/lp/highs.ts) in its own lazily
 * loaded chunk, its WebAssembly fetched from next to the page (webpack copies highs.wasm into
 * dist/). Nothing of it is in the task pane's initial bundle.
 */
import type { LpSolver } from "../core/plan/lp";

export async function loadBrowserSolver(): Promise<LpSolver> {
  const { loadHighsSolver } = await import(/* webpackChunkName: "highs" */ "../hosts/lp/highs");
  return loadHighsSolver({ locateFile: (file) => new URL(file, document.baseURI).href });
}
