/**
 * Actions dated after the as-of period (after the last observed period, or after the as-of date):
 * their effect cannot be measured yet. They are still reviewed against the current goals (the
 * verdict needs no history after them) and listed on Action Review as "not yet measurable", with
 * the date from which they will be: the first observed period after the action when the workbook
 * has one (analyse as of that date, or later), else none yet (add the periods after it to
 * Observations). One info message says the same for all of them.
 */
import type { Action, Diagnostic, Observations } from "../model/types";
import type { ActionReview } from "./types";
import { serialToIso } from "../dates";

export interface PendingAction {
  action: Action;
  /** The first observed period after the action (serial), or null when Observations has none yet. */
  measurableFrom: number | null;
}

/** The actions dated after `periods[endIndex]` (all of them when endIndex < 0). */
export function pendingActions(
  actions: readonly Action[],
  observations: Observations,
  endIndex: number,
): PendingAction[] {
  const asOfPeriod = endIndex >= 0 ? observations.periods[endIndex] : -Infinity;
  return actions
    .filter((a) => a.date > asOfPeriod)
    .map((action) => ({
      action,
      measurableFrom: observations.periods.find((p) => p > action.date) ?? null,
    }));
}

/** The one message for the pending actions (null when there are none). */
export function pendingActionsDiagnostic(pending: readonly PendingAction[]): Diagnostic | null {
  if (pending.length === 0) return null;
  const first = pending[0].action;
  const one = pending.length === 1;
  const when = pending
    .map(({ action, measurableFrom }) =>
      measurableFrom !== null
        ? `${action.lever} (${serialToIso(action.date)}): analyse as of ${serialToIso(measurableFrom)} or later`
        : `${action.lever} (${serialToIso(action.date)}): add the periods after ${serialToIso(action.date)} to Observations`,
    )
    .join("; ");
  return {
    severity: "info",
    code: "actions-after-as-of",
    sheet: first.source.sheet,
    cell: first.source.cell,
    message:
      `${pending.length} action${one ? " is" : "s are"} dated after the last period analysed, so ${one ? "its" : "their"} ` +
      `effect is not yet measurable; Action Review lists ${one ? "it" : "them"} as "not yet measurable". To measure: ${when}.`,
  };
}

/** The reviews with `measurableFrom` set on the pending ones (matched by action: same date and lever). */
export function markPending(reviews: ActionReview[], pending: readonly PendingAction[]): ActionReview[] {
  if (pending.length === 0) return reviews;
  const left = [...pending];
  return reviews.map((r) => {
    const k = left.findIndex((p) => p.action.date === r.date && p.action.lever === r.lever);
    if (k < 0) return r;
    const [p] = left.splice(k, 1);
    return { ...r, pending: true, measurableFrom: p.measurableFrom };
  });
}
