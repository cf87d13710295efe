/**
 * The Excel host against Microsoft's own client runtime (bench/excel-runtime.ts): every sync's
 * request body is the one Excel on the web would receive, so its size is real.
 */
import { caseSpecs, EXCEL_CASES } from "../../bench/excel-cases";
import { EXCEL_WEB_LIMIT_BYTES, realExcelRun, RuntimeServer } from "../../bench/excel-runtime";
import { buildReport } from "../../src/core/report/build";
import type { SheetSpec } from "../../src/core/report/spec";
import { ExcelHost } from "../../src/hosts/excel";
import { runBatches } from "../../src/hosts/excel/batches";
import { PAYLOAD_BUDGET_BYTES, REQUEST_BYTES } from "../../src/hosts/excel/payload";
import { cellOps, sheetOps } from "../../src/hosts/excel/render";
import { makeOptions, makeResults } from "../report/fixtures";
import { printFigures } from "../figures";

jest.setTimeout(300_000);

function serverWithInputs(): RuntimeServer {
  const server = new RuntimeServer();
  for (const name of ["Levers", "Metrics", "Goals", "Observations"]) server.addSheet(name);
  return server;
}

/** Draws `specs` on new sheets batch by batch, pairing each sync's estimate with its real size. */
async function estimateVsReal(
  specs: SheetSpec[],
  budget: number,
): Promise<{ estimate: number; real: number }[]> {
  const server = serverWithInputs();
  const pairs: { estimate: number; real: number }[] = [];
  await realExcelRun(server)(async (context) => {
    const sheets = specs.map((s, i) => context.workbook.worksheets.add(`T${i}`));
    await context.sync();
    const ops = specs.flatMap((spec, i) => [
      ...cellOps(() => sheets[i], spec, { budget }),
      ...sheetOps(() => sheets[i], spec),
    ]);
    await runBatches(context, ops, {
      budget,
      onSynced: (_done, _total, estimated) =>
        pairs.push({ estimate: estimated + REQUEST_BYTES.perSync, real: server.requests.at(-1)!.bytes }),
    });
  });
  return pairs;
}

describe("request sizes measured with Microsoft's client runtime", () => {
  const specsOf = new Map<string, SheetSpec[]>();
  const specs = (label: string) => {
    if (!specsOf.has(label)) specsOf.set(label, caseSpecs(EXCEL_CASES.find((c) => c.label === label)!));
    return specsOf.get(label)!;
  };

  it("the estimator is an upper bound of every real request (report fixtures, sample; small and full budgets)", async () => {
    const report = buildReport(makeResults(), makeOptions());
    for (const [set, budget] of [
      [report, 60_000],
      [report, PAYLOAD_BUDGET_BYTES],
      [specs("sample"), 200_000],
      [specs("sample"), PAYLOAD_BUDGET_BYTES],
    ] as const) {
      const pairs = await estimateVsReal([...set], budget);
      for (const p of pairs) expect(p.real).toBeLessThanOrEqual(p.estimate);
      // ... and not wastefully so: the largest sync uses at least half of what was estimated.
      const largest = pairs.reduce((a, b) => (b.real > a.real ? b : a));
      expect(largest.real / largest.estimate).toBeGreaterThan(0.5);
      if (budget === PAYLOAD_BUDGET_BYTES) expect(pairs.length).toBe(1);
    }
  });

  it.each(EXCEL_CASES.map((c) => [c.label]))(
    "%s: two whole analyses written (new, then in place), every sync under 4 MB",
    async (label) => {
      const server = serverWithInputs();
      const host = new ExcelHost(realExcelRun(server));
      const first = await host.write(specs(label));
      const syncsFirst = server.requests.length;
      const second = await host.write(specs(label));
      expect(second.written).toEqual(first.written);
      expect(server.requests.filter((r) => r.rejected)).toEqual([]);
      for (const r of server.requests) expect(r.bytes).toBeLessThanOrEqual(PAYLOAD_BUDGET_BYTES);
      // The outputs are there once each, visible, with no temporary sheet left; in place on the second run.
      const names = server.sheets.map((s) => s.name);
      expect(names.filter((n) => n.startsWith("~rpo-tmp-"))).toEqual([]);
      for (const n of first.written) expect(names.filter((x) => x === n)).toHaveLength(1);
      const stamps = server.sheets
        .filter((s) => first.written.includes(s.name))
        .map((s) => s.names.find((n) => n.name === "RpoAlign_Run")?.formula);
      expect(new Set(stamps)).toEqual(new Set([`="${second.runId}"`]));
      printFigures(
        `${label}: syncs ${syncsFirst} + ${server.requests.length - syncsFirst}, largest request ${server.largest()} bytes`,
      );
    },
  );

  it("splits a batch and retries when Excel refuses a request for its size, and the run completes", async () => {
    const server = serverWithInputs();
    server.limitBytes = 150_000; // Excel refuses what the host's 4 MB budget allows
    const host = new ExcelHost(realExcelRun(server));
    const out = await host.write(specs("sample"));
    const refused = server.requests.filter((r) => r.rejected);
    expect(refused.length).toBeGreaterThan(0);
    expect(server.largest()).toBeLessThanOrEqual(150_000);
    const names = server.sheets.map((s) => s.name);
    for (const n of out.written) expect(names).toContain(n);
    expect(names.filter((n) => n.startsWith("~rpo-tmp-"))).toEqual([]);
    expect(EXCEL_WEB_LIMIT_BYTES).toBe(5_000_000);
  });
});
