/** Tool version shown on the Summary sheet and by `rpo-align --version`; kept equal to package.json by a test. */
export const TOOL_VERSION = "0.1.0";
