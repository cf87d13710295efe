/**
 * Seeded pseudo-random numbers for the sample workbook: the same seed gives the same workbook on
 * every machine (pure 32-bit integer arithmetic, no Math.random).
 *
 * mulberry32: Tommy Ettinger's 32-bit generator (public domain), period 2^32, good enough for
 * synthetic data; not for cryptography.
 */
export type Random = () => number;

/** Uniform numbers in [0, 1). */
export function mulberry32(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Standard normal draws by the Box-Muller transform. */
export function normal(random: Random): () => number {
  let spare: number | null = null;
  return () => {
    if (spare !== null) {
      const s = spare;
      spare = null;
      return s;
    }
    let u = 0;
    while (u === 0) u = random();
    const v = random();
    const r = Math.sqrt(-2 * Math.log(u));
    spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  };
}
