/** The only Node-specific part of the xlsx host: reading a file and replacing one safely. */
import { randomBytes } from "node:crypto";
import { promises as fs } from "node:fs";
import * as path from "node:path";

export async function readWorkbookFile(file: string): Promise<Uint8Array> {
  const buffer = await fs.readFile(file);
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}

/**
 * Writes `bytes` to a temporary file in the same folder, flushes it, then renames it over `file`,
 * so an interrupted run leaves either the old workbook or the new one, never a broken one.
 */
export async function writeFileAtomically(file: string, bytes: Uint8Array): Promise<void> {
  const dir = path.dirname(path.resolve(file));
  const temp = path.join(dir, `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
  let mode: number | undefined;
  try {
    mode = (await fs.stat(file)).mode & 0o777;
  } catch {
    mode = undefined; // new file
  }
  const handle = await fs.open(temp, "wx", mode ?? 0o666);
  try {
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(temp, file);
  } catch (error) {
    await fs.rm(temp, { force: true });
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EBUSY" || code === "EPERM" || code === "EACCES") {
      throw new Error(
        `Cannot write "${file}" (${code}): close it in Excel or check its permissions, then try again.`,
      );
    }
    throw error;
  }
}
