/**
 * The commit of a write: the operations that bring this run's temporary sheets into the output
 * sheets, planned from what the workbook holds now (so a retry after a co-author's change is
 * planned afresh). Order, within as few syncs as the budget allows (each sheet's part in one):
 *   1. every output: a sheet we own updated IN PLACE from its temporary sheet, or the temporary
 *      sheet shown and renamed as a new output;
 *   2. the headline defined names pointed at their cells (last but for the clean-up, so a name a
 *      co-author added meanwhile fails only the names: the sheets before it stay committed);
 *   3. our names no spec declares any more re-pointed at #N/A;
 *   4. a co-author's duplicate set (sheet-state.ts coauthorDuplicates) deleted;
 *   5. the sheet the report marks active activated.
 */
import { columnLetters, quotedSheetName } from "../../core/model/address";
import type { OutputNamePlan } from "../../core/report/names";
import { RETIRED_NAME_FORMULA, retiredHeadlineNames } from "../../core/report/headline-names";
import type { SheetSpec } from "../../core/report/spec";
import type { WriteOp } from "./batches";
import { REQUEST_BYTES } from "./payload";
import { CHART_NAME_PREFIX, sheetOps } from "./render";
import { applyPageLayout } from "./page-layout";
import { isTemp, RUN_STAMP_NAME, type SheetState, type WorkbookState } from "./sheet-state";

export interface Target {
  spec: SheetSpec;
  plan: OutputNamePlan;
  tmpName: string;
  tmp: Excel.Worksheet | null;
  tmpId: string | null;
}

/** Page setup: a dozen properties, print titles and area, six header/footer texts (measured per call). */
const PAGE_LAYOUT_BYTES = 24 * REQUEST_BYTES.action;
const MAX_ROWS = 1_048_576;
const MAX_COLS = 16_384;

/** The cell extent of a spec (rows x cols from A1) that its values, styles and rules cover. */
export function specExtent(spec: SheetSpec): { rows: number; cols: number } {
  let rows = spec.values.length;
  let cols = spec.values.reduce((max, row) => Math.max(max, row.length), 0);
  for (const r of [...spec.styles.map((s) => s.range), ...spec.conditionalFormats.map((c) => c.range)]) {
    rows = Math.max(rows, r.rowEnd + 1);
    cols = Math.max(cols, r.colEnd + 1);
  }
  return { rows, cols };
}

export interface CommitPlan {
  ops: WriteOp[];
  /** The duplicate sheets this commit deletes (for the note). */
  duplicates: SheetState[];
}

/**
 * The commit of `pending` (the targets not committed yet; each with its plan for `state`), the
 * headline names of all `targets`, the retirement of undeclared names and the deletion of
 * `duplicates`. `charts` holds the chart names of each sheet to update in place.
 */
export function commitOps(
  context: Excel.RequestContext,
  runId: string,
  targets: Target[],
  pending: Target[],
  state: WorkbookState,
  charts: Map<string, string[]>,
  duplicates: SheetState[],
): CommitPlan {
  const ids = new Map(state.sheets.map((s) => [s.name.toLowerCase(), s.id]));
  const ops: WriteOp[] = [];
  for (const t of pending) {
    const ownedId = t.plan.replaces ? (ids.get(t.plan.target.toLowerCase()) ?? null) : null;
    const parts = ownedId
      ? inPlaceOps(context, t, ownedId, runId, charts.get(ownedId) ?? [], state.sheets)
      : newOutputOps(t);
    ops.push({
      bytes: parts.reduce((n, p) => n + p.bytes, 0),
      apply: (attempt) => parts.forEach((p) => p.apply(attempt)),
    });
  }
  const known = new Set(state.names.map((n) => n.name.toLowerCase()));
  const declared: string[] = [];
  for (const t of targets) {
    for (const n of t.spec.names ?? []) {
      if (declared.some((d) => d.toLowerCase() === n.name.toLowerCase())) continue; // first one wins
      declared.push(n.name);
      const formula = `=${quotedSheetName(t.plan.target)}!$${columnLetters(n.col)}$${n.row + 1}`;
      const exists = known.has(n.name.toLowerCase());
      ops.push({
        bytes: REQUEST_BYTES.action + formula.length + (n.comment?.length ?? 0),
        apply: () => {
          if (exists) context.workbook.names.getItem(n.name).formula = formula;
          else context.workbook.names.add(n.name, formula, n.comment);
        },
      });
      known.add(n.name.toLowerCase());
    }
  }
  // Headline names no spec declares any more (a lever gone, no plan this time) show #N/A.
  const ourSheets = [
    ...state.sheets.filter((s) => s.marked && !isTemp(s.name)).map((s) => s.name),
    ...targets.map((t) => t.plan.target),
  ];
  for (const name of retiredHeadlineNames(state.names, declared, ourSheets)) {
    ops.push({
      bytes: REQUEST_BYTES.action,
      apply: () => void (context.workbook.names.getItem(name).formula = `=${RETIRED_NAME_FORMULA}`),
    });
  }
  ops.push(...duplicateDeletionOps(context, duplicates));
  // The workbook opens on the sheet the report marks active (the Summary).
  const active = targets.find((t) => t.spec.active);
  if (active) {
    ops.push({
      bytes: REQUEST_BYTES.action,
      apply: () => context.workbook.worksheets.getItem(active.plan.target).activate(),
    });
  }
  return { ops, duplicates };
}

/**
 * The deletion of a co-author's duplicate set (sheet-state.ts coauthorDuplicates), by sheet id:
 * the commit's step 4, and the whole of what the task pane's healer (heal.ts) deletes.
 */
export function duplicateDeletionOps(context: Excel.RequestContext, duplicates: SheetState[]): WriteOp[] {
  return duplicates.map((d) => ({
    bytes: REQUEST_BYTES.action,
    apply: () => context.workbook.worksheets.getItem(d.id).delete(),
  }));
}

/** A new output: its temporary sheet shown, renamed and given its page setup. */
function newOutputOps(t: Target): WriteOp[] {
  return [
    {
      bytes: 3 * REQUEST_BYTES.action,
      apply: () => {
        t.tmp!.visibility = "Visible";
        t.tmp!.name = t.plan.target;
      },
    },
    { bytes: PAGE_LAYOUT_BYTES, apply: () => applyPageLayout(t.tmp!, t.spec) },
  ];
}

/**
 * Updating our sheet `ownedId` in place from `t`'s temporary sheet, in this order so that a
 * failure part-way leaves as much as possible consistent: the temporary sheet's cells copied over
 * the extent (range.copyFrom "All" replaces values, formats and colour scales there), everything
 * outside the extent cleared, our old charts removed, panes reset, widths, panes, tab colour and
 * charts drawn, the run stamp set, the temporary sheet deleted. One group: it goes into one sync.
 */
function inPlaceOps(
  context: Excel.RequestContext,
  t: Target,
  ownedId: string,
  runId: string,
  charts: string[],
  state: SheetState[],
): WriteOp[] {
  const worksheets = context.workbook.worksheets;
  let owned: { attempt: number; sheet: Excel.Worksheet } | null = null;
  let current = 0;
  const sheet = () => {
    if (!owned || owned.attempt !== current) owned = { attempt: current, sheet: worksheets.getItem(ownedId) };
    return owned.sheet;
  };
  const ourCharts = charts.filter((n) => n.startsWith(CHART_NAME_PREFIX));
  const { rows, cols } = specExtent(t.spec);
  const hadStamp = state.find((s) => s.id === ownedId)?.hasStamp ?? false;
  const clearOutside = (s: Excel.Worksheet) => {
    const parts: [number, number, number, number][] = [];
    if (rows < MAX_ROWS) parts.push([rows, 0, MAX_ROWS - rows, MAX_COLS]);
    if (rows > 0 && cols < MAX_COLS) parts.push([0, cols, rows, MAX_COLS - cols]);
    for (const [r, c, h, w] of parts) {
      const range = s.getRangeByIndexes(r, c, h, w);
      range.conditionalFormats.clearAll();
      range.clear("All");
    }
  };
  return [
    {
      bytes: REQUEST_BYTES.copy + 4 * REQUEST_BYTES.styleFirst + ourCharts.length * REQUEST_BYTES.action,
      apply: (attempt) => {
        current = attempt;
        const s = sheet();
        if (rows > 0 && cols > 0) {
          s.getRangeByIndexes(0, 0, rows, cols).copyFrom(t.tmp!.getRangeByIndexes(0, 0, rows, cols), "All");
        }
        clearOutside(s);
        for (const name of ourCharts) s.charts.getItem(name).delete();
        s.freezePanes.unfreeze();
      },
    },
    ...sheetOps(sheet, t.spec),
    { bytes: PAGE_LAYOUT_BYTES, apply: () => applyPageLayout(sheet(), t.spec) },
    {
      bytes: 3 * REQUEST_BYTES.action,
      apply: () => {
        const s = sheet();
        if (hadStamp) s.names.getItem(RUN_STAMP_NAME).formula = `="${runId}"`;
        else s.names.add(RUN_STAMP_NAME, `="${runId}"`).visible = false;
        t.tmp!.delete();
      },
    },
  ];
}
