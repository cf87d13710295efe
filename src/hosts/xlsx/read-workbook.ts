/** xl/workbook.xml: the sheets in tab order, defined names, the date system — and, for the
 * writer, where in the text new `<sheet>` and `<definedName>` elements go. */
import { OUTPUT_MARKER_NAME } from "../../core/report/spec";
import { damaged, notAWorkbook } from "./errors";
import { type Package, relIs } from "./opc";
import { parseXml } from "./xml";

export interface SheetEntry {
  name: string;
  sheetId: number;
  rId: string;
  state: "visible" | "hidden" | "veryHidden";
  /** Resolved part name, or null when the relationship is missing. */
  part: string | null;
  kind: "worksheet" | "chartsheet" | "dialogsheet" | "macrosheet" | "unknown";
}

export interface DefinedName {
  name: string;
  localSheetId: number | null;
  hidden: boolean;
  value: string;
}

export interface WorkbookInfo {
  part: string;
  sheets: SheetEntry[];
  definedNames: DefinedName[];
  date1904: boolean;
  /** Saved as "Strict Open XML" (ISO 29500 strict namespaces): readable, but we do not write into it. */
  strictOoxml: boolean;
  /** Text positions for the writer. */
  pos: {
    /** Namespace prefix of the SpreadsheetML elements ("" or e.g. "x:"). */
    prefix: string;
    /** Prefix bound to the relationships namespace, or null if none is declared on the root. */
    relPrefix: string | null;
    /** Offset of `</sheets>`, or of a self-closing `<sheets/>` tag (with its end). */
    sheetsClose: number;
    sheetsSelfClosing: { start: number; end: number } | null;
    /** Offset of `</definedNames>` (or the self-closing tag), or -1 when absent. */
    definedNamesClose: number;
    definedNamesSelfClosing: { start: number; end: number } | null;
    /** Where a new `<definedNames>` element may go (after sheets and externalReferences). */
    definedNamesInsert: number;
  };
}

const REL_NAMESPACES = [
  "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
  "http://purl.oclc.org/ooxml/officeDocument/relationships",
];
const SHEET_KINDS: [SheetEntry["kind"], string][] = [
  ["worksheet", "worksheet"],
  ["chartsheet", "chartsheet"],
  ["dialogsheet", "dialogsheet"],
  ["macrosheet", "xlMacrosheet"],
];

/** The element name as written, with its prefix ("x:sheets"). */
function rawTagName(xml: string, start: number): string {
  return /^<\/?([^\s/>]+)/.exec(xml.slice(start, start + 200))?.[1] ?? "";
}

export function readWorkbookInfo(pkg: Package): WorkbookInfo {
  const part = pkg.workbookPart();
  if (!part) throw notAWorkbook(pkg.names, pkg.text("mimetype"));
  const xml = pkg.text(part)!;
  const rels = pkg.rels(part);
  const info: WorkbookInfo = {
    part,
    sheets: [],
    definedNames: [],
    date1904: false,
    strictOoxml: false,
    pos: {
      prefix: "",
      relPrefix: null,
      sheetsClose: -1,
      sheetsSelfClosing: null,
      definedNamesClose: -1,
      definedNamesSelfClosing: null,
      definedNamesInsert: -1,
    },
  };
  const pos = info.pos;
  let depth = 0;
  let current: DefinedName | null = null;
  parseXml(
    xml,
    {
      open(name, a, selfClosing, start, end) {
        if (depth === 0) {
          const raw = rawTagName(xml, start);
          pos.prefix = raw.length > name.length ? raw.slice(0, raw.length - name.length) : "";
          for (const [k, v] of Object.entries(a)) {
            if (k.startsWith("xmlns:") && REL_NAMESPACES.includes(v)) pos.relPrefix = k.slice(6);
            if (k.startsWith("xmlns") && v.startsWith("http://purl.oclc.org/ooxml/spreadsheetml"))
              info.strictOoxml = true;
          }
        }
        if (name === "workbookPr") info.date1904 = a.date1904 === "1" || a.date1904 === "true";
        else if (name === "sheet") {
          const rel = rels.find((r) => r.id === a.id);
          const kind = rel ? SHEET_KINDS.find(([, type]) => relIs(rel.type, type))?.[0] : undefined;
          info.sheets.push({
            name: a.name ?? "",
            sheetId: Number(a.sheetId),
            rId: a.id ?? "",
            state: a.state === "hidden" ? "hidden" : a.state === "veryHidden" ? "veryHidden" : "visible",
            part: rel && !rel.external ? rel.target : null,
            kind: kind ?? "unknown",
          });
        } else if (name === "definedName") {
          current = {
            name: a.name ?? "",
            localSheetId: a.localSheetId === undefined ? null : Number(a.localSheetId),
            hidden: a.hidden === "1" || a.hidden === "true",
            value: "",
          };
        } else if (selfClosing && depth === 1) {
          if (name === "sheets") pos.sheetsSelfClosing = { start, end };
          if (name === "definedNames") pos.definedNamesSelfClosing = { start, end };
        }
        if (!selfClosing) depth++;
      },
      close(name, start, end, selfClosed) {
        if (name === "definedName" && current) {
          info.definedNames.push(current);
          current = null;
        }
        if (!selfClosed) depth--;
        if (depth !== 1) return;
        // sheets, functionGroups, externalReferences come before definedNames (CT_Workbook order)
        if (name === "sheets" || name === "functionGroups" || name === "externalReferences") {
          pos.definedNamesInsert = end;
        }
        if (name === "sheets" && !selfClosed) pos.sheetsClose = start;
        if (name === "definedNames" && !selfClosed) pos.definedNamesClose = start;
      },
      text(t) {
        if (current) current.value += t;
      },
    },
    { complete: true },
  );
  if (pos.sheetsClose < 0 && !pos.sheetsSelfClosing) throw damaged("the workbook has no list of sheets");
  return info;
}

/** Names of the sheets carrying our output marker (a sheet-scoped defined name). */
export function markedSheets(info: WorkbookInfo): string[] {
  const out: string[] = [];
  for (const d of info.definedNames) {
    if (d.name.toLowerCase() !== OUTPUT_MARKER_NAME.toLowerCase() || d.localSheetId === null) continue;
    const sheet = info.sheets[d.localSheetId];
    if (sheet && !out.includes(sheet.name)) out.push(sheet.name);
  }
  return out;
}
