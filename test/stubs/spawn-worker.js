// Jest stand-in for src/taskpane/spawn-worker.ts (import.meta cannot load in CommonJS). jsdom has
// no Worker, so the task pane picks its in-thread engine and never calls this.
module.exports = {
  spawnAnalysisWorker() {
    throw new Error("No Web Worker under Jest: the task pane runs in-thread.");
  },
};
