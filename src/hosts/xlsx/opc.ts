/**
 * The Open Packaging Conventions layer: parts by name, relationships, content types.
 * Part names are case-insensitive in OPC; lookups here are too.
 */
import { entryData, readZip, type ZipArchive, type ZipEntry } from "./zip";
import { damagedPart } from "./errors";
import { parseXml, XmlSyntaxError } from "./xml";

export interface Relationship {
  id: string;
  /** Full type URI. */
  type: string;
  /** Resolved part name (no leading slash) for internal targets; the raw target when external. */
  target: string;
  external: boolean;
}

export const REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
export const REL_TYPE = (kind: string) => `${REL_NS}/${kind}`;
export const MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

export const CONTENT_TYPES = {
  worksheet: "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml",
  drawing: "application/vnd.openxmlformats-officedocument.drawing+xml",
  chart: "application/vnd.openxmlformats-officedocument.drawingml.chart+xml",
  styles: "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml",
  workbook: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
};

/** True when a relationship type URI is of the given kind, in transitional or strict OOXML. */
export function relIs(type: string, kind: string): boolean {
  return type.endsWith(`/${kind}`);
}

const utf8 = new TextDecoder("utf-8");
const utf16 = new TextDecoder("utf-16le");

export function decodeXmlBytes(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return utf16.decode(bytes.subarray(2));
  return utf8.decode(bytes);
}

/** Resolves a relationship target against the part that owns the relationship. */
export function resolveTarget(source: string, target: string): string {
  const clean = target.replace(/\\/g, "/").split("#")[0];
  const base = clean.startsWith("/") ? [] : source.split("/").slice(0, -1);
  for (const seg of clean.split("/")) {
    if (seg === "" || seg === ".") continue;
    if (seg === "..") base.pop();
    else base.push(decodeURIComponentSafe(seg));
  }
  return base.join("/");
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** The relationships part of a part: "xl/workbook.xml" -> "xl/_rels/workbook.xml.rels". */
export function relsPartOf(part: string): string {
  const slash = part.lastIndexOf("/");
  return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
}

/** The relative target from `source`'s folder to `part` (both part names). */
export function relativeTarget(source: string, part: string): string {
  const from = source.split("/").slice(0, -1);
  const to = part.split("/");
  let common = 0;
  while (common < from.length && common < to.length - 1 && from[common] === to[common]) common++;
  return [...from.slice(common).map(() => ".."), ...to.slice(common)].join("/");
}

export function parseRelationships(xml: string, source: string): Relationship[] {
  const rels: Relationship[] = [];
  parseXml(
    xml,
    {
      open(name, a) {
        if (name !== "Relationship" || a.Id === undefined || a.Target === undefined) return;
        const external = (a.TargetMode ?? "").toLowerCase() === "external";
        rels.push({
          id: a.Id,
          type: a.Type ?? "",
          target: external ? a.Target : resolveTarget(source, a.Target),
          external,
        });
      },
    },
    { complete: true },
  );
  return rels;
}

export class Package {
  readonly zip: ZipArchive;
  private readonly byName = new Map<string, ZipEntry>();
  private readonly relsCache = new Map<string, Relationship[]>();

  constructor(bytes: Uint8Array) {
    this.zip = readZip(bytes);
    for (const e of this.zip.entries) {
      const key = e.name.replace(/^\//, "").toLowerCase();
      if (!this.byName.has(key)) this.byName.set(key, e);
    }
  }

  get names(): string[] {
    return this.zip.entries.map((e) => e.name);
  }

  entry(part: string): ZipEntry | undefined {
    return this.byName.get(part.replace(/^\//, "").toLowerCase());
  }

  has(part: string): boolean {
    return this.entry(part) !== undefined;
  }

  bytes(part: string): Uint8Array | null {
    const e = this.entry(part);
    return e ? entryData(this.zip, e) : null;
  }

  text(part: string): string | null {
    const b = this.bytes(part);
    return b ? decodeXmlBytes(b) : null;
  }

  /** Relationships of a part (empty when it has none). */
  rels(part: string): Relationship[] {
    const key = part.toLowerCase();
    let rels = this.relsCache.get(key);
    if (!rels) {
      const relsPart = relsPartOf(part);
      const xml = this.text(relsPart);
      try {
        rels = xml ? parseRelationships(xml, part) : [];
      } catch (error) {
        if (!(error instanceof XmlSyntaxError)) throw error;
        throw damagedPart(`the relationships of ${part || "the package"}`, relsPart, error.message);
      }
      this.relsCache.set(key, rels);
    }
    return rels;
  }

  /** The workbook part, from the package relationships (falls back to xl/workbook.xml). */
  workbookPart(): string | null {
    const main = this.rels("").find((r) => relIs(r.type, "officeDocument") && !r.external);
    if (main && this.has(main.target)) return this.entry(main.target)!.name;
    return this.has("xl/workbook.xml") ? this.entry("xl/workbook.xml")!.name : null;
  }
}
