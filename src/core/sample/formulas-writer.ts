/**
 * What every block of the Formulas sheet (formulas-sheet.ts) writes with: the sheet's builder, the
 * references to the Observations and Goals cells its formulas read (as A1 text and as the values
 * Excel passes), and the cells its own formulas show, so that a later formula can be evaluated
 * over an earlier block's results.
 */
import { columnFromLetters, columnLetters, quotedSheetName } from "../model/address";
import type { CachedValue, CellStyle, OutValue } from "../report/spec";
import { MUTED_STYLE, SheetBuilder } from "../report/grid";
import { DEFAULT_SETTINGS } from "../alignment/settings";
import { ValueGrid, type Shown } from "./formulas-eval";

export interface FormulasSheetInput {
  /** Lever names, in the order of their (adjacent) Observations columns. */
  levers: readonly string[];
  /** Metrics with their lag (periods) and layer. */
  metrics: readonly FormulasMetric[];
  observations: {
    sheet: string;
    /** First and last data rows (1-based, as in A1 notation). */
    firstRow: number;
    lastRow: number;
    /** Column letter of each lever and metric. */
    columns: Readonly<Record<string, string>>;
    /** The sheet's cells (row 0 = its row 1), to compute what each formula shows. */
    cells: readonly (readonly OutValue[])[];
  };
  /** The current goal set: its rows on the Goals sheet and the columns holding metric, direction, weight. */
  goals: {
    sheet: string;
    rows: readonly number[];
    metricColumn: string;
    directionColumn: string;
    weightColumn: string;
    /** The sheet's cells (row 0 = its row 1). */
    cells: readonly (readonly OutValue[])[];
  };
  significanceLevel?: number;
  movementWindow?: number;
}

export interface FormulasMetric {
  name: string;
  lag: number;
  layer: "Recruitment" | "Business";
}

/** A rectangle of this sheet (0-based, inclusive bounds). */
export interface Area {
  row: number;
  col: number;
  rowEnd: number;
  colEnd: number;
}

/** A1 address of a 0-based (row, col) on this sheet, absolute. */
export function abs(row: number, col: number): string {
  return `$${columnLetters(col)}$${row + 1}`;
}

/** A1 range of an area of this sheet, absolute. */
export function rangeOf(area: Area): string {
  return `${abs(area.row, area.col)}:${abs(area.rowEnd, area.colEnd)}`;
}

export const LABEL = { bold: true } as const;
export const NOTE = { ...MUTED_STYLE };
/** One empty row between the sheet's blocks. */
export const GAP = 1;

/** Rows of a block with one row per lever (rows top .. end − 1) under a header row (top − 1). */
export interface LeverRows {
  top: number;
  end: number;
}

export class FormulasWriter {
  readonly b = new SheetBuilder();
  readonly levers: readonly string[];
  readonly metrics: readonly FormulasMetric[];
  readonly obs: FormulasSheetInput["observations"];
  readonly goals: FormulasSheetInput["goals"];
  readonly alpha: number;
  readonly window: number;
  /** The Observations and Goals sheet names as a formula quotes them. */
  readonly obsSheet: string;
  readonly goalsSheet: string;
  /** The lever columns of the Observations data as one range, its A1 text and its cells. */
  readonly leverBlock: string;
  readonly leverCells: Shown[][];
  /** The cells the formulas read, as Excel passes them (one row array per sheet row, blanks null). */
  private readonly obsCells: ValueGrid;
  readonly goalCells: ValueGrid;
  /** What this sheet's formulas show, cell by cell (literal cells are read from the builder). */
  private readonly shown = new ValueGrid();

  constructor(input: FormulasSheetInput) {
    this.levers = input.levers;
    this.metrics = input.metrics;
    this.obs = input.observations;
    this.goals = input.goals;
    this.alpha = input.significanceLevel ?? DEFAULT_SETTINGS.significanceLevel;
    this.window = input.movementWindow ?? DEFAULT_SETTINGS.movementWindow;
    this.obsSheet = quotedSheetName(this.obs.sheet);
    this.goalsSheet = quotedSheetName(this.goals.sheet);
    this.obsCells = ValueGrid.of(this.obs.cells);
    this.goalCells = ValueGrid.of(this.goals.cells);
    const first = this.levers[0];
    const last = this.levers[this.levers.length - 1];
    this.leverBlock = `${this.obsSheet}!$${this.col(first)}$${this.obs.firstRow}:$${this.col(last)}$${this.obs.lastRow}`;
    this.leverCells = this.obsRows(this.obs.firstRow, this.obs.lastRow, this.col(first), this.col(last));
  }

  /** Number of levers (rows of every lever × metric block). */
  get L(): number {
    return this.levers.length;
  }

  /** Number of metrics (columns of every lever × metric block). */
  get M(): number {
    return this.metrics.length;
  }

  /** The Observations column letter of a lever or metric. */
  col(name: string): string {
    const letter = this.obs.columns[name];
    if (!letter) throw new Error(`The Observations layout has no column for ${name}`);
    return letter;
  }

  /** A lever's or metric's data range on Observations, as A1 text. */
  series(name: string): string {
    return `${this.obsSheet}!$${this.col(name)}$${this.obs.firstRow}:$${this.col(name)}$${this.obs.lastRow}`;
  }

  /** The cells of a lever's or metric's data range. */
  seriesCells(name: string): Shown[][] {
    return this.obsRows(this.obs.firstRow, this.obs.lastRow, this.col(name));
  }

  /** The cells of Observations rows first..last (1-based) in columns from..to. */
  obsRows(first: number, last: number, from: string, to = from): Shown[][] {
    return this.obsCells.block(first - 1, columnFromLetters(from), last - 1, columnFromLetters(to));
  }

  /** What a cell of this sheet shows: a formula's value, or the literal written there (null when blank). */
  own(row: number, c: number): Shown {
    const v = this.shown.get(row, c);
    if (v !== null) return v;
    const literal = this.b.valueAt(row, c);
    return literal === null || literal === "" || typeof literal === "object" ? null : literal;
  }

  ownBlock(area: Area): Shown[][] {
    return Array.from({ length: area.rowEnd - area.row + 1 }, (_, i) =>
      Array.from({ length: area.colEnd - area.col + 1 }, (_, j) => this.own(area.row + i, area.col + j)),
    );
  }

  /** A formula with one value. */
  single(row: number, c: number, formula: string, value: CachedValue, style?: CellStyle): void {
    this.b.put(row, c, { formula, cached: value }, style);
    this.shown.set(row, c, value);
  }

  /** An array formula over exactly the cells of its result; returns the result's size. */
  array(
    row: number,
    c: number,
    formula: string,
    values: CachedValue[][],
    style?: CellStyle,
  ): { rows: number; cols: number } {
    const size = { rows: values.length, cols: values[0]?.length ?? 0 };
    if (size.rows === 0 || size.cols === 0) throw new Error(`${formula} returned no cells`);
    this.b.put(
      row,
      c,
      size.rows * size.cols > 1
        ? { formula, spill: size, cachedArray: values }
        : { formula, cached: values[0][0] },
      style,
    );
    this.shown.setBlock(row, c, values);
    return size;
  }

  /** The cells of a lever block from column 1 to `colEnd` (one row per lever). */
  leverArea(top: number, colEnd: number): Area {
    return { row: top, col: 1, rowEnd: top + this.L - 1, colEnd };
  }

  /** Labels in column A, one per row from `top` (levers, KPIs); returns the row after the last. */
  rowLabels(top: number, labels: readonly string[]): number {
    labels.forEach((label, i) => this.b.put(top + i, 0, label, LABEL));
    return top + labels.length;
  }
}
