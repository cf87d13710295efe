/**
 * Workbook-level defined names for the headline cells finance partners build on, so that
 * `=RpoAlign_GoalScore` or `=RpoAlign_Lever_Recruiters_Colour` keeps showing the current figure
 * whatever the layout of a later version or run (docs/excel-host.md, "Headline names"):
 *
 *   RpoAlign_NetAligned                 Summary: net share of levers aligned (green − red) / levers
 *   RpoAlign_OverallStatus              Summary: the overall verdict ("Mostly aligned", …)
 *   RpoAlign_GoalScore                  Plan: the plan's predicted goal score (when a plan is written)
 *   RpoAlign_Lever_<lever>_Colour       Alignment: the lever's RAG cell ("● Green", …)
 *   RpoAlign_Lever_<lever>_Leverage     Alignment: the lever's goal leverage
 *
 * `<lever>` is the lever's name reduced to what a defined name may hold (ASCII letters, digits and
 * `_`; accents dropped, every other run of characters one `_`, at most 40 characters). Levers
 * whose names reduce to the same text (e.g. "Agency share" and "Agency-share") each get a tag of
 * 6 characters from their exact name (`Agency_share_1x9k2a`), the same in every run in which both
 * exist. A name no run declares any more (a lever that left the analysis, a run without a plan)
 * is not deleted — a user's formula would turn into #NAME? — but re-pointed at `#N/A` by the
 * hosts (`retiredHeadlineNames`), and pointed at its cell again if the figure comes back.
 */
import type { DefinedNameSpec } from "./spec";

export const HEADLINE_NAME_PREFIX = "RpoAlign_";
export const NET_ALIGNED_NAME = "RpoAlign_NetAligned";
export const OVERALL_STATUS_NAME = "RpoAlign_OverallStatus";
export const GOAL_SCORE_NAME = "RpoAlign_GoalScore";
/** What a retired headline name refers to (a user's formula then shows #N/A). */
export const RETIRED_NAME_FORMULA = "#N/A";

const MAX_PART = 40;

/** A lever name reduced to the characters a defined name may hold ("" when none is left). */
export function namePart(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^A-Za-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .slice(0, MAX_PART)
    .replace(/_+$/, "");
}

/** A short, stable tag of a text (FNV-1a, 32 bits, base 36, 6 characters). */
function tag(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(36).padStart(7, "0").slice(-6);
}

/** Each lever's part of its names, unique within `levers` (see the module comment). */
export function leverNameParts(levers: readonly string[]): Map<string, string> {
  const plain = new Map(levers.map((l) => [l, namePart(l)]));
  const count = new Map<string, number>();
  for (const p of plain.values()) count.set(p.toLowerCase(), (count.get(p.toLowerCase()) ?? 0) + 1);
  return new Map(
    levers.map((l) => {
      const p = plain.get(l)!;
      if (p !== "" && count.get(p.toLowerCase()) === 1) return [l, p];
      return [l, p === "" ? `L${tag(l)}` : `${p}_${tag(l)}`];
    }),
  );
}

/** The names of one lever's row on the Alignment sheet. */
export function leverHeadlineNames(
  levers: readonly string[],
  lever: string,
  row: number,
  cols: { colour: number; leverage: number },
): DefinedNameSpec[] {
  const part = leverNameParts(levers).get(lever) ?? `L${tag(lever)}`;
  return [
    {
      name: `${HEADLINE_NAME_PREFIX}Lever_${part}_Colour`,
      row,
      col: cols.colour,
      comment: `rpo-align: RAG of lever "${lever}" (Alignment sheet)`,
    },
    {
      name: `${HEADLINE_NAME_PREFIX}Lever_${part}_Leverage`,
      row,
      col: cols.leverage,
      comment: `rpo-align: goal leverage of lever "${lever}" (Alignment sheet)`,
    },
  ];
}

/** The Summary's overall line: the net share (value) and the verdict (status). */
export function overallHeadlineNames(
  row: number,
  cols: { value: number; status: number },
): DefinedNameSpec[] {
  return [
    {
      name: NET_ALIGNED_NAME,
      row,
      col: cols.value,
      comment: "rpo-align: net share of levers aligned, (green - red) / levers (Summary sheet)",
    },
    {
      name: OVERALL_STATUS_NAME,
      row,
      col: cols.status,
      comment: "rpo-align: overall alignment (Summary sheet)",
    },
  ];
}

/** The plan's goal score on the Plan sheet. */
export function goalScoreHeadlineName(row: number, col: number): DefinedNameSpec {
  return {
    name: GOAL_SCORE_NAME,
    row,
    col,
    comment: "rpo-align: the plan's predicted goal score (Plan sheet)",
  };
}

/** The sheet a defined name's formula refers to (`'Goal Shift'!$B$3`, `=Summary!$C$9`), or null. */
export function referencedSheet(formula: string): string | null {
  const m = /^=?\s*(?:'((?:[^']|'')+)'|([^'!\s][^!\s]*))!\$?[A-Z]+\$?\d+$/i.exec(formula.trim());
  if (!m) return null;
  return m[1] !== undefined ? m[1].replace(/''/g, "'") : m[2];
}

/**
 * Existing workbook-level names to retire: ours by prefix, not declared by this run, and
 * referring to one of our output sheets (or already retired or broken). A user's own name is
 * left alone even when it starts with the prefix, unless it points into one of our sheets.
 */
export function retiredHeadlineNames(
  existing: readonly { name: string; formula: string }[],
  declared: readonly string[],
  ourSheets: readonly string[],
): string[] {
  const wanted = new Set(declared.map((n) => n.toLowerCase()));
  const ours = new Set(ourSheets.map((s) => s.toLowerCase()));
  return existing
    .filter((n) => n.name.startsWith(HEADLINE_NAME_PREFIX) && !wanted.has(n.name.toLowerCase()))
    .filter((n) => {
      const body = n.formula.trim().replace(/^=/, "");
      if (body === RETIRED_NAME_FORMULA) return false; // already retired: nothing to change
      if (/#REF!/i.test(body)) return true;
      const sheet = referencedSheet(n.formula);
      return sheet !== null && ours.has(sheet.toLowerCase());
    })
    .map((n) => n.name);
}
