/**
 * Alignment of a lever's recent movement with the goals:
 *   score = movement × goal leverage
 * i.e. the first-order, goal-weighted relative improvement the recent move predicts (leverage is a
 * weighted elasticity, so movement × leverage ≈ Σ w·s·Δm/m / Σ w).
 * RAG: green if score ≥ threshold and the leverage is supported; red if score ≤ −threshold; else amber.
 * Confidence: low when the leverage is not supported or the movement is unknown; high when the
 * lever's strongest significant goal effect has p < level/5 and every goal metric it significantly
 * affects is fitted with R² ≥ 0.5; medium otherwise.
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

/** One significant goal effect's p-value and the R² of its metric's fit. */
export interface EffectQuality {
  pValue: number | null;
  r2: number | null;
}

export function confidenceOf(
  supported: boolean,
  movement: number | null,
  significantEffects: readonly EffectQuality[],
  significanceLevel: number,
): Confidence {
  if (!supported || movement === null || significantEffects.length === 0) return "low";
  const minP = Math.min(...significantEffects.map((e) => e.pValue ?? 1));
  const minR2 = Math.min(...significantEffects.map((e) => e.r2 ?? 0));
  return minP < significanceLevel / 5 && minR2 >= 0.5 ? "high" : "medium";
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
    rag: rag === "green" && !leverage.supported ? "amber" : rag,
    direction: leverage.directionCurrent,
    confidence,
  };
}
