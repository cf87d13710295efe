/**
 * Whether two paths name the same file: the same path once resolved (symbolic links in the folders
 * followed), or two names of one existing file (the same device and inode: a symbolic link to it,
 * a hard link, another spelling of the path on a case-insensitive disk).
 */
import { promises as fs } from "node:fs";
import * as path from "node:path";

/** `file` with its folder's symbolic links resolved (the file itself need not exist). */
async function resolved(file: string): Promise<string> {
  const absolute = path.resolve(file);
  try {
    return await fs.realpath(absolute);
  } catch {
    try {
      return path.join(await fs.realpath(path.dirname(absolute)), path.basename(absolute));
    } catch {
      return absolute;
    }
  }
}

export async function sameFile(a: string, b: string): Promise<boolean> {
  if ((await resolved(a)) === (await resolved(b))) return true;
  try {
    const [sa, sb] = await Promise.all([fs.stat(a), fs.stat(b)]);
    return sa.dev === sb.dev && sa.ino === sb.ino;
  } catch {
    return false; // one of them does not exist yet: different files
  }
}
