/** Which parts belong only to one part (its drawings, charts, comments...), found through the
 * package's relationship graph: reachable from it and referenced by nothing else. */
import { type Package, relsPartOf } from "./opc";

/** "xl/worksheets/_rels/sheet1.xml.rels" -> "xl/worksheets/sheet1.xml"; "_rels/.rels" -> "". */
export function sourceOfRels(relsPart: string): string | null {
  const m = /^(.*?)_rels\/([^/]*)\.rels$/i.exec(relsPart);
  return m ? m[1] + m[2] : null;
}

/** Parts reachable from `part` through relationships and referenced by no part outside that set. */
export function removableParts(pkg: Package, part: string): string[] {
  const key = (p: string) => p.toLowerCase();
  const children = new Map<string, string[]>();
  const referrers = new Map<string, Set<string>>();
  for (const name of pkg.names) {
    const source = sourceOfRels(name);
    if (source === null || relsPartOf(source).toLowerCase() !== name.toLowerCase()) continue;
    const targets = pkg
      .rels(source)
      .filter((r) => !r.external)
      .map((r) => key(r.target));
    children.set(key(source), targets);
    for (const t of targets) {
      if (!referrers.has(t)) referrers.set(t, new Set());
      referrers.get(t)!.add(key(source));
    }
  }
  const root = key(part);
  const reach = new Set<string>();
  const queue = [...(children.get(root) ?? [])];
  while (queue.length > 0) {
    const p = queue.pop()!;
    if (p === root || reach.has(p)) continue;
    reach.add(p);
    queue.push(...(children.get(p) ?? []));
  }
  let changed = true;
  while (changed) {
    changed = false;
    for (const p of reach) {
      for (const r of referrers.get(p) ?? []) {
        if (r !== root && !reach.has(r)) {
          reach.delete(p);
          changed = true;
          break;
        }
      }
    }
  }
  return pkg.names.filter((n) => reach.has(key(n)));
}
