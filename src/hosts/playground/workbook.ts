/**
 * The browser playground's workbook: an .xlsx package held in memory (opened from disk or built
 * from the sample), behind the same WorkbookHost interface as Excel. Before a workbook is opened,
 * reading gives an empty workbook (no inputs), so the task pane offers the sample.
 * No DOM and no React here: the page wiring is src/taskpane/playground.tsx.
 */
import type { RawWorkbook } from "../../core/model/raw";
import type { SheetSpec } from "../../core/report/spec";
import { buildSampleWorkbook } from "../../core/sample/template";
import type { HostProgress, PortableWorkbook, WorkbookHost, WriteOutcome } from "../host";
import { XlsxHost } from "../xlsx/host";
import { createWorkbook } from "../xlsx/package";
import { readXlsx } from "../xlsx/read";

type Options = { signal?: AbortSignal; onProgress?: (p: HostProgress) => void };

export const SAMPLE_FILE_NAME = "rpo-align-sample.xlsx";

const EMPTY: RawWorkbook = { sheets: [], tables: [], sheetNames: [], outputSheets: [], history: null };

export class PlaygroundWorkbook implements WorkbookHost, PortableWorkbook {
  private host: XlsxHost | null = null;
  private fileName: string | null = null;

  /** The open file's name, or null before one is opened. */
  get name(): string | null {
    return this.fileName;
  }

  /**
   * Opens an .xlsx file's bytes. Throws (XlsxFormatError, with a message for the user) when the
   * file is not a workbook we can read; the previous workbook then stays open. `validated`: the
   * caller already read the bytes successfully elsewhere (the task pane does it in its worker).
   */
  open(bytes: Uint8Array, name: string, options: { validated?: boolean } = {}): void {
    if (!options.validated) readXlsx(bytes); // validates: throws before anything changes
    this.host = new XlsxHost(bytes);
    this.fileName = name;
  }

  /** Opens the sample engagement workbook (the same sheets "Insert sample workbook" adds in Excel). */
  openSample(): void {
    this.open(createWorkbook(buildSampleWorkbook()), SAMPLE_FILE_NAME);
  }

  read(options: Options = {}): Promise<RawWorkbook> {
    if (!this.host) return Promise.resolve(EMPTY);
    return this.host.read(options);
  }

  write(specs: SheetSpec[], options: Options = {}): Promise<WriteOutcome> {
    if (!this.host) return Promise.reject(new Error("Open a workbook or load the sample workbook first."));
    return this.host.write(specs, options);
  }

  snapshot(): Uint8Array | null {
    return this.bytes();
  }

  adopt(written: Uint8Array, basedOn: Uint8Array): boolean {
    if (!this.host || this.host.bytes() !== basedOn) return false;
    this.host = new XlsxHost(written);
    return true;
  }

  /** The workbook as it is now (with the alignment sheets after a run); null before one is opened. */
  bytes(): Uint8Array | null {
    return this.host ? this.host.bytes() : null;
  }

  /** File name for "Download workbook": "engagement.xlsx" → "engagement-aligned.xlsx". */
  downloadName(): string {
    const base = (this.fileName ?? "workbook.xlsx").replace(/\.xlsx$/i, "").replace(/-aligned$/i, "");
    return `${base}-aligned.xlsx`;
  }
}
