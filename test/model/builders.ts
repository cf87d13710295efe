/**
 * Builds RawWorkbooks in code for the model tests, the way a host would deliver them:
 * values as 2-D arrays, dates as Excel serials, errors as { kind: "error", code }.
 */
import type { CellError, CellValue, RawSheet, RawTable, RawWorkbook } from "../../src/core/model/raw";

export type Rows = CellValue[][];

export const err = (code: string): CellError => ({ kind: "error", code });

/** Excel serials of the first of each month of 2024. */
export const JAN = 45292;
export const FEB = 45323;
export const MAR = 45352;
export const APR = 45383;
export const MAY = 45413;
export const JUN = 45444;
export const JUL = 45474;
export const AUG = 45505;
export const MONTHS_2024 = [JAN, FEB, MAR, APR, MAY, JUN, JUL, AUG];

export function sheet(
  name: string,
  values: Rows,
  options: { originRow?: number; originCol?: number; hiddenRows?: number[] } = {},
): RawSheet {
  return {
    name,
    values,
    originRow: options.originRow ?? 0,
    originCol: options.originCol ?? 0,
    ...(options.hiddenRows ? { hiddenRows: options.hiddenRows } : {}),
  };
}

export function table(name: string, sheetName: string, values: Rows, originRow = 0, originCol = 0): RawTable {
  return { name, sheetName, values, originRow, originCol };
}

/** A workbook of the given sheets and tables; sheetNames lists them all (plus `extraSheetNames`). */
export function workbook(
  sheets: RawSheet[],
  tables: RawTable[] = [],
  extraSheetNames: string[] = [],
): RawWorkbook {
  const names = [...sheets.map((s) => s.name), ...tables.map((t) => t.sheetName), ...extraSheetNames];
  return { sheets, tables, sheetNames: [...new Set(names)], outputSheets: [], history: null };
}

export const LEVERS: Rows = [
  ["Lever", "Category", "Unit", "Current", "Min", "Max", "Cost per unit"],
  ["Recruiters", "Capacity", "FTE", 12, 8, 20, 6500],
  ["Screening hours", "Capacity", "hours/week", 160, 80, 240, 45],
  ["Agency share", "Sourcing mix", "%", 0.25, 0, 0.6, null],
];

export const METRICS: Rows = [
  ["Metric", "Layer", "Unit", "Better", "Lag"],
  ["Time to fill", "Recruitment", "days", "Lower", 0],
  ["Cost per hire", "Recruitment", "$", "Lower", null],
  ["First-year attrition", "Business", "%", "Lower", 2],
];

export const GOALS: Rows = [
  ["Goal", "Metric", "Direction", "Weight", "Effective from"],
  ["Faster hiring", "Time to fill", "Decrease", 3, JAN],
  ["Lower cost", "Cost per hire", "Decrease", 2, JAN],
  ["Keep new hires", "First-year attrition", "Decrease", 1, JUL],
  ["Faster hiring", "Time to fill", "Decrease", 1, JUL],
];

export const OBSERVATION_HEADER = [
  "Period",
  "Recruiters",
  "Screening hours",
  "Agency share",
  "Time to fill",
  "Cost per hire",
  "First-year attrition",
];

/** Eight months of plausible engagement data, one row per month. */
export const OBSERVATION_ROWS: Rows = [
  [JAN, 10, 140, 0.3, 48, 5200, 0.21],
  [FEB, 10, 150, 0.3, 47, 5100, 0.2],
  [MAR, 11, 150, 0.28, 45, 5000, 0.2],
  [APR, 11, 160, 0.27, 44, 4950, 0.19],
  [MAY, 12, 160, 0.26, 42, 4900, 0.19],
  [JUN, 12, 170, 0.25, 41, 4800, 0.18],
  [JUL, 12, 160, 0.25, 41, 4850, 0.18],
  [AUG, 12, 160, 0.25, 40, 4800, 0.17],
];

export const OBSERVATIONS: Rows = [OBSERVATION_HEADER, ...OBSERVATION_ROWS];

export const ACTIONS: Rows = [
  ["Date", "Lever", "New value", "Requested by", "Rationale"],
  [MAY, "Recruiters", 12, "Client TA lead", "Hiring surge for the new site"],
  [MAR, "Agency share", 0.28, "Procurement", "Reduce agency spend"],
];

export interface Inputs {
  Levers: Rows | null;
  Metrics: Rows | null;
  Goals: Rows | null;
  Observations: Rows | null;
  Actions: Rows | null;
}

export const VALID: Inputs = {
  Levers: LEVERS,
  Metrics: METRICS,
  Goals: GOALS,
  Observations: OBSERVATIONS,
  Actions: ACTIONS,
};

/** The valid example workbook with some inputs replaced (null leaves the sheet out). */
export function validWorkbook(overrides: Partial<Inputs> = {}): RawWorkbook {
  const inputs: Inputs = { ...VALID, ...overrides };
  const sheets = (Object.keys(inputs) as (keyof Inputs)[])
    .filter((name) => inputs[name] !== null)
    .map((name) => sheet(name, inputs[name] as Rows));
  return workbook(sheets);
}

/** A copy of `rows` with cell (r, c) replaced (r counts the header as 0). */
export function withCell(rows: Rows, r: number, c: number, value: CellValue): Rows {
  const copy = rows.map((row) => [...row]);
  while (copy.length <= r) copy.push([]);
  copy[r][c] = value;
  return copy;
}

/** A copy of `rows` with column `c` replaced by `values` (header included). */
export function withColumn(rows: Rows, c: number, values: CellValue[]): Rows {
  return rows.map((row, r) => {
    const copy = [...row];
    copy[c] = values[r] ?? null;
    return copy;
  });
}
