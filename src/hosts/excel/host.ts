/** WorkbookHost over the open workbook, through Office.js. */
import type { RawWorkbook } from "../../core/model/raw";
import type { SheetSpec } from "../../core/report/spec";
import type { HostProgress, WorkbookHost, WriteOutcome } from "../host";
import { writeFailure } from "./errors";
import { readWorkbook } from "./read";
import { excelRun, type ExcelRun } from "./run";
import { writeOutputs } from "./write";

type Options = { signal?: AbortSignal; onProgress?: (p: HostProgress) => void };

export class ExcelHost implements WorkbookHost {
  /**
   * @param run Excel.run or a stand-in (tests)
   * @param budget bytes one sync may send or receive (default 4 MB; tests lower it)
   */
  constructor(
    private readonly run: ExcelRun = excelRun,
    private readonly budget?: number,
  ) {}

  read(options: Options = {}): Promise<RawWorkbook> {
    return this.run((context) => readWorkbook(context, { ...options, budget: this.budget }));
  }

  async write(specs: SheetSpec[], options: Options = {}): Promise<WriteOutcome> {
    try {
      return await this.run((context) => writeOutputs(context, specs, { ...options, budget: this.budget }));
    } catch (error) {
      throw writeFailure(error, "writing the results");
    }
  }
}
