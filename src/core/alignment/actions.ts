/**
 * Action review: does each requested lever change (Actions sheet) go the way the current goals call for,
 * and what did the goal metrics do afterwards?
 *
 * Move: sign(newValue − value at the action date), where the value at the date is the lever's last
 * observation at or before the date, else its Current value; "hold" when either is unknown or equal.
 * Verdict: aligned when the move equals the current recommendation, conflict when it is the opposite,
 * neutral when the recommendation is hold or there is no move. A recommendation exists only when the
 * lever's goal leverage is above the threshold AND its 95% interval excludes 0 (leverage.ts), so a
 * request is never called a conflict on an effect the data cannot tell from noise.
 *
 * Measured: periods at or before the action date are "before", later periods "after" (the observation
 * at the date still shows the old value). For each current goal metric with lag L, the mean of the
 * metric over the W periods before (lever periods i0−W … i0−1, metric read L periods later) is compared
 * with the mean over the W periods after (lever periods i0 … i0+W−1, metric L periods later), using
 * only periods up to the as-of date and whatever values exist in each window.
 * change = (after − before) / |before|; towardsGoal = change > 0 for Increase, < 0 for Decrease.
 * measured is null when no period after the action date exists up to the as-of date, or none before it
 * (an action dated before the history). Actions dated after the as-of date are not reviewed (analyze.ts).
 */
import type { Action, Goal, Lever, Observations } from "../model/types";
import type { ActionReview, Leverage, MeasuredChange, Recommendation, Verdict } from "./types";
import { finiteOrNull, isPresent, meanOfRange, signed } from "./numeric";

/**
 * The lever's value at a date: last observation at/before it (and at/before the as-of period
 * `endIndex`: later data is not known at the as-of date), else Current.
 */
export function valueAtDate(
  observations: Observations,
  lever: Lever,
  date: number,
  endIndex: number = observations.periods.length - 1,
): number | null {
  const series = observations.series[lever.name] ?? [];
  for (let i = Math.min(endIndex, observations.periods.length - 1); i >= 0; i--) {
    if (observations.periods[i] > date) continue;
    const v = series[i];
    if (isPresent(v)) return v;
  }
  return finiteOrNull(lever.current);
}

export function moveOf(value: number | null, newValue: number | null): Recommendation {
  if (value === null || newValue === null || !Number.isFinite(newValue)) return "hold";
  if (newValue > value) return "increase";
  if (newValue < value) return "decrease";
  return "hold";
}

export function verdictOf(move: Recommendation, recommendation: Recommendation): Verdict {
  if (move === "hold" || recommendation === "hold") return "neutral";
  return move === recommendation ? "aligned" : "conflict";
}

function reasonOf(
  action: Action,
  move: Recommendation,
  value: number | null,
  leverage: Leverage | undefined,
  previousCalledFor: Recommendation | null,
): string {
  const lever = action.lever;
  if (!leverage) return `${lever} is not a lever in the Levers table, so the request cannot be reviewed.`;
  const rec = leverage.directionCurrent;
  const lev = `leverage ${signed(leverage.current)}`;
  let text: string;
  if (move === "hold") {
    if (action.newValue === null)
      text = `The request for ${lever} gives no new value, so there is no move to review.`;
    else if (value === null)
      text = `${lever} has no value at the action date (no observation and no Current value), so the direction of the move is unknown.`;
    else
      text = `The request keeps ${lever} at its value at the action date (${value}), so there is no move to review.`;
  } else if (rec === "hold") {
    if (leverage.boundNote) {
      text = `Asks to ${move} ${lever}; the current goals call for holding it (it is ${leverage.boundNote}).`;
    } else if (leverage.supported) {
      text = `Asks to ${move} ${lever}; its goal ${lev} is below the threshold, so the goals neither call for nor argue against the move.`;
    } else {
      const why = leverage.holdReason ? ` (${leverage.holdReason})` : "";
      text = `Asks to ${move} ${lever}; the data cannot tell whether that helps or hurts the current goals${why}, so it is not a conflict.`;
    }
  } else if (move === rec) {
    text = `Asks to ${move} ${lever}, as the current goals call for (${lev}).`;
  } else {
    text = `Asks to ${move} ${lever}, but the current goals call for ${rec === "increase" ? "an increase" : "a decrease"} (${lev}).`;
  }
  if (previousCalledFor !== null && previousCalledFor !== rec && move !== "hold") {
    text += ` When it was requested, the goals then in force called for ${previousCalledFor === "hold" ? "holding it" : previousCalledFor === "increase" ? "an increase" : "a decrease"}.`;
  }
  return text;
}

export interface ActionContext {
  observations: Observations;
  levers: readonly Lever[];
  leverage: readonly Leverage[];
  /** Lag of each metric by name. */
  lags: ReadonlyMap<string, number>;
  currentGoals: readonly Goal[] | null;
  /** effectiveFrom of the current goal set; actions before it were made under earlier goals. */
  currentGoalsFrom: number | null;
  /** effectiveFrom of the previous goal set: actions from then until currentGoalsFrom were made under it. */
  previousGoalsFrom: number | null;
  endIndex: number;
  window: number;
}

export function measureAction(date: number, ctx: ActionContext): MeasuredChange[] | null {
  const { periods, series } = ctx.observations;
  let i0 = periods.findIndex((p) => p > date);
  if (i0 < 0) i0 = periods.length;
  // No period after the action up to the as-of date, or none before it: nothing to compare.
  if (i0 > ctx.endIndex || i0 === 0) return null;
  const w = Math.max(1, Math.trunc(ctx.window));
  const seen = new Set<string>();
  const out: MeasuredChange[] = [];
  for (const goal of ctx.currentGoals ?? []) {
    if (seen.has(goal.metric)) continue;
    seen.add(goal.metric);
    const lag = Math.max(0, ctx.lags.get(goal.metric) ?? 0);
    const values = series[goal.metric] ?? [];
    const limit = ctx.endIndex;
    const before = meanOfRange(values, i0 - w + lag, Math.min(i0 - 1 + lag, limit)).mean;
    const after =
      i0 + lag <= limit ? meanOfRange(values, i0 + lag, Math.min(i0 + w - 1 + lag, limit)).mean : null;
    const change =
      before !== null && after !== null && before !== 0
        ? finiteOrNull((after - before) / Math.abs(before))
        : null;
    out.push({
      metric: goal.metric,
      before,
      after,
      change,
      towardsGoal: change === null ? null : goal.direction === "Increase" ? change > 0 : change < 0,
    });
  }
  return out;
}

export function reviewActions(actions: readonly Action[], ctx: ActionContext): ActionReview[] {
  return actions.map((action) => {
    const lever = ctx.levers.find((l) => l.name === action.lever);
    const leverage = ctx.leverage.find((l) => l.lever === action.lever);
    const value = lever ? valueAtDate(ctx.observations, lever, action.date, ctx.endIndex) : null;
    const move = moveOf(value, finiteOrNull(action.newValue));
    const verdict: Verdict = leverage ? verdictOf(move, leverage.directionCurrent) : "neutral";
    // Only the previous goal set's direction is known; older requests get no "then in force" remark.
    const madeUnderPrevious =
      ctx.currentGoalsFrom !== null &&
      ctx.previousGoalsFrom !== null &&
      action.date < ctx.currentGoalsFrom &&
      action.date >= ctx.previousGoalsFrom;
    const previousCalledFor = madeUnderPrevious && leverage ? leverage.directionPrevious : null;
    return {
      date: action.date,
      lever: action.lever,
      newValue: finiteOrNull(action.newValue),
      requestedBy: action.requestedBy,
      rationale: action.rationale,
      move,
      verdict,
      reason: reasonOf(action, move, value, leverage, previousCalledFor),
      measured: measureAction(action.date, ctx),
    };
  });
}
