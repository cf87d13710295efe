/**
 * The task pane's analysis worker (a separate chunk: worker-engine.ts starts it with
 * `new Worker(new URL("./analysis.worker.ts", import.meta.url))`). It has no Office.js, DOM or
 * React: requests and answers are plain data (analysis-work.ts). The lever plan's solver, HiGHS as
 * WebAssembly, is loaded here on the first run that plans; highs.wasm sits next to this chunk.
 */
import { loadHighsSolver } from "../hosts/lp/highs";
import { createWorkHandler, type WorkMessage, type WorkRequest } from "./analysis-work";

interface WorkerScope {
  location: { href: string };
  onmessage: ((event: { data: WorkRequest }) => void) | null;
  postMessage(message: WorkMessage, transfer?: Transferable[]): void;
}

const scope = globalThis as unknown as WorkerScope;
const handle = createWorkHandler({
  loadSolver: () => loadHighsSolver({ locateFile: (file) => new URL(file, scope.location.href).href }),
});
scope.onmessage = (event) => {
  void handle(event.data, (message, transfer) => scope.postMessage(message, transfer ?? []));
};
