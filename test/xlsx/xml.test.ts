import fc from "fast-check";
import {
  checkWellFormed,
  decodeEntities,
  decodeSpreadsheetText,
  escapeAttr,
  escapeSpreadsheetText,
  parseXml,
  scanXml,
  XmlSyntaxError,
} from "../../src/hosts/xlsx/xml";

type Event = [string, string, Record<string, string>?];

function events(xml: string): Event[] {
  const out: Event[] = [];
  parseXml(xml, {
    open: (name, attrs, selfClosing) => out.push([selfClosing ? "empty" : "open", name, attrs]),
    close: (name, _s, _e, selfClosing) => {
      if (!selfClosing) out.push(["close", name]);
    },
    text: (t) => {
      if (t.trim() !== "") out.push(["text", t]);
    },
  });
  return out;
}

describe("XML tokenizer", () => {
  it("reports elements by local name, attributes, self-closing tags and text", () => {
    const xml =
      '<?xml version="1.0"?>\n<x:sst xmlns:x="urn:main" count=\'2\'><x:si><x:t xml:space="preserve"> a </x:t></x:si><x:si/></x:sst>';
    expect(events(xml)).toEqual([
      ["open", "sst", { "xmlns:x": "urn:main", count: "2" }],
      ["open", "si", {}],
      ["open", "t", { space: "preserve" }],
      ["text", " a "],
      ["close", "t"],
      ["close", "si"],
      ["empty", "si", {}],
      ["close", "sst"],
    ]);
  });

  it("decodes named and numeric entities in text and attributes", () => {
    expect(events('<a b="&lt;&amp;&quot;&#65;&#x42;">&apos;&#128512;&#x5D0;&gt;</a>')).toEqual([
      ["open", "a", { b: '<&"AB' }],
      ["text", "'😀א>"],
      ["close", "a"],
    ]);
    expect(decodeEntities("&unknown; & &amp")).toBe("&unknown; & &amp");
  });

  it("reports CDATA verbatim and skips comments, processing instructions and DOCTYPE without expanding entities", () => {
    const xml =
      '<!DOCTYPE a [<!ENTITY boom "BOOM">]><a><!-- <b>ignored</b> --><?pi x?><![CDATA[<not a tag> &amp;]]>&boom;</a>';
    expect(events(xml)).toEqual([
      ["open", "a", {}],
      ["text", "<not a tag> &amp;"],
      ["text", "&boom;"],
      ["close", "a"],
    ]);
  });

  it("handles '>' inside quoted attribute values and normalises CR LF in text", () => {
    expect(events('<a f="x>y">1\r\n2\r3</a>')).toEqual([
      ["open", "a", { f: "x>y" }],
      ["text", "1\n2\n3"],
      ["close", "a"],
    ]);
  });

  it("is tolerant by default and strict on request", () => {
    expect(() => events("<a><b></a>")).not.toThrow();
    expect(() => events('<a x=1 y="2><b')).not.toThrow();
    for (const bad of [
      "<a><b></a>",
      "<a>",
      "<a x=1/>",
      '<a x="1" x="2"/>',
      "<a/><b/>",
      "<a>&nope;</a>",
      "text",
      "<a>\u0001</a>",
      "<a>&#1;</a>",
      '<a b="&#xFFFF;"/>',
    ]) {
      expect(() => checkWellFormed(bad)).toThrow(XmlSyntaxError);
    }
    expect(() =>
      checkWellFormed('<?xml version="1.0"?><r:a xmlns:r="u"><b c="&amp;"/>t</r:a>'),
    ).not.toThrow();
  });
});

describe("the 'complete' check (every part the reader takes)", () => {
  const complete = (xml: string) => scanXml(xml, {}, "complete");
  it("accepts whole documents, tolerating attribute and entity slips", () => {
    for (const ok of [
      '<?xml version="1.0"?>\n<x:a xmlns:x="u"><x:b/><c>t &nope;</c></x:a>\n',
      "\ufeff<a x=1><!-- c --><![CDATA[<b>]]></a>",
      "<a><b></b><c/></a>",
    ])
      expect(() => complete(ok)).not.toThrow();
  });
  it("refuses a document cut anywhere before its last end tag, or with broken structure", () => {
    const whole = '<?xml version="1.0"?><ws><data><row r="1"><c r="A1"><v>1</v></c></row></data></ws>';
    for (let cut = 1; cut < whole.length; cut++) {
      // every proper prefix that reaches into the root is damaged
      if (cut <= whole.indexOf("<ws")) continue;
      expect(() => complete(whole.slice(0, cut))).toThrow(XmlSyntaxError);
    }
    expect(() => complete(whole)).not.toThrow();
    for (const bad of [
      "<a><b></a>",
      "<a></b>",
      "<a/><b/>",
      "<a/>text",
      "text",
      "",
      "<a><!-- x</a>",
      "<a><![CDATA[x</a>",
    ])
      expect(() => complete(bad)).toThrow(XmlSyntaxError);
    expect(() => complete("<a><b></a>")).toThrow("</a> closes <b>, at character 6");
    expect(() => complete("<a><b>")).toThrow("<b> is never closed: the part ends too early");
  });
});

describe("SpreadsheetML escaping", () => {
  it("encodes control characters and literal _xHHHH_ with Excel's _xHHHH_ escape", () => {
    expect(escapeSpreadsheetText("a\u0001b\u001Fc\rd")).toBe("a_x0001_b_x001F_c_x000D_d");
    expect(escapeSpreadsheetText("_x0041_")).toBe("_x005F_x0041_");
    expect(escapeSpreadsheetText("<script>&")).toBe("&lt;script&gt;&amp;");
    expect(escapeSpreadsheetText("tab\tnewline\n")).toBe("tab\tnewline\n");
    expect(escapeSpreadsheetText("\uD800x")).toBe("\uFFFDx");
    expect(decodeSpreadsheetText("_x005F_x0041_ _x0041_ _xD83D__xDE00_")).toBe("_x0041_ A 😀");
    expect(escapeAttr('a"b<c>&\n')).toBe("a&quot;b&lt;c&gt;&amp;&#10;");
  });

  it("round-trips any string through escape -> XML -> decode (property)", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), (s) => {
        const wellFormed = s.replace(/[\uD800-\uDFFF]/g, (c, i: number) => {
          const code = s.charCodeAt(i);
          const pairStart = code < 0xdc00 && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00;
          const pairEnd = code >= 0xdc00 && (s.charCodeAt(i - 1) & 0xfc00) === 0xd800;
          return pairStart || pairEnd ? c : "\uFFFD";
        });
        const xml = `<t>${escapeSpreadsheetText(s)}</t>`;
        checkWellFormed(xml);
        let text = "";
        parseXml(xml, { text: (t) => (text += t) });
        expect(decodeSpreadsheetText(text)).toBe(wellFormed);
      }),
      { numRuns: 500 },
    );
  });
});
