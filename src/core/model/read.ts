/**
 * Reading typed cells of an input with diagnostics: names, free text, numbers and date columns.
 * Each reader reports a problem once, naming the cell, and returns undefined when the cell is unusable.
 */
import { cellText, describeCell, errorCode, isBlank, readNumber } from "./input-cells";
import {
  isSerial,
  numericDateOrder,
  numericDateParts,
  parseDateText,
  type DayMonthOrder,
  serialToIso,
} from "../dates";
import { Diagnostics, quote } from "./diagnostics";
import { isBlankRow, type HeaderMatch } from "./header";
import type { GridView } from "./locate";
import type { Severity } from "./types";

/** Grid rows below the header that hold something in any of `cols` (blank rows are skipped). */
export function dataRows(view: GridView, header: HeaderMatch, cols: readonly number[]): number[] {
  const rows: number[] = [];
  for (let r = header.row + 1; r < view.rows; r++) if (!isBlankRow(view, r, cols)) rows.push(r);
  return rows;
}

/**
 * A name or label: trimmed text, otherwise verbatim; numbers become their text. "" when blank.
 * An error value is reported with `severity` and gives undefined.
 */
export function readTextCell(
  view: GridView,
  r: number,
  c: number | undefined,
  diags: Diagnostics,
  what: string,
  severity: Severity = "error",
): string | undefined {
  if (c === undefined) return "";
  const value = view.cell(r, c);
  const text = cellText(value);
  if (text !== null) return text;
  diags.add(
    severity,
    "error-value",
    view.sheet,
    view.address(r, c),
    `The ${what} cell holds the error ${errorCode(value)}; fix the formula or type the ${what}.`,
  );
  return undefined;
}

export interface NumberOptions {
  /** What the number is, for messages ("Min of lever 'Recruiters'"). */
  what: string;
  severity?: Severity;
}

/**
 * A number (numeric text such as "12%", "$4,100" accepted). Blank gives null. Text, TRUE/FALSE
 * and error values are reported and give undefined.
 */
export function readNumberCell(
  view: GridView,
  r: number,
  c: number | undefined,
  diags: Diagnostics,
  options: NumberOptions,
): number | null | undefined {
  if (c === undefined) return null;
  const severity = options.severity ?? "error";
  const value = view.cell(r, c);
  const read = readNumber(value);
  const cell = view.address(r, c);
  switch (read.kind) {
    case "number":
      return read.value;
    case "blank":
      return null;
    case "error":
      diags.add(
        severity,
        "error-value",
        view.sheet,
        cell,
        `The ${options.what} holds the error ${read.code}; fix the formula or enter a number.`,
      );
      return undefined;
    case "boolean":
      diags.add(
        severity,
        "boolean-in-number",
        view.sheet,
        cell,
        `The ${options.what} holds ${describeCell(value)} where a number is expected; enter a number.`,
      );
      return undefined;
    case "text":
      diags.add(
        severity,
        "text-in-number",
        view.sheet,
        cell,
        `The ${options.what} holds ${quote(read.text)} where a number is expected; clear the cell or enter a number.`,
      );
      return undefined;
  }
}

export interface DateColumnOptions {
  /** Column header for messages, e.g. "Period". */
  header: string;
  severity?: Severity;
}

/**
 * Reads a whole date column at once, so that numeric dates such as 01/03/2024 are read the same way
 * throughout the column: a date that can only be day-first (13/03/2024) makes the column day-first;
 * otherwise, when every such date shares its first number and the second one varies (01/03, 01/04, …),
 * the first number is the day; otherwise month-first (US, as Excel in en-US). Returns, per row, the
 * serial (whole days), null when blank, or undefined when the cell is not a date (reported).
 */
export function readDateColumn(
  view: GridView,
  rows: readonly number[],
  c: number,
  diags: Diagnostics,
  options: DateColumnOptions,
): Map<number, number | null | undefined> {
  const severity = options.severity ?? "error";
  const order = columnOrder(view, rows, c, diags, options.header);
  const out = new Map<number, number | null | undefined>();
  for (const r of rows) {
    const value = view.cell(r, c);
    if (typeof value === "number" && isSerial(value)) {
      out.set(r, Math.floor(value)); // the common case: an Excel date
      continue;
    }
    if (isBlank(value)) {
      out.set(r, null);
      continue;
    }
    const cell = view.address(r, c);
    const code = errorCode(value);
    if (code !== null) {
      diags.add(
        severity,
        "error-value",
        view.sheet,
        cell,
        `The ${options.header} cell holds the error ${code}; fix the formula or enter a date.`,
      );
      out.set(r, undefined);
      continue;
    }
    let serial: number | null = null;
    if (typeof value === "number") serial = isSerial(value) ? Math.floor(value) : null;
    else if (typeof value === "string") {
      const own = numericDateOrder(value);
      serial = parseDateText(value, own === "dmy" || own === "mdy" ? own : order);
    }
    if (serial === null) {
      diags.add(
        severity,
        "invalid-date",
        view.sheet,
        cell,
        `The ${options.header} cell holds ${describeCell(value)}, which is not a date. Enter a date such as ` +
          `2024-03-01, 1 Mar 2024 or Mar 2024 (or a date Excel recognises).`,
      );
    }
    out.set(r, serial ?? undefined);
  }
  return out;
}

function columnOrder(
  view: GridView,
  rows: readonly number[],
  c: number,
  diags: Diagnostics,
  header: string,
): DayMonthOrder {
  const found: Record<DayMonthOrder | "either", { r: number; text: string }[]> = {
    dmy: [],
    mdy: [],
    either: [],
  };
  for (const r of rows) {
    const value = view.cell(r, c);
    if (typeof value !== "string") continue;
    const kind = numericDateOrder(value);
    if (kind !== null) found[kind].push({ r, text: value.trim() });
  }
  const at = (x: { r: number; text: string }) => `${quote(x.text)} (${view.address(x.r, c)})`;
  const column = `the ${header} column of ${view.label}`;
  if (found.dmy.length > 0 && found.mdy.length > 0) {
    diags.warning(
      "mixed-date-order",
      view.sheet,
      view.address(found.mdy[0].r, c),
      `In ${column}, ${at(found.dmy[0])} must be day/month/year but ${at(found.mdy[0])} must be month/day/year. ` +
        `Each was read the only way it can be${found.either.length > 0 ? ", and dates that could be either as month/day/year" : ""}. ` +
        `Write dates as 2024-03-01 so there is no doubt.`,
    );
    return "mdy";
  }
  if (found.either.length === 0) return found.dmy.length > 0 ? "dmy" : "mdy";
  const example = found.either[0];
  const readAs = (order: DayMonthOrder) =>
    serialToIso(parseDateText(example.text, order) ?? parseDateText(example.text, "mdy") ?? 1);
  let order: DayMonthOrder = "mdy";
  let why = "as in the US (month first)";
  if (found.dmy.length > 0) {
    order = "dmy";
    why = `because ${at(found.dmy[0])} can only be day/month/year`;
  } else if (found.mdy.length > 0) {
    why = `because ${at(found.mdy[0])} can only be month/day/year`;
  } else {
    const parts = found.either.map((x) => numericDateParts(x.text) ?? [0, 0]);
    const sameFirst = parts.every((p) => p[0] === parts[0][0]);
    const sameSecond = parts.every((p) => p[1] === parts[0][1]);
    if (sameFirst && !sameSecond) {
      order = "dmy";
      why = "because the first number is the same in every date, so it is taken as the day";
    }
  }
  diags.info(
    "date-order",
    view.sheet,
    view.address(example.r, c),
    `Dates in ${column} such as ${at(example)} were read as ${order === "dmy" ? "day/month/year" : "month/day/year"} ` +
      `(${readAs(order)}) ${why}. If that is wrong, write the dates as 2024-03-01.`,
  );
  return order;
}
