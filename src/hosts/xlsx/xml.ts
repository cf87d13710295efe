/**
 * A small, fast, tolerant XML tokenizer (SAX style).
 *
 * Element and attribute names are reported by local name (a prefix such as `x:` or `r:` is
 * dropped), because writers differ in the prefixes they use for the same namespace. No DTD is
 * processed and no external entity is ever resolved. In tolerant mode (the default) malformed
 * input never throws: the tokenizer reports what it can. `"complete"` mode (used for every part the
 * reader takes from a user's workbook) is tolerant of attribute and entity slips but throws when the
 * document's structure is broken: a tag, comment, CDATA section or processing instruction left
 * open, an element closed by another name, an element never closed, no root or a second one, text
 * after the root. A part cut off anywhere before its last end tag fails this check, which costs one
 * name pushed and compared per element. `strict: true` throws on anything that is not well-formed
 * (used by tests to check the parts we write).
 *
 * `scanXml` is the allocation-light core used for worksheets (one reused tag object, attributes
 * looked up on demand, text as offsets); `parseXml` is the convenient form built on it.
 */
import { CHAR, isQuote, isSpace, LETTER, MARKUP } from "./xml-chars";
import { decodeEntities, Tag, XmlSyntaxError, type XmlAttrs, type XmlTag } from "./xml-tag";
import { ILLEGAL_XML_CHARS, LONE_SURROGATE } from "./xml-escape";

export {
  decodeSpreadsheetText,
  escapeAttr,
  escapeSpreadsheetText,
  escapeText,
  stripIllegalXmlChars,
} from "./xml-escape";
export { decodeEntities, XmlSyntaxError, type XmlAttrs, type XmlTag } from "./xml-tag";
export interface XmlScanHandler {
  open?: (tag: XmlTag) => void;
  /** Also called right after `open` for a self-closing tag (with the same offsets). */
  close?: (name: string, start: number, end: number, selfClosing: boolean) => void;
  /** Character data at [start, end); decode it with `xmlText`. */
  text?: (start: number, end: number, cdata: boolean) => void;
}

/** The text of a `text` callback range: entities decoded (not in CDATA), newlines normalised. */
export function xmlText(src: string, start: number, end: number, cdata = false, strict = false): string {
  let s = src.slice(start, end);
  if (!cdata) s = decodeEntities(s, strict);
  return s.indexOf("\r") < 0 ? s : s.replace(/\r\n?/g, "\n");
}

/** The local name of src[from, to), reusing constants for the hottest worksheet names. */
function nameAt(src: string, from: number, to: number): string {
  let start = from;
  for (let i = from; i < to; i++) if (src.charCodeAt(i) === CHAR.COLON) start = i + 1;
  const len = to - start;
  if (len === 1) {
    switch (src.charCodeAt(start)) {
      case LETTER.c: return "c"; // prettier-ignore
      case LETTER.v: return "v"; // prettier-ignore
      case LETTER.f: return "f"; // prettier-ignore
      case LETTER.t: return "t"; // prettier-ignore
      case LETTER.r: return "r"; // prettier-ignore
    }
  } else if (len === 3 && src.startsWith("row", start)) return "row";
  else if (len === 2 && src.startsWith("is", start)) return "is";
  return src.slice(start, to);
}

/** Finds the '>' ending a tag that starts at `from`, skipping quoted attribute values. */
function tagEnd(src: string, from: number): number {
  const n = src.length;
  for (let i = from; i < n; i++) {
    const c = src.charCodeAt(i);
    if (c === CHAR.GREATER_THAN) return i;
    if (isQuote(c)) {
      const q = src.indexOf(c === CHAR.QUOTE ? '"' : "'", i + 1);
      if (q < 0) return -1;
      i = q;
    }
  }
  return -1;
}

/**
 * How much the tokenizer checks: `false` tolerant, `"complete"` the document's structure (see the
 * module comment), `true` strict (everything XML 1.0 requires of a document's syntax).
 */
export type XmlCheck = boolean | "complete";

/** Tokenizes `src` calling the handler. See the module comment for the modes of `check`. */
export function scanXml(src: string, handler: XmlScanHandler, check: XmlCheck = false): void {
  const strict = check === true;
  const complete = check !== false; // structure checked (strict mode checks it too)
  const tag = new Tag(src, strict);
  const stack: string[] = [];
  const open: string[] = []; // local names of the open elements ("complete" mode)
  let rootSeen = false;
  let rootClosed = false;
  const n = src.length;
  let i = src.charCodeAt(0) === CHAR.BYTE_ORDER_MARK ? 1 : 0;
  const fail = (message: string) => {
    if (complete) throw new XmlSyntaxError(`${message}, at character ${i.toLocaleString("en-US")}`);
  };
  while (i < n) {
    const lt = src.indexOf("<", i);
    const textEnd = lt < 0 ? n : lt;
    if (textEnd > i) {
      if (complete && open.length === 0 && src.slice(i, textEnd).trim() !== "")
        fail(rootSeen ? "Text after the root element" : "Text outside the root element");
      handler.text?.(i, textEnd, false);
    }
    if (lt < 0) break;
    const next = src.charCodeAt(lt + 1);
    if (next === CHAR.EXCLAMATION) {
      if (src.startsWith(MARKUP.COMMENT_OPEN, lt)) {
        const end = src.indexOf(MARKUP.COMMENT_CLOSE, lt + MARKUP.COMMENT_OPEN.length);
        if (end < 0) fail("Unterminated comment");
        i = end < 0 ? n : end + MARKUP.COMMENT_CLOSE.length;
      } else if (src.startsWith(MARKUP.CDATA_OPEN, lt)) {
        const textStart = lt + MARKUP.CDATA_OPEN.length;
        const end = src.indexOf(MARKUP.CDATA_CLOSE, textStart);
        if (end < 0) fail("Unterminated CDATA section");
        handler.text?.(textStart, end < 0 ? n : end, true);
        i = end < 0 ? n : end + MARKUP.CDATA_CLOSE.length;
      } else {
        // <!DOCTYPE ...>, possibly with an internal subset: skipped, never expanded.
        if (stack.length > 0) fail("Declaration inside an element");
        const bracket = src.indexOf("[", lt);
        let end = src.indexOf(">", lt);
        if (bracket >= 0 && end >= 0 && bracket < end) {
          const close = src.indexOf("]", bracket);
          end = close < 0 ? -1 : src.indexOf(">", close);
        }
        i = end < 0 ? n : end + 1;
      }
      continue;
    }
    if (next === CHAR.QUESTION) {
      const end = src.indexOf(MARKUP.INSTRUCTION_CLOSE, lt + MARKUP.INSTRUCTION_OPEN.length);
      if (end < 0) fail("Unterminated processing instruction");
      i = end < 0 ? n : end + MARKUP.INSTRUCTION_CLOSE.length;
      continue;
    }
    const gt = tagEnd(src, lt + 1);
    if (gt < 0) {
      i = lt;
      fail("Unterminated tag");
      break;
    }
    if (next === CHAR.SLASH) {
      const nameStart = lt + MARKUP.END_TAG_OPEN.length;
      let e = gt;
      while (e > nameStart && isSpace(src.charCodeAt(e - 1))) e--;
      if (strict) {
        const rawName = src.slice(nameStart, e);
        const openName = stack.pop();
        if (openName !== rawName) fail(`</${rawName}> closes <${openName ?? "nothing"}>`);
      }
      const closeName = nameAt(src, nameStart, e);
      if (complete) {
        const openName = open.pop();
        if (openName !== closeName) {
          i = lt;
          fail(`</${closeName}> closes <${openName ?? "nothing"}>`);
        }
        if (open.length === 0) rootClosed = true;
      }
      handler.close?.(closeName, lt, gt + 1, false);
      i = gt + 1;
      continue;
    }
    const selfClosing = src.charCodeAt(gt - 1) === CHAR.SLASH;
    const bodyEnd = selfClosing ? gt - 1 : gt;
    let nameEnd = lt + 1;
    while (nameEnd < bodyEnd && !isSpace(src.charCodeAt(nameEnd))) nameEnd++;
    tag.name = nameAt(src, lt + 1, nameEnd);
    if (strict) {
      const rawName = src.slice(lt + 1, nameEnd);
      if (rawName === "" || rawName[0] === ":" || /[<&"'=]/.test(rawName))
        fail(`Bad element name "${rawName}"`);
      if (stack.length === 0) {
        if (rootSeen) fail("More than one root element");
        rootSeen = true;
      }
      if (!selfClosing) stack.push(rawName);
    }
    if (complete) {
      if (open.length === 0 && rootSeen && rootClosed) {
        i = lt;
        fail("More than one root element");
      }
      rootSeen = true;
      if (selfClosing) {
        if (open.length === 0) rootClosed = true;
      } else open.push(tag.name);
    }
    tag.selfClosing = selfClosing;
    tag.start = lt;
    tag.end = gt + 1;
    tag.attrFrom = nameEnd;
    tag.attrTo = bodyEnd;
    handler.open?.(tag);
    if (selfClosing) handler.close?.(tag.name, lt, gt + 1, true);
    i = gt + 1;
  }
  i = n;
  if (strict && stack.length > 0) fail(`<${stack[stack.length - 1]}> is never closed`);
  if (complete && open.length > 0)
    fail(`<${open[open.length - 1]}> is never closed: the part ends too early`);
  if (complete && !rootSeen) fail("No root element");
}

export interface XmlHandler {
  /** `start`/`end` are the offsets of the tag in the source ('<' and one past '>'). */
  open?: (name: string, attrs: XmlAttrs, selfClosing: boolean, start: number, end: number) => void;
  /** Also called right after `open` for a self-closing tag (with the same offsets). */
  close?: (name: string, start: number, end: number, selfClosing: boolean) => void;
  /** Character data with entities decoded (CDATA sections are reported verbatim). */
  text?: (text: string) => void;
}

/** Tokenizes `src` with attributes as objects and decoded text (convenient, for small parts). */
export function parseXml(
  src: string,
  handler: XmlHandler,
  options: { strict?: boolean; complete?: boolean } = {},
): void {
  const strict = options.strict === true;
  scanXml(
    src,
    {
      open: (tag) => {
        const attrs = handler.open || strict ? tag.attrs() : {};
        handler.open?.(tag.name, attrs, tag.selfClosing, tag.start, tag.end);
      },
      close: handler.close,
      text:
        handler.text || strict
          ? (s, e, cdata) => handler.text?.(xmlText(src, s, e, cdata, strict))
          : undefined,
    },
    strict || (options.complete === true ? "complete" : false),
  );
}

// Non-global copies of the writer's patterns: .test() on a global regex keeps state between calls.
const ILLEGAL_CHAR = new RegExp(ILLEGAL_XML_CHARS.source);
const LONE = new RegExp(LONE_SURROGATE.source);

/**
 * Throws an XmlSyntaxError when `src` is not a well-formed XML 1.0 document (including characters
 * XML cannot carry, raw or as character references).
 */
export function checkWellFormed(src: string): void {
  const check = (s: string) => {
    if (ILLEGAL_CHAR.test(s) || LONE.test(s)) throw new XmlSyntaxError("Character not allowed in XML 1.0");
  };
  parseXml(
    src,
    { open: (_name, attrs) => Object.values(attrs).forEach(check), text: check },
    { strict: true },
  );
}
