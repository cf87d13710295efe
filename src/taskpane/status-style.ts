/**
 * The task pane's status colours: the report's own palette (src/core/report/palette.ts), so a
 * lever that is "✖ Red" on the sheets is the same red, word and symbol in the pane. One home for
 * the status colours; every pair passes WCAG AA (test/report/palette-format.test.ts).
 */
import type { CSSProperties } from "react";
import {
  AMBER,
  CHANGED,
  CONFLICT,
  GREEN,
  RED,
  STATUS_SYMBOL,
  type StatusKind,
  type Swatch,
} from "../core/report/palette";

const SWATCH: Record<StatusKind, Swatch> = {
  green: GREEN,
  amber: AMBER,
  red: RED,
  conflict: CONFLICT,
  changed: CHANGED,
  aligned: GREEN,
  neutral: AMBER,
};

/** Fill, text and border of a status badge, exactly as the sheets' cells. */
export function statusBadgeStyle(kind: StatusKind): CSSProperties {
  const s = SWATCH[kind];
  return { backgroundColor: `#${s.fill}`, color: `#${s.font}`, borderColor: `#${s.font}` };
}

/** The status symbol the sheets put before the word ("✖" of "✖ Red"). */
export function statusSymbol(kind: StatusKind): string {
  return STATUS_SYMBOL[kind];
}
