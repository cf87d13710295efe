/**
 * `npm run bench:excel`: the request sizes of the Excel host's write, measured with Microsoft's own
 * client runtime (bench/excel-runtime.ts), for the sample engagement, a long one (20,000 periods
 * x 12 series) and a wide one (50 levers x 50 metrics x 400 periods). Each case is written twice:
 * the first run creates the output sheets, the second updates them in place. Prints the syncs and
 * the largest request of each run; the last line is the largest request of the wide case.
 * Excel on the web refuses requests over 5 MB; the host keeps every sync under 4 MB.
 */
import { ExcelHost } from "../src/hosts/excel/host";
import { caseSpecs, EXCEL_CASES } from "./excel-cases";
import { realExcelRun, RuntimeServer } from "./excel-runtime";

export interface ExcelBenchRow {
  label: string;
  syncs: number[];
  largest: number;
  rejected: number;
  writeSeconds: number;
}

export async function runExcelBench(): Promise<ExcelBenchRow[]> {
  console.log("\nExcel host: real request bytes (Microsoft's client runtime), two runs per case");
  console.log(
    "case                                    syncs (1st, 2nd)   largest request   refused   write s",
  );
  const rows: ExcelBenchRow[] = [];
  for (const c of EXCEL_CASES) {
    const specs = caseSpecs(c);
    const server = new RuntimeServer();
    for (const name of ["Levers", "Metrics", "Goals", "Observations"]) server.addSheet(name);
    const host = new ExcelHost(realExcelRun(server));
    const syncs: number[] = [];
    const t0 = performance.now();
    for (let run = 0; run < 2; run++) {
      const before = server.requests.length;
      await host.write(specs);
      syncs.push(server.requests.length - before);
    }
    const row: ExcelBenchRow = {
      label: c.label,
      syncs,
      largest: server.largest(),
      rejected: server.requests.filter((r) => r.rejected).length,
      writeSeconds: (performance.now() - t0) / 1000,
    };
    rows.push(row);
    console.log(
      `${c.label.padEnd(40)}${syncs.join(", ").padStart(16)}${`${row.largest.toLocaleString("en-US")} B`.padStart(20)}` +
        `${String(row.rejected).padStart(10)}${row.writeSeconds.toFixed(1).padStart(10)}`,
    );
  }
  for (const row of rows) console.log(`largest Excel request: ${row.largest} bytes (${row.label})`);
  return rows;
}

if (require.main === module) {
  runExcelBench().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
