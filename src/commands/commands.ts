/**
 * Ribbon commands (the manifest's FunctionFile).
 *
 * In the shared runtime this bundle is loaded by taskpane.html together with the task pane and the
 * custom functions. The ribbon has one button today, "RPO Align", a ShowTaskpane action that needs
 * no code; ExecuteFunction handlers would be registered here with Office.actions.associate.
 */

/** Registers ribbon handlers once Office.js is ready; does nothing where Office.js is absent. */
export function registerCommands(): void {
  if (typeof Office === "undefined") return;
  void Office.onReady(() => {
    // No ExecuteFunction commands yet.
  });
}

registerCommands();
