import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { createWorkbook, readXlsx, XlsxHost } from "../../src/hosts/xlsx";
import { readWorkbookFile, writeFileAtomically } from "../../src/hosts/xlsx/file";
import type { HostProgress } from "../../src/hosts/host";
import { sampleSpec } from "./helpers";

describe("XlsxHost", () => {
  const input = createWorkbook([sampleSpec("Levers", { charts: [] })]);

  it("reads, writes our sheets into a copy of the bytes, and reports progress", async () => {
    const host = new XlsxHost(input);
    const progress: HostProgress[] = [];
    const raw = await host.read({ onProgress: (p) => progress.push(p) });
    expect(raw.sheetNames).toEqual(["Levers"]);
    const outcome = await host.write([sampleSpec("Alignment")], { onProgress: (p) => progress.push(p) });
    expect(outcome).toEqual({ written: ["Alignment"], notes: [] });
    expect(host.bytes()).not.toBe(input);
    expect(readXlsx(host.bytes()).outputSheets).toEqual(["Alignment"]);
    expect(readXlsx(input).outputSheets).toEqual([]); // the caller's bytes are never modified
    expect(progress[0]).toEqual({ step: "reading", fraction: 0 });
    expect(progress.filter((p) => p.step === "reading").at(-1)!.fraction).toBe(1);
    expect(progress.filter((p) => p.step === "writing").at(-1)!.fraction).toBe(1);
    expect(progress.every((p) => p.fraction >= 0 && p.fraction <= 1)).toBe(true);
  });

  it("honours the sheet filter and an aborted signal; a failed write keeps the previous bytes", async () => {
    const host = new XlsxHost(input, (name) => name !== "Levers");
    expect((await host.read()).sheets).toEqual([]);
    const controller = new AbortController();
    controller.abort();
    await expect(host.read({ signal: controller.signal })).rejects.toThrow();
    await expect(host.write([sampleSpec("bad/name")])).rejects.toThrow("Cannot write a sheet");
    expect(host.bytes()).toBe(input);
  });
});

describe("file.ts", () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(path.join(tmpdir(), "rpo-align-file-"))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("writes through a temporary file in the same folder and leaves nothing else behind", async () => {
    const file = path.join(dir, "book.xlsx");
    writeFileSync(file, "old");
    chmodSync(file, 0o640);
    await writeFileAtomically(file, new Uint8Array([1, 2, 3]));
    expect([...readFileSync(file)]).toEqual([1, 2, 3]);
    expect(statSync(file).mode & 0o777).toBe(0o640);
    expect(readdirSync(dir)).toEqual(["book.xlsx"]);
    expect([...(await readWorkbookFile(file))]).toEqual([1, 2, 3]);
    await writeFileAtomically(path.join(dir, "new.xlsx"), new Uint8Array([4]));
    expect(readdirSync(dir).sort()).toEqual(["book.xlsx", "new.xlsx"]);
  });

  it("leaves the old file and no temporary file when the write fails", async () => {
    const target = path.join(dir, "folder.xlsx");
    mkdirSync(target); // renaming a file over a directory fails
    await expect(writeFileAtomically(target, new Uint8Array([1]))).rejects.toThrow();
    expect(readdirSync(dir)).toEqual(["folder.xlsx"]);
    await expect(
      writeFileAtomically(path.join(dir, "missing", "x.xlsx"), new Uint8Array([1])),
    ).rejects.toThrow();
  });
});
