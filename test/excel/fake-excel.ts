/**
 * A hand-made fake of the part of the Excel JavaScript API the Excel host uses. office-addin-mock
 * cannot load collection paths ("items/name"), nested collections, methods that create objects
 * (worksheets.add, charts.add, conditionalFormats.add) or failing syncs, so the read/write tests
 * use this instead. It keeps a workbook state and enforces Office.js semantics:
 *   - calls are queued and run in order at `context.sync()`; a failing action rejects the sync,
 *     actions before it stay applied (as in Excel), the rest are dropped;
 *   - a property can only be read after it was loaded AND synced (else it throws);
 *   - `load()` without property names is refused (the host must load precise paths);
 *   - requests and responses over 5 MB and range reads over 5,000,000 cells are rejected, and
 *     every sync's request/response bytes are recorded (JSON size of what crosses the wire);
 *   - written strings are interpreted as Excel does (=... formula, numbers, dates, TRUE, #N/A,
 *     leading apostrophe = quote prefix), so the literal-text rule can be tested;
 *   - a formula that refers to a cell of another sheet (`=Alignment!B5`, `='Goal Shift'!$C$3`) or to
 *     a defined name (`=RpoAlign_GoalScore`) is bound to that sheet OBJECT, as Excel binds it:
 *     renaming the sheet keeps it, deleting the sheet turns it into #REF! for good; reading it
 *     gives the referenced cell's current value;
 *   - a hidden sheet cannot be activated (Excel's InvalidOperation), and a border's inside edges
 *     on a single cell are refused (InvalidArgument);
 *   - `=DATE(1904,1,1)` evaluates to 0 in a workbook using the 1904 date system, 1462 otherwise,
 *     in a cell and as a defined name's computed `value`; a read-only workbook refuses new names;
 *   - API sets newer than `apiVersion` (default "1.9") are not there: their members throw
 *     ApiNotFound;
 *   - `limitBytes` of a context can be lowered (the request-size error then comes sooner).
 */

export const LIMIT_BYTES = 5_000_000;
export const LIMIT_CELLS = 5_000_000;
const MAX_ROWS = 1_048_576;
const MAX_COLS = 16_384;

export class FakeOfficeError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "RichApi.Error";
  }
}

export interface FakeCell {
  v: string | number | boolean;
  t: "String" | "Double" | "Boolean" | "Error";
  formula?: string;
  quotePrefix?: boolean;
  /** A reference formula bound to a sheet object (by identity) or a defined name. */
  ref?: { sheet: FakeSheet; row: number; col: number } | { name: string } | { broken: true };
}

export interface Rect {
  row: number;
  col: number;
  rows: number;
  cols: number;
}

export interface Grid {
  get(r: number, c: number): FakeCell | undefined;
  set(r: number, c: number, cell: FakeCell | undefined): void;
  bounds(): Rect | null;
}

export class SparseGrid implements Grid {
  readonly cells = new Map<number, FakeCell>();
  private box: { r0: number; c0: number; r1: number; c1: number } | null = null;
  get(r: number, c: number) {
    return this.cells.get(r * MAX_COLS + c);
  }
  set(r: number, c: number, cell: FakeCell | undefined) {
    const key = r * MAX_COLS + c;
    if (!cell) {
      this.cells.delete(key);
      return;
    }
    this.cells.set(key, cell);
    const b = this.box;
    this.box = b
      ? { r0: Math.min(b.r0, r), c0: Math.min(b.c0, c), r1: Math.max(b.r1, r), c1: Math.max(b.c1, c) }
      : { r0: r, c0: c, r1: r, c1: c };
  }
  bounds() {
    const b = this.box;
    return b ? { row: b.r0, col: b.c0, rows: b.r1 - b.r0 + 1, cols: b.c1 - b.c0 + 1 } : null;
  }
  /** Cells from a 2-D array of plain values at (row, col) (null = empty). */
  static of(values: (string | number | boolean | FakeCell | null)[][], row = 0, col = 0): SparseGrid {
    const g = new SparseGrid();
    values.forEach((line, r) =>
      line.forEach((v, c) => {
        if (v === null || v === "") return;
        g.set(row + r, col + c, typeof v === "object" ? v : plainCell(v));
      }),
    );
    return g;
  }
}

/** A large read-only sheet whose cells are computed on demand. */
export class GeneratedGrid implements Grid {
  constructor(
    private readonly rect: Rect,
    private readonly cell: (r: number, c: number) => FakeCell | undefined,
  ) {}
  get(r: number, c: number) {
    const { row, col, rows, cols } = this.rect;
    return r >= row && r < row + rows && c >= col && c < col + cols ? this.cell(r, c) : undefined;
  }
  set() {
    throw new Error("GeneratedGrid is read-only in these tests");
  }
  bounds() {
    return this.rect;
  }
}

export function plainCell(v: string | number | boolean): FakeCell {
  if (typeof v === "number") return { v, t: "Double" };
  if (typeof v === "boolean") return { v, t: "Boolean" };
  return { v, t: "String" };
}

export function errorCell(code: string): FakeCell {
  return { v: code, t: "Error" };
}

/** What Excel makes of a value written through `range.values`. */
export function interpretWrite(v: unknown): FakeCell | undefined | "unchanged" {
  if (v === null) return "unchanged";
  if (v === "") return undefined;
  if (typeof v === "number") return { v, t: "Double" };
  if (typeof v === "boolean") return { v, t: "Boolean" };
  const s = String(v);
  if (s.startsWith("'")) return { v: s.slice(1), t: "String", quotePrefix: true };
  if (s.startsWith("=")) return { v: 0, t: "Double", formula: s };
  if (/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?%?$/i.test(s.trim())) return { v: parseFloat(s), t: "Double" };
  if (/^\d{1,4}[-/.]\d{1,2}([-/.]\d{1,4})?$/.test(s.trim()) || /^\d{1,2}:\d{2}(:\d{2})?$/.test(s.trim())) {
    return { v: 45000, t: "Double" }; // a date or time serial
  }
  if (/^(true|false)$/i.test(s.trim())) return { v: /^true$/i.test(s.trim()), t: "Boolean" };
  if (/^#(N\/A|DIV\/0!|VALUE!|REF!|NAME\?|NUM!|NULL!)$/i.test(s)) return { v: s.toUpperCase(), t: "Error" };
  if (/^[+\-@]/.test(s)) return { v: 0, t: "Error", formula: s }; // Excel parses it as a formula
  return { v: s, t: "String" };
}

export interface FakeTable {
  name: string;
  rect: Rect;
  showHeaders: boolean;
  showTotals: boolean;
  columns: string[];
}

export interface FakeName {
  name: string;
  formula: string;
  visible: boolean;
}

export interface FakeChart {
  name?: string;
  type: string;
  source: string;
  seriesBy?: string;
  title?: string;
  series: { name?: string; values?: string; categories?: string; color?: string; lineColor?: string }[];
  position?: [string, string];
  /** Value axis minimum/maximum/numberFormat, category axis numberFormat, legend visibility (line charts). */
  axes?: { value: Record<string, unknown>; category: Record<string, unknown> };
  legendVisible?: boolean;
}

export interface FakeSheet {
  id: string;
  name: string;
  visibility: "Visible" | "Hidden" | "VeryHidden";
  grid: Grid;
  names: FakeName[];
  tables: FakeTable[];
  charts: FakeChart[];
  numberFormats: Map<number, string>;
  formats: { address: string; prop: string; value: unknown }[];
  conditionalFormats: { address: string; type: string; criteria?: unknown }[];
  freeze: { call: string; arg: unknown } | null;
  tabColor: string;
  /** worksheet.pageLayout settings by path ("orientation", "headersFooters.defaultForAllPages.centerFooter", "setPrintArea"). */
  pageLayout: Record<string, unknown>;
}

/** A workbook-level defined name: a formula `=Sheet!$A$1`, bound to the sheet object. */
export interface FakeDefinedName {
  name: string;
  formula: string;
  comment?: string;
  /** Hidden from the Name Manager (NamedItem.visible = false). */
  visible?: boolean;
  target: { sheet: FakeSheet; row: number; col: number } | null;
}

export interface SyncStat {
  requestBytes: number;
  responseBytes: number;
  actions: string[];
  maxCellsRead: number;
}

/** Decides whether an action fails (return an error) — for failure injection. */
export type FailRule = (info: { sync: number; action: string; index: number }) => FakeOfficeError | null;

interface Action {
  label: string;
  bytes: number;
  run: (stat: SyncStat, commit: (fn: () => void) => void) => void;
}

let nextId = 1;

export class FakeWorkbook {
  sheets: FakeSheet[] = [];
  /** Workbook-level defined names. */
  definedNames: FakeDefinedName[] = [];
  /** The workbook uses the 1904 date system. */
  date1904 = false;
  /** Opened read-only (a view-only session): adding a defined name is refused. */
  readOnly = false;
  /** Newest ExcelApi requirement set this "Excel" supports. */
  apiVersion = "1.9";
  protected = false;
  activeSheetId: string | null = null;
  selection: { sheet: string; address: string } | null = null;
  handlers: ((e: unknown) => void)[] = [];
  /** worksheets.onAdded handlers (ExcelApi 1.7), each with the context that registered it. */
  addedHandlers: { handler: (e: unknown) => unknown; context: unknown }[] = [];
  /** Every onAdded event fired so far (tests). */
  addedEvents: { worksheetId: string; source: "Local" | "Remote" }[] = [];

  addSheet(name: string, grid: Grid = new SparseGrid(), extra: Partial<FakeSheet> = {}): FakeSheet {
    const sheet: FakeSheet = {
      id: `{S${nextId++}}`,
      name,
      visibility: "Visible",
      grid,
      names: [],
      tables: [],
      charts: [],
      numberFormats: new Map(),
      formats: [],
      conditionalFormats: [],
      freeze: null,
      tabColor: "",
      pageLayout: {},
      ...extra,
    };
    this.sheets.push(sheet);
    return sheet;
  }

  /** Marks a sheet as rpo-align output (the hidden sheet-scoped name). */
  mark(sheet: FakeSheet): FakeSheet {
    sheet.names.push({ name: "RpoAlign_Output", formula: '="rpo-align output"', visible: false });
    return sheet;
  }

  find(key: string): FakeSheet | undefined {
    return this.sheets.find((s) => s.id === key || s.name.toLowerCase() === key.toLowerCase());
  }

  /** Deletes a sheet as Excel does: every reference to it becomes #REF! (charts lose their data). */
  removeSheet(sheet: FakeSheet): void {
    this.sheets = this.sheets.filter((x) => x !== sheet);
    for (const other of this.sheets) {
      const grid = other.grid;
      if (!(grid instanceof SparseGrid)) continue;
      for (const cell of grid.cells.values()) {
        if (cell.ref && "sheet" in cell.ref && cell.ref.sheet === sheet) {
          cell.ref = { broken: true };
          cell.formula = "=#REF!";
        }
      }
    }
    for (const n of this.definedNames) {
      if (n.target?.sheet === sheet) {
        n.target = null;
        n.formula = "=#REF!";
      }
    }
  }

  /** Binds a reference formula to what it refers to now (null: not a plain reference). */
  bindReference(formula: string): FakeCell["ref"] | null {
    const body = formula.trim().replace(/^=/, "");
    const m = /^(?:'((?:[^']|'')+)'|([A-Za-z_][\w.]*))!\$?([A-Z]+)\$?(\d+)$/.exec(body);
    if (m) {
      const sheet = this.find(m[1] !== undefined ? m[1].replace(/''/g, "'") : m[2]);
      if (!sheet) return { broken: true };
      const { row, col } = parseAddress(`${m[3]}${m[4]}`);
      return { sheet, row, col };
    }
    if (/^[A-Za-z_][\w.]*$/.test(body) && !/^[A-Z]{1,3}\d+$/i.test(body)) return { name: body };
    return null;
  }

  /** A written cell with its formula bound (references) or computed (the date-system probe). */
  bindFormula(cell: FakeCell | undefined | "unchanged"): FakeCell | undefined | "unchanged" {
    if (!cell || cell === "unchanged" || !cell.formula) return cell;
    if (/^=DATE\(1904,\s*1,\s*1\)$/i.test(cell.formula.trim()))
      return { ...cell, v: this.date1904 ? 0 : 1462 };
    const ref = this.bindReference(cell.formula);
    return ref ? { ...cell, ref } : cell;
  }

  /** A cell as Excel would show it now (references evaluated). */
  evaluate(cell: FakeCell | undefined, depth = 0): FakeCell | undefined {
    if (!cell?.ref || depth > 20) return cell;
    const ref = cell.ref;
    if ("broken" in ref) return { ...cell, v: "#REF!", t: "Error" };
    let target: { sheet: FakeSheet; row: number; col: number } | null;
    if ("name" in ref) {
      const name = this.definedNames.find((n) => n.name.toLowerCase() === ref.name.toLowerCase());
      if (!name) return { ...cell, v: "#NAME?", t: "Error" };
      target = name.target;
      if (!target) {
        // A constant error (a retired headline name is =#N/A); anything else unbound is broken.
        const body = name.formula.trim().replace(/^=/, "").toUpperCase();
        return { ...cell, v: body === "#N/A" ? "#N/A" : "#REF!", t: "Error" };
      }
    } else target = ref;
    if (!this.sheets.includes(target.sheet)) return { ...cell, v: "#REF!", t: "Error" };
    const value = this.evaluate(target.sheet.grid.get(target.row, target.col), depth + 1);
    return { ...cell, v: value ? value.v : 0, t: value ? value.t : "Double" };
  }

  /** What a cell shows now (a user formula's current value). */
  shown(sheetName: string, address: string): string | number | boolean | null {
    const sheet = this.find(sheetName);
    if (!sheet) throw new Error(`no sheet ${sheetName}`);
    const { row, col } = parseAddress(address);
    const cell = this.evaluate(sheet.grid.get(row, col));
    return cell ? cell.v : null;
  }

  /** What a name's formula computes (NamedItem.value): the date probe; a range gives its address. */
  nameValue(item: FakeDefinedName): unknown {
    if (/^=DATE\(1904,\s*1,\s*1\)$/i.test(item.formula.trim())) return this.date1904 ? 0 : 1462;
    if (item.target) return item.formula.replace(/^=/, ""); // a named range: its address
    return item.formula.replace(/^=/, "");
  }

  /** Adds a workbook-level name (as a user or a previous run would have). */
  defineName(name: string, formula: string): FakeDefinedName {
    const ref = this.bindReference(formula);
    const item: FakeDefinedName = {
      name,
      formula,
      target: ref && "sheet" in ref ? ref : null,
    };
    this.definedNames.push(item);
    return item;
  }

  /** Fires worksheets.onChanged as Excel would after a user edit. */
  async fireChanged(sheetName: string, address: string): Promise<void> {
    const sheet = this.find(sheetName)!;
    for (const h of this.handlers)
      await h({ worksheetId: sheet.id, address, changeType: "RangeEdited", source: "Local" });
  }

  /**
   * Fires worksheets.onAdded as Excel does: after the change, asynchronously (never inside the sync
   * that made it), to every handler registered at that moment. `source` "Remote": a co-author's.
   */
  fireAdded(worksheetId: string, source: "Local" | "Remote"): void {
    const handlers = this.addedHandlers.map((h) => h.handler);
    if (handlers.length === 0) return;
    const event = { type: "WorksheetAdded", worksheetId, source };
    this.addedEvents.push({ worksheetId, source });
    setTimeout(() => {
      for (const h of handlers) void h(event);
    }, 0);
  }

  /**
   * A name's formula as Excel reports it now: a reference follows its sheet's renames (a name on
   * "Summary" whose sheet became "Summary (2)" reads ='Summary (2)'!$B$5).
   */
  nameFormula(item: FakeDefinedName): string {
    const target = item.target;
    if (!target || !this.sheets.includes(target.sheet)) return item.formula;
    const bang = item.formula.lastIndexOf("!");
    if (bang < 0) return item.formula;
    const current = target.sheet.name;
    const shown = /^[A-Za-z_][A-Za-z0-9_.]*$/.test(current) ? current : `'${current.replace(/'/g, "''")}'`;
    const written = this.bindReference(item.formula);
    if (written && "sheet" in written && written.sheet === target.sheet) return item.formula;
    return `=${shown}${item.formula.slice(bang)}`;
  }

  /** Comparable state: names, visibility, markers, cells, formats and charts of every sheet. */
  snapshot(): unknown {
    return this.sheets.map((s) => ({
      id: s.id,
      name: s.name,
      visibility: s.visibility,
      names: s.names.map((n) => ({ ...n })),
      cells:
        s.grid instanceof SparseGrid
          ? [...s.grid.cells.entries()].map(([k, c]) => [k, { ...c }])
          : "generated",
      numberFormats: [...s.numberFormats.entries()],
      formats: s.formats.length,
      charts: s.charts.length,
      conditionalFormats: s.conditionalFormats.length,
      tabColor: s.tabColor,
    }));
  }
}

export class FakeContext {
  readonly workbook: FakeWorkbookProxy;
  readonly application: { suspendApiCalculationUntilNextSync(): void };
  readonly syncs: SyncStat[] = [];
  /** Called when an action writes or clears a range (the co-authoring fake sends such ranges whole). */
  onRangeWrite: ((sheet: FakeSheet, rect: Rect) => void) | null = null;
  failWhen: FailRule | null = null;
  /** Excel on the web's request/response limit (lower it to test splitting). */
  limitBytes = LIMIT_BYTES;
  private queue: Action[] = [];

  constructor(readonly state: FakeWorkbook) {
    this.workbook = new FakeWorkbookProxy(this);
    this.application = {
      suspendApiCalculationUntilNextSync: () =>
        this.enqueue("suspendApiCalculationUntilNextSync", 50, () => {}),
    };
  }

  enqueue(label: string, bytes: number, run: Action["run"]): void {
    this.queue.push({ label, bytes, run });
  }

  async sync(): Promise<void> {
    const queue = this.queue;
    this.queue = [];
    const stat: SyncStat = { requestBytes: 0, responseBytes: 0, actions: [], maxCellsRead: 0 };
    this.syncs.push(stat);
    stat.requestBytes = queue.reduce((sum, a) => sum + a.bytes, 0);
    if (stat.requestBytes > this.limitBytes) {
      throw new FakeOfficeError("RequestPayloadSizeLimitExceeded", `request of ${stat.requestBytes} bytes`);
    }
    const commits: (() => void)[] = [];
    for (const [index, action] of queue.entries()) {
      const injected = this.failWhen?.({ sync: this.syncs.length - 1, action: action.label, index });
      if (injected) throw injected;
      stat.actions.push(action.label);
      action.run(stat, (fn) => commits.push(fn));
    }
    if (stat.responseBytes > this.limitBytes) {
      throw new FakeOfficeError("RequestPayloadSizeLimitExceeded", `response of ${stat.responseBytes} bytes`);
    }
    for (const fn of commits) fn(); // loaded values become readable only after a successful sync
  }

  /** Adapter with Excel.run's shape. */
  run = <T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> =>
    batch(this as unknown as Excel.RequestContext);
}

/** Base of every proxy: loaded values are readable only after a successful sync. */
class Loadable {
  protected loaded = new Map<string, unknown>();
  constructor(readonly context: FakeContext) {}
  protected read<T>(key: string): T {
    if (!this.loaded.has(key)) {
      throw new Error(
        `PropertyNotLoaded: "${key}" was read before load() and sync() (${this.constructor.name})`,
      );
    }
    return this.loaded.get(key) as T;
  }
  /** Records a loaded value (at commit time). */
  setLoaded(key: string, value: unknown): void {
    this.loaded.set(key, value);
  }
}

type Tree = Map<string, Tree>;

function parsePaths(paths: string | string[]): Tree {
  const tree: Tree = new Map();
  const list = (Array.isArray(paths) ? paths : paths.split(",")).map((p) => p.trim()).filter(Boolean);
  if (list.length === 0) throw new Error("load() without property names: load precise paths");
  for (const path of list) {
    let node = tree;
    for (const part of path.split("/")) {
      if (!node.has(part)) node.set(part, new Map());
      node = node.get(part)!;
    }
  }
  return tree;
}

function bytesOf(value: unknown): number {
  return (JSON.stringify(value) ?? "").length;
}

function colLetters(col: number): string {
  let s = "";
  let n = col + 1;
  while (n > 0) {
    s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

export function addressOf(rect: Rect): string {
  const start = `${colLetters(rect.col)}${rect.row + 1}`;
  if (rect.rows === 1 && rect.cols === 1) return start;
  return `${start}:${colLetters(rect.col + rect.cols - 1)}${rect.row + rect.rows}`;
}

export function parseAddress(address: string): Rect {
  const cell = (text: string) => {
    const m = /^\$?([A-Z]+)\$?(\d+)$/i.exec(text);
    if (!m) throw new FakeOfficeError("InvalidArgument", `bad address ${address}`);
    let col = 0;
    for (const ch of m[1].toUpperCase()) col = col * 26 + (ch.charCodeAt(0) - 64);
    return { row: Number(m[2]) - 1, col: col - 1 };
  };
  const bare = address.includes("!") ? address.slice(address.lastIndexOf("!") + 1) : address;
  const [a, b] = bare.split(":");
  const s = cell(a);
  const e = b ? cell(b) : s;
  return { row: s.row, col: s.col, rows: e.row - s.row + 1, cols: e.col - s.col + 1 };
}

function intersect(a: Rect, b: Rect): Rect | null {
  const r0 = Math.max(a.row, b.row);
  const c0 = Math.max(a.col, b.col);
  const r1 = Math.min(a.row + a.rows, b.row + b.rows);
  const c1 = Math.min(a.col + a.cols, b.col + b.cols);
  return r1 > r0 && c1 > c0 ? { row: r0, col: c0, rows: r1 - r0, cols: c1 - c0 } : null;
}

class FakeWorkbookProxy {
  readonly worksheets: WorksheetCollectionProxy;
  readonly protection: ProtectionProxy;
  readonly names: WorkbookNamesProxy;
  constructor(context: FakeContext) {
    this.worksheets = new WorksheetCollectionProxy(context);
    this.protection = new ProtectionProxy(context);
    this.names = new WorkbookNamesProxy(context);
  }
}

/** workbook.names: load items/name (and formula), add(name, formula, comment), getItem(name).formula = … */
class WorkbookNamesProxy extends Loadable {
  get items(): { name: string; formula?: string }[] {
    return this.read("items");
  }
  load(paths: string): this {
    const tree = parsePaths(paths);
    const items = tree.get("items");
    if (!items || tree.size !== 1) throw new Error("fake: names.load supports items/... only");
    this.context.enqueue("load names", 80, (stat, commit) => {
      const list = this.context.state.definedNames.map((n) => {
        const out: Record<string, unknown> = {};
        for (const key of items.keys()) {
          if (key !== "name" && key !== "formula") throw new Error(`fake: unknown name property ${key}`);
          out[key] = key === "formula" ? this.context.state.nameFormula(n) : n.name;
        }
        return out;
      });
      stat.responseBytes += bytesOf(list);
      commit(() => this.setLoaded("items", list));
    });
    return this;
  }
  add(name: string, reference: string, comment?: string): NamedItemProxy {
    this.context.enqueue(`workbook.names.add ${name}`, 100 + bytesOf(reference), () => {
      const state = this.context.state;
      if (state.readOnly) throw new FakeOfficeError("AccessDenied", "The workbook is read-only.");
      if (!/^[A-Za-z_\\][\w.]*$/.test(name) || /^[A-Z]{1,3}\d+$/i.test(name) || /^[RC]$/i.test(name))
        throw new FakeOfficeError("InvalidArgument", `The name ${name} is not valid.`);
      if (state.definedNames.some((n) => n.name.toLowerCase() === name.toLowerCase()))
        throw new FakeOfficeError("ItemAlreadyExists", `name ${name} exists`);
      const item = state.defineName(name, reference);
      item.comment = comment;
    });
    return new NamedItemProxy(this.context, name);
  }
  getItem(name: string): NamedItemProxy {
    return new NamedItemProxy(this.context, name);
  }
}

/** One workbook-level name: formula (set), visible (set), value (load: what its formula computes), delete. */
class NamedItemProxy extends Loadable {
  constructor(
    context: FakeContext,
    private readonly itemName: string,
  ) {
    super(context);
  }
  private find(): FakeDefinedName {
    const item = this.context.state.definedNames.find(
      (n) => n.name.toLowerCase() === this.itemName.toLowerCase(),
    );
    if (!item) throw new FakeOfficeError("ItemNotFound", `no name ${this.itemName}`);
    return item;
  }
  get formula(): string {
    return this.read("formula");
  }
  set formula(value: string) {
    this.context.enqueue(`workbook.names.formula ${this.itemName}`, 100 + bytesOf(value), () => {
      const item = this.find();
      const ref = this.context.state.bindReference(value);
      item.formula = value;
      item.target = ref && "sheet" in ref ? ref : null;
    });
  }
  get value(): unknown {
    return this.read("value");
  }
  set visible(value: boolean) {
    this.context.enqueue(
      `workbook.names.visible ${this.itemName}`,
      80,
      () => void (this.find().visible = value),
    );
  }
  load(paths: string): this {
    const tree = parsePaths(paths);
    this.context.enqueue(`load name ${this.itemName}`, 80, (stat, commit) => {
      const item = this.find();
      for (const key of tree.keys()) {
        let value: unknown;
        if (key === "formula") value = this.context.state.nameFormula(item);
        else if (key === "value") value = this.context.state.nameValue(item);
        else throw new Error(`fake: unknown name property ${key}`);
        stat.responseBytes += bytesOf(value) + key.length + 4;
        commit(() => this.setLoaded(key, value));
      }
    });
    return this;
  }
  delete(): void {
    this.context.enqueue(`workbook.names.delete ${this.itemName}`, 80, () => {
      const state = this.context.state;
      state.definedNames = state.definedNames.filter((n) => n !== this.find());
    });
  }
}

class ProtectionProxy extends Loadable {
  get protected(): boolean {
    return this.read("protected");
  }
  load(paths: string): this {
    const tree = parsePaths(paths);
    this.context.enqueue("load protection", 50, (stat, commit) => {
      for (const key of tree.keys()) {
        if (key !== "protected") throw new Error(`fake: unknown property protection.${key}`);
        stat.responseBytes += 20;
        const value = this.context.state.protected;
        commit(() => this.setLoaded(key, value));
      }
    });
    return this;
  }
}

/** Throws as Office.js does when `member` needs a newer ExcelApi set than this Excel has. */
export function requireApi(context: FakeContext, version: string, member: string): void {
  const have = context.state.apiVersion.split(".").map(Number);
  const need = version.split(".").map(Number);
  if (have[0] < need[0] || (have[0] === need[0] && have[1] < need[1]))
    throw new FakeOfficeError("ApiNotFound", `${member} needs ExcelApi ${version}`);
}

function checkUnprotected(context: FakeContext, what: string): void {
  if (context.state.protected) {
    throw new FakeOfficeError("AccessDenied", `The workbook is protected (${what}).`);
  }
}

class WorksheetCollectionProxy extends Loadable {
  readonly onChanged = {
    add: (handler: (e: unknown) => void) => {
      this.context.enqueue("onChanged.add", 50, () => void this.context.state.handlers.push(handler));
      const context = this.context;
      return {
        context,
        remove: () =>
          context.enqueue("onChanged.remove", 50, () => {
            context.state.handlers = context.state.handlers.filter((h) => h !== handler);
          }),
      };
    },
  };

  /** ExcelApi 1.7; the handler is removed with the context that added it (subscription.context). */
  readonly onAdded = {
    add: (handler: (e: unknown) => unknown) => {
      requireApi(this.context, "1.7", "worksheets.onAdded");
      const context = this.context;
      const entry = { handler, context };
      context.enqueue("onAdded.add", 50, () => void context.state.addedHandlers.push(entry));
      return {
        context,
        remove: () =>
          context.enqueue("onAdded.remove", 50, () => {
            const list = context.state.addedHandlers;
            if (!list.includes(entry)) throw new FakeOfficeError("InvalidArgument", "handler not registered");
            context.state.addedHandlers = list.filter((h) => h !== entry);
          }),
      };
    },
  };

  get items(): WorksheetProxy[] {
    return this.read("items");
  }

  load(paths: string | string[]): this {
    const tree = parsePaths(paths);
    const items = tree.get("items");
    if (!items || tree.size !== 1) throw new Error("fake: worksheets.load supports items/... paths only");
    this.context.enqueue("load worksheets", 100, (stat, commit) => {
      const proxies = this.context.state.sheets.map((s) => {
        const p = new WorksheetProxy(this.context, () => s, false);
        p.snapshot(items, stat, commit);
        return p;
      });
      commit(() => this.setLoaded("items", proxies));
    });
    return this;
  }

  add(name: string): WorksheetProxy {
    let created: FakeSheet | null = null;
    const proxy = new WorksheetProxy(
      this.context,
      () => {
        if (!created) throw new FakeOfficeError("ItemNotFound", "worksheet was not created");
        return created;
      },
      false,
    );
    this.context.enqueue(`worksheets.add ${name}`, 100, () => {
      checkUnprotected(this.context, "add a sheet");
      if (this.context.state.find(name))
        throw new FakeOfficeError("ItemAlreadyExists", `sheet ${name} exists`);
      created = this.context.state.addSheet(name);
      this.context.state.fireAdded(created.id, "Local");
    });
    return proxy;
  }

  getItem(key: string): WorksheetProxy {
    return new WorksheetProxy(this.context, lookup(this.context, key, false), false);
  }

  getItemOrNullObject(key: string): WorksheetProxy {
    return new WorksheetProxy(this.context, lookup(this.context, key, true), true);
  }
}

function lookup(context: FakeContext, key: string, nullable: boolean): () => FakeSheet | null {
  let bound: FakeSheet | null | undefined;
  return () => {
    if (bound === undefined) {
      bound = context.state.find(key) ?? null;
      if (!bound && !nullable) throw new FakeOfficeError("ItemNotFound", `no sheet ${key}`);
    }
    return bound;
  };
}

const SHEET_SCALARS = ["name", "id", "visibility", "position", "tabColor"] as const;

class WorksheetProxy extends Loadable {
  readonly names: NamedItemCollectionProxy;
  readonly tables: TableCollectionProxy;
  readonly charts: ChartCollectionProxy;
  /** Records what is set (ExcelApi 1.9 pageLayout): properties, two methods and the default header/footer. */
  readonly pageLayout: Record<string, unknown>;
  readonly freezePanes: {
    freezeAt(a: string): void;
    freezeRows(n: number): void;
    freezeColumns(n: number): void;
    unfreeze(): void;
  };

  constructor(
    context: FakeContext,
    readonly target: () => FakeSheet | null,
    private readonly nullable: boolean,
  ) {
    super(context);
    this.names = new NamedItemCollectionProxy(context, () => this.sheet());
    this.tables = new TableCollectionProxy(context, () => this.sheet());
    this.charts = new ChartCollectionProxy(context, () => this.sheet());
    const record = (path: string, value: unknown) =>
      context.enqueue(`pageLayout.${path}`, bytesOf(value) + 100, () => {
        this.sheet().pageLayout[path] = value;
      });
    const recorder = (prefix: string, props: string[]) => {
      const o: Record<string, unknown> = {};
      for (const p of props)
        Object.defineProperty(o, p, {
          set: (v: unknown) => record(`${prefix}${p}`, v),
          get: () => {
            throw new Error(`PropertyNotLoaded: pageLayout.${prefix}${p}`);
          },
        });
      return o;
    };
    const sides = ["left", "center", "right"];
    this.pageLayout = Object.assign(
      recorder("", [
        "orientation",
        "zoom",
        "leftMargin",
        "rightMargin",
        "topMargin",
        "bottomMargin",
        "headerMargin",
        "footerMargin",
      ]),
      {
        setPrintTitleRows: (rows: string) => record("setPrintTitleRows", rows),
        setPrintArea: (area: string) => record("setPrintArea", area),
        headersFooters: {
          defaultForAllPages: recorder("headersFooters.defaultForAllPages.", [
            ...sides.map((x) => `${x}Header`),
            ...sides.map((x) => `${x}Footer`),
          ]),
        },
      },
    );
    const freeze = (call: string, arg: unknown) =>
      context.enqueue(`freezePanes.${call}`, 80, () => void (this.sheet().freeze = { call, arg }));
    this.freezePanes = {
      freezeAt: (a) => freeze("freezeAt", a),
      freezeRows: (n) => freeze("freezeRows", n),
      freezeColumns: (n) => freeze("freezeColumns", n),
      unfreeze: () => context.enqueue("freezePanes.unfreeze", 80, () => void (this.sheet().freeze = null)),
    };
  }

  sheet(): FakeSheet {
    const s = this.target();
    if (!s) throw new FakeOfficeError("InvalidObjectPath", "null worksheet used");
    if (!this.context.state.sheets.includes(s))
      throw new FakeOfficeError("ItemNotFound", `sheet ${s.name} was deleted`);
    return s;
  }

  get isNullObject(): boolean {
    return this.read("isNullObject");
  }
  get name(): string {
    return this.read("name");
  }
  set name(value: string) {
    this.context.enqueue(`rename to ${value}`, 80, () => {
      checkUnprotected(this.context, "rename a sheet");
      const s = this.sheet();
      const other = this.context.state.find(value);
      if (other && other !== s)
        throw new FakeOfficeError("ItemAlreadyExists", `a sheet named ${value} exists`);
      s.name = value;
    });
  }
  get id(): string {
    return this.read("id");
  }
  get visibility(): string {
    return this.read("visibility");
  }
  set visibility(value: string) {
    this.context.enqueue(`visibility ${value}`, 80, () => {
      const s = this.sheet();
      const visible = this.context.state.sheets.filter((x) => x.visibility === "Visible" && x !== s);
      if (value !== "Visible" && visible.length === 0)
        throw new FakeOfficeError("InvalidOperation", "last visible sheet");
      s.visibility = value as FakeSheet["visibility"];
    });
  }
  get tabColor(): string {
    return this.read("tabColor");
  }
  set tabColor(value: string) {
    this.context.enqueue("tabColor", 80, () => void (this.sheet().tabColor = value));
  }

  /** Fills loaded values for a load tree (at execution; visible after commit). */
  snapshot(tree: Tree, stat: SyncStat, commit: (fn: () => void) => void): void {
    const s = this.target();
    commit(() => this.setLoaded("isNullObject", s === null));
    if (!s) return;
    for (const [key, sub] of tree) {
      if (key === "names") this.names.snapshot(sub, stat, commit);
      else if (key === "tables") this.tables.snapshot(sub, stat, commit);
      else if ((SHEET_SCALARS as readonly string[]).includes(key)) {
        const value = key === "position" ? this.context.state.sheets.indexOf(s) : s[key as keyof FakeSheet];
        stat.responseBytes += bytesOf(value) + key.length + 4;
        commit(() => this.setLoaded(key, value));
      } else throw new Error(`fake: unknown worksheet property ${key}`);
    }
  }

  load(paths: string): this {
    const tree = parsePaths(paths);
    this.context.enqueue("load worksheet", 80, (stat, commit) => this.snapshot(tree, stat, commit));
    return this;
  }

  delete(): void {
    this.context.enqueue("worksheet.delete", 80, () => {
      checkUnprotected(this.context, "delete a sheet");
      const s = this.sheet();
      const state = this.context.state;
      if (s.visibility === "Visible" && state.sheets.filter((x) => x.visibility === "Visible").length === 1) {
        throw new FakeOfficeError("InvalidOperation", "cannot delete the last visible sheet");
      }
      state.removeSheet(s);
    });
  }

  activate(): void {
    this.context.enqueue("activate", 80, () => {
      const s = this.sheet();
      if (s.visibility !== "Visible") {
        throw new FakeOfficeError("InvalidOperation", "The current selection is invalid for this operation.");
      }
      this.context.state.activeSheetId = s.id;
    });
  }

  getRange(address?: string): RangeProxy {
    return new RangeProxy(
      this.context,
      () => ({
        sheet: this.sheet(),
        rect:
          address === undefined ? { row: 0, col: 0, rows: MAX_ROWS, cols: MAX_COLS } : parseAddress(address),
      }),
      false,
    );
  }

  getRangeByIndexes(row: number, col: number, rows: number, cols: number): RangeProxy {
    return new RangeProxy(
      this.context,
      () => {
        if (row < 0 || col < 0 || rows < 1 || cols < 1 || row + rows > MAX_ROWS || col + cols > MAX_COLS) {
          throw new FakeOfficeError("InvalidArgument", "range outside the sheet");
        }
        return { sheet: this.sheet(), rect: { row, col, rows, cols } };
      },
      false,
    );
  }

  getUsedRangeOrNullObject(_valuesOnly?: boolean): RangeProxy {
    return new RangeProxy(
      this.context,
      () => {
        const sheet = this.sheet();
        const rect = sheet.grid.bounds();
        return rect ? { sheet, rect } : null;
      },
      true,
    );
  }
}

class NamedItemCollectionProxy extends Loadable {
  constructor(
    context: FakeContext,
    private readonly sheet: () => FakeSheet,
  ) {
    super(context);
  }
  get items(): { name: string }[] {
    return this.read("items");
  }
  snapshot(tree: Tree, stat: SyncStat, commit: (fn: () => void) => void): void {
    const items = tree.get("items");
    if (!items) throw new Error("fake: names supports items/... only");
    const list = this.sheet().names.map((n) => {
      const out: Record<string, unknown> = {};
      for (const key of items.keys()) {
        if (key !== "name" && key !== "visible" && key !== "formula")
          throw new Error(`fake: unknown name property ${key}`);
        out[key] = n[key as keyof FakeName];
      }
      return out;
    });
    stat.responseBytes += bytesOf(list);
    const proxies = list.map((o) => {
      const p = new Loadable(this.context);
      return Object.assign(p, o);
    });
    commit(() => this.setLoaded("items", proxies));
  }
  getItem(name: string): { formula: string; delete(): void } {
    const context = this.context;
    const find = () => {
      const item = this.sheet().names.find((n) => n.name.toLowerCase() === name.toLowerCase());
      if (!item) throw new FakeOfficeError("ItemNotFound", `no name ${name}`);
      return item;
    };
    return {
      get formula(): string {
        throw new Error("PropertyNotLoaded: formula");
      },
      set formula(value: string) {
        context.enqueue(`names.formula ${name}`, 100, () => void (find().formula = value));
      },
      delete: () =>
        context.enqueue(`names.delete ${name}`, 80, () => {
          const list = this.sheet().names;
          list.splice(list.indexOf(find()), 1);
        }),
    };
  }
  add(name: string, reference: string): { visible: boolean } {
    let created: FakeName | null = null;
    this.context.enqueue(`names.add ${name}`, 100, () => {
      const sheet = this.sheet();
      if (sheet.names.some((n) => n.name.toLowerCase() === name.toLowerCase())) {
        throw new FakeOfficeError("ItemAlreadyExists", `name ${name} exists`);
      }
      created = { name, formula: reference, visible: true };
      sheet.names.push(created);
    });
    const context = this.context;
    return {
      get visible(): boolean {
        throw new Error("PropertyNotLoaded: visible");
      },
      set visible(value: boolean) {
        context.enqueue("name.visible", 60, () => {
          if (!created) throw new FakeOfficeError("ItemNotFound", "name was not created");
          created.visible = value;
        });
      },
    };
  }
}

class TableCollectionProxy extends Loadable {
  constructor(
    context: FakeContext,
    private readonly sheet: () => FakeSheet,
  ) {
    super(context);
  }
  get items(): TableProxy[] {
    return this.read("items");
  }
  snapshot(tree: Tree, stat: SyncStat, commit: (fn: () => void) => void): void {
    const items = tree.get("items");
    if (!items) throw new Error("fake: tables supports items/... only");
    const proxies = this.sheet().tables.map((t) => {
      const p = new TableProxy(this.context, this.sheet, t.name);
      for (const key of items.keys()) {
        if (key !== "name" && key !== "showHeaders" && key !== "showTotals") {
          throw new Error(`fake: unknown table property ${key}`);
        }
        const value = t[key as keyof FakeTable];
        stat.responseBytes += bytesOf(value) + key.length + 4;
        commit(() => p.setLoaded(key, value));
      }
      return p;
    });
    commit(() => this.setLoaded("items", proxies));
  }
  getItem(name: string): TableProxy {
    return new TableProxy(this.context, this.sheet, name);
  }
}

class TableProxy extends Loadable {
  readonly columns: Loadable & { items: { name: string }[]; load(paths: string): void };
  constructor(
    context: FakeContext,
    private readonly sheet: () => FakeSheet,
    private readonly tableName: string,
  ) {
    super(context);
    const columns = new (class extends Loadable {
      get items(): { name: string }[] {
        return this.read("items");
      }
      load(paths: string) {
        const tree = parsePaths(paths);
        if (tree.size !== 1 || tree.get("items")?.size !== 1 || !tree.get("items")!.has("name")) {
          throw new Error("fake: columns.load supports items/name only");
        }
        context.enqueue("load columns", 80, (stat, commit) => {
          const names = table().columns.map((name) => ({ name }));
          stat.responseBytes += bytesOf(names);
          commit(() => this.setLoaded("items", names));
        });
      }
    })(context);
    const table = () => this.table();
    this.columns = columns;
  }
  table(): FakeTable {
    const t = this.sheet().tables.find((x) => x.name.toLowerCase() === this.tableName.toLowerCase());
    if (!t) throw new FakeOfficeError("ItemNotFound", `no table ${this.tableName}`);
    return t;
  }
  get name(): string {
    return this.read("name");
  }
  get showHeaders(): boolean {
    return this.read("showHeaders");
  }
  get showTotals(): boolean {
    return this.read("showTotals");
  }
  getRange(): RangeProxy {
    return new RangeProxy(this.context, () => ({ sheet: this.sheet(), rect: this.table().rect }), false);
  }
}

type Resolved = { sheet: FakeSheet; rect: Rect } | null;

const RANGE_SCALARS = [
  "values",
  "valueTypes",
  "numberFormat",
  "address",
  "rowIndex",
  "columnIndex",
  "rowCount",
  "columnCount",
];

class RangeProxy extends Loadable {
  private bound: Resolved | undefined;
  constructor(
    context: FakeContext,
    private readonly resolver: () => Resolved,
    private readonly nullable: boolean,
  ) {
    super(context);
  }

  resolve(): Resolved {
    if (this.bound === undefined) {
      this.bound = this.resolver();
      if (this.bound === null && !this.nullable) throw new FakeOfficeError("InvalidObjectPath", "null range");
    }
    return this.bound;
  }

  private real(): { sheet: FakeSheet; rect: Rect } {
    const r = this.resolve();
    if (!r) throw new FakeOfficeError("InvalidObjectPath", "method called on a null range");
    return r;
  }

  get isNullObject(): boolean {
    return this.read("isNullObject");
  }
  get values(): unknown[][] {
    return this.read("values");
  }
  set values(values: unknown[][]) {
    this.context.enqueue("range.values", bytesOf(values) + 100, () => {
      const { sheet, rect } = this.real();
      this.context.onRangeWrite?.(sheet, rect);
      if (values.length !== rect.rows || values.some((row) => row.length !== rect.cols)) {
        throw new FakeOfficeError("InvalidArgument", "The number of rows or columns doesn't match the range");
      }
      values.forEach((row, r) =>
        row.forEach((v, c) => {
          const cell = this.context.state.bindFormula(interpretWrite(v));
          if (cell !== "unchanged") sheet.grid.set(rect.row + r, rect.col + c, cell);
        }),
      );
    });
  }
  set formulas(formulas: unknown[][]) {
    this.context.enqueue("range.formulas", bytesOf(formulas) + 100, () => {
      const { sheet, rect } = this.real();
      this.context.onRangeWrite?.(sheet, rect);
      if (formulas.length !== rect.rows || formulas.some((row) => row.length !== rect.cols)) {
        throw new FakeOfficeError("InvalidArgument", "The number of rows or columns doesn't match the range");
      }
      formulas.forEach((row, r) =>
        row.forEach((v, c) => {
          const cell = this.context.state.bindFormula(interpretWrite(v));
          if (cell !== "unchanged") sheet.grid.set(rect.row + r, rect.col + c, cell);
        }),
      );
    });
  }

  /** Clears cells, number formats, formats and colour scales inside the range. */
  clear(applyTo: string = "All"): void {
    this.context.enqueue(`range.clear ${applyTo}`, 100, () => {
      const { sheet, rect } = this.real();
      this.context.onRangeWrite?.(sheet, rect);
      const inside = (address: string) => {
        const r = parseAddress(address);
        return (
          intersect(r, rect) !== null &&
          r.row >= rect.row &&
          r.col >= rect.col &&
          r.row + r.rows <= rect.row + rect.rows &&
          r.col + r.cols <= rect.col + rect.cols
        );
      };
      if (applyTo === "All" || applyTo === "Contents") {
        if (!(sheet.grid instanceof SparseGrid)) throw new Error("fake: clear on a generated grid");
        const grid = sheet.grid;
        for (const key of [...grid.cells.keys()]) {
          const r = Math.floor(key / MAX_COLS);
          const c = key % MAX_COLS;
          if (r >= rect.row && r < rect.row + rect.rows && c >= rect.col && c < rect.col + rect.cols)
            grid.set(r, c, undefined);
        }
      }
      if (applyTo === "All" || applyTo === "Formats") {
        for (const key of [...sheet.numberFormats.keys()]) {
          const r = Math.floor(key / MAX_COLS);
          const c = key % MAX_COLS;
          if (r >= rect.row && r < rect.row + rect.rows && c >= rect.col && c < rect.col + rect.cols)
            sheet.numberFormats.delete(key);
        }
        sheet.formats = sheet.formats.filter((f) => f.prop === "columnWidth" || !inside(f.address));
      }
    });
  }

  /**
   * Copies cells, number formats, formats and colour scales from `source` (range.copyFrom,
   * ExcelApi 1.9). Formulas move with the cells; references to other sheets stay bound.
   */
  copyFrom(source: RangeProxy, copyType: string = "All"): void {
    this.context.enqueue("range.copyFrom", 150, () => {
      requireApi(this.context, "1.9", "Range.copyFrom");
      if (copyType !== "All") throw new Error(`fake: copyFrom ${copyType} not modelled`);
      const to = this.real();
      this.context.onRangeWrite?.(to.sheet, to.rect);
      const from = source.real();
      if (from.rect.rows !== to.rect.rows || from.rect.cols !== to.rect.cols)
        throw new FakeOfficeError("InvalidArgument", "fake: copyFrom between ranges of different sizes");
      const dr = to.rect.row - from.rect.row;
      const dc = to.rect.col - from.rect.col;
      const moved = (address: string) => {
        const r = parseAddress(address);
        return addressOf({ ...r, row: r.row + dr, col: r.col + dc });
      };
      const within = (address: string) => {
        const r = parseAddress(address);
        return (
          r.row >= from.rect.row &&
          r.col >= from.rect.col &&
          r.row + r.rows <= from.rect.row + from.rect.rows &&
          r.col + r.cols <= from.rect.col + from.rect.cols
        );
      };
      // Pasting "All" replaces everything in the destination: clear it first.
      to.sheet.formats = to.sheet.formats.filter(
        (f) => f.prop === "columnWidth" || intersect(parseAddress(f.address), to.rect) === null,
      );
      to.sheet.conditionalFormats = to.sheet.conditionalFormats.filter(
        (cf) => intersect(parseAddress(cf.address), to.rect) === null,
      );
      for (let r = 0; r < from.rect.rows; r++) {
        for (let c = 0; c < from.rect.cols; c++) {
          const cell = from.sheet.grid.get(from.rect.row + r, from.rect.col + c);
          to.sheet.grid.set(to.rect.row + r, to.rect.col + c, cell ? { ...cell } : undefined);
          const fmt = from.sheet.numberFormats.get((from.rect.row + r) * MAX_COLS + from.rect.col + c);
          const key = (to.rect.row + r) * MAX_COLS + to.rect.col + c;
          if (fmt === undefined) to.sheet.numberFormats.delete(key);
          else to.sheet.numberFormats.set(key, fmt);
        }
      }
      for (const f of from.sheet.formats)
        if (f.prop !== "columnWidth" && within(f.address))
          to.sheet.formats.push({ ...f, address: moved(f.address) });
      for (const cf of from.sheet.conditionalFormats)
        if (within(cf.address)) to.sheet.conditionalFormats.push({ ...cf, address: moved(cf.address) });
    });
  }
  get valueTypes(): string[][] {
    return this.read("valueTypes");
  }
  get numberFormat(): string[][] {
    return this.read("numberFormat");
  }
  set numberFormat(formats: string[][]) {
    this.context.enqueue("range.numberFormat", bytesOf(formats) + 100, () => {
      const { sheet, rect } = this.real();
      this.context.onRangeWrite?.(sheet, rect);
      if (formats.length !== rect.rows || formats.some((row) => row.length !== rect.cols)) {
        throw new FakeOfficeError("InvalidArgument", "numberFormat dimensions don't match the range");
      }
      formats.forEach((row, r) =>
        row.forEach((f, c) => sheet.numberFormats.set((rect.row + r) * MAX_COLS + rect.col + c, f)),
      );
    });
  }
  get rowIndex(): number {
    return this.read("rowIndex");
  }
  get columnIndex(): number {
    return this.read("columnIndex");
  }
  get rowCount(): number {
    return this.read("rowCount");
  }
  get columnCount(): number {
    return this.read("columnCount");
  }
  get address(): string {
    return this.read("address");
  }

  load(paths: string): this {
    const tree = parsePaths(paths);
    for (const key of tree.keys())
      if (!RANGE_SCALARS.includes(key)) throw new Error(`fake: unknown range property ${key}`);
    this.context.enqueue("load range", 100, (stat, commit) => {
      const r = this.resolve();
      commit(() => this.setLoaded("isNullObject", r === null));
      if (!r) return;
      const { sheet, rect } = r;
      const cellsRead =
        tree.has("values") || tree.has("valueTypes") || tree.has("numberFormat") ? rect.rows * rect.cols : 0;
      if (cellsRead > LIMIT_CELLS)
        throw new FakeOfficeError("ResponsePayloadSizeLimitExceeded", `${cellsRead} cells`);
      stat.maxCellsRead = Math.max(stat.maxCellsRead, cellsRead);
      const out: Record<string, unknown> = {};
      if (tree.has("values") || tree.has("valueTypes")) {
        const values: unknown[][] = [];
        const types: string[][] = [];
        for (let i = 0; i < rect.rows; i++) {
          const vr: unknown[] = [];
          const tr: string[] = [];
          for (let j = 0; j < rect.cols; j++) {
            const cell = this.context.state.evaluate(sheet.grid.get(rect.row + i, rect.col + j));
            vr.push(cell ? cell.v : "");
            tr.push(cell ? cell.t : "Empty");
          }
          values.push(vr);
          types.push(tr);
        }
        if (tree.has("values")) out.values = values;
        if (tree.has("valueTypes")) out.valueTypes = types;
      }
      if (tree.has("numberFormat")) {
        out.numberFormat = Array.from({ length: rect.rows }, (_, i) =>
          Array.from(
            { length: rect.cols },
            (_, j) => sheet.numberFormats.get((rect.row + i) * MAX_COLS + rect.col + j) ?? "General",
          ),
        );
      }
      if (tree.has("address")) out.address = `${sheet.name}!${addressOf(rect)}`;
      if (tree.has("rowIndex")) out.rowIndex = rect.row;
      if (tree.has("columnIndex")) out.columnIndex = rect.col;
      if (tree.has("rowCount")) out.rowCount = rect.rows;
      if (tree.has("columnCount")) out.columnCount = rect.cols;
      for (const [k, v] of Object.entries(out)) stat.responseBytes += bytesOf(v) + k.length + 4;
      commit(() => {
        for (const [k, v] of Object.entries(out)) this.setLoaded(k, v);
      });
    });
    return this;
  }

  getIntersectionOrNullObject(other: string | RangeProxy): RangeProxy {
    return new RangeProxy(
      this.context,
      () => {
        const { sheet, rect } = this.real();
        const b = typeof other === "string" ? parseAddress(other) : other.real().rect;
        const i = intersect(rect, b);
        return i ? { sheet, rect: i } : null;
      },
      true,
    );
  }

  getUsedRangeOrNullObject(_valuesOnly?: boolean): RangeProxy {
    return new RangeProxy(
      this.context,
      () => {
        const { sheet, rect } = this.real();
        const used = sheet.grid.bounds();
        if (!used) return null;
        const i = intersect(rect, used);
        if (!i) return null;
        // Shrink to the cells that hold values (the bounding box within the range).
        let r0 = Infinity,
          c0 = Infinity,
          r1 = -1,
          c1 = -1;
        for (let r = i.row; r < i.row + i.rows; r++) {
          for (let c = i.col; c < i.col + i.cols; c++) {
            if (!sheet.grid.get(r, c)) continue;
            r0 = Math.min(r0, r);
            c0 = Math.min(c0, c);
            r1 = Math.max(r1, r);
            c1 = Math.max(c1, c);
          }
        }
        return r1 < 0 ? null : { sheet, rect: { row: r0, col: c0, rows: r1 - r0 + 1, cols: c1 - c0 + 1 } };
      },
      true,
    );
  }

  getEntireColumn(): RangeProxy {
    return new RangeProxy(
      this.context,
      () => {
        const { sheet, rect } = this.real();
        return { sheet, rect: { row: 0, col: rect.col, rows: MAX_ROWS, cols: rect.cols } };
      },
      false,
    );
  }

  select(): void {
    this.context.enqueue("select", 60, () => {
      const { sheet, rect } = this.real();
      this.context.state.selection = { sheet: sheet.name, address: addressOf(rect) };
    });
  }

  get format() {
    const context = this.context;
    const record = (prop: string, value: unknown) =>
      context.enqueue(`format.${prop}`, bytesOf(value) + 100, () => {
        const { sheet, rect } = this.real();
        sheet.formats.push({ address: addressOf(rect), prop, value });
      });
    const setter = (prop: string) => ({
      set: (v: unknown) => record(prop, v),
      get: () => {
        throw new Error(`PropertyNotLoaded: format.${prop}`);
      },
    });
    const object = (props: string[], prefix: string) => {
      const o = {};
      for (const p of props) Object.defineProperty(o, p, setter(`${prefix}${p}`));
      return o;
    };
    const format = object(["wrapText", "horizontalAlignment", "columnWidth", "rowHeight"], "");
    return Object.assign(format, {
      fill: object(["color"], "fill."),
      font: object(["color", "bold", "italic", "size"], "font."),
      borders: {
        getItem: (edge: string) => {
          if (edge.startsWith("Inside")) {
            // Excel refuses an inside edge where the range has no inside (a single row/column/cell).
            context.enqueue(`border.${edge}.check`, 0, () => {
              const { rect } = this.real();
              if (
                (edge === "InsideHorizontal" && rect.rows < 2) ||
                (edge === "InsideVertical" && rect.cols < 2)
              )
                throw new FakeOfficeError(
                  "InvalidArgument",
                  `The argument is invalid: ${edge} on ${addressOf(rect)}`,
                );
            });
          }
          return object(["style", "weight", "color"], `border.${edge}.`);
        },
      },
    });
  }

  get conditionalFormats() {
    return {
      clearAll: () =>
        this.context.enqueue("conditionalFormats.clearAll", 80, () => {
          const { sheet, rect } = this.real();
          sheet.conditionalFormats = sheet.conditionalFormats.filter(
            (cf) => intersect(parseAddress(cf.address), rect) === null,
          );
        }),
      add: (type: string) => {
        let entry: FakeSheet["conditionalFormats"][number] | null = null;
        this.context.enqueue(`conditionalFormats.add ${type}`, 100, () => {
          const { sheet, rect } = this.real();
          entry = { address: addressOf(rect), type };
          sheet.conditionalFormats.push(entry);
        });
        const context = this.context;
        return {
          colorScale: {
            set criteria(value: unknown) {
              context.enqueue(
                "colorScale.criteria",
                bytesOf(value) + 100,
                () => void (entry!.criteria = value),
              );
            },
          },
        };
      },
    };
  }
}

class ChartCollectionProxy extends Loadable {
  constructor(
    context: FakeContext,
    private readonly sheet: () => FakeSheet,
  ) {
    super(context);
  }
  get items(): { name: string }[] {
    return this.read("items");
  }
  load(paths: string): this {
    const tree = parsePaths(paths);
    if (tree.size !== 1 || tree.get("items")?.size !== 1 || !tree.get("items")!.has("name"))
      throw new Error("fake: charts.load supports items/name only");
    this.context.enqueue("load charts", 80, (stat, commit) => {
      const list = this.sheet().charts.map((c) => ({ name: c.name ?? "Chart" }));
      stat.responseBytes += bytesOf(list);
      commit(() => this.setLoaded("items", list));
    });
    return this;
  }
  add(type: string, source: RangeProxy, seriesBy?: string): ChartProxy {
    return new ChartProxy(this.context, this.sheet, type, source, seriesBy);
  }
  getItem(name: string): { delete(): void } {
    return {
      delete: () =>
        this.context.enqueue(`chart.delete ${name}`, 80, () => {
          const sheet = this.sheet();
          const chart = sheet.charts.find((c) => c.name === name);
          if (!chart) throw new FakeOfficeError("ItemNotFound", `no chart ${name}`);
          sheet.charts = sheet.charts.filter((c) => c !== chart);
        }),
    };
  }
}

class ChartProxy {
  private chart: FakeChart | null = null;
  readonly title: { text: string };
  readonly series: { getItemAt(i: number): SeriesProxy; add(name: string): SeriesProxy };
  readonly axes: { valueAxis: Record<string, unknown>; categoryAxis: Record<string, unknown> };
  readonly legend: { visible: boolean };

  constructor(
    private readonly context: FakeContext,
    sheet: () => FakeSheet,
    type: string,
    source: RangeProxy,
    seriesBy?: string,
  ) {
    context.enqueue(`charts.add ${type}`, 150, () => {
      const s = sheet();
      this.chart = { type, source: addressOf(source.resolve()!.rect), seriesBy, series: [{}] };
      s.charts.push(this.chart);
    });
    const chart = () => this.get();
    this.title = {
      get text(): string {
        throw new Error("PropertyNotLoaded: title.text");
      },
      set text(value: string) {
        context.enqueue("chart.title", 100, () => void (chart().title = value));
      },
    };
    // Write-only axis and legend properties, recorded in the sync that sends them.
    const axis = (which: "value" | "category") =>
      new Proxy({} as Record<string, unknown>, {
        get: (_t, prop) => {
          throw new Error(`PropertyNotLoaded: axes.${which}.${String(prop)}`);
        },
        set: (_t, prop, value) => {
          context.enqueue(`chart.axis.${String(prop)}`, 100, () => {
            const c = chart();
            c.axes ??= { value: {}, category: {} };
            c.axes[which][String(prop)] = value;
          });
          return true;
        },
      });
    this.axes = { valueAxis: axis("value"), categoryAxis: axis("category") };
    this.legend = {
      get visible(): boolean {
        throw new Error("PropertyNotLoaded: legend.visible");
      },
      set visible(value: boolean) {
        context.enqueue("chart.legend", 80, () => void (chart().legendVisible = value));
      },
    };
    this.series = {
      getItemAt: (i) => new SeriesProxy(context, () => this.get().series[i]),
      add: (name) => {
        let created: FakeChart["series"][number] | null = null;
        context.enqueue("series.add", 100, () => {
          created = { name };
          this.get().series.push(created);
        });
        return new SeriesProxy(context, () => created!);
      },
    };
  }
  get(): FakeChart {
    if (!this.chart) throw new FakeOfficeError("InvalidObjectPath", "chart not created");
    return this.chart;
  }
  set name(value: string) {
    this.context.enqueue("chart.name", 80, () => void (this.get().name = value));
  }
  setPosition(start: string, end: string): void {
    this.context.enqueue("chart.setPosition", 100, () => void (this.get().position = [start, end]));
  }
}

class SeriesProxy {
  readonly format: { fill: { setSolidColor(c: string): void }; line: { color: string } };
  constructor(
    private readonly context: FakeContext,
    private readonly series: () => FakeChart["series"][number],
  ) {
    const lineOf = () => this.series();
    this.format = {
      fill: {
        setSolidColor: (c) => context.enqueue("series.color", 80, () => void (this.series().color = c)),
      },
      line: {
        get color(): string {
          throw new Error("PropertyNotLoaded: series.format.line.color");
        },
        set color(value: string) {
          context.enqueue("series.line.color", 80, () => void (lineOf().lineColor = value));
        },
      },
    };
  }
  set name(value: string) {
    this.context.enqueue("series.name", 80, () => void (this.series().name = value));
  }
  setValues(range: RangeProxy): void {
    this.context.enqueue(
      "series.setValues",
      80,
      () => void (this.series().values = addressOf(range.resolve()!.rect)),
    );
  }
  setXAxisValues(range: RangeProxy): void {
    this.context.enqueue("series.setXAxisValues", 80, () => {
      this.series().categories = addressOf(range.resolve()!.rect);
    });
  }
}
