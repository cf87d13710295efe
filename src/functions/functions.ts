/**
 * Excel custom functions of RPO Align (namespace RPO, set in manifest.xml).
 *
 * Thin wrappers over src/core: read what Excel passes, call core, turn core error cells into
 * CustomFunctions.Error. The JSDoc below is what Excel shows in formula autocomplete, and
 * custom-functions-metadata-plugin generates functions.json from it; the plugin also appends
 * `CustomFunctions.associate("<ID>", <function>)` for each function to this module at build time.
 *
 * This bundle must stay small and free of DOM use: Excel can run it in its JavaScript-only
 * custom-functions runtime (in the shared runtime it runs inside the task pane page).
 */
import { linest } from "../core/stats/linest";
import { ols } from "../core/stats/ols";
import { toExcelMatrix, toThrownError } from "./errors";

// Outside Excel (the task pane page opened in a plain browser, office.js absent) there is no
// CustomFunctions runtime; the registration calls appended to this module must not throw there.
if (typeof CustomFunctions === "undefined") {
  (globalThis as { CustomFunctions?: unknown }).CustomFunctions = { associate: () => undefined };
}

/**
 * Least-squares regression with LINEST's output, that tells you when it drops a column. Enter it like LINEST: same arguments, same result layout.
 * @customfunction REGRESS
 * @helpurl https://github.com/rpo-align/rpo-align/blob/main/docs/functions.md#regress
 * @param {any[][]} known_y The y values you already know, in one column (or one row): the figure to explain, e.g. hires per month.
 * @param {any[][]} [known_x] The x values: one column per driver when known_y is a column (one row per driver when it is a row). Rows with a blank are left out. Omitted: 1, 2, 3, ...
 * @param {boolean} [constant] TRUE or omitted: fit the constant b normally. FALSE: force b = 0.
 * @param {boolean} [stats] TRUE: also return standard errors, R², F, degrees of freedom and sums of squares (5 rows, as LINEST). FALSE or omitted: coefficients only.
 * @returns {any[][]} The coefficients in reverse order of the x columns, then the constant b; with stats, LINEST's 5-row block.
 */
export function regress(known_y: unknown[][], known_x?: unknown[][], constant?: boolean, stats?: boolean) {
  try {
    return toExcelMatrix(linest({ knownY: known_y, knownX: known_x, constant, stats }, ols));
  } catch (error) {
    throw toThrownError(error, "REGRESS");
  }
}
