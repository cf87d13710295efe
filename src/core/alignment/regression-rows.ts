/**
 * The rows a lever → metric regression is fitted on, in the chosen form (docs/method.md §2a):
 * levels as observed, or changes (changes.ts) aligned with the metric's lag, a change never spanning
 * a gap. Counts what the form cost, so the sheets can say it ("3 changes spanning a missing month
 * were dropped").
 */
import { changesOf, periodBreaks, type ChangeKind } from "./changes";
import { alignLagged, type AlignedRows, type Series } from "./lag";
import type { MetricModel } from "./types";

export type FittedForm = "levels" | "changes";

export interface PreparedRows {
  aligned: AlignedRows;
  /** How each used column and the target were transformed (null in levels). */
  targetKind: ChangeKind | null;
  columnKinds: (ChangeKind | null)[];
  /** Rows complete in levels that a change could not be formed for (a gap before them). */
  gapsDropped: number;
  model: MetricModel;
  /** Used columns (by position in `columns`) whose changes are undefined (average 0 with a value ≤ 0). */
  undefinedColumns: number[];
  /** The target's changes are undefined. */
  undefinedTarget: boolean;
}

/**
 * @param target the metric (or outcome)
 * @param columns the used explanatory series
 * @param shifts per used column, periods it leads the target by (≥ 0)
 */
export function prepareRows(
  target: Series,
  columns: readonly Series[],
  shifts: readonly number[],
  endIndex: number,
  form: FittedForm,
  periods?: readonly number[],
): PreparedRows {
  const levels = alignLagged(target, columns, shifts, endIndex);
  if (form === "levels") {
    return {
      aligned: levels,
      targetKind: null,
      columnKinds: columns.map(() => null),
      gapsDropped: 0,
      model: "levels",
      undefinedColumns: [],
      undefinedTarget: false,
    };
  }
  const breaks = periodBreaks(periods, target.length);
  const targetChanges = changesOf(target, endIndex, breaks);
  const columnChanges = columns.map((col, j) => changesOf(col, endIndex - shifts[j], breaks));
  const undefinedColumns = columnChanges.flatMap((c, j) => (c === null ? [j] : []));
  const empty: Series = [];
  const aligned = alignLagged(
    targetChanges?.values ?? empty,
    columnChanges.map((c) => c?.values ?? empty),
    shifts,
    endIndex,
  );
  // A row complete in levels whose change is missing lost it to a gap (the first row has no predecessor).
  const inChanges = new Set(aligned.rows);
  const first = levels.rows.length > 0 ? Math.max(0, ...shifts) : 0;
  let gapsDropped = 0;
  for (const s of levels.rows) if (s > first && !inChanges.has(s)) gapsDropped++;
  const kinds = [targetChanges?.kind ?? null, ...columnChanges.map((c) => c?.kind ?? null)];
  return {
    aligned,
    targetKind: targetChanges?.kind ?? null,
    columnKinds: columnChanges.map((c) => c?.kind ?? null),
    gapsDropped,
    model: kinds.every((k) => k === "log") ? "log-changes" : "relative-changes",
    undefinedColumns,
    undefinedTarget: targetChanges === null,
  };
}
