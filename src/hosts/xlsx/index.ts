/** The .xlsx host: read a workbook's inputs and add our output sheets, on bytes in memory. */
export { XlsxFormatError, type XlsxFormatKind } from "./errors";
export { XlsxHost } from "./host";
export { createWorkbook } from "./package";
export { readXlsx, type ReadXlsxOptions } from "./read";
export { writeOutputs, type WriteResult } from "./write";
