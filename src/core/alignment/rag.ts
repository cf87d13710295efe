/**
 * Alignment of a lever's recent movement with the goals:
 *   score = movement × goal leverage
 * i.e. the first-order, goal-weighted relative improvement the recent move predicts (leverage is a
 * weighted elasticity, so movement × leverage ≈ Σ w·s·Δm/m / Σ w).
 * RAG: green if score ≥ threshold, red if score ≤ −threshold, and only when the leverage's 95% interval
 * excludes 0 ("supported"); otherwise amber: a colour is never put on an effect the data cannot tell
 * from noise.
 * Confidence (docs/method.md §6), from the evidence on the leverage itself:
 *   high    the interval excludes 0 by a wide margin: |leverage| ≥ HIGH_CONFIDENCE_Z × its standard error
 *           (a two-sided p below about 0.001);
 *   medium  the 95% interval excludes 0;
 *   low     the interval includes 0, or the leverage or the movement is unknown.
 */
import type { Alignment, Leverage, Rag } from "./types";
import { DEFAULT_SETTINGS } from "./settings";
import { finiteOrNull } from "./numeric";

/**
 * "green", "amber" or "red" for an alignment score (pure; =RPO.RAG).
 * @param score movement × goal leverage
 * @param threshold |score| below this is amber; default the analysis default
 */
export function ragOf(score: number, threshold: number = DEFAULT_SETTINGS.ragThreshold): Rag {
  const t = Math.abs(finiteOrNull(threshold) ?? DEFAULT_SETTINGS.ragThreshold);
  if (!Number.isFinite(score)) return "amber";
  if (score >= t && score > 0) return "green";
  if (score <= -t && score < 0) return "red";
  return "amber";
}

export type Confidence = Alignment["confidence"];

/** |leverage| / standard error at or above this is "high" confidence (two-sided p ≈ 0.001). */
export const HIGH_CONFIDENCE_Z = 3.29;

export function confidenceOf(leverage: Leverage, movement: number | null): Confidence {
  if (!leverage.supported || movement === null || leverage.stdError === null) return "low";
  if (!(leverage.stdError > 0)) return "high";
  return Math.abs(leverage.current) / leverage.stdError >= HIGH_CONFIDENCE_Z ? "high" : "medium";
}

export function alignmentRow(
  leverage: Leverage,
  movement: number | null,
  threshold: number,
  confidence: Confidence,
): Alignment {
  const score = movement === null ? 0 : (finiteOrNull(movement * leverage.current) ?? 0);
  const rag = ragOf(score, threshold);
  return {
    lever: leverage.lever,
    score,
    movement,
    rag: leverage.supported ? rag : "amber",
    direction: leverage.directionCurrent,
    confidence,
  };
}
