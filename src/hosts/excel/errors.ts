/** Errors the Excel host reports to the user. Messages are for the user; `kind` is for code and tests. */
import { errorCode, errorText } from "./run";

export type ExcelWriteErrorKind = "protected" | "names" | "rejected" | "cancelled" | "unsupported";

export class ExcelWriteError extends Error {
  constructor(
    readonly kind: ExcelWriteErrorKind,
    message: string,
    readonly detail?: unknown,
  ) {
    super(message);
    this.name = "ExcelWriteError";
  }
}

export const PROTECTED_MESSAGE =
  "The workbook is protected: unprotect it (Review › Protect Workbook) and run again. " +
  "Nothing was changed.";

const UNCHANGED = "Your input sheets and the previous results were left as they were.";

function looksProtected(error: unknown): boolean {
  const code = errorCode(error);
  return code === "AccessDenied" || /protect/i.test(errorText(error));
}

/** The user-facing error for a failed write step (`leftovers`: temporary sheets we could not remove). */
export function writeFailure(
  error: unknown,
  step: string,
  leftovers: string[] = [],
  partial = false,
): ExcelWriteError {
  if (error instanceof ExcelWriteError) return error;
  if (typeof error === "object" && error !== null && (error as { name?: string }).name === "AbortError") {
    return new ExcelWriteError("cancelled", `Writing the results was cancelled. ${UNCHANGED}`, error);
  }
  if (looksProtected(error)) return new ExcelWriteError("protected", PROTECTED_MESSAGE, error);
  const code = errorCode(error);
  const what =
    code === "RequestPayloadSizeLimitExceeded"
      ? "the update was too large for Excel on the web"
      : errorText(error);
  let message = `Excel rejected the update while ${step} (${code ? `${code}: ` : ""}${what}). `;
  message += partial
    ? "Some result sheets were already replaced and the others still hold the previous results; run again to bring them all up to date."
    : UNCHANGED;
  if (leftovers.length > 0) {
    message += ` Hidden temporary sheets (${leftovers.join(", ")}) could not be removed; rpo-align removes them on the next run.`;
  }
  return new ExcelWriteError("rejected", message, error);
}

/**
 * The commit was refused again and again because co-authors kept changing the result sheets or
 * headline names (ItemAlreadyExists / ItemNotFound) while this run was saving.
 */
export function coauthorCollisionFailure(
  error: unknown,
  attempts: number,
  leftovers: string[],
): ExcelWriteError {
  const code = errorCode(error);
  let message =
    `A co-author's analysis kept changing the result sheets while this one was saving its results: ` +
    `Excel refused the update ${attempts} times (${code ? `${code}: ` : ""}${errorText(error)}). ` +
    "The result sheets hold a co-author's results or a mix of theirs and yours; every sheet is " +
    "complete and stamped with the run that wrote it. Run again once their analysis has finished.";
  if (leftovers.length > 0) {
    message += ` Hidden temporary sheets (${leftovers.join(", ")}) could not be removed; rpo-align removes them on the next run.`;
  }
  return new ExcelWriteError("rejected", message, error);
}

export const UNSUPPORTED_MESSAGE =
  "This version of Excel is too old for rpo-align to write its results (it needs ExcelApi 1.9: " +
  "Microsoft 365, Excel 2021 or 2019, or Excel on the web). Nothing was changed.";
