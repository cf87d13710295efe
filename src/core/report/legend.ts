/**
 * The colour key every output sheet carries, so a printed or e-mailed sheet explains itself:
 * a "Colour key" title, one swatch cell per colour (the colour applied to a short label) with
 * its meaning beside it, then optional "How to read" lines.
 */
import type { AnalysisSettings } from "../alignment/settings";
import type { CellStyle } from "./spec";
import { MUTED_STYLE, NOTE_CHARS, SECTION_STYLE, SheetBuilder, splitLine } from "./grid";
import {
  AMBER,
  CHANGED,
  CONFLICT,
  GREEN,
  HELPS_SCALE,
  HURTS_SCALE,
  RED,
  statusText,
  type Swatch,
} from "./palette";

export interface LegendEntry {
  /** Text shown in the swatch cell. */
  label: string;
  style: CellStyle;
  meaning: string;
}

export function swatchStyle(s: Swatch, bold = false): CellStyle {
  return { fill: s.fill, fontColor: s.font, ...(bold ? { bold: true } : {}) };
}

function percentText(x: number): string {
  return `${Number((x * 100).toFixed(2))}%`;
}

/** Green / Amber / Red of a lever's alignment score. */
export function ragLegend(settings: AnalysisSettings): LegendEntry[] {
  return [
    {
      label: statusText("green", "Green"),
      style: swatchStyle(GREEN),
      meaning: "Moving the way the current goals need (alignment score above the threshold).",
    },
    {
      label: statusText("amber", "Amber"),
      style: swatchStyle(AMBER),
      meaning: `Not moving, or the move barely matters for the goals (|score| below ${settings.ragThreshold}).`,
    },
    {
      label: statusText("red", "Red"),
      style: swatchStyle(RED),
      meaning: "Moving against the current goals (alignment score below minus the threshold).",
    },
  ];
}

/** Predicted or measured changes of goal metrics. */
export function effectLegend(settings: AnalysisSettings, measured = false): LegendEntry[] {
  const what = measured ? "The metric changed" : "The change";
  return [
    { label: "+2.0%", style: swatchStyle(GREEN), meaning: `${what} the way its goal wants.` },
    { label: "-1.5%", style: swatchStyle(RED), meaning: `${what} against its goal.` },
    {
      label: "0.4%",
      style: { ...MUTED_STYLE },
      meaning: measured
        ? "Grey italic: no goal for this metric, or no data to judge the change."
        : `Grey italic: not statistically significant at the ${percentText(settings.significanceLevel)} level; treat as "no clear effect".`,
    },
  ];
}

/** The shading of the Sensitivity matrix, for the given |elasticity| bucket bounds. */
export function sensitivityLegend(settings: AnalysisSettings, bounds: number[]): LegendEntry[] {
  const ranges = [
    `below ${bounds[0]}`,
    `${bounds[0]} to ${bounds[1]}`,
    `${bounds[1]} to ${bounds[2]}`,
    `${bounds[2]} or more`,
  ];
  const names = ["Slight", "Moderate", "Strong", "Very strong"];
  const helps = HELPS_SCALE.map((s, i) => ({
    label: `${names[i]} help`,
    style: swatchStyle(s),
    meaning: `Raising the lever moves the metric the better way; |elasticity| ${ranges[i]}.`,
  }));
  const hurts = HURTS_SCALE.map((s, i) => ({
    label: `${names[i]} harm`,
    style: swatchStyle(s),
    meaning: `Raising the lever moves the metric the worse way; |elasticity| ${ranges[i]}.`,
  }));
  return [
    ...helps,
    ...hurts,
    {
      label: "Not significant",
      style: { ...MUTED_STYLE },
      meaning: `Grey italic, no fill: not statistically significant at the ${percentText(settings.significanceLevel)} level.`,
    },
    {
      label: "n/a",
      style: { ...MUTED_STYLE },
      meaning: "No estimate (too little data, or the lever did not vary).",
    },
  ];
}

export const VERDICT_LEGEND: LegendEntry[] = [
  {
    label: statusText("aligned", "Aligned"),
    style: swatchStyle(GREEN, true),
    meaning: "The requested move goes the way the current goals need.",
  },
  {
    label: statusText("conflict", "Conflict"),
    style: swatchStyle(CONFLICT, true),
    meaning: "The requested move works against the current goals.",
  },
  {
    label: statusText("neutral", "Neutral"),
    style: swatchStyle(AMBER, true),
    meaning: "The lever hardly matters for the current goals, or the request does not move it.",
  },
];

export const CHANGED_LEGEND: LegendEntry = {
  label: statusText("changed", "Changed"),
  style: swatchStyle(CHANGED, true),
  meaning: "What the goals ask of this lever (or this goal itself) changed with the new goal set.",
};

/** Writes the key at (row, col); returns the next free row. */
export function writeLegend(
  b: SheetBuilder,
  row: number,
  col: number,
  entries: LegendEntry[],
  notes: string[] = [],
): number {
  b.put(row, col, "Colour key", SECTION_STYLE, false);
  b.style(row, col, row, col + 1, SECTION_STYLE);
  let r = row + 1;
  for (const e of entries) {
    b.put(r, col, e.label, { ...e.style, horizontal: "center", border: true });
    for (const part of splitLine(e.meaning, NOTE_CHARS - 20)) b.put(r++, col + 1, part, undefined, false);
  }
  if (notes.length > 0) {
    b.put(r, col, "How to read", { bold: true }, false);
    r++;
    for (const n of notes) for (const part of splitLine(n)) b.put(r++, col, part, undefined, false);
  }
  return r;
}
