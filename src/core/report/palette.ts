/**
 * Colours of the output sheets: 6-digit RGB hex (no '#'), as CellStyle expects.
 *
 * The RAG trio is Excel's own "Good / Neutral / Bad" cell style, so the sheets look familiar and
 * print legibly. Every text/fill pair below reaches at least 4.5:1 contrast (WCAG 2.x AA for
 * normal text); test/report/palette.test.ts checks it with `contrastRatio`.
 */

export interface Swatch {
  fill: string;
  font: string;
}

export const GREEN: Swatch = { fill: "C6EFCE", font: "006100" };
export const AMBER: Swatch = { fill: "FFEB9C", font: "9C5700" };
export const RED: Swatch = { fill: "FFC7CE", font: "9C0006" };
/**
 * A requested action that works against the goals: violet, so it never reads as a Red lever
 * (and its word and symbol say so for readers who cannot tell the hues apart).
 */
export const CONFLICT: Swatch = { fill: "E4D7F5", font: "4B2180" };
/** What the goals ask changed with the new goal set: blue-green, distinct from Amber. */
export const CHANGED: Swatch = { fill: "CDEFEA", font: "0B5149" };

/**
 * The symbol that goes with each status word, so colour never carries meaning alone
 * (about 1 man in 12 does not tell red from green). Plain Unicode every spreadsheet font shows.
 */
export const STATUS_SYMBOL = {
  green: "\u2714", // ✔
  amber: "\u25CF", // ●
  red: "\u2716", // ✖
  conflict: "\u26A0", // ⚠
  changed: "\u21C4", // ⇄
  aligned: "\u2714",
  neutral: "\u25CB", // ○
} as const;

export type StatusKind = keyof typeof STATUS_SYMBOL;

/** "✖ Red", "⚠ Conflict": the status word with its symbol. */
export function statusText(kind: StatusKind, word: string): string {
  return `${STATUS_SYMBOL[kind]} ${word}`;
}

/** Text of a non-significant estimate: grey italic on white (or on MUTED_FILL). */
export const MUTED_FONT = "6E6E6E";
/** The very light fill a muted cell may carry (legend swatch of "not significant"). */
export const MUTED_FILL = "F2F2F2";

/** Column header rows: white bold text on dark blue. */
export const HEADER: Swatch = { fill: "1F4E78", font: "FFFFFF" };
/** Group header rows (e.g. "Recruitment KPIs" above the Sensitivity matrix) and section titles. */
export const SECTION: Swatch = { fill: "D9E1F2", font: "1F3864" };
/** Sheet titles (no fill). */
export const TITLE_FONT = "1F3864";
/** Ordinary text (no fill). */
export const TEXT_FONT = "000000";

/**
 * Sensitivity shading, lightest to strongest (buckets of |elasticity|, see sensitivity-sheet.ts).
 * The two strongest steps use darker text (or white) to keep the contrast.
 */
export const HELPS_SCALE: Swatch[] = [
  { fill: "EAF6EC", font: "006100" },
  { fill: "C6EFCE", font: "006100" },
  { fill: "8FD19E", font: "004D00" },
  { fill: "2E7D32", font: "FFFFFF" },
];
export const HURTS_SCALE: Swatch[] = [
  { fill: "FDECEE", font: "9C0006" },
  { fill: "FFC7CE", font: "9C0006" },
  { fill: "F4A7B0", font: "7A0005" },
  { fill: "C62828", font: "FFFFFF" },
];

/** Worksheet tab colours, one per output sheet. */
export const TAB_COLORS = {
  summary: "1F4E78",
  alignment: "548235",
  sensitivity: "7030A0",
  goalShift: "BF8F00",
  actionReview: "C00000",
  plan: "2E75B6",
  history: "7F7F7F",
} as const;

/** Colour of the goal-leverage bars. */
export const CHART_BAR = "2F5597";

/** WCAG 2.x relative luminance of an RGB hex colour. */
export function relativeLuminance(hex: string): number {
  const channel = (offset: number) => {
    const v = parseInt(hex.slice(offset, offset + 2), 16) / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(0) + 0.7152 * channel(2) + 0.0722 * channel(4);
}

/** WCAG 2.x contrast ratio of two colours, 1 (none) to 21 (black on white). */
export function contrastRatio(a: string, b: string): number {
  const la = relativeLuminance(a);
  const lb = relativeLuminance(b);
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

/** Every text/fill pair the report uses, for the contrast test. */
export function paletteTextPairs(): { name: string; font: string; fill: string }[] {
  const pairs = [
    { name: "green", ...GREEN },
    { name: "amber", ...AMBER },
    { name: "red", ...RED },
    { name: "conflict", ...CONFLICT },
    { name: "changed", ...CHANGED },
    { name: "header", ...HEADER },
    { name: "section", ...SECTION },
    { name: "muted on white", font: MUTED_FONT, fill: "FFFFFF" },
    { name: "muted on muted fill", font: MUTED_FONT, fill: MUTED_FILL },
    { name: "title", font: TITLE_FONT, fill: "FFFFFF" },
    ...HELPS_SCALE.map((s, i) => ({ name: `helps ${i + 1}`, ...s })),
    ...HURTS_SCALE.map((s, i) => ({ name: `hurts ${i + 1}`, ...s })),
  ];
  return pairs;
}
