/**
 * A no-op stand-in for the `debug` package (webpack alias, see webpack.config.js).
 *
 * @stdlib's gammaincinv (pulled in by the t-distribution quantile) creates `debug` loggers that only
 * print when the DEBUG environment/localStorage switch is on, which never happens in Excel. The real
 * package (with `ms`) adds about 4 KB minified to the functions bundle and reads `localStorage` and
 * `document` on load; this stub keeps the same call shape and does nothing.
 */
function createDebug() {
  function debug() {}
  debug.enabled = false;
  debug.extend = createDebug;
  return debug;
}
createDebug.enable = function enable() {};
createDebug.disable = function disable() {
  return "";
};
createDebug.enabled = function enabled() {
  return false;
};
createDebug.default = createDebug;
module.exports = createDebug;
