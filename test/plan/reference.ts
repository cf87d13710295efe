/**
 * Test references for the plan's LP (never the product path): for a separable linear objective,
 * box constraints and one "≤" budget row the optimum is a fractional knapsack. Start every variable
 * at its cheaper end; each move to the other end is an item with value a·Δ and weight c·Δ ≥ 0; take
 * free items with positive value, then the rest by value/weight, the last one fractionally.
 */
import { mulberry32 } from "../../src/core/sample/prng";

export interface BoxLp {
  a: number[];
  c: number[];
  lo: number[];
  hi: number[];
  budget: number | null;
}

export function greedy(p: BoxLp): { value: number; x: number[] } | null {
  const n = p.a.length;
  if (p.budget === null) {
    const x = p.a.map((a, i) =>
      a > 0 ? p.hi[i] : a < 0 ? p.lo[i] : 0 >= p.lo[i] && 0 <= p.hi[i] ? 0 : p.lo[i],
    );
    return { value: x.reduce((s, v, i) => s + p.a[i] * v, 0), x };
  }
  const x = p.c.map((c, i) => (c >= 0 ? p.lo[i] : p.hi[i]));
  let spend = x.reduce((s, v, i) => s + p.c[i] * v, 0);
  if (spend > p.budget + 1e-9 * Math.max(1, Math.abs(p.budget))) return null;
  const items = [];
  for (let i = 0; i < n; i++) {
    const other = x[i] === p.lo[i] ? p.hi[i] : p.lo[i];
    const d = other - x[i];
    const value = p.a[i] * d;
    const weight = p.c[i] * d;
    if (value > 0) items.push({ i, d, value, weight });
  }
  items.sort(
    (u, v) =>
      (u.weight === 0 ? -Infinity : u.weight / u.value) - (v.weight === 0 ? -Infinity : v.weight / v.value),
  );
  for (const item of items) {
    const room = p.budget - spend;
    if (item.weight <= room) {
      x[item.i] += item.d;
      spend += item.weight;
    } else {
      const share = Math.max(0, room / item.weight);
      x[item.i] += item.d * share;
      spend += item.weight * share;
      break;
    }
  }
  return { value: x.reduce((s, v, i) => s + p.a[i] * v, 0), x };
}

/** Best objective over a grid of `steps` + 1 points per variable (small problems only). */
export function gridSearch(p: BoxLp, steps: number): number | null {
  const n = p.a.length;
  let best: number | null = null;
  const x = new Array<number>(n).fill(0);
  const visit = (i: number) => {
    if (i === n) {
      const spend = x.reduce((s, v, j) => s + p.c[j] * v, 0);
      if (p.budget !== null && spend > p.budget + 1e-9 * Math.max(1, Math.abs(p.budget))) return;
      const value = x.reduce((s, v, j) => s + p.a[j] * v, 0);
      if (best === null || value > best) best = value;
      return;
    }
    for (let k = 0; k <= steps; k++) {
      x[i] = p.lo[i] + ((p.hi[i] - p.lo[i]) * k) / steps;
      visit(i + 1);
    }
  };
  visit(0);
  return best;
}

/** Seeded uniform numbers for deterministic test data (the core's mulberry32). */
export const rng = mulberry32;
