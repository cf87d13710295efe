/**
 * Dates as Excel serial numbers (1900 date system), the one home for date arithmetic: calendar
 * dates and ISO texts to serials and back (the faces' options, JSON, the report, the .xlsx
 * host's ISO date cells), and the text date formats the model accepts.
 *
 * Serial 1 is 1900-01-01. Excel (after Lotus 1-2-3) treats 1900 as a leap year: serial 60 is the
 * non-existent 1900-02-29, so serials 1-59 are days since 1899-12-31 and serials ≥ 61 are days
 * since 1899-12-30. Serial 2958465 is 9999-12-31, the last date Excel shows.
 */

export const MIN_SERIAL = 1;
export const MAX_SERIAL = 2958465;
const DAY_MS = 86_400_000;
const EPOCH_MS = Date.UTC(1899, 11, 30);

export interface YearMonthDay {
  year: number;
  month: number;
  day: number;
}

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeap(year) || year === 1900 ? 29 : 28; // 1900: Excel's fake leap day
  return [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
}

/** Calendar date → Excel serial, or null when it is not a date Excel can hold (1900-01-01 … 9999-12-31). */
export function serialFromDate(year: number, month: number, day: number): number | null {
  if (![year, month, day].every(Number.isInteger)) return null;
  if (year < 1900 || year > 9999 || month < 1 || month > 12 || day < 1) return null;
  if (day > daysInMonth(year, month)) return null;
  if (year === 1900 && month === 2 && day === 29) return 60;
  const utc = new Date(0);
  utc.setUTCFullYear(year, month - 1, day); // setUTCFullYear keeps years < 100 literal (Date.UTC would not)
  const days = Math.round((utc.getTime() - EPOCH_MS) / DAY_MS);
  return year === 1900 && month <= 2 ? days - 1 : days;
}

/** Excel serial → calendar date (the fractional part, a time of day, is dropped). */
export function dateFromSerial(serial: number): YearMonthDay {
  const whole = Math.floor(serial);
  if (whole === 60) return { year: 1900, month: 2, day: 29 };
  const days = whole < 60 ? whole + 1 : whole;
  const d = new Date(EPOCH_MS + days * DAY_MS);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** Excel serial → "2024-03-01" (messages, JSON, options). */
export function serialToIso(serial: number): string {
  const { year, month, day } = dateFromSerial(serial);
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** "YYYY-MM-DD" → serial; null when the text is not such a date (or not one Excel can hold). */
export function isoToSerial(text: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  if (!match) return null;
  return serialFromDate(Number(match[1]), Number(match[2]), Number(match[3]));
}

const SECONDS_PER_DAY = 86_400;
const ISO_DATE_TIME = /^(?:(\d{4})-(\d{2})-(\d{2}))?(?:T?(\d{2}):(\d{2})(?::(\d{2}(?:\.\d+)?))?)?/;

/**
 * An ISO 8601 date, date-time or time ("2024-03-01", "2024-03-01T12:00:00", "12:00:00", as in
 * an .xlsx cell of type "d") → serial, the time of day as its fraction (a time alone is a
 * fraction of one day). Time zones are ignored: the wall-clock time is what the user typed.
 * Null when the text is none of these, or its date is not one Excel can hold.
 */
export function isoDateTimeToSerial(text: string): number | null {
  const m = ISO_DATE_TIME.exec(text.trim());
  if (!m || (m[1] === undefined && m[4] === undefined)) return null;
  const seconds = Number(m[4] ?? 0) * 3600 + Number(m[5] ?? 0) * 60 + Number(m[6] ?? 0);
  if (m[1] === undefined) return seconds / SECONDS_PER_DAY;
  const day = serialFromDate(Number(m[1]), Number(m[2]), Number(m[3]));
  return day === null ? null : day + seconds / SECONDS_PER_DAY;
}

/** Whether a number is a usable date serial (fractions allowed: the time of day is dropped). */
export function isSerial(value: number): boolean {
  return Number.isFinite(value) && value >= MIN_SERIAL && value < MAX_SERIAL + 1;
}

const MONTHS: Record<string, number> = {
  jan: 1, january: 1, feb: 2, february: 2, mar: 3, march: 3, apr: 4, april: 4, may: 5, jun: 6, june: 6,
  jul: 7, july: 7, aug: 8, august: 8, sep: 9, sept: 9, september: 9, oct: 10, october: 10,
  nov: 11, november: 11, dec: 12, december: 12,
}; // prettier-ignore

function monthNumber(name: string): number | null {
  return MONTHS[name.toLowerCase()] ?? null;
}

/** Two-digit years follow Excel: 00-29 → 2000-2029, 30-99 → 1930-1999. */
function fullYear(text: string): number {
  const y = Number(text);
  if (text.length > 2) return y;
  return y < 30 ? 2000 + y : 1900 + y;
}

/** How numeric dates such as 01/03/2024 are read: month first (US) or day first. */
export type DayMonthOrder = "mdy" | "dmy";

const ISO_TIME = String.raw`(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?`;
const RE_YMD = new RegExp(String.raw`^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})${ISO_TIME}$`);
const RE_YM = /^(\d{4})[-/](\d{1,2})$/;
const RE_NUMERIC = /^(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})$/;
const RE_D_MON_Y = /^(\d{1,2})(?:st|nd|rd|th)?[ -]([a-z]+)\.?,?[ -](\d{4}|\d{2})$/i;
const RE_MON_D_Y = /^([a-z]+)\.? (\d{1,2})(?:st|nd|rd|th)?,? (\d{4})$/i;
const RE_MON_Y = /^([a-z]+)\.?[ -](\d{4})$/i;

function tidy(text: string): string {
  return text.trim().replace(/\s+/g, " ");
}

/**
 * Evidence a text date gives about day/month order: "dmy" when only day-first reading is valid
 * (13/03/2024), "mdy" when only month-first is (03/13/2024), "either" when both are (01/03/2024),
 * null when the text is not a slash/dash numeric date (dotted dates are always day first).
 */
export function numericDateOrder(text: string): DayMonthOrder | "either" | null {
  const m = RE_NUMERIC.exec(tidy(text));
  if (!m || m[2] === ".") return null;
  const [a, b] = [Number(m[1]), Number(m[3])];
  if (a > 12 && b <= 12) return "dmy";
  if (b > 12 && a <= 12) return "mdy";
  if (a <= 12 && b <= 12) return "either";
  return null;
}

/** The two leading numbers of a numeric date ("01/03/2024" → [1, 3]), or null. */
export function numericDateParts(text: string): [number, number] | null {
  const m = RE_NUMERIC.exec(tidy(text));
  return m && m[2] !== "." ? [Number(m[1]), Number(m[3])] : null;
}

/**
 * Text → Excel serial, or null when the text is not a date in an accepted format:
 * 2024-03-01 (optionally with a time), 2024/03/01, 2024-03, 2024/03, 3/1/2024 or 01/03/2024
 * (order per `order`), 01.03.2024 (always day first), 1 Mar 2024, 1-Mar-2024, 1 March 2024,
 * Mar 1, 2024, March 1 2024, Mar 2024, March 2024. Month-only dates mean the 1st of the month.
 */
export function parseDateText(text: string, order: DayMonthOrder = "mdy"): number | null {
  const s = tidy(text);
  let m = RE_YMD.exec(s);
  if (m) return serialFromDate(Number(m[1]), Number(m[3]), Number(m[4]));
  m = RE_YM.exec(s);
  if (m) return serialFromDate(Number(m[1]), Number(m[2]), 1);
  m = RE_NUMERIC.exec(s);
  if (m) {
    const [a, b, year] = [Number(m[1]), Number(m[3]), fullYear(m[4])];
    const dayFirst = m[2] === "." || order === "dmy";
    return dayFirst ? serialFromDate(year, b, a) : serialFromDate(year, a, b);
  }
  m = RE_D_MON_Y.exec(s);
  if (m) {
    const month = monthNumber(m[2]);
    return month === null ? null : serialFromDate(fullYear(m[3]), month, Number(m[1]));
  }
  m = RE_MON_D_Y.exec(s);
  if (m) {
    const month = monthNumber(m[1]);
    return month === null ? null : serialFromDate(Number(m[3]), month, Number(m[2]));
  }
  m = RE_MON_Y.exec(s);
  if (m) {
    const month = monthNumber(m[1]);
    return month === null ? null : serialFromDate(Number(m[2]), month, 1);
  }
  return null;
}
