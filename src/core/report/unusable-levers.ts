/**
 * The Summary's first block: levers listed on Levers that the data cannot estimate (their
 * Observations column is empty, or they never move over the periods used). The analysis goes on
 * without them, so the other levers' estimates may absorb their effect (omitted-variable bias):
 * the reader must see that before any verdict. docs/workbook-format.md, "Unusable series".
 */
import type { Diagnostic } from "../model/types";
import { OMITTED_LEVER_NOTE } from "../model/observations";
import type { SheetBuilder } from "./grid";
import { HEADER_STYLE, MUTED_STYLE } from "./grid";
import { swatchStyle } from "./legend";
import { AMBER } from "./palette";

/**
 * Diagnostic codes that mean "a lever the data cannot estimate". Another cause (for example a
 * lever constant after differencing) joins the block by adding its warning's code here.
 */
export const UNESTIMABLE_LEVER_CODES: readonly string[] = ["empty-lever", "constant-lever"];

/** The warnings of levers the data cannot estimate, in the order they were reported. */
export function unestimableLevers(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return diagnostics.filter((d) => d.severity === "warning" && UNESTIMABLE_LEVER_CODES.includes(d.code));
}

/**
 * Writes the block at `row` (nothing when every lever could be estimated); returns the next free
 * row. Columns as the Summary's blocks: title/label | (number) | where | message.
 */
export function writeUnestimableLevers(
  b: SheetBuilder,
  row: number,
  diagnostics: readonly Diagnostic[],
): number {
  const found = unestimableLevers(diagnostics);
  if (found.length === 0) return row;
  b.putRow(row++, 0, ["Levers the data cannot estimate", "", "Where", "Message"], {
    ...HEADER_STYLE,
    wrap: true,
  });
  for (const d of found) {
    b.put(row, 0, "Warning", { bold: true });
    b.put(row, 2, d.sheet ? `${d.sheet}${d.cell ? `!${d.cell}` : ""}` : "", {
      horizontal: "center",
      ...swatchStyle(AMBER, true),
    });
    b.put(row++, 3, d.message, { horizontal: "left" });
  }
  b.put(row++, 3, `Read every verdict below with this in mind: ${OMITTED_LEVER_NOTE}`, {
    ...MUTED_STYLE,
    horizontal: "left",
  });
  return row;
}
