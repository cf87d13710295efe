/**
 * Goal leverage: how strongly, and which way, moving a lever serves the client's weighted goals.
 *
 *   leverage(L, G) = Σ_g w_g · s_g · e(L, m_g) / Σ_g w_g,   s_g = +1 for Increase, −1 for Decrease
 *
 * e(L, m) is the DIRECT elasticity of goal metric m on lever L (the metric's own regression on all
 * levers), for recruitment KPIs and business outcomes alike: it measures the total association,
 * including paths that do not run through the measured KPIs. The chained estimate (chain.ts) is shown
 * to explain it, never used here. Only effects significant at the chosen level count; a
 * non-significant or unknown effect contributes 0, so a lever with no significant effect on any
 * goal metric has leverage 0 ("not supported": hold, amber).
 *
 * Recommendation: increase if leverage ≥ threshold, decrease if ≤ −threshold, else hold; a lever
 * at/above its Max is not recommended up and at/below its Min not down (hold, with a bound note).
 * Effects: a +10% lever move changes goal metric m by about 0.1 · e(L, m) relative (first order).
 */
import type { Goal } from "../model/types";
import type { GoalEffect, Leverage, Recommendation } from "./types";
import { finiteOrNull } from "./numeric";

/**
 * Goal leverage of each lever, pure (for =RPO.LEVERAGE). The caller decides which effects count:
 * pass 0 for an effect that should not (e.g. non-significant).
 * @param sensitivities levers × goal metrics elasticities (null/blank counts as 0)
 * @param directions +1 (Increase) or −1 (Decrease) per goal metric
 * @param weights weight per goal metric, each ≥ 0 (null/non-finite counts as 0)
 * @returns leverage per lever; 0 for every lever when the weights sum to 0
 * @throws RangeError when the lengths do not match, or a weight is negative (as the Goals sheet)
 */
export function goalLeverage(
  sensitivities: readonly (readonly (number | null | undefined)[])[],
  directions: readonly number[],
  weights: readonly number[],
): number[] {
  if (directions.length !== weights.length) {
    throw new RangeError(
      `${directions.length} directions but ${weights.length} weights; give one of each per goal.`,
    );
  }
  const negative = weights.findIndex((w) => (finiteOrNull(w) ?? 0) < 0);
  if (negative >= 0) {
    // A negative weight would silently turn a goal round (and mixed signs can cancel the total).
    throw new RangeError(
      `weight ${negative + 1} is ${weights[negative]}; goal weights must be 0 or more (the Goals sheet takes weights above 0).`,
    );
  }
  const total = weights.reduce((s, w) => s + (finiteOrNull(w) ?? 0), 0);
  return sensitivities.map((row) => {
    if (row.length !== weights.length) {
      throw new RangeError(
        `A lever row has ${row.length} elasticities but there are ${weights.length} goals.`,
      );
    }
    if (total === 0) return 0;
    let sum = 0;
    row.forEach((e, g) => {
      const w = finiteOrNull(weights[g]) ?? 0;
      const s = Math.sign(directions[g] ?? 0);
      sum += w * s * (finiteOrNull(e) ?? 0);
    });
    return finiteOrNull(sum / total) ?? 0;
  });
}

/** increase / decrease / hold from a leverage and the threshold. */
export function recommend(leverage: number, threshold: number): Recommendation {
  const t = Math.abs(threshold);
  if (leverage >= t && leverage > 0) return "increase";
  if (leverage <= -t && leverage < 0) return "decrease";
  return "hold";
}

/** Holds a lever that cannot move the recommended way because of its Min/Max. */
export function applyBounds(
  direction: Recommendation,
  value: number | null,
  min: number | null,
  max: number | null,
): { direction: Recommendation; note: string | null } {
  if (value !== null && direction === "increase" && max !== null && value >= max) {
    return { direction: "hold", note: "at its maximum" };
  }
  if (value !== null && direction === "decrease" && min !== null && value <= min) {
    return { direction: "hold", note: "at its minimum" };
  }
  return { direction, note: null };
}

/** An elasticity estimate with its significance, as looked up for (lever, metric). */
export interface EffectEstimate {
  elasticity: number | null;
  significant: boolean;
}

export interface LeverState {
  name: string;
  /** Value the bounds are checked against (see analyze.ts). */
  value: number | null;
  min: number | null;
  max: number | null;
}

function direction(goal: Goal): 1 | -1 {
  return goal.direction === "Decrease" ? -1 : 1;
}

/** Leverage of one lever under one goal set, counting significant effects only. */
export function leverageUnder(
  lever: string,
  goals: readonly Goal[],
  effect: (lever: string, metric: string) => EffectEstimate,
): { leverage: number; supported: boolean } {
  const row = goals.map((g) => {
    const e = effect(lever, g.metric);
    return e.significant ? e.elasticity : null;
  });
  const [value] = goalLeverage(
    [row],
    goals.map(direction),
    goals.map((g) => g.weight),
  );
  const supported = goals.some((g, i) => row[i] !== null && row[i] !== 0 && g.weight !== 0);
  return { leverage: value, supported };
}

/**
 * Leverage rows for every lever under the current goals and (when there is one) the previous goals.
 * The previous goals are evaluated with today's estimates, so any difference comes from the goals alone.
 */
export function leverageRows(
  levers: readonly LeverState[],
  current: readonly Goal[] | null,
  previous: readonly Goal[] | null,
  effect: (lever: string, metric: string) => EffectEstimate,
  threshold: number,
): Leverage[] {
  return levers.map((lever) => {
    const now = current ? leverageUnder(lever.name, current, effect) : { leverage: 0, supported: false };
    const bounded = applyBounds(recommend(now.leverage, threshold), lever.value, lever.min, lever.max);
    const before = previous ? leverageUnder(lever.name, previous, effect) : null;
    const boundedBefore = before
      ? applyBounds(recommend(before.leverage, threshold), lever.value, lever.min, lever.max).direction
      : null;
    const effects: GoalEffect[] = (current ?? []).map((g) => {
      const e = effect(lever.name, g.metric);
      return {
        metric: g.metric,
        direction: g.direction,
        weight: g.weight,
        changeFor10Pct: e.elasticity === null ? null : finiteOrNull(0.1 * e.elasticity),
        significant: e.significant,
      };
    });
    return {
      lever: lever.name,
      current: now.leverage,
      previous: before ? before.leverage : null,
      directionCurrent: bounded.direction,
      directionPrevious: boundedBefore,
      boundNote: bounded.note,
      supported: now.supported,
      effects,
    };
  });
}
