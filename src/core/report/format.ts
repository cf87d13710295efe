/**
 * Number formats of the output sheets and the few text renderings the report needs
 * (dates inside sentences, signed percentages). Dates stay Excel serial numbers in cells and get
 * the DATE format; only sentences spell them out.
 */
import { serialFromDate, isoToSerial, serialToIso } from "../dates";

export const FORMAT = {
  /** Excel serial dates, spelled out so no reader mistakes day and month ("29 Nov 2026"). */
  date: "d mmm yyyy",
  /** Date and time of day (the run time, in the runner's local time; its zone is written beside it). */
  dateTime: "d mmm yyyy hh:mm",
  /** Relative changes, shares, movements. */
  percent: "0.0%",
  /** Elasticities (% change of the metric per 1% change of the lever). */
  elasticity: "0.00",
  pValue: "0.000",
  r2: "0.00",
  /** Goal leverage: a weighted sum of elasticities. */
  leverage: "0.000",
  /** Alignment score = movement × goal leverage: small numbers. */
  score: "0.0000",
  /** Goal weights. */
  weight: "0.00",
  count: "0",
  general: "General",
} as const;

/** A finite number or null (NaN and ±Infinity never reach a sheet). */
export function finiteOrNull(x: number | null | undefined): number | null {
  return typeof x === "number" && Number.isFinite(x) ? x : null;
}

/** Excel serial date → "yyyy-mm-dd" (time of day ignored); "" when not a usable date. */
export function serialToIsoDate(serial: number | null | undefined): string {
  const s = finiteOrNull(serial);
  if (s === null || s < 1 || s >= 2_958_466) return "";
  return serialToIso(s);
}

/** "yyyy-mm-dd" (optionally followed by a time, as in a run stamp) → Excel serial day; null otherwise. */
export function isoDateToSerial(text: string): number | null {
  const m = /^\s*(\d{4}-\d{2}-\d{2})(?:[T ][0-9:.]*(?:Z|[+-]\d{2}:?\d{2})?)?\s*$/.exec(text);
  return m ? isoToSerial(m[1]) : null;
}

/** Excel serial day of a calendar date (month 1-12); throws on an impossible date. */
export function dateToSerial(year: number, month: number, day: number): number {
  const serial = serialFromDate(year, month, day);
  if (serial === null) throw new Error(`Not a date: ${year}-${month}-${day}`);
  return serial;
}

/** 0.0321 → "+3.2%"; null → "n/a". */
export function signedPercent(x: number | null | undefined, digits = 1): string {
  const v = finiteOrNull(x);
  if (v === null) return "n/a";
  const text = (Math.abs(v) * 100).toFixed(digits);
  if (Number(text) === 0) return `${(0).toFixed(digits)}%`;
  return `${v < 0 ? "-" : "+"}${text}%`;
}

/** A number for a sentence: up to `digits` decimals, no trailing zeros; null → "n/a". */
export function plainNumber(x: number | null | undefined, digits = 2): string {
  const v = finiteOrNull(x);
  if (v === null) return "n/a";
  return String(Number(v.toFixed(digits)));
}

/** "increase" → "Increase". */
export function capitalize(text: string): string {
  return text.length === 0 ? text : text[0].toUpperCase() + text.slice(1);
}

/** Number format for a lever's own values: shares ("%" in the unit) as percentages. */
export function leverValueFormat(unit: string | null | undefined): string {
  return unit && unit.includes("%") ? FORMAT.percent : FORMAT.general;
}

/**
 * The unit as it reads beside a value already shown in that unit: a share's value carries the
 * percent sign itself ("34.5%"), so its unit "% of hires" reads "of hires" (never "34.5% % of hires").
 */
export function unitBesideValue(unit: string | null | undefined): string {
  if (!unit) return "";
  if (leverValueFormat(unit) !== FORMAT.percent) return unit;
  return unit
    .replace(/\(\s*%\s*\)/g, "")
    .replace(/%/g, "")
    .replace(/\s+/g, " ")
    .trim();
}

/**
 * Number format of a lever's change in its own unit: a share's change is in percentage points
 * (the value is written × 100 with "pp"; see changeInUnit), any other lever's in its unit, signed.
 */
export const CHANGE_FORMAT = { points: '+0.0" pp";-0.0" pp";0" pp"', unit: "+0.####;-0.####;0" } as const;

/** A lever's change as written in a cell, with its number format (percentage points for shares). */
export function changeInUnit(
  change: number | null,
  unit: string | null | undefined,
): { value: number | null; numberFormat: string } {
  const v = finiteOrNull(change);
  return leverValueFormat(unit) === FORMAT.percent
    ? { value: v === null ? null : v * 100, numberFormat: CHANGE_FORMAT.points }
    : { value: v, numberFormat: CHANGE_FORMAT.unit };
}

/** A lever value for a sentence: shares ("%" in the unit) as percentages, others as numbers. */
export function leverValueText(x: number | null | undefined, unit: string | null | undefined): string {
  const v = finiteOrNull(x);
  if (v === null) return "n/a";
  return leverValueFormat(unit) === FORMAT.percent ? `${Number((v * 100).toFixed(1))}%` : plainNumber(v, 4);
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** Excel serial day → "29 Nov 2026" (FORMAT.date's text); "" when not a usable date. */
export function readableDate(serial: number | null | undefined): string {
  const iso = serialToIsoDate(serial);
  if (iso === "") return "";
  const [y, m, d] = iso.split("-").map(Number);
  return `${d} ${MONTHS[m - 1]} ${y}`;
}

export interface RunStampParts {
  /** Excel serial date-time of the run in the time zone the stamp was written in. */
  serial: number;
  /** "UTC", "UTC+01:00", "UTC−05:00". */
  zone: string;
  /** "29 Nov 2026 07:51 UTC+01:00". */
  text: string;
}

/**
 * An ISO 8601 run stamp ("2026-11-29T07:51:15.651+01:00", or "…Z" for UTC) → the local date-time
 * it names as an Excel serial and its zone; null when the stamp is not such a timestamp.
 */
export function runStampParts(stamp: string): RunStampParts | null {
  const m =
    /^\s*(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?\s*$/.exec(
      stamp,
    );
  if (!m) return null;
  const day = isoToSerial(m[1]);
  const hh = Number(m[2]);
  const mm = Number(m[3]);
  const ss = Number(m[4] ?? 0);
  if (day === null || hh > 23 || mm > 59 || ss > 59) return null;
  const serial = day + (hh * 3600 + mm * 60 + ss) / 86400;
  let zone = "";
  if (m[5] === "Z") zone = "UTC";
  else if (m[5]) {
    const z = m[5].replace(":", "");
    zone =
      z.slice(1) === "0000" ? "UTC" : `UTC${z[0] === "-" ? "\u2212" : "+"}${z.slice(1, 3)}:${z.slice(3, 5)}`;
  }
  const text = `${readableDate(day)} ${m[2]}:${m[3]}${zone ? ` ${zone}` : ""}`;
  return { serial, zone, text };
}

/**
 * A run stamp in the runner's local time with its offset ("2026-11-29T07:51:15+01:00"), from an
 * instant (ms since 1970) and the local offset east of UTC in minutes (−Date#getTimezoneOffset()).
 * Pure: the face reads the clock and the zone.
 */
export function localRunStamp(epochMs: number, offsetEastMinutes: number): string {
  const local = new Date(epochMs + offsetEastMinutes * 60_000).toISOString().slice(0, 19);
  const sign = offsetEastMinutes < 0 ? "-" : "+";
  const abs = Math.abs(offsetEastMinutes);
  const hh = String(Math.floor(abs / 60)).padStart(2, "0");
  const mm = String(abs % 60).padStart(2, "0");
  return `${local}${sign}${hh}:${mm}`;
}
