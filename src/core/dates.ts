/**
 * ISO-date helpers for the faces (CLI options, JSON, report) on top of the one serial-date
 * implementation in model/dates.ts (which also handles Excel's fake 1900-02-29).
 */
import { formatSerial, serialFromDate } from "./model/dates";

/** Whole-day serial → "YYYY-MM-DD". */
export const serialToIso = formatSerial;

/** Calendar date → serial; null for an impossible date (e.g. 2024-02-30). */
export const isoPartsToSerial = serialFromDate;

/** "YYYY-MM-DD" → serial; null when the text is not such a date. */
export function isoToSerial(text: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  if (!match) return null;
  return serialFromDate(Number(match[1]), Number(match[2]), Number(match[3]));
}
