/** The tag object of the tokenizer (attributes parsed on demand) and entity decoding. */
import { CHAR, isQuote, isSpace } from "./xml-chars";

export class XmlSyntaxError extends Error {}

export type XmlAttrs = Record<string, string>;

/** A start tag being reported. The object is reused: read what you need during the callback. */
export interface XmlTag {
  /** Local name (no prefix). */
  name: string;
  selfClosing: boolean;
  /** Offsets of the tag in the source ('<' and one past '>'). */
  start: number;
  end: number;
  /** Value of the attribute with this local name (entities decoded). */
  attr(localName: string): string | undefined;
  /** Fills `out[k]` with the value of attribute `names[k]` (or undefined), in one pass. */
  attrsInto(names: readonly string[], out: (string | undefined)[]): void;
  /** All attributes by local name; `xmlns`/`xmlns:p` declarations keep their full name. */
  attrs(): XmlAttrs;
}

/** The attribute that declares a namespace (xmlns="…", xmlns:p="…"). */
const XMLNS = "xmlns";
const NAMED: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

/** Decodes the five named entities and numeric `&#...;` / `&#x...;` references. */
export function decodeEntities(s: string, strict = false): string {
  if (s.indexOf("&") < 0) return s;
  return s.replace(/&(#[xX]?[0-9A-Za-z]+|[A-Za-z][A-Za-z0-9]*);?/g, (whole, body: string) => {
    let decoded: string | undefined;
    if (whole.endsWith(";")) {
      if (body[0] === "#") {
        const hex = body[1] === "x" || body[1] === "X";
        const code = parseInt(body.slice(hex ? 2 : 1), hex ? 16 : 10);
        if (Number.isFinite(code) && code >= 0 && code <= 0x10ffff) decoded = String.fromCodePoint(code);
      } else decoded = NAMED[body];
    }
    if (decoded === undefined && strict) throw new XmlSyntaxError(`Bad entity reference "${whole}"`);
    return decoded ?? whole;
  });
}

/** A start tag; one instance is reused for every tag of a document. */
export class Tag implements XmlTag {
  name = "";
  selfClosing = false;
  start = 0;
  end = 0;
  attrFrom = 0;
  attrTo = 0;
  constructor(
    private readonly src: string,
    private readonly strict: boolean,
  ) {}

  // The attribute found by the last `nextAttr` call: name [ns, ne), value [vs, ve).
  private ns = 0;
  private ne = 0;
  private vs = 0;
  private ve = 0;

  /** Parses the attribute at or after `from`; returns the index after it, or -1 when none is left. */
  private nextAttr(from: number): number {
    const src = this.src;
    const to = this.attrTo;
    let i = from;
    for (;;) {
      while (i < to && isSpace(src.charCodeAt(i))) i++;
      if (i >= to) return -1;
      const ns = i;
      while (i < to && src.charCodeAt(i) !== CHAR.EQUALS && !isSpace(src.charCodeAt(i))) i++;
      const ne = i;
      while (i < to && isSpace(src.charCodeAt(i))) i++;
      if (src.charCodeAt(i) !== CHAR.EQUALS) {
        if (this.strict) throw new XmlSyntaxError(`Attribute "${src.slice(ns, ne)}" has no value`);
        continue;
      }
      i++;
      while (i < to && isSpace(src.charCodeAt(i))) i++;
      const q = src.charCodeAt(i);
      if (!isQuote(q)) {
        if (this.strict) throw new XmlSyntaxError(`Attribute "${src.slice(ns, ne)}" is not quoted`);
        while (i < to && !isSpace(src.charCodeAt(i))) i++;
        continue;
      }
      let close = src.indexOf(q === CHAR.QUOTE ? '"' : "'", i + 1);
      if (close < 0 || close > to) {
        if (this.strict) throw new XmlSyntaxError(`Attribute "${src.slice(ns, ne)}" is not terminated`);
        close = to;
      }
      this.ns = ns;
      this.ne = ne;
      this.vs = i + 1;
      this.ve = close;
      return close + 1;
    }
  }

  private value(vs: number, ve: number): string {
    const raw = this.src.slice(vs, ve);
    if (this.strict && raw.indexOf("<") >= 0) throw new XmlSyntaxError(`"<" in an attribute value`);
    return raw.indexOf("&") < 0 ? raw : decodeEntities(raw, this.strict);
  }

  /** True when the attribute name at [ns, ne) has the local name `name` (declarations excluded). */
  private named(ns: number, ne: number, name: string): boolean {
    const src = this.src;
    const ls = ne - name.length;
    if (ls < ns || !src.startsWith(name, ls) || (ls > ns && src.charCodeAt(ls - 1) !== CHAR.COLON))
      return false;
    return !(
      src.startsWith(XMLNS, ns) &&
      (ne - ns === XMLNS.length || src.charCodeAt(ns + XMLNS.length) === CHAR.COLON)
    );
  }

  attr(localName: string): string | undefined {
    for (let i = this.nextAttr(this.attrFrom); i >= 0; i = this.nextAttr(i)) {
      if (this.named(this.ns, this.ne, localName)) return this.value(this.vs, this.ve);
    }
    return undefined;
  }

  attrsInto(names: readonly string[], out: (string | undefined)[]): void {
    for (let k = 0; k < names.length; k++) out[k] = undefined;
    for (let i = this.nextAttr(this.attrFrom); i >= 0; i = this.nextAttr(i)) {
      for (let k = 0; k < names.length; k++) {
        if (out[k] === undefined && this.named(this.ns, this.ne, names[k])) {
          out[k] = this.value(this.vs, this.ve);
          break;
        }
      }
    }
  }

  attrs(): XmlAttrs {
    const out: XmlAttrs = {};
    for (let i = this.nextAttr(this.attrFrom); i >= 0; i = this.nextAttr(i)) {
      const raw = this.src.slice(this.ns, this.ne);
      // declarations keep their full name so that "xmlns:r" stays distinguishable
      const key = raw.startsWith("xmlns") ? raw : raw.slice(raw.indexOf(":") + 1);
      if (this.strict && key in out) throw new XmlSyntaxError(`Duplicate attribute "${raw}"`);
      out[key] = this.value(this.vs, this.ve);
    }
    return out;
  }
}
