/**
 * Best lag: Pearson correlation of a lever at t with a metric at t + k for k = 0 … maxLag, over the
 * pairwise-complete periods; returns the k with the largest |r| (the smallest k on a tie).
 * A k with fewer than 3 complete pairs or a constant side has no correlation (null).
 * Correlation is a screening aid for the Lag column, not an estimate of effect (see method.md).
 */
import type { Series } from "./lag";
import { finiteOrNull, isPresent } from "./numeric";

export interface BestLag {
  lag: number;
  r: number;
  /** r for each k = 0 … maxLag (null where undefined). */
  byLag: (number | null)[];
}

/** Pearson r of paired values; null for fewer than 3 pairs or zero variance. */
export function pearson(x: readonly number[], y: readonly number[]): number | null {
  const n = x.length;
  if (n < 3 || y.length !== n) return null;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += x[i];
    my += y[i];
  }
  mx /= n;
  my /= n;
  let sxx = 0;
  let syy = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    const dx = x[i] - mx;
    const dy = y[i] - my;
    sxx += dx * dx;
    syy += dy * dy;
    sxy += dx * dy;
  }
  if (sxx === 0 || syy === 0) return null;
  const r = finiteOrNull(sxy / Math.sqrt(sxx * syy));
  return r === null ? null : Math.max(-1, Math.min(1, r));
}

/** @returns null when no lag has a defined correlation */
export function bestLag(lever: Series, metric: Series, maxLag: number): BestLag | null {
  const top = Math.max(0, Math.trunc(Number.isFinite(maxLag) ? maxLag : 0));
  const byLag: (number | null)[] = [];
  let best: BestLag | null = null;
  for (let k = 0; k <= top; k++) {
    const x: number[] = [];
    const y: number[] = [];
    for (let t = 0; t + k < metric.length && t < lever.length; t++) {
      const a = lever[t];
      const b = metric[t + k];
      if (isPresent(a) && isPresent(b)) {
        x.push(a);
        y.push(b);
      }
    }
    const r = pearson(x, y);
    byLag.push(r);
    if (r !== null && (best === null || Math.abs(r) > Math.abs(best.r))) best = { lag: k, r, byLag };
  }
  return best ? { ...best, byLag } : null;
}
