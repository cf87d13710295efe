/**
 * The one interface every home of a workbook implements (an .xlsx file, Excel through Office.js).
 * Faces (task pane, CLI, playground) run the same pipeline and only choose the host.
 */
import type { RawWorkbook } from "../core/model/raw";
import type { SheetSpec } from "../core/report/spec";

export interface HostProgress {
  /** Step name shown to the user, e.g. "reading", "writing". */
  step: string;
  /** 0..1 within the step. */
  fraction: number;
}

export interface WriteOutcome {
  /** The sheet names actually written (an alternate name when the user owns the planned one). */
  written: string[];
  /** Messages for the user (e.g. a name was taken by a user sheet, so another was used). */
  notes: string[];
  /** Id of the run that wrote them, stamped on each sheet (hosts that stamp their sheets). */
  runId?: string;
}

export interface WorkbookHost {
  /** Reads the candidate input sheets/tables and our previous history sheet. Never modifies anything. */
  read(options?: { signal?: AbortSignal; onProgress?: (p: HostProgress) => void }): Promise<RawWorkbook>;
  /**
   * Writes (or replaces) our output sheets. Input sheets and sheets we did not create are never
   * modified; on failure, previous outputs are left as they were.
   */
  write(
    specs: SheetSpec[],
    options?: { signal?: AbortSignal; onProgress?: (p: HostProgress) => void },
  ): Promise<WriteOutcome>;
}

/**
 * A workbook that is plain data (an .xlsx package in memory, the browser playground): a Web
 * Worker can read, analyse and write a copy of it without the page, and the page then adopts
 * the written package. Excel's workbook is not portable (Office.js runs on the page only).
 */
export interface PortableWorkbook {
  /** The package as it is now; null when there is none (reading gives an empty workbook). */
  snapshot(): Uint8Array | null;
  /**
   * Takes `written`, a package made elsewhere from the snapshot `basedOn`. Ignored (returns
   * false) when the workbook changed since that snapshot (another file was opened).
   */
  adopt(written: Uint8Array, basedOn: Uint8Array): boolean;
}

export function isPortable(host: WorkbookHost): host is WorkbookHost & PortableWorkbook {
  const h = host as Partial<PortableWorkbook>;
  return typeof h.snapshot === "function" && typeof h.adopt === "function";
}
