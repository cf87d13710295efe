/**
 * Character codes and delimiters the XML tokenizer compares against (xml.ts, xml-tag.ts). The
 * tokenizer reads `charCodeAt` numbers for speed (a worksheet of 100,000 rows has millions of
 * tags); these names say which character each number is.
 */
export const CHAR = {
  TAB: 0x09,
  LINE_FEED: 0x0a,
  CARRIAGE_RETURN: 0x0d,
  SPACE: 0x20,
  EXCLAMATION: 0x21, // "<!" starts a comment, CDATA or a declaration
  QUOTE: 0x22,
  APOSTROPHE: 0x27,
  SLASH: 0x2f, // "</" end tag, "/>" self-closing tag
  COLON: 0x3a, // namespace prefix separator
  EQUALS: 0x3d,
  GREATER_THAN: 0x3e,
  QUESTION: 0x3f, // "<?" processing instruction
  /** A byte-order mark some writers put before the XML declaration. */
  BYTE_ORDER_MARK: 0xfeff,
} as const;

/** Lower-case letters of the one-letter worksheet element names (c, v, f, t, r). */
export const LETTER = { c: 0x63, f: 0x66, r: 0x72, t: 0x74, v: 0x76 } as const;

/** Markup delimiters; their lengths are the offsets the tokenizer skips. */
export const MARKUP = {
  COMMENT_OPEN: "<!--",
  COMMENT_CLOSE: "-->",
  CDATA_OPEN: "<![CDATA[",
  CDATA_CLOSE: "]]>",
  INSTRUCTION_OPEN: "<?",
  INSTRUCTION_CLOSE: "?>",
  END_TAG_OPEN: "</",
} as const;

/** XML white space (S in the XML 1.0 grammar): space, tab, line feed, carriage return. */
export const isSpace = (c: number): boolean =>
  c === CHAR.SPACE || c === CHAR.TAB || c === CHAR.LINE_FEED || c === CHAR.CARRIAGE_RETURN;

/** A quote that delimits an attribute value. */
export const isQuote = (c: number): boolean => c === CHAR.QUOTE || c === CHAR.APOSTROPHE;
