/**
 * "Did you mean …?" suggestions: the candidate closest to a misspelt name.
 *
 * Distance is the (unrestricted) Damerau-Levenshtein distance: insertions, deletions, substitutions
 * and transpositions of adjacent characters each cost 1, and a transposed pair may be edited again
 * (Lowrance & Wagner, "An extension of the string-to-string correction problem", JACM 22(2), 1975).
 * It is computed over Unicode code points, so emoji count as one character.
 */
import { matchKey } from "./input-cells";

/** Unrestricted Damerau-Levenshtein distance between two strings (case-sensitive). */
export function damerauLevenshtein(a: string, b: string): number {
  const s = Array.from(a);
  const t = Array.from(b);
  const m = s.length;
  const n = t.length;
  if (m === 0) return n;
  if (n === 0) return m;
  const inf = m + n;
  // d has an extra leading row/column holding `inf`, so d[i + 1][j + 1] is the distance of the prefixes s[0..i), t[0..j).
  const d: number[][] = [];
  for (let i = 0; i <= m + 1; i++) d.push(new Array<number>(n + 2).fill(0));
  d[0][0] = inf;
  for (let i = 0; i <= m; i++) {
    d[i + 1][0] = inf;
    d[i + 1][1] = i;
  }
  for (let j = 0; j <= n; j++) {
    d[0][j + 1] = inf;
    d[1][j + 1] = j;
  }
  const lastRowOf = new Map<string, number>();
  for (let i = 1; i <= m; i++) {
    let lastMatchCol = 0;
    for (let j = 1; j <= n; j++) {
      const k = lastRowOf.get(t[j - 1]) ?? 0;
      const l = lastMatchCol;
      let cost = 1;
      if (s[i - 1] === t[j - 1]) {
        cost = 0;
        lastMatchCol = j;
      }
      d[i + 1][j + 1] = Math.min(
        d[i][j] + cost,
        d[i + 1][j] + 1,
        d[i][j + 1] + 1,
        d[k][l] + (i - k - 1) + 1 + (j - l - 1),
      );
    }
    lastRowOf.set(s[i - 1], i);
  }
  return d[m + 1][n + 1];
}

/**
 * The candidate closest to `target`, compared case-insensitively with whitespace collapsed, or null
 * when none is close enough. Close enough: distance ≤ max(1, ⌊length/3⌋) of the longer name, or
 * one name contains the other (at least 3 characters). Ties go to the earlier candidate.
 */
export function closest(target: string, candidates: readonly string[]): string | null {
  const key = matchKey(target);
  if (key === "") return null;
  let best: string | null = null;
  let bestScore = Infinity;
  for (const candidate of candidates) {
    const other = matchKey(candidate);
    if (other === "") continue;
    const distance = damerauLevenshtein(key, other);
    const longer = Math.max(Array.from(key).length, Array.from(other).length);
    let score = Infinity;
    if (distance <= Math.max(1, Math.floor(longer / 3))) score = distance;
    else if (Math.min(key.length, other.length) >= 3 && (key.includes(other) || other.includes(key))) {
      score = 1000 + distance; // containment is a weaker hint than a near spelling
    }
    if (score < bestScore) {
      bestScore = score;
      best = candidate;
    }
  }
  return best;
}
