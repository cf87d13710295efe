/**
 * Excel round trips of the task pane's flow, measured on the fake Excel (test/excel/fake-excel.ts):
 * insert the sample workbook, then analyse it (read + write), for the sample (54 periods) and for
 * a 20,000-period version. Figures go to test-output/budgets.json (scripts/budgets.js prints
 * them; docs/taskpane.md quotes them) and are held to limits here.
 */
import { stretchedSampleSpecs } from "../e2e/stretched-sample";
import { buildSampleWorkbook } from "../../src/core/sample/template";
import { analyzeWorkbook } from "../../src/hosts/analyze-workbook";
import { ExcelHost } from "../../src/hosts/excel/host";
import { insertSheets } from "../../src/hosts/excel/insert";
import { PAYLOAD_BUDGET_BYTES } from "../../src/hosts/excel/payload";
import type { WorkbookHost } from "../../src/hosts/host";
import { recordBudgets } from "../e2e/budget-file";
import { FakeContext, FakeWorkbook, type SyncStat } from "../excel/fake-excel";

interface Phase {
  syncs: number;
  largestRequestBytes: number;
  largestResponseBytes: number;
}

function phase(stats: SyncStat[]): Phase {
  return {
    syncs: stats.length,
    largestRequestBytes: Math.max(0, ...stats.map((s) => s.requestBytes)),
    largestResponseBytes: Math.max(0, ...stats.map((s) => s.responseBytes)),
  };
}

async function measure(periods?: number) {
  const wb = new FakeWorkbook();
  wb.addSheet("Sheet1");
  const inserting = new FakeContext(wb);
  const specs = periods ? stretchedSampleSpecs(periods) : buildSampleWorkbook();
  await insertSheets(inserting.run, specs);

  const context = new FakeContext(wb);
  const excel = new ExcelHost(context.run);
  let readSyncs = 0;
  const host: WorkbookHost = {
    read: async (options) => {
      const raw = await excel.read(options);
      readSyncs = context.syncs.length;
      return raw;
    },
    write: (specs, options) => excel.write(specs, options),
  };
  const outcome = await analyzeWorkbook(host, {
    runStamp: "2025-06-01T12:00:00Z",
    toolVersion: "test",
  });
  expect(outcome.results).not.toBeNull();
  const all = [...inserting.syncs, ...context.syncs];
  for (const s of all) {
    expect(s.requestBytes).toBeLessThan(PAYLOAD_BUDGET_BYTES);
    expect(s.responseBytes).toBeLessThan(PAYLOAD_BUDGET_BYTES);
  }
  return {
    periods: specs.find((s) => s.name === "Observations")!.values.length - 1,
    insertSample: phase(inserting.syncs),
    read: phase(context.syncs.slice(0, readSyncs)),
    write: phase(context.syncs.slice(readSyncs)),
    analysis: phase(context.syncs),
  };
}

test("Excel syncs and payloads: sample workbook and 20,000 periods", async () => {
  const sample = await measure();
  expect(sample.read.syncs).toBe(2);
  expect(sample.write.syncs).toBe(4); // plan, setup (temporary sheets, date probe), build + check, commit
  expect(sample.insertSample.syncs).toBe(2);

  const large = await measure(20_000);
  expect(large.read.syncs).toBeLessThanOrEqual(10);
  expect(large.analysis.syncs).toBeLessThanOrEqual(20);

  recordBudgets("excelSyncs", { sample, periods20000: large, budgetBytes: PAYLOAD_BUDGET_BYTES });
}, 180_000);
