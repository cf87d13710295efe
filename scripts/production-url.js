/**
 * Where the production build of the add-in is hosted: the manifest's https://localhost:3000/ URLs
 * are rewritten to it (webpack.config.js). Set RPO_ALIGN_URL at build time, e.g.
 *   RPO_ALIGN_URL=https://addins.contoso.com/rpo-align/ npm run build
 * Without it the build uses a placeholder host that serves nothing (and says so).
 */
const { URL } = require("node:url");

const PLACEHOLDER_URL = "https://rpo-align.example.com/";

/** The production base URL from `value` (RPO_ALIGN_URL): https, ending in "/"; the placeholder when unset. */
function productionUrl(value = process.env.RPO_ALIGN_URL) {
  if (value === undefined || value.trim() === "") return PLACEHOLDER_URL;
  let url;
  try {
    url = new URL(value.trim());
  } catch {
    throw new Error(`RPO_ALIGN_URL is not a URL: "${value}"`);
  }
  if (url.protocol !== "https:")
    throw new Error(`RPO_ALIGN_URL must be an https URL (Office requires it): "${value}"`);
  if (url.search || url.hash) throw new Error(`RPO_ALIGN_URL must not have a query or fragment: "${value}"`);
  return url.href.endsWith("/") ? url.href : `${url.href}/`;
}

module.exports = { PLACEHOLDER_URL, productionUrl };
