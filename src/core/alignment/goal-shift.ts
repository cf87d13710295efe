/**
 * Goal shift: for each lever, the leverage and recommended direction under the previous goal set
 * and under the current one (both with today's estimates, bounds applied). `changed` flags a lever
 * whose recommendation differs, e.g. "increase" → "decrease" or "increase" → "hold"; with no
 * previous goal set nothing is flagged.
 */
import type { GoalShiftRow, Leverage } from "./types";

export function goalShiftRows(leverage: readonly Leverage[]): GoalShiftRow[] {
  return leverage.map((l) => ({
    lever: l.lever,
    previousLeverage: l.previous,
    currentLeverage: l.current,
    previousDirection: l.directionPrevious,
    currentDirection: l.directionCurrent,
    changed: l.directionPrevious !== null && l.directionPrevious !== l.directionCurrent,
  }));
}

/** Levers whose direction reversed outright (increase ↔ decrease): the strongest kind of shift. */
export function reversed(rows: readonly GoalShiftRow[]): GoalShiftRow[] {
  return rows.filter(
    (r) =>
      (r.previousDirection === "increase" && r.currentDirection === "decrease") ||
      (r.previousDirection === "decrease" && r.currentDirection === "increase"),
  );
}
