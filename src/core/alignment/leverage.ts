/**
 * Goal leverage: how strongly, and which way, moving a lever serves the client's weighted goals.
 *
 *   leverage(L, G) = Σ_g c_g · e(L, m_g),   c_g = w_g · s_g / Σ_g w_g,   s_g = +1 Increase, −1 Decrease
 *
 * e(L, m) is the DIRECT elasticity of goal metric m on lever L (the metric's own regression on all
 * levers, in the form chosen for it: docs/method.md §2a), for recruitment KPIs and business outcomes
 * alike: it measures the total association, including paths that do not run through the measured KPIs.
 * The chained estimate (chain.ts) is shown to explain it, never used here. Every estimate counts,
 * significant or not, and the leverage carries a standard error and a 95% interval propagated from all
 * of them (leverage-uncertainty.ts).
 *
 * Recommendation (docs/method.md §5): increase when leverage ≥ threshold AND the interval lies above 0;
 * decrease when leverage ≤ −threshold AND the interval lies below 0; otherwise hold, with the reason
 * ("effect unclear" when the interval includes 0). A lever at/above its Max is not recommended up and
 * at/below its Min not down (hold, with a bound note).
 * Effects: a +10% lever move changes goal metric m by about 0.1 · e(L, m) relative (first order).
 */
import type { Goal } from "../model/types";
import type { GoalEffect, Leverage, Recommendation } from "./types";
import { twoSidedCriticalValue } from "../stats/tdist";
import { finiteOrNull, signed } from "./numeric";

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
  // The same c_g = w_g · s_g / Σ w as the sheets (goalCoefficients); a direction of 0 counts as 0.
  const unsigned = goalCoefficients(
    weights.map((w) => ({ weight: finiteOrNull(w) ?? 0, direction: "Increase" })),
  );
  const coef = unsigned.map((c, g) => c * Math.sign(directions[g] ?? 0));
  return sensitivities.map((row) => {
    if (row.length !== weights.length) {
      throw new RangeError(
        `A lever row has ${row.length} elasticities but there are ${weights.length} goals.`,
      );
    }
    let sum = 0;
    row.forEach((e, g) => {
      sum += coef[g] * (finiteOrNull(e) ?? 0);
    });
    return finiteOrNull(sum) ?? 0;
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

/** Where leverage gets its estimates: the elasticities, and the standard error of a weighted sum of them. */
export interface EstimateSource {
  effect(lever: string, metric: string): EffectEstimate;
  /**
   * Standard error of Σ_m coefficient_m · e(lever, m) and the degrees of freedom of its t quantile;
   * null when it cannot be estimated.
   */
  uncertainty(
    lever: string,
    coefficients: ReadonlyMap<string, number>,
  ): { stdError: number; df: number } | null;
}

/**
 * c_g = w_g · s_g / Σ w for each goal (the goal-weighting formula; the plan uses it too). All zero when
 * the weights sum to 0 or less; a non-finite weight counts as 0.
 */
export function goalCoefficients(
  goals: readonly { weight: number; direction: "Increase" | "Decrease" }[],
): number[] {
  const weightOf = (w: number) => (Number.isFinite(w) ? w : 0);
  const total = goals.reduce((s, g) => s + weightOf(g.weight), 0);
  if (!(total > 0)) return goals.map(() => 0);
  return goals.map((g) => (weightOf(g.weight) * (g.direction === "Decrease" ? -1 : 1)) / total);
}

/** One lever's leverage under one goal set, with its uncertainty. */
export interface LeverageEstimate {
  leverage: number;
  stdError: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  /** At least one goal metric with a nonzero weight has an estimate for the lever. */
  estimated: boolean;
  /** The interval excludes 0. */
  clear: boolean;
}

const CONFIDENCE = 0.95;

/** Leverage of one lever under one goal set: every estimate counts; interval from the source. */
export function leverageUnder(
  lever: string,
  goals: readonly Goal[],
  source: EstimateSource,
): LeverageEstimate {
  const coef = goalCoefficients(goals);
  const byMetric = new Map<string, number>();
  let leverage = 0;
  let estimated = false;
  goals.forEach((g, i) => {
    const e = source.effect(lever, g.metric).elasticity;
    if (e === null || !Number.isFinite(e) || coef[i] === 0) return;
    estimated = true;
    leverage += coef[i] * e;
    byMetric.set(g.metric, (byMetric.get(g.metric) ?? 0) + coef[i]);
  });
  const u = estimated ? source.uncertainty(lever, byMetric) : null;
  const t = u ? twoSidedCriticalValue(CONFIDENCE, u.df) : null;
  const half = u && t !== null ? t * u.stdError : null;
  const ciLow = half !== null ? finiteOrNull(leverage - half) : null;
  const ciHigh = half !== null ? finiteOrNull(leverage + half) : null;
  return {
    leverage: finiteOrNull(leverage) ?? 0,
    stdError: u ? finiteOrNull(u.stdError) : null,
    ciLow,
    ciHigh,
    estimated,
    clear: ciLow !== null && ciHigh !== null && (ciLow > 0 || ciHigh < 0),
  };
}

/** The recommendation and, for a hold, why (threshold, evidence, bounds). */
export function decide(
  estimate: LeverageEstimate,
  lever: LeverState,
  threshold: number,
): { direction: Recommendation; holdReason: string | null; boundNote: string | null } {
  const wanted = recommend(estimate.leverage, threshold);
  if (!estimate.estimated) {
    return {
      direction: "hold",
      holdReason: "no estimate of its effect on the goal metrics",
      boundNote: null,
    };
  }
  if (wanted === "hold") {
    return {
      direction: "hold",
      holdReason: `effect too small (|leverage| ${Math.abs(estimate.leverage).toFixed(3)} below the threshold ${threshold})`,
      boundNote: null,
    };
  }
  if (!estimate.clear) {
    const interval =
      estimate.ciLow !== null && estimate.ciHigh !== null
        ? ` (95% interval ${signed(estimate.ciLow, 3)} to ${signed(estimate.ciHigh, 3)} includes 0)`
        : " (its uncertainty could not be estimated)";
    return { direction: "hold", holdReason: `effect unclear${interval}`, boundNote: null };
  }
  const bounded = applyBounds(wanted, lever.value, lever.min, lever.max);
  return { direction: bounded.direction, holdReason: bounded.note, boundNote: bounded.note };
}

/**
 * Leverage rows for every lever under the current goals and (when there is one) the previous goals.
 * The previous goals are evaluated with today's estimates, so any difference comes from the goals alone.
 */
export function leverageRows(
  levers: readonly LeverState[],
  current: readonly Goal[] | null,
  previous: readonly Goal[] | null,
  source: EstimateSource,
  threshold: number,
): Leverage[] {
  return levers.map((lever) => {
    const now = current ? leverageUnder(lever.name, current, source) : null;
    const decision = now
      ? decide(now, lever, threshold)
      : { direction: "hold" as const, holdReason: "no goals in force", boundNote: null };
    const before = previous ? leverageUnder(lever.name, previous, source) : null;
    const effects: GoalEffect[] = (current ?? []).map((g) => {
      const e = source.effect(lever.name, g.metric);
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
      current: now ? now.leverage : 0,
      stdError: now?.stdError ?? null,
      ciLow: now?.ciLow ?? null,
      ciHigh: now?.ciHigh ?? null,
      holdReason: decision.direction === "hold" ? decision.holdReason : null,
      previous: before ? before.leverage : null,
      directionCurrent: decision.direction,
      directionPrevious: before ? decide(before, lever, threshold).direction : null,
      boundNote: decision.boundNote,
      supported: now?.clear ?? false,
      effects,
    };
  });
}
