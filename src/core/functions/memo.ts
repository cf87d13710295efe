/**
 * Memoisation of custom-function calls: identical calls (same function, same argument values) are
 * computed once and reused. A workbook with 1,000 =RPO.SENSITIVITY formulas over the same block
 * then runs one regression, not 1,000.
 *
 * - Key: a fast 2 x 32-bit hash of the arguments (FNV-1a style over the bits of each number, the
 *   characters of each string and a tag per kind of value), computed without building strings.
 * - A hit is confirmed by comparing the stored copy of the arguments with the new ones cell by cell,
 *   so a hash collision costs a recomputation, never a wrong answer.
 * - Bounded LRU (a Map in use order): at most `capacity` calls are kept per function.
 * - Failures are cached too (the same bad input gives the same error without redoing the work).
 *
 * Stored results must be treated as read-only by callers. Pure (no Excel, no DOM, no clock).
 */
import { canonical, hashCanonical, sameCanonical, type Canonical } from "./grid";

const FLOAT = new Float64Array(1);
const WORDS = new Uint32Array(FLOAT.buffer);

/** Mixes one 32-bit word into the two hash lanes. */
interface Hash {
  a: number;
  b: number;
}

function mix(h: Hash, word: number): void {
  h.a = Math.imul(h.a ^ word, 0x01000193);
  h.b = Math.imul(h.b ^ word, 0x5bd1e995) ^ (h.b >>> 15);
}

function hashValue(h: Hash, value: unknown): void {
  if (value === null || value === undefined) {
    mix(h, value === null ? 1 : 2);
    return;
  }
  switch (typeof value) {
    case "number":
      mix(h, 3);
      FLOAT[0] = value;
      mix(h, WORDS[0]);
      mix(h, WORDS[1]);
      return;
    case "string":
      mix(h, 4);
      mix(h, value.length);
      for (let i = 0; i < value.length; i++) mix(h, value.charCodeAt(i));
      return;
    case "boolean":
      mix(h, value ? 5 : 6);
      return;
    default:
      if (Array.isArray(value)) {
        mix(h, 7);
        mix(h, value.length);
        for (const item of value) hashValue(h, item);
        return;
      }
      // Error or data-type objects (rare): hash their JSON text.
      mix(h, 8);
      hashValue(h, safeJson(value));
  }
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** A 16-hex-digit hash of a list of arguments. */
export function hashArguments(args: readonly unknown[]): string {
  const h: Hash = { a: 0x811c9dc5, b: 0x9747b28c };
  hashValue(h, args);
  return (h.a >>> 0).toString(16).padStart(8, "0") + (h.b >>> 0).toString(16).padStart(8, "0");
}

/** Deep equality of argument values (arrays element by element; numbers with Object.is semantics for NaN). */
export function sameArguments(x: unknown, y: unknown): boolean {
  if (x === y) return true;
  if (typeof x === "number" && typeof y === "number") return Number.isNaN(x) && Number.isNaN(y);
  if (Array.isArray(x)) {
    if (!Array.isArray(y) || x.length !== y.length) return false;
    for (let i = 0; i < x.length; i++) if (!sameArguments(x[i], y[i])) return false;
    return true;
  }
  if (typeof x === "object" && x !== null && typeof y === "object" && y !== null && !Array.isArray(y)) {
    return safeJson(x) === safeJson(y);
  }
  return false;
}

/** A copy of the argument arrays (so a caller changing its arrays later cannot change the cache). */
function copyArguments<T>(value: T): T {
  return (Array.isArray(value) ? value.map(copyArguments) : value) as T;
}

type Outcome<R> = { ok: true; value: R } | { ok: false; error: unknown };

/**
 * The bounded LRU both memoizers share: entries bucketed by a hash key (a bucket holds the calls
 * whose arguments hash alike), a hit confirmed by `same` on the stored arguments, results and
 * thrown errors both kept. A Map keeps insertion order, so re-inserting a bucket on use makes its
 * first key the least recently used.
 */
class OutcomeCache<K, A, R> {
  private readonly buckets = new Map<K, { args: A; outcome: Outcome<R> }[]>();
  private entries = 0;
  private calls = 0;
  private hits = 0;

  constructor(
    private readonly capacity: number,
    private readonly same: (stored: A, args: A) => boolean,
  ) {}

  /** The cached outcome of a call with `args` (hashed to `key`), else `compute()`'s, stored as `stored`. */
  get(key: K, args: A, compute: () => R, stored: () => A): R {
    this.calls++;
    const bucket = this.buckets.get(key);
    const found = bucket?.find((entry) => this.same(entry.args, args));
    if (bucket && found) {
      this.hits++;
      this.buckets.delete(key); // move to the most recently used end
      this.buckets.set(key, bucket);
      return settle(found.outcome);
    }
    let outcome: Outcome<R>;
    try {
      outcome = { ok: true, value: compute() };
    } catch (error) {
      outcome = { ok: false, error };
    }
    const list = bucket ?? [];
    list.push({ args: stored(), outcome });
    this.buckets.delete(key);
    this.buckets.set(key, list);
    this.entries++;
    while (this.entries > this.capacity) {
      const [oldest, dropped] = this.buckets.entries().next().value as [
        K,
        { args: A; outcome: Outcome<R> }[],
      ];
      dropped.shift();
      this.entries--;
      if (dropped.length === 0) this.buckets.delete(oldest);
    }
    return settle(outcome);
  }

  clear(): void {
    this.buckets.clear();
    this.entries = 0;
    this.calls = 0;
    this.hits = 0;
  }

  stats(): MemoStats {
    return { calls: this.calls, hits: this.hits, size: this.entries };
  }
}

function settle<R>(outcome: Outcome<R>): R {
  if (outcome.ok) return outcome.value;
  throw outcome.error;
}

/** Calls, hits and misses since the last clear (for tests and the benchmark). */
export interface MemoStats {
  calls: number;
  hits: number;
  size: number;
}

export interface Memoized<A extends unknown[], R> {
  (...args: A): R;
  clear(): void;
  stats(): MemoStats;
}

/**
 * `fn` with a bounded LRU cache of its results (and thrown errors).
 * @param capacity calls kept; the least recently used is dropped first
 */
export function memoize<A extends unknown[], R>(fn: (...args: A) => R, capacity = 256): Memoized<A, R> {
  const cache = new OutcomeCache<string, unknown[], R>(capacity, sameArguments);
  const memo = ((...args: A): R =>
    cache.get(
      hashArguments(args),
      args,
      () => fn(...args),
      () => copyArguments(args),
    )) as Memoized<A, R>;
  memo.clear = () => cache.clear();
  memo.stats = () => cache.stats();
  return memo;
}

/**
 * `fn` over canonical arguments (grid.ts), memoised: each raw argument Excel passes is converted
 * once into a typed-array grid (hashed as it is read), the grids' hash is the key, and a hit is
 * confirmed by comparing every bit of the stored grids with the new ones (`sameCanonical`), so a
 * hash collision costs a recomputation, never a wrong answer. The stored grids are the ones built
 * for the call (no copy of Excel's arrays is kept). Bounded LRU; failures are cached too.
 */
export function memoizeCanonical<R>(
  fn: (...args: Canonical[]) => R,
  capacity = 256,
): Memoized<unknown[], R> & { canonical(...args: unknown[]): R } {
  const cache = new OutcomeCache<number, Canonical[], R>(capacity, sameCanonical);
  const lookup = (args: Canonical[]): R =>
    cache.get(
      hashCanonical(args),
      args,
      () => fn(...args),
      () => args,
    );
  const memo = ((...raw: unknown[]): R => lookup(raw.map(canonical))) as Memoized<unknown[], R> & {
    canonical(...args: unknown[]): R;
  };
  memo.canonical = (...args: unknown[]) => lookup(args as Canonical[]);
  memo.clear = () => cache.clear();
  memo.stats = () => cache.stats();
  return memo;
}
