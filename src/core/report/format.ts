/**
 * Number formats of the output sheets and the few text renderings the report needs
 * (dates inside sentences, signed percentages). Dates stay Excel serial numbers in cells and get
 * the DATE format; only sentences spell them out.
 */
import { isoPartsToSerial, isoToSerial, serialToIso } from "../dates";

export const FORMAT = {
  /** Excel serial dates. */
  date: "yyyy-mm-dd",
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
  const serial = isoPartsToSerial(year, month, day);
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

/** A lever value for a sentence: shares ("%" in the unit) as percentages, others as numbers. */
export function leverValueText(x: number | null | undefined, unit: string | null | undefined): string {
  const v = finiteOrNull(x);
  if (v === null) return "n/a";
  return leverValueFormat(unit) === FORMAT.percent ? `${Number((v * 100).toFixed(1))}%` : plainNumber(v, 4);
}
