/**
 * Microsoft's own Office.js client runtime for Excel on the web (`@microsoft/office-js`,
 * dist/excel-web-16.00.debug.js) loaded into a jsdom window, with its HTTP transport replaced
 * (`OfficeExtension.HttpUtility.setCustomSendRequestFunc`) by `RuntimeServer`: every
 * `context.sync()` of code run through `run` hands the server the exact request body Excel on the
 * web would receive, so its size is the real size, not an estimate.
 *
 * `RuntimeServer` is a small stand-in for Excel's side, just enough for the host's write path:
 *   - requests over 5,000,000 bytes are refused as Excel on the web refuses them (HTTP 413 with
 *     `RequestPayloadSizeLimitExceeded`, nothing applied), so split-and-retry runs for real;
 *   - it keeps the worksheet list (name, id, visibility, sheet-scoped names) and the workbook's
 *     protection and names, and applies the structural calls the host makes on them (add, delete,
 *     rename, show/hide, names add/delete), answering queries in the response format the runtime
 *     parses (`{ Results: [{ ActionId, Value }] }`, PascalCase properties, `_Items` for collections);
 *   - a worksheet created by `worksheets.add` gets a `_ReferenceId` as Excel's server gives it, so
 *     later requests address it by reference (as in Excel);
 *   - any range `values` query answers the date-system probe (`=DATE(1904,1,1)`): 1462, or 0
 *     when `date1904` is set. Cell contents and formats are acknowledged, not kept (the fake in
 *     test/excel checks what they do; this checks what they cost).
 * Ranges get no reference ids, so their object paths are re-sent in later requests: that makes
 * the measured sizes slightly larger than Excel's, never smaller.
 *
 * Used by the Excel host's tests (test/excel/real-runtime.test.ts) and `npm run bench:excel`.
 */
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { JSDOM } from "jsdom";

export const EXCEL_WEB_LIMIT_BYTES = 5_000_000;

type Json = Record<string, unknown>;

interface ObjectPathInfo {
  Id: number;
  ObjectPathType: number;
  Name: string;
  ParentObjectPathId?: number;
  ArgumentInfo?: { Arguments?: unknown[] };
}

interface ActionInfo {
  Id: number;
  ActionType: number;
  Name: string;
  ObjectPathId: number;
  QueryInfo?: { Select?: string[] };
  ArgumentInfo?: { Arguments?: unknown[] };
}

export interface ServerName {
  name: string;
  formula: string;
  visible: boolean;
}

export interface ServerSheet {
  id: string;
  name: string;
  visibility: string;
  names: ServerName[];
}

export interface RequestRecord {
  /** UTF-8 bytes of the JSON request body. */
  bytes: number;
  actions: number;
  /** Refused for its size (nothing applied). */
  rejected: boolean;
}

type Target =
  | { kind: "workbook" }
  | { kind: "worksheets" }
  | { kind: "protection" }
  | { kind: "sheet"; sheet: ServerSheet | null }
  | { kind: "names"; owner: ServerSheet | null }
  | { kind: "name"; owner: ServerSheet | null; item: ServerName | null }
  | { kind: "range" }
  | { kind: "charts" }
  | { kind: "other" };

class ServerError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

let nextSheet = 1;

export class RuntimeServer {
  sheets: ServerSheet[] = [];
  names: ServerName[] = [];
  protected = false;
  date1904 = false;
  limitBytes = EXCEL_WEB_LIMIT_BYTES;
  readonly requests: RequestRecord[] = [];
  private readonly refs = new Map<string, ServerSheet>();

  addSheet(name: string, visibility = "Visible"): ServerSheet {
    const sheet: ServerSheet = { id: `{R${nextSheet++}}`, name, visibility, names: [] };
    this.sheets.push(sheet);
    return sheet;
  }

  find(key: string): ServerSheet | null {
    const k = key.toLowerCase();
    return this.sheets.find((s) => s.id === key || s.name.toLowerCase() === k) ?? null;
  }

  /** Largest accepted request so far. */
  largest(): number {
    return this.requests.filter((r) => !r.rejected).reduce((m, r) => Math.max(m, r.bytes), 0);
  }

  handle(body: unknown): { statusCode: number; headers: Record<string, string>; body: string } {
    const text = JSON.stringify(body);
    const bytes = Buffer.byteLength(text, "utf8");
    const { Actions: actions = [], ObjectPaths: paths = {} } = body as {
      Actions?: ActionInfo[];
      ObjectPaths?: Record<string, ObjectPathInfo>;
    };
    const rejected = bytes > this.limitBytes;
    this.requests.push({ bytes, actions: actions.length, rejected });
    if (rejected) {
      return {
        statusCode: 413,
        headers: {},
        body: JSON.stringify({
          error: {
            code: "RequestPayloadSizeLimitExceeded",
            message: `The request payload size has exceeded the limit (${bytes} bytes).`,
          },
        }),
      };
    }
    const results: Json[] = [];
    const resolved = new Map<number, Target>();
    const resolve = (id: number): Target => {
      const known = resolved.get(id);
      if (known) return known;
      const t = this.target(paths[String(id)], resolve, resolved);
      resolved.set(id, t);
      return t;
    };
    for (const [index, action] of actions.entries()) {
      try {
        const value = this.apply(action, paths, resolve);
        if (value !== undefined) results.push({ ActionId: action.Id, Value: value });
      } catch (error) {
        if (!(error instanceof ServerError)) throw error;
        return {
          statusCode: 200,
          headers: {},
          body: JSON.stringify({
            Results: results,
            Error: { Code: error.code, Message: error.message, ActionIndex: index },
          }),
        };
      }
    }
    return { statusCode: 200, headers: {}, body: JSON.stringify({ Results: results }) };
  }

  private target(
    info: ObjectPathInfo | undefined,
    resolve: (id: number) => Target,
    resolved: Map<number, Target>,
  ): Target {
    if (!info) return { kind: "other" };
    const args = info.ArgumentInfo?.Arguments ?? [];
    if (info.ObjectPathType === 1) return { kind: "workbook" };
    if (info.ObjectPathType === 6) return { kind: "sheet", sheet: this.refs.get(info.Name) ?? null };
    const parent = info.ParentObjectPathId === undefined ? null : resolve(info.ParentObjectPathId);
    const pk = parent?.kind;
    if (info.ObjectPathType === 4) {
      if (pk === "workbook" && info.Name === "Worksheets") return { kind: "worksheets" };
      if (pk === "workbook" && info.Name === "Protection") return { kind: "protection" };
      if (pk === "workbook" && info.Name === "Names") return { kind: "names", owner: null };
      if (pk === "sheet" && info.Name === "Names")
        return { kind: "names", owner: (parent as { sheet: ServerSheet | null }).sheet };
      if (pk === "sheet" && info.Name === "Charts") return { kind: "charts" };
      return { kind: "other" };
    }
    if (info.ObjectPathType === 5 || info.ObjectPathType === 3) {
      const method = info.Name;
      if (pk === "worksheets") {
        if (method === "Add") {
          const sheet = this.addSheet(String(args[0] ?? `Sheet${this.sheets.length + 1}`));
          const ref = `ref${sheet.id}`;
          this.refs.set(ref, sheet);
          resolved.set(info.Id, { kind: "sheet", sheet });
          return { kind: "sheet", sheet };
        }
        if (info.ObjectPathType === 5 || method === "GetItem" || method === "GetItemOrNullObject") {
          const sheet = this.find(String(args[0]));
          if (!sheet && method !== "GetItemOrNullObject")
            throw new ServerError("ItemNotFound", `No worksheet ${String(args[0])}`);
          return { kind: "sheet", sheet };
        }
      }
      if (pk === "names") {
        const owner = (parent as { owner: ServerSheet | null }).owner;
        const list = owner ? owner.names : this.names;
        if (method === "Add") {
          const item = { name: String(args[0]), formula: String(args[1]), visible: true };
          if (list.some((n) => n.name.toLowerCase() === item.name.toLowerCase()))
            throw new ServerError("ItemAlreadyExists", `The name ${item.name} exists`);
          list.push(item);
          return { kind: "name", owner, item };
        }
        const item = list.find((n) => n.name.toLowerCase() === String(args[0]).toLowerCase()) ?? null;
        if (!item && method !== "GetItemOrNullObject")
          throw new ServerError("ItemNotFound", `No name ${String(args[0])}`);
        return { kind: "name", owner, item };
      }
      if (pk === "sheet" || pk === "range") return { kind: "range" };
    }
    return { kind: "other" };
  }

  private apply(
    action: ActionInfo,
    paths: Record<string, ObjectPathInfo>,
    resolve: (id: number) => Target,
  ): unknown {
    const t = resolve(action.ObjectPathId);
    const args = action.ArgumentInfo?.Arguments ?? [];
    switch (action.ActionType) {
      case 1: {
        const info = paths[String(action.ObjectPathId)];
        if (t.kind === "sheet" && info?.ObjectPathType === 3 && info.Name === "Add" && t.sheet) {
          return { _ReferenceId: `ref${t.sheet.id}` };
        }
        if ((t.kind === "sheet" && !t.sheet) || (t.kind === "name" && !t.item)) return { _IsNull: true };
        return undefined;
      }
      case 2:
        return this.query(t, action.QueryInfo?.Select ?? []);
      case 3:
        if (action.Name === "Delete" && t.kind === "sheet" && t.sheet) {
          const visible = this.sheets.filter((s) => s.visibility === "Visible");
          if (t.sheet.visibility === "Visible" && visible.length === 1)
            throw new ServerError("InvalidOperation", "The last visible sheet cannot be deleted.");
          this.sheets = this.sheets.filter((s) => s !== t.sheet);
        } else if (action.Name === "Delete" && t.kind === "name" && t.item) {
          const list = t.owner ? t.owner.names : this.names;
          list.splice(list.indexOf(t.item), 1);
        }
        return undefined;
      case 4:
        if (t.kind === "sheet" && t.sheet) {
          if (action.Name === "Name") {
            const other = this.find(String(args[0]));
            if (other && other !== t.sheet)
              throw new ServerError("ItemAlreadyExists", `A sheet named ${String(args[0])} exists`);
            t.sheet.name = String(args[0]);
          } else if (action.Name === "Visibility") t.sheet.visibility = String(args[0]);
        } else if (t.kind === "name" && t.item) {
          if (action.Name === "Formula") t.item.formula = String(args[0]);
          if (action.Name === "Visible") t.item.visible = Boolean(args[0]);
        }
        return undefined;
      default:
        return undefined;
    }
  }

  private query(t: Target, select: string[]): unknown {
    const fields = new Map<string, string[]>();
    for (const s of select) {
      const [head, ...rest] = s.split("/");
      const key = head.toLowerCase();
      if (!fields.has(key)) fields.set(key, []);
      if (rest.length > 0) fields.get(key)!.push(rest.join("/").replace(/^items\//i, ""));
    }
    const nameValue = (n: ServerName, sub: string[]) => {
      const all = sub.length === 0;
      const out: Json = {};
      if (all || sub.includes("name")) out.Name = n.name;
      if (all || sub.includes("formula")) out.Formula = n.formula;
      if (all || sub.includes("visible")) out.Visible = n.visible;
      return out;
    };
    const sheetValue = (s: ServerSheet) => {
      const out: Json = {};
      if (fields.size === 0 || fields.has("name")) out.Name = s.name;
      if (fields.size === 0 || fields.has("id")) out.Id = s.id;
      if (fields.size === 0 || fields.has("visibility")) out.Visibility = s.visibility;
      if (fields.has("names")) out.Names = { _Items: s.names.map((n) => nameValue(n, fields.get("names")!)) };
      return out;
    };
    switch (t.kind) {
      case "worksheets":
        return { _Items: this.sheets.map(sheetValue) };
      case "sheet":
        return t.sheet ? sheetValue(t.sheet) : { _IsNull: true };
      case "protection":
        return { Protected: this.protected };
      case "names":
        return {
          _Items: (t.owner ? t.owner.names : this.names).map((n) =>
            nameValue(
              n,
              select.map((s) => s.replace(/^items\//i, "")),
            ),
          ),
        };
      case "name":
        return t.item ? nameValue(t.item, select) : { _IsNull: true };
      case "charts":
        return { _Items: [] };
      case "range":
        return { Values: [[this.date1904 ? 0 : 1462]], ValueTypes: [["Double"]] };
      default:
        return {};
    }
  }
}

let runtime: { window: Window & typeof globalThis; server: { current: RuntimeServer | null } } | null = null;

/** The jsdom window with Excel's client runtime loaded (once per process: about 0.5 s). */
function loadRuntime() {
  if (runtime) return runtime;
  const file = path.join(
    path.dirname(require.resolve("@microsoft/office-js/package.json")),
    "dist",
    "excel-web-16.00.debug.js",
  );
  const dom = new JSDOM("<!doctype html><html><body></body></html>", {
    runScripts: "outside-only",
    url: "https://localhost/",
  });
  const window = dom.window as unknown as Window & typeof globalThis;
  (window as unknown as { eval(code: string): unknown }).eval(readFileSync(file, "utf8"));
  const server: { current: RuntimeServer | null } = { current: null };
  const ext = (window as unknown as { OfficeExtension: typeof OfficeExtension })
    .OfficeExtension as unknown as {
    HttpUtility: {
      setCustomSendRequestFunc(
        f: (req: { body: unknown }) => Promise<{ statusCode: number; headers: object; body: string }>,
      ): void;
    };
  };
  ext.HttpUtility.setCustomSendRequestFunc(async (req) => {
    if (!server.current) throw new Error("no RuntimeServer is attached");
    return server.current.handle(req.body);
  });
  runtime = { window, server };
  return runtime;
}

/**
 * An `Excel.run` (ExcelRun's shape) on Microsoft's client runtime, talking to `server`.
 * One server at a time per process (the runtime's send function is global).
 */
export function realExcelRun(
  server: RuntimeServer,
): <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T> {
  const { window, server: slot } = loadRuntime();
  const excel = (window as unknown as { Excel: typeof Excel }).Excel as unknown as {
    run<T>(url: string, batch: (context: Excel.RequestContext) => Promise<T>): Promise<T>;
  };
  return (batch) => {
    slot.current = server;
    return excel.run("https://example.invalid/_api", batch);
  };
}

/** The runtime's error class, to tell its errors from ours in tests. */
export function runtimeErrorCode(error: unknown): string | null {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" ? code : null;
}
