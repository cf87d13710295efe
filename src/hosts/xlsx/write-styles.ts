/**
 * Appends our cell formats to a workbook's xl/styles.xml without rewriting the rest: new
 * fonts/fills/borders/numFmts/cellXfs are inserted as text and the count attributes updated.
 * An entry identical (as text) to one already in the file is reused, so running twice does not
 * grow the file. Missing collections are created in schema order, with Excel's required defaults.
 */
import type { CellStyle } from "../../core/report/spec";
import { escapeAttr, parseXml } from "./xml";

const ORDER = [
  "numFmts",
  "fonts",
  "fills",
  "borders",
  "cellStyleXfs",
  "cellXfs",
  "cellStyles",
  "dxfs",
  "tableStyles",
  "colors",
  "extLst",
];
type CollectionName = "numFmts" | "fonts" | "fills" | "borders" | "cellStyleXfs" | "cellXfs";

interface Collection {
  openStart: number;
  openEnd: number;
  /** Offset of the closing tag, or -1 when the element is self-closing. */
  closeStart: number;
  children: string[];
  added: string[];
}

/** Excel's built-in number formats we can refer to by id. */
const BUILTIN_FORMATS: Record<string, number> = {
  General: 0,
  "0": 1,
  "0.00": 2,
  "#,##0": 3,
  "#,##0.00": 4,
  "0%": 9,
  "0.00%": 10,
  "0.00E+00": 11,
  "@": 49,
};

export const MINIMAL_STYLES =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>';

const DEFAULTS: Partial<Record<CollectionName, (p: string) => string>> = {
  fonts: (p) => `<${p}font><${p}sz val="11"/><${p}name val="Calibri"/><${p}family val="2"/></${p}font>`,
  fills: (p) =>
    `<${p}fill><${p}patternFill patternType="none"/></${p}fill><${p}fill><${p}patternFill patternType="gray125"/></${p}fill>`,
  borders: (p) => `<${p}border><${p}left/><${p}right/><${p}top/><${p}bottom/><${p}diagonal/></${p}border>`,
  cellStyleXfs: (p) => `<${p}xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>`,
  cellXfs: (p) => `<${p}xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>`,
};

export class StyleBook {
  private readonly collections = new Map<string, Collection>();
  private readonly xfCache = new Map<string, number>();
  private prefix = "";
  private rootClose = -1;
  private defaultFont = { sz: "11", name: "Calibri", color: "", rest: "" };
  private nextNumFmt = 164;

  constructor(private readonly xml: string) {
    let depth = 0;
    let current: Collection | null = null;
    let childStart = -1;
    parseXml(xml, {
      open: (name, _a, selfClosing, start, end) => {
        if (depth === 0) {
          const raw = /^<([^\s/>]+)/.exec(xml.slice(start, start + 100))?.[1] ?? name;
          this.prefix = raw.slice(0, raw.length - name.length);
        } else if (depth === 1 && ORDER.includes(name) && !this.collections.has(name)) {
          const c: Collection = { openStart: start, openEnd: end, closeStart: -1, children: [], added: [] };
          this.collections.set(name, c);
          if (!selfClosing) current = c;
        } else if (depth === 2 && current) childStart = start;
        if (!selfClosing) depth++;
      },
      close: (name, start, end, selfClosing) => {
        if (!selfClosing) depth--;
        if (depth === 2 && current && childStart >= 0) {
          current.children.push(xml.slice(childStart, end));
          childStart = -1;
        } else if (depth === 1 && current && !selfClosing) {
          current.closeStart = start;
          current = null;
        } else if (depth === 0 && !selfClosing) this.rootClose = start;
      },
    });
    if (this.rootClose < 0) throw new Error("styles.xml has no closing styleSheet tag");
    for (const name of Object.keys(DEFAULTS) as CollectionName[]) {
      const c = this.collection(name);
      if (c.children.length === 0) c.added.push(...splitDefaults(DEFAULTS[name]!(this.prefix)));
    }
    this.readDefaultFont();
    for (const f of this.collection("numFmts").children) {
      const id = Number(/numFmtId="(\d+)"/.exec(f)?.[1] ?? 0);
      if (id >= this.nextNumFmt) this.nextNumFmt = id + 1;
    }
  }

  private collection(name: CollectionName): Collection {
    let c = this.collections.get(name);
    if (!c) {
      c = { openStart: -1, openEnd: -1, closeStart: -1, children: [], added: [] };
      this.collections.set(name, c);
    }
    return c;
  }

  /** The workbook's default font (fonts[0]): our fonts copy its size, name, colour, family and scheme. */
  private readDefaultFont(): void {
    const first = this.collection("fonts").children[0] ?? this.collection("fonts").added[0];
    const rest: string[] = [];
    let depth = 0;
    let childStart = 0;
    const child = (name: string, a: Record<string, string>, xml: string) => {
      if (name === "sz") this.defaultFont.sz = a.val ?? "11";
      else if (name === "name") this.defaultFont.name = a.val ?? "Calibri";
      else if (name === "color") this.defaultFont.color = xml;
      else if (name === "family" || name === "charset" || name === "scheme") rest.push(xml);
    };
    let attrs: Record<string, string> = {};
    parseXml(first, {
      open: (_name, a, selfClosing, start) => {
        if (depth === 1) {
          childStart = start;
          attrs = a;
        }
        if (!selfClosing) depth++;
      },
      close: (name, _start, end, selfClosing) => {
        if (!selfClosing) depth--;
        if (depth === 1) child(name, attrs, first.slice(childStart, end));
      },
    });
    this.defaultFont.rest = rest.join("");
  }

  /** Index of `xml` in the collection, appending it when no identical entry exists. */
  private add(name: CollectionName, xml: string): number {
    const c = this.collection(name);
    const existing = c.children.indexOf(xml);
    if (existing >= 0) return existing;
    const added = c.added.indexOf(xml);
    if (added >= 0) return c.children.length + added;
    c.added.push(xml);
    return c.children.length + c.added.length - 1;
  }

  private numFmtId(code: string): number {
    if (BUILTIN_FORMATS[code] !== undefined) return BUILTIN_FORMATS[code];
    const p = this.prefix;
    const c = this.collection("numFmts");
    const attr = `formatCode="${escapeAttr(code)}"`;
    for (const f of [...c.children, ...c.added]) {
      if (f.includes(attr)) return Number(/numFmtId="(\d+)"/.exec(f)?.[1]);
    }
    const id = this.nextNumFmt++;
    c.added.push(`<${p}numFmt numFmtId="${id}" ${attr}/>`);
    return id;
  }

  /** The cellXfs index for a (resolved) cell style. */
  xfFor(style: CellStyle): number {
    const key = JSON.stringify(style, Object.keys(style).sort());
    const cached = this.xfCache.get(key);
    if (cached !== undefined) return cached;
    const p = this.prefix;
    const numFmtId = style.numberFormat ? this.numFmtId(style.numberFormat) : 0;
    let fontId = 0;
    if (style.bold || style.italic || style.fontColor || style.fontSize) {
      const f = this.defaultFont;
      const color = style.fontColor ? `<${p}color rgb="FF${rgb(style.fontColor)}"/>` : f.color;
      fontId = this.add(
        "fonts",
        `<${p}font>${style.bold ? `<${p}b/>` : ""}${style.italic ? `<${p}i/>` : ""}` +
          `<${p}sz val="${style.fontSize ?? f.sz}"/>${color}<${p}name val="${escapeAttr(f.name)}"/>${f.rest}</${p}font>`,
      );
    }
    const fillId = style.fill
      ? this.add(
          "fills",
          `<${p}fill><${p}patternFill patternType="solid"><${p}fgColor rgb="FF${rgb(style.fill)}"/>` +
            `<${p}bgColor indexed="64"/></${p}patternFill></${p}fill>`,
        )
      : 0;
    let borderId = 0;
    if (style.border || style.borderBottom) {
      const thin = (side: string) => `<${p}${side} style="thin"><${p}color auto="1"/></${p}${side}>`;
      const none = (side: string) => `<${p}${side}/>`;
      const all = style.border === true;
      borderId = this.add(
        "borders",
        `<${p}border>${all ? thin("left") : none("left")}${all ? thin("right") : none("right")}` +
          `${all ? thin("top") : none("top")}${thin("bottom")}${none("diagonal")}</${p}border>`,
      );
    }
    const align =
      style.horizontal || style.wrap
        ? `<${p}alignment${style.horizontal ? ` horizontal="${style.horizontal}"` : ""}${style.wrap ? ' wrapText="1"' : ""}/>`
        : "";
    const applies =
      (numFmtId ? ' applyNumberFormat="1"' : "") +
      (fontId ? ' applyFont="1"' : "") +
      (fillId ? ' applyFill="1"' : "") +
      (borderId ? ' applyBorder="1"' : "") +
      (align ? ' applyAlignment="1"' : "");
    const xf =
      `<${p}xf numFmtId="${numFmtId}" fontId="${fontId}" fillId="${fillId}" borderId="${borderId}" xfId="0"${applies}` +
      (align ? `>${align}</${p}xf>` : "/>");
    const id = this.add("cellXfs", xf);
    this.xfCache.set(key, id);
    return id;
  }

  get changed(): boolean {
    return [...this.collections.values()].some((c) => c.added.length > 0);
  }

  /** The styles.xml text with our additions. */
  result(): string {
    const edits: { at: number; end: number; text: string }[] = [];
    const p = this.prefix;
    for (const name of ORDER) {
      const c = this.collections.get(name);
      if (!c || c.added.length === 0) continue;
      const count = c.children.length + c.added.length;
      const body = c.added.join("");
      if (c.openStart < 0) {
        const next = ORDER.slice(ORDER.indexOf(name) + 1)
          .map((n) => this.collections.get(n))
          .find((n) => n && n.openStart >= 0);
        edits.push({
          at: next ? next.openStart : this.rootClose,
          end: -1,
          text: `<${p}${name} count="${count}">${body}</${p}${name}>`,
        });
        continue;
      }
      let open = this.xml.slice(c.openStart, c.openEnd);
      const selfClosing = c.closeStart < 0;
      if (selfClosing) open = open.replace(/\s*\/>$/, ">");
      open = /\scount="[^"]*"/.test(open)
        ? open.replace(/(\s)count="[^"]*"/, `$1count="${count}"`)
        : open.replace(/>$/, ` count="${count}">`);
      edits.push({
        at: c.openStart,
        end: c.openEnd,
        text: open + (selfClosing ? `${body}</${p}${name}>` : ""),
      });
      if (!selfClosing) edits.push({ at: c.closeStart, end: -1, text: body });
    }
    edits.sort((a, b) => b.at - a.at);
    let out = this.xml;
    for (const e of edits) out = out.slice(0, e.at) + e.text + out.slice(e.end < 0 ? e.at : e.end);
    return out;
  }
}

function splitDefaults(xml: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  parseXml(xml, {
    open(_n, _a, selfClosing, s, e) {
      if (depth === 0) start = s;
      if (selfClosing && depth === 0) out.push(xml.slice(s, e));
      if (!selfClosing) depth++;
    },
    close(_n, _s, e, selfClosing) {
      if (selfClosing) return;
      depth--;
      if (depth === 0) out.push(xml.slice(start, e));
    },
  });
  return out;
}

/** Validates an "RRGGBB" colour and upper-cases it. */
export function rgb(color: string): string {
  const c = color.replace(/^#/, "").toUpperCase();
  if (!/^[0-9A-F]{6}$/.test(c)) throw new Error(`Invalid colour "${color}": expected 6 hex digits (RRGGBB).`);
  return c;
}
