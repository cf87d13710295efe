/**
 * Blocks of elasticities (CHAIN, LEVERAGE, WHATIF, PLAN) with optional labels, and the orientation
 * guard.
 *
 * Each block has a documented orientation (for example levers x goals). When it is not square, the
 * sizes of the other arguments check it (one direction and one weight per column, ...). When it is
 * square (2 x 2 or larger), a block given the wrong way round (goals x levers, say, from stacked
 * SENSITIVITY rows) would pass every size check and give wrong numbers without a word. So a square
 * block must say which way it is: it must include a header row, text labels above its columns
 * (goal, KPI, metric or outcome names). Labels are optional for any other block:
 *
 * - header row: the first row holds text in every cell (the top-left corner may be blank when the
 *   block also has row labels);
 * - row labels: the first column holds text in every cell below the header row.
 *
 * Labels are only read (CHAIN checks that lever_to_kpi's KPI names and kpi_to_outcome's match);
 * numbers are never taken for labels. Pure.
 */
import { gridOf, gridSize, numberAt } from "./args";
import { FunctionInputError } from "./cell-arguments";
import { otherAt, valueAt, type Grid } from "./grid";

export interface LabelledBlock {
  values: (number | null)[][];
  rowLabels: string[] | null;
  colLabels: string[] | null;
}

function label(g: Grid, r: number, c: number): string | null {
  const v = otherAt(g, r, c);
  return typeof v === "string" && v.trim() !== "" ? v : null;
}

function allLabels(g: Grid, cells: [number, number][]): boolean {
  return cells.length > 0 && cells.every(([r, c]) => label(g, r, c) !== null);
}

/**
 * A block of numbers with optional labels (see the module comment).
 * @param meaning what its rows and columns are, for the orientation message ("levers", "goals")
 */
export function readLabelledBlock(
  value: unknown,
  name: string,
  fn: string,
  blankHint: string,
  meaning: { rows: string; cols: string },
): LabelledBlock {
  const g = gridOf(value, name, fn);
  const headerRest: [number, number][] = [];
  for (let c = 1; c < g.cols; c++) headerRest.push([0, c]);
  const columnRest: [number, number][] = [];
  for (let r = 1; r < g.rows; r++) columnRest.push([r, 0]);
  const corner = label(g, 0, 0);
  const cornerBlank = corner === null && otherAt(g, 0, 0) === undefined && valueAt(g, 0, 0) === null;
  let header = false;
  let rowLabels = false;
  if (
    g.rows >= 2 &&
    g.cols >= 2 &&
    allLabels(g, headerRest) &&
    allLabels(g, columnRest) &&
    (corner !== null || cornerBlank)
  ) {
    header = true;
    rowLabels = true;
  } else if (g.rows >= 2 && corner !== null && allLabels(g, headerRest)) {
    header = true;
  } else if (g.cols >= 2 && corner !== null && allLabels(g, columnRest)) {
    rowLabels = true;
  }
  const top = header ? 1 : 0;
  const left = rowLabels ? 1 : 0;
  const values: (number | null)[][] = [];
  for (let r = top; r < g.rows; r++) {
    const row: (number | null)[] = [];
    for (let c = left; c < g.cols; c++) row.push(numberAt(g, r, c, name, fn, blankHint));
    values.push(row);
  }
  const rows = g.rows - top;
  const cols = g.cols - left;
  if (rows === 0 || cols === 0) throw new FunctionInputError(`${fn}: ${name} has labels but no numbers`);
  if (rows === cols && rows >= 2 && !header) {
    throw new FunctionInputError(
      `${fn}: ${name} is square (${gridSize(g)}), so its orientation cannot be checked against the other arguments: ` +
        `its rows must be ${meaning.rows} and its columns ${meaning.cols}. Include the header row of ${meaning.cols} ` +
        `names (text above the numbers) in the range, e.g. VSTACK({"A","B"}, block), to confirm it`,
    );
  }
  return {
    values,
    rowLabels: rowLabels ? Array.from({ length: rows }, (_, i) => label(g, top + i, 0) as string) : null,
    colLabels: header ? Array.from({ length: cols }, (_, j) => label(g, 0, left + j) as string) : null,
  };
}
