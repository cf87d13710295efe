/**
 * Measured figures a suite reports beside its assertions (accuracy against a reference, request
 * sizes, sync counts). A plain Jest run stays quiet; `RPO_TEST_FIGURES=1 npx jest <suite>` prints
 * them. The assertions are the same either way.
 */
export function printFigures(text: string): void {
  if (process.env.RPO_TEST_FIGURES) console.log(text);
}
