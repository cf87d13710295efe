/**
 * The seam between our code and Office.js: every Excel operation receives a `run` function with
 * Excel.run's shape. Production passes Excel.run; tests pass a fake or office-addin-mock context.
 */
export type ExcelRun = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

/** Excel.run, looked up when called (the global `Excel` is undefined outside Office). */
export const excelRun: ExcelRun = (batch) => {
  if (typeof Excel === "undefined") {
    return Promise.reject(new Error("Excel is not available: open rpo-align from Excel's Home tab."));
  }
  return Excel.run(batch);
};

/** Office.js errors carry a `code` (e.g. "ItemNotFound", "AccessDenied"); other errors do not. */
export function errorCode(error: unknown): string | null {
  if (typeof error === "object" && error !== null && "code" in error) {
    const code = error.code;
    return typeof code === "string" ? code : null;
  }
  return null;
}

export function errorText(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === "object" && error !== null && "message" in error) return String(error.message);
  return String(error);
}

/** The ExcelApi requirement set the add-in needs (range.copyFrom, worksheet events, names' formulas). */
export const REQUIRED_EXCEL_API = "1.9";

/**
 * Whether this Excel supports ExcelApi `version` (Office.context.requirements.isSetSupported).
 * Outside Office (tests, the playground) there is nothing to ask, and the answer is yes.
 */
export function excelApiSupported(version: string): boolean {
  if (typeof Office === "undefined") return true;
  const requirements = Office.context?.requirements;
  if (!requirements || typeof requirements.isSetSupported !== "function") return true;
  return requirements.isSetSupported("ExcelApi", version);
}
