/**
 * Co-authoring for the fake Excel: one workbook, several replicas (one per co-author's Excel),
 * each with its own FakeContext. What one replica changes in a sync reaches the others only after
 * a delay, as with real co-authors (seconds later), and there is no lock or compare-and-swap:
 *   - every sync's changes become one change set in a shared, ordered log (the "server");
 *   - another replica receives it at the start of its sync number (its sync count when the change
 *     was made) + `delay`, or at `deliverAll()`;
 *   - replicas converge: a replica's workbook is always the changes it knows (its own and those
 *     delivered) applied in log order to the starting workbook, so a replica that receives changes
 *     ordered before some of its own replays its own after them, and every replica ends as the whole
 *     log applied in order (later wins). The replay keeps each sheet's object (by id), so what a
 *     context holds keeps pointing at the same sheet;
 *   - a replica that receives a change adding sheets fires its worksheets.onAdded handlers with
 *     source "Remote" for each such sheet still there (asynchronously, as Excel delivers events);
 *   - what travels: sheets added (whole) and deleted (references to them become #REF!), each
 *     sheet property that changed (name, visibility, tab colour, panes, page layout, sheet-scoped
 *     names, charts, formats, colour scales, tables: the newer value of a property wins), every
 *     range an action wrote or cleared sent whole (cleared on the receiver, then the sender's cells
 *     and number formats in it), single cells changed otherwise, and workbook-level names.
 *   - Assumption (Excel's exact behaviour is not documented): a sheet whose name (added or renamed
 *     to) is already taken by another sheet earlier in the log gets " (2)" (" (3)", …) appended,
 *     as Excel names a copy — on every replica, the author's included, since all replay one log.
 *     So two co-authors who both create "Summary" without having seen the other's both keep a
 *     complete sheet, and the one whose change reached the server second sees it as "Summary (2)".
 */
import {
  FakeContext,
  FakeWorkbook,
  SparseGrid,
  type FakeCell,
  type FakeSheet,
  type Rect,
} from "./fake-excel";

const MAX_COLS = 16_384;

type CellData = Omit<FakeCell, "ref"> & {
  ref?: { sheetId: string; row: number; col: number } | { name: string } | { broken: true };
};

/** The properties of a sheet that travel whole (the newer value wins). */
const FIELDS = [
  "name",
  "visibility",
  "tabColor",
  "freeze",
  "pageLayout",
  "names",
  "charts",
  "formats",
  "conditionalFormats",
  "tables",
] as const;
type Field = (typeof FIELDS)[number];

interface SheetData {
  id: string;
  fields: Record<Field, string>; // JSON
  cells: Map<number, CellData>;
  numberFormats: Map<number, string>;
}

interface NameData {
  name: string;
  formula: string;
  comment?: string;
  visible?: boolean;
  target: { sheetId: string; row: number; col: number } | null;
}

interface State {
  sheets: Map<string, SheetData>;
  order: string[];
  names: Map<string, NameData>;
}

interface RangeOp {
  sheetId: string;
  rect: Rect;
  cells: [number, CellData][];
  formats: [number, string][];
}

interface Change {
  seq: number;
  from: number;
  added: SheetData[];
  deleted: string[];
  fields: { sheetId: string; field: Field; value: string }[];
  ranges: RangeOp[];
  names: { key: string; data: NameData | null }[];
}

function cellData(cell: FakeCell): CellData {
  const { ref, ...rest } = cell;
  if (!ref) return { ...rest };
  if ("sheet" in ref) return { ...rest, ref: { sheetId: ref.sheet.id, row: ref.row, col: ref.col } };
  return { ...rest, ref: { ...ref } };
}

function capture(wb: FakeWorkbook): State {
  const sheets = new Map<string, SheetData>();
  for (const s of wb.sheets) {
    if (!(s.grid instanceof SparseGrid)) throw new Error("fake co-authoring: sparse sheets only");
    const fields = {} as Record<Field, string>;
    for (const f of FIELDS) fields[f] = JSON.stringify(s[f] ?? null);
    sheets.set(s.id, {
      id: s.id,
      fields,
      cells: new Map([...s.grid.cells].map(([k, c]) => [k, cellData(c)])),
      numberFormats: new Map(s.numberFormats),
    });
  }
  const names = new Map<string, NameData>();
  for (const n of wb.definedNames) {
    names.set(n.name.toLowerCase(), {
      name: n.name,
      formula: n.formula,
      comment: n.comment,
      visible: n.visible,
      target: n.target ? { sheetId: n.target.sheet.id, row: n.target.row, col: n.target.col } : null,
    });
  }
  return { sheets, order: wb.sheets.map((s) => s.id), names };
}

const inside = (key: number, r: Rect) => {
  const row = Math.floor(key / MAX_COLS);
  const col = key % MAX_COLS;
  return row >= r.row && row < r.row + r.rows && col >= r.col && col < r.col + r.cols;
};

function diff(
  seq: number,
  from: number,
  pre: State,
  post: State,
  touched: { sheetId: string; rect: Rect }[],
): Change {
  const change: Change = { seq, from, added: [], deleted: [], fields: [], ranges: [], names: [] };
  for (const id of post.order) if (!pre.sheets.has(id)) change.added.push(post.sheets.get(id)!);
  for (const id of pre.order) if (!post.sheets.has(id)) change.deleted.push(id);
  for (const [id, after] of post.sheets) {
    const before = pre.sheets.get(id);
    if (!before) continue;
    for (const f of FIELDS)
      if (before.fields[f] !== after.fields[f])
        change.fields.push({ sheetId: id, field: f, value: after.fields[f] });
    for (const t of touched.filter((x) => x.sheetId === id)) {
      change.ranges.push({
        sheetId: id,
        rect: t.rect,
        cells: [...after.cells].filter(([k]) => inside(k, t.rect)),
        formats: [...after.numberFormats].filter(([k]) => inside(k, t.rect)),
      });
    }
    // Cells changed by anything else: one-cell ranges.
    const keys = new Set([...before.cells.keys(), ...after.cells.keys()]);
    for (const k of keys) {
      if (touched.some((t) => t.sheetId === id && inside(k, t.rect))) continue;
      const a = JSON.stringify(before.cells.get(k) ?? null);
      const b = JSON.stringify(after.cells.get(k) ?? null);
      if (a === b) continue;
      const rect = { row: Math.floor(k / MAX_COLS), col: k % MAX_COLS, rows: 1, cols: 1 };
      const cell = after.cells.get(k);
      const fmt = after.numberFormats.get(k);
      change.ranges.push({
        sheetId: id,
        rect,
        cells: cell ? [[k, cell]] : [],
        formats: fmt ? [[k, fmt]] : [],
      });
    }
  }
  const names = new Set([...pre.names.keys(), ...post.names.keys()]);
  for (const key of names) {
    const a = JSON.stringify(pre.names.get(key) ?? null);
    const b = JSON.stringify(post.names.get(key) ?? null);
    if (a !== b) change.names.push({ key, data: post.names.get(key) ?? null });
  }
  return change;
}

function freeName(wb: FakeWorkbook, name: string, self: FakeSheet | null): string {
  const taken = (n: string) => wb.sheets.some((s) => s !== self && s.name.toLowerCase() === n.toLowerCase());
  if (!taken(name)) return name;
  for (let k = 2; ; k++) if (!taken(`${name} (${k})`)) return `${name} (${k})`;
}

function toCell(wb: FakeWorkbook, data: CellData): FakeCell {
  const { ref, ...rest } = data;
  if (!ref) return { ...rest };
  if ("sheetId" in ref) {
    const sheet = wb.sheets.find((s) => s.id === ref.sheetId);
    return sheet
      ? { ...rest, ref: { sheet, row: ref.row, col: ref.col } }
      : { ...rest, ref: { broken: true } };
  }
  return { ...rest, ref: { ...ref } };
}

function setField(wb: FakeWorkbook, sheet: FakeSheet, field: Field, json: string): void {
  const value: unknown = JSON.parse(json);
  if (field === "name") sheet.name = freeName(wb, value as string, sheet);
  else
    (sheet as unknown as Record<string, unknown>)[field] = value ?? (field === "freeze" ? null : undefined);
}

/** The sheet with `id`, created (empty, nameless) when the workbook has none. */
function sheetWithId(wb: FakeWorkbook, id: string): FakeSheet {
  let sheet = wb.sheets.find((s) => s.id === id);
  if (!sheet) {
    sheet = wb.addSheet("\u0000", new SparseGrid());
    sheet.id = id;
  }
  return sheet;
}

/** Cells and number formats of `data` into `sheet` (every sheet they refer to exists already). */
function fillCells(wb: FakeWorkbook, sheet: FakeSheet, data: SheetData): void {
  const grid = new SparseGrid();
  sheet.grid = grid;
  sheet.numberFormats = new Map(data.numberFormats);
  for (const [k, c] of data.cells) grid.set(Math.floor(k / MAX_COLS), k % MAX_COLS, toCell(wb, c));
}

function apply(wb: FakeWorkbook, change: Change): void {
  // All added sheets first, so a cell referring to a later one of them binds to it.
  const added = change.added.map((data) => ({ data, sheet: sheetWithId(wb, data.id) }));
  for (const { data, sheet } of added) {
    for (const f of FIELDS) setField(wb, sheet, f, data.fields[f]);
    fillCells(wb, sheet, data);
  }
  for (const id of change.deleted) {
    const sheet = wb.sheets.find((s) => s.id === id);
    if (sheet) wb.removeSheet(sheet);
  }
  for (const f of change.fields) {
    const sheet = wb.sheets.find((s) => s.id === f.sheetId);
    if (sheet) setField(wb, sheet, f.field, f.value);
  }
  for (const op of change.ranges) {
    const sheet = wb.sheets.find((s) => s.id === op.sheetId);
    if (!sheet) continue;
    const grid = sheet.grid as SparseGrid;
    for (const k of [...grid.cells.keys()]) if (inside(k, op.rect)) grid.cells.delete(k);
    for (const k of [...sheet.numberFormats.keys()]) if (inside(k, op.rect)) sheet.numberFormats.delete(k);
    for (const [k, c] of op.cells) grid.set(Math.floor(k / MAX_COLS), k % MAX_COLS, toCell(wb, c));
    for (const [k, f] of op.formats) sheet.numberFormats.set(k, f);
  }
  for (const n of change.names) {
    wb.definedNames = wb.definedNames.filter((d) => d.name.toLowerCase() !== n.key);
    if (!n.data) continue;
    const target = n.data.target;
    const sheet = target ? wb.sheets.find((s) => s.id === target.sheetId) : undefined;
    wb.definedNames.push({
      name: n.data.name,
      formula: n.data.formula,
      comment: n.data.comment,
      visible: n.data.visible,
      target: sheet && target ? { sheet, row: target.row, col: target.col } : null,
    });
  }
}

/** A workbook with the same sheet ids as `state` (another co-author's Excel opening the file). */
function replicaOf(initial: FakeWorkbook, state: State): FakeWorkbook {
  const wb = new FakeWorkbook();
  wb.date1904 = initial.date1904;
  wb.apiVersion = initial.apiVersion;
  apply(wb, {
    seq: 0,
    from: -1,
    added: state.order.map((id) => state.sheets.get(id)!),
    deleted: [],
    fields: [],
    ranges: [],
    names: [...state.names].map(([key, data]) => ({ key, data })),
  });
  return wb;
}

/**
 * Makes `wb` hold exactly `target`, keeping the object of every sheet that stays (by id): sheets
 * not in `target` are deleted (references to them become #REF!), the others take their fields,
 * cells and place from it, and the workbook's names are replaced.
 */
function reconcile(wb: FakeWorkbook, target: State): void {
  for (const s of [...wb.sheets]) if (!target.sheets.has(s.id)) wb.removeSheet(s);
  const sheets = target.order.map((id) => sheetWithId(wb, id));
  wb.sheets = sheets;
  sheets.forEach((sheet, k) => {
    const data = target.sheets.get(target.order[k])!;
    for (const f of FIELDS) {
      const value: unknown = JSON.parse(data.fields[f]);
      (sheet as unknown as Record<string, unknown>)[f] = value ?? (f === "freeze" ? null : undefined);
    }
    fillCells(wb, sheet, data);
  });
  wb.definedNames = [...target.names.values()].map((n) => {
    const t = n.target;
    const sheet = t ? wb.sheets.find((s) => s.id === t.sheetId) : undefined;
    return {
      name: n.name,
      formula: n.formula,
      comment: n.comment,
      visible: n.visible,
      target: sheet && t ? { sheet, row: t.row, col: t.col } : null,
    };
  });
}

class ReplicaContext extends FakeContext {
  constructor(
    state: FakeWorkbook,
    private readonly hub: CoauthoredWorkbook,
    private readonly index: number,
  ) {
    super(state);
  }
  override async sync(): Promise<void> {
    this.hub.beforeSync(this.index);
    const pre = capture(this.state);
    const touched: { sheetId: string; rect: Rect }[] = [];
    this.onRangeWrite = (sheet, rect) => touched.push({ sheetId: sheet.id, rect: { ...rect } });
    try {
      await super.sync();
    } finally {
      this.onRangeWrite = null;
      this.hub.afterSync(this.index, pre, touched);
    }
  }
}

export class CoauthoredWorkbook {
  readonly replicas: FakeWorkbook[];
  readonly contexts: FakeContext[];
  /** The server's log, in order. */
  readonly log: Change[] = [];
  private readonly syncCounts: number[];
  private readonly pending: { change: Change; due: number }[][];
  private readonly applied: Change[][];
  private readonly waiters: { replica: number; syncs: number; resolve: () => void }[] = [];
  private readonly initial: FakeWorkbook;
  /** The workbook every replica opened. */
  private readonly start: State;

  /** `delay`: a change reaches another replica at that replica's (current sync count + delay)-th sync. */
  constructor(
    initial: FakeWorkbook,
    readonly options: { replicas?: number; delay: number },
  ) {
    const n = options.replicas ?? 2;
    this.initial = initial;
    this.start = capture(initial);
    this.replicas = Array.from({ length: n }, () => replicaOf(initial, this.start));
    this.contexts = this.replicas.map((wb, i) => new ReplicaContext(wb, this, i));
    this.syncCounts = this.replicas.map(() => 0);
    this.pending = this.replicas.map(() => []);
    this.applied = this.replicas.map(() => []);
  }

  /** Resolves once `replica` has completed `syncs` syncs (to start a co-author part-way). */
  afterSyncs(replica: number, syncs: number): Promise<void> {
    if (this.syncCounts[replica] >= syncs) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ replica, syncs, resolve }));
  }

  beforeSync(i: number): void {
    const due = this.pending[i].filter((p) => p.due <= this.syncCounts[i]);
    this.pending[i] = this.pending[i].filter((p) => p.due > this.syncCounts[i]);
    this.deliver(
      i,
      due.map((p) => p.change),
    );
  }

  afterSync(i: number, pre: State, touched: { sheetId: string; rect: Rect }[]): void {
    const change = diff(this.log.length + 1, i, pre, capture(this.replicas[i]), touched);
    this.log.push(change);
    this.applied[i].push(change);
    this.replicas.forEach((_wb, j) => {
      if (j !== i) this.pending[j].push({ change, due: this.syncCounts[j] + this.options.delay });
    });
    this.syncCounts[i]++;
    for (const w of [...this.waiters]) {
      if (w.replica === i && this.syncCounts[i] >= w.syncs) {
        this.waiters.splice(this.waiters.indexOf(w), 1);
        w.resolve();
      }
    }
  }

  /** Everything still in flight reaches every replica. */
  deliverAll(): void {
    this.replicas.forEach((_wb, i) => {
      const all = this.pending[i].map((p) => p.change);
      this.pending[i] = [];
      this.deliver(i, all);
    });
  }

  /**
   * Takes remote changes in: the replica becomes every change it knows applied in log order to the
   * starting workbook (so its own later changes are replayed after the remote ones).
   */
  private deliver(i: number, changes: Change[]): void {
    if (changes.length === 0) return;
    const latest = Math.max(0, ...this.applied[i].map((c) => c.seq));
    const sorted = [...changes].sort((a, b) => a.seq - b.seq);
    this.applied[i].push(...changes);
    if (sorted[0].seq > latest) {
      // All newer than what the replica holds: the replay would end the same, applied on top.
      for (const c of sorted) apply(this.replicas[i], c);
    } else {
      const replay = replicaOf(this.initial, this.start);
      for (const c of [...this.applied[i]].sort((a, b) => a.seq - b.seq)) apply(replay, c);
      reconcile(this.replicas[i], capture(replay));
    }
    // The co-author's new sheets that are still there: worksheets.onAdded, source "Remote".
    const wb = this.replicas[i];
    for (const c of sorted)
      for (const added of c.added)
        if (wb.sheets.some((s) => s.id === added.id)) wb.fireAdded(added.id, "Remote");
  }

  /** The replicas' states as comparable JSON (equal once converged). */
  states(): string[] {
    return this.replicas.map((wb) => {
      const s = capture(wb);
      return JSON.stringify({
        sheets: [...s.order].sort().map((id) => {
          const d = s.sheets.get(id)!;
          return [
            id,
            d.fields,
            [...d.cells].sort((a, b) => a[0] - b[0]),
            [...d.numberFormats].sort((a, b) => a[0] - b[0]),
          ];
        }),
        names: [...s.names].sort(),
      });
    });
  }
}
