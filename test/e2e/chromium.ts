/**
 * The headless Chromium every browser check drives (the playground and long-task tests, and
 * `npm run bench:pane`): Debian's package, without network side traffic the sandbox has no use for.
 */
export const CHROMIUM = "/usr/bin/chromium";

export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
