/**
 * Reading the cells of a worksheet's XML back, for tests that check what a file stores (not a test
 * file itself): each cell's type, formula (with its array area) and value.
 */

export interface XmlCell {
  ref: string;
  /** The `t` attribute (null for a number). */
  t: string | null;
  f: { text: string; array: string | null } | null;
  /** The `<v>` text, or the inline string's text. */
  v: string | null;
}

/** An error value read from a cell (`t="e"`). */
export interface ReadError {
  error: string;
}

export type ReadValue = number | string | boolean | ReadError | null;

const unescape = (s: string) =>
  s
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, "&");

/** Every cell of a worksheet's XML, by address. */
export function cellsOf(sheetXml: string): Map<string, XmlCell> {
  const out = new Map<string, XmlCell>();
  for (const m of sheetXml.matchAll(/<c r="([A-Z]+\d+)"([^>]*?)(?:\/>|>(.*?)<\/c>)/g)) {
    const t = /\bt="([^"]+)"/.exec(m[2])?.[1] ?? null;
    const body = m[3] ?? "";
    const fm = /<f(?: t="array" ref="([^"]+)")?>([^<]*)<\/f>/.exec(body);
    const vm = t === "inlineStr" ? /<t[^>]*>([^<]*)<\/t>/.exec(body) : /<v>([^<]*)<\/v>/.exec(body);
    out.set(m[1], {
      ref: m[1],
      t,
      f: fm ? { text: unescape(fm[2]), array: fm[1] ?? null } : null,
      v: vm ? unescape(vm[1]) : null,
    });
  }
  return out;
}

/** A cell's value as a reader sees it (null: blank, or a formula without a cached value). */
export function valueOf(cell: XmlCell | undefined): ReadValue {
  if (!cell || cell.v === null) return null;
  switch (cell.t) {
    case "e":
      return { error: cell.v };
    case "b":
      return cell.v === "1";
    case "str":
    case "inlineStr":
    case "s":
      return cell.v;
    default:
      return Number(cell.v);
  }
}

/** "A" -> 1 (1-based, as in A1 notation). */
export function columnNumber(letters: string): number {
  let col = 0;
  for (const ch of letters) col = col * 26 + ch.charCodeAt(0) - 64;
  return col;
}

/** 1 -> "A". */
export function columnName(col: number): string {
  return (
    (col > 26 ? columnName(Math.floor((col - 1) / 26)) : "") + String.fromCharCode(65 + ((col - 1) % 26))
  );
}

/** "B8:I12" (or "B8", "$B$8:$I$12") -> its rows of addresses. */
export function areaRows(area: string): string[][] {
  const [from, to] = area.replace(/\$/g, "").split(":");
  const parse = (a: string) => {
    const m = /^([A-Z]+)(\d+)$/.exec(a);
    if (!m) throw new Error(`not a cell address: ${a}`);
    return { row: Number(m[2]), col: columnNumber(m[1]) };
  };
  const a = parse(from);
  const b = parse(to ?? from);
  const out: string[][] = [];
  for (let r = a.row; r <= b.row; r++) {
    const line: string[] = [];
    for (let c = a.col; c <= b.col; c++) line.push(`${columnName(c)}${r}`);
    out.push(line);
  }
  return out;
}
