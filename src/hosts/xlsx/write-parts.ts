/**
 * Textual edits of the package's bookkeeping parts ([Content_Types].xml, *.rels, workbook.xml):
 * strings are inserted or removed at positions found by the tokenizer, so everything else in
 * those files stays exactly as the user's application wrote it.
 */
import { REL_NS } from "./opc";
import type { WorkbookInfo } from "./read-workbook";
import { escapeAttr, escapeText, parseXml } from "./xml";

interface Edit {
  at: number;
  end: number;
  text: string;
}

function applyEdits(xml: string, edits: Edit[]): string {
  let out = xml;
  for (const e of [...edits].sort((a, b) => b.at - a.at || b.end - a.end)) {
    out = out.slice(0, e.at) + e.text + out.slice(e.end);
  }
  return out;
}

interface RootInfo {
  prefix: string;
  name: string;
  /** Offset of the root's closing tag; for a self-closing root, its tag span. */
  close: number;
  selfClosing: { start: number; end: number } | null;
}

function rootOf(xml: string): RootInfo {
  const root: RootInfo = { prefix: "", name: "", close: -1, selfClosing: null };
  let depth = 0;
  parseXml(xml, {
    open(name, _a, selfClosing, start, end) {
      if (depth === 0) {
        const raw = /^<([^\s/>]+)/.exec(xml.slice(start, start + 200))?.[1] ?? name;
        root.prefix = raw.slice(0, raw.length - name.length);
        root.name = raw;
        if (selfClosing) root.selfClosing = { start, end };
      }
      if (!selfClosing) depth++;
    },
    close(_name, start, _end, selfClosing) {
      if (selfClosing) return;
      depth--;
      if (depth === 0) root.close = start;
    },
  });
  if (root.close < 0 && !root.selfClosing) throw new Error("XML part has no root element");
  return root;
}

/** Inserts `text(prefix)` as the last children of the root element. */
function appendToRoot(xml: string, text: (prefix: string) => string): string {
  const root = rootOf(xml);
  const body = text(root.prefix);
  if (body === "") return xml;
  if (root.selfClosing) {
    const { start, end } = root.selfClosing;
    const open = xml.slice(start, end).replace(/\s*\/>$/, ">");
    return xml.slice(0, start) + open + body + `</${root.name}>` + xml.slice(end);
  }
  return xml.slice(0, root.close) + body + xml.slice(root.close);
}

/** Removes the elements (with their content) for which `match` is true. */
function removeElements(
  xml: string,
  match: (name: string, attrs: Record<string, string>) => boolean,
): string {
  return applyEdits(xml, removalEdits(xml, match));
}

/** The edits removing the elements (with their content) for which `match` is true. */
function removalEdits(xml: string, match: (name: string, attrs: Record<string, string>) => boolean): Edit[] {
  const edits: Edit[] = [];
  let open: { start: number; depth: number } | null = null;
  let depth = 0;
  parseXml(xml, {
    open(name, a, selfClosing, start, end) {
      if (!open && match(name, a)) {
        if (selfClosing) edits.push({ at: start, end, text: "" });
        else open = { start, depth };
      }
      if (!selfClosing) depth++;
    },
    close(_name, _start, end, selfClosing) {
      if (selfClosing) return;
      depth--;
      if (open && depth === open.depth) {
        edits.push({ at: open.start, end, text: "" });
        open = null;
      }
    },
  });
  return edits;
}

export interface NewRelationship {
  id: string;
  type: string;
  target: string;
}

const EMPTY_RELS =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>';

export function newRelsPart(rels: NewRelationship[]): string {
  return addRelationships(EMPTY_RELS, rels);
}

export function addRelationships(xml: string, rels: NewRelationship[]): string {
  return appendToRoot(xml, (p) =>
    rels
      .map(
        (r) =>
          `<${p}Relationship Id="${escapeAttr(r.id)}" Type="${escapeAttr(r.type)}" Target="${escapeAttr(r.target)}"/>`,
      )
      .join(""),
  );
}

export function removeRelationships(xml: string, ids: Set<string>): string {
  return removeElements(xml, (name, a) => name === "Relationship" && ids.has(a.Id ?? ""));
}

/** A fresh id ("rIdN") not used by `existing`. */
export function relIdAllocator(existing: string[]): () => string {
  const used = new Set(existing);
  let n = existing.length;
  return () => {
    let id: string;
    do id = `rId${++n}`;
    while (used.has(id));
    used.add(id);
    return id;
  };
}

/** Adds Override entries for new parts and removes those of deleted parts (part names without "/"). */
export function patchContentTypes(
  xml: string,
  add: { part: string; type: string }[],
  remove: string[],
): string {
  const gone = new Set(remove.map((p) => `/${p}`.toLowerCase()));
  let out =
    gone.size > 0
      ? removeElements(xml, (n, a) => n === "Override" && gone.has((a.PartName ?? "").toLowerCase()))
      : xml;
  let hasRelsDefault = false;
  parseXml(out, {
    open(name, a) {
      if (name === "Default" && (a.Extension ?? "").toLowerCase() === "rels") hasRelsDefault = true;
    },
  });
  out = appendToRoot(
    out,
    (p) =>
      (hasRelsDefault
        ? ""
        : `<${p}Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>`) +
      add
        .map((o) => `<${p}Override PartName="/${escapeAttr(o.part)}" ContentType="${escapeAttr(o.type)}"/>`)
        .join(""),
  );
  return out;
}

/**
 * A defined name to add: sheet-scoped (print titles, print area: `localSheetId` = the sheet's
 * position) or workbook-level (headline names: `localSheetId` null).
 */
export interface SheetName {
  name: string;
  localSheetId: number | null;
  value: string;
}

export interface WorkbookPatch {
  /** Names to add; a name of the same name and scope already there is replaced. */
  names?: SheetName[];
  /** Position of the sheet the workbook opens on (`<workbookView activeTab>`). */
  activeTab?: number;
}

/** Edits setting `activeTab` on the first workbookView (adding bookViews when missing). */
function activeTabEdits(xml: string, prefix: string, tab: number): Edit[] {
  let view: { start: number; end: number; selfClosing: boolean } | null = null;
  let sheetsStart = -1;
  let depth = 0;
  parseXml(xml, {
    open(name, _a, selfClosing, start, end) {
      if (name === "workbookView" && !view) view = { start, end, selfClosing };
      if (name === "sheets" && depth === 1 && sheetsStart < 0) sheetsStart = start;
      if (!selfClosing) depth++;
    },
    close(_n, _s, _e, selfClosing) {
      if (!selfClosing) depth--;
    },
  });
  const found = view as { start: number; end: number; selfClosing: boolean } | null;
  if (found) {
    const tag = xml.slice(found.start, found.end);
    let next = /\sactiveTab="[^"]*"/.test(tag)
      ? tag.replace(/\sactiveTab="[^"]*"/, ` activeTab="${tab}"`)
      : tag.replace(/^(<[^\s/>]+)/, `$1 activeTab="${tab}"`);
    // A first visible tab after the active one would hide it from the tab bar.
    next = next.replace(/\sfirstSheet="(\d+)"/, (m, n) => (Number(n) > tab ? ` firstSheet="${tab}"` : m));
    return [{ at: found.start, end: found.end, text: next }];
  }
  if (sheetsStart < 0) return [];
  return [
    {
      at: sheetsStart,
      end: sheetsStart,
      text: `<${prefix}bookViews><${prefix}workbookView activeTab="${tab}"/></${prefix}bookViews>`,
    },
  ];
}

/**
 * Adds `<sheet>` entries at the end of `<sheets>` and our marker defined names, as text.
 * `markers` are 0-based positions in the (new) sheets list.
 */
export function patchWorkbookXml(
  xml: string,
  info: WorkbookInfo,
  sheets: { name: string; sheetId: number; rId: string }[],
  markers: number[],
  marker: { name: string; value: string },
  patch: WorkbookPatch = {},
): string {
  const { prefix: p, relPrefix } = info.pos;
  const pos = info.pos;
  const edits: Edit[] = [];
  const added = patch.names ?? [];
  if (added.length > 0) {
    const scope = (id: number | null) => (id === null ? "workbook" : String(id));
    const replaced = new Set(added.map((n) => `${n.name.toLowerCase()}|${scope(n.localSheetId)}`));
    edits.push(
      ...removalEdits(
        xml,
        (name, a) =>
          name === "definedName" &&
          replaced.has(
            `${(a.name ?? "").toLowerCase()}|${scope(a.localSheetId === undefined ? null : Number(a.localSheetId))}`,
          ),
      ),
    );
  }
  if (patch.activeTab !== undefined) edits.push(...activeTabEdits(xml, p, patch.activeTab));
  const rAttr = (id: string) => (relPrefix ? `${relPrefix}:id="${id}"` : `xmlns:r="${REL_NS}" r:id="${id}"`);
  const sheetXml = sheets
    .map(
      (s) => `<${p}sheet name="${escapeAttr(s.name)}" sheetId="${s.sheetId}" ${rAttr(escapeAttr(s.rId))}/>`,
    )
    .join("");
  if (sheetXml !== "") {
    if (pos.sheetsSelfClosing) {
      const { start, end } = pos.sheetsSelfClosing;
      const open = xml.slice(start, end).replace(/\s*\/>$/, ">");
      edits.push({ at: start, end, text: `${open}${sheetXml}</${p}sheets>` });
    } else edits.push({ at: pos.sheetsClose, end: pos.sheetsClose, text: sheetXml });
  }
  const names =
    markers
      .map(
        (k) =>
          `<${p}definedName name="${escapeAttr(marker.name)}" localSheetId="${k}" hidden="1">${escapeText(marker.value)}</${p}definedName>`,
      )
      .join("") +
    added
      .map(
        (n) =>
          `<${p}definedName name="${escapeAttr(n.name)}"${n.localSheetId === null ? "" : ` localSheetId="${n.localSheetId}"`}>${escapeText(n.value)}</${p}definedName>`,
      )
      .join("");
  if (names !== "") {
    if (pos.definedNamesClose >= 0)
      edits.push({ at: pos.definedNamesClose, end: pos.definedNamesClose, text: names });
    else if (pos.definedNamesSelfClosing) {
      const { start, end } = pos.definedNamesSelfClosing;
      const open = xml.slice(start, end).replace(/\s*\/>$/, ">");
      edits.push({ at: start, end, text: `${open}${names}</${p}definedNames>` });
    } else {
      edits.push({
        at: pos.definedNamesInsert,
        end: pos.definedNamesInsert,
        text: `<${p}definedNames>${names}</${p}definedNames>`,
      });
    }
  }
  return applyEdits(xml, edits);
}
