/** The browser playground's host: an .xlsx workbook in memory (see workbook.ts). */
export { PlaygroundWorkbook, SAMPLE_FILE_NAME } from "./workbook";
