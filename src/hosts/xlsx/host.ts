/** WorkbookHost over an .xlsx package held in memory (CLI, browser playground, tests). */
import type { RawWorkbook } from "../../core/model/raw";
import type { SheetSpec } from "../../core/report/spec";
import type { HostProgress, WorkbookHost, WriteOutcome } from "../host";
import { readXlsx } from "./read";
import { writeOutputs } from "./write";

type Options = { signal?: AbortSignal; onProgress?: (p: HostProgress) => void };

export class XlsxHost implements WorkbookHost {
  private current: Uint8Array;

  /**
   * @param bytes the .xlsx file's content; `sheetFilter` limits which worksheets `read` returns;
   * `maxSheetBytes` is the largest worksheet XML read (default MAX_SHEET_XML_BYTES).
   */
  constructor(
    bytes: Uint8Array,
    private readonly sheetFilter?: (name: string) => boolean,
    private readonly limits: { maxSheetBytes?: number } = {},
  ) {
    this.current = bytes;
  }

  // eslint-disable-next-line @typescript-eslint/require-await -- async: a failure rejects, as the Excel host's
  async read(options: Options = {}): Promise<RawWorkbook> {
    options.signal?.throwIfAborted();
    options.onProgress?.({ step: "reading", fraction: 0 });
    const raw = readXlsx(this.current, {
      sheetFilter: this.sheetFilter,
      maxSheetBytes: this.limits.maxSheetBytes,
      signal: options.signal,
      onProgress: (fraction) => options.onProgress?.({ step: "reading", fraction }),
    });
    options.onProgress?.({ step: "reading", fraction: 1 });
    return raw;
  }

  /** Writes our sheets into a new copy of the package; `bytes()` returns it. On failure nothing changes. */
  // eslint-disable-next-line @typescript-eslint/require-await -- a failure rejects, as read()'s
  async write(specs: SheetSpec[], options: Options = {}): Promise<WriteOutcome> {
    options.signal?.throwIfAborted();
    options.onProgress?.({ step: "writing", fraction: 0 });
    const result = writeOutputs(this.current, specs, {
      onProgress: (fraction) => options.onProgress?.({ step: "writing", fraction }),
    });
    options.signal?.throwIfAborted();
    this.current = result.bytes;
    return { written: result.written, notes: result.notes };
  }

  /** The package as it is now (after the last successful write). */
  bytes(): Uint8Array {
    return this.current;
  }
}
