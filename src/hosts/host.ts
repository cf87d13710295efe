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
