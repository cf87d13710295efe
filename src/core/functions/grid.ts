/**
 * Excel's range arguments converted once, straight into typed arrays, with a hash of what was read.
 *
 * Excel passes a range as an array of row arrays of cell values. `toGrid` walks it once and writes
 * every plain finite number into a column-major Float64Array (no object per cell); a blank (null,
 * undefined, "", only spaces, an Excel error value) becomes NaN, the "missing" marker (a NaN or
 * ±Infinity that Excel might pass is not a number we accept, so NaN cannot mean anything else). A
 * number stored as plain decimal text ('12.5') is read as that number. Any other cell (text,
 * TRUE/FALSE, an unknown object) is kept aside, with its position, in `others`: whether it is an
 * error (a number was needed) or meaningful (a goal direction, a label) is for the function to say.
 *
 * The hash covers the shape, the bits of every value and the cells kept aside; `sameGrid` compares
 * all of it, so a memo hit confirmed by `sameGrid` can never return the answer of other data. NaN
 * is always written as the one canonical NaN, so equal grids have equal bits.
 *
 * Conversion never throws: a ragged or empty argument is recorded (`problem`) and reported by the
 * function that reads it, with its own message. Pure.
 */
import { readCell } from "./cell-arguments";

/** Column-major cells of one argument (r, c) -> values[c * rows + r]. */
export interface Grid {
  readonly kind: "grid";
  rows: number;
  cols: number;
  values: Float64Array;
  /** Cells that are not numbers and not blanks, by index c * rows + r: the raw value Excel passed. */
  others: Map<number, unknown> | null;
  /** Number of blank (missing) cells. */
  missing: number;
  /** Largest |value| and smallest non-zero |value| among the numbers (0 / Infinity when none). */
  maxAbs: number;
  minAbs: number;
  /** "empty" (no cells) or "ragged" (rows of different lengths); null when rectangular. */
  problem: "empty" | "ragged" | null;
  /** True when Excel passed a bare value rather than an array (a scalar argument). */
  scalar: boolean;
  hash: number;
}

/** What a memoised function receives: a grid per array argument, other values as passed. */
export type Canonical = Grid | string | number | boolean | null | undefined;

const MISSING = Number.NaN;
/**
 * Globals read once: in a vm context (Excel's JavaScript-only runtime, and our bench) every read
 * of a global such as `Math` goes through the context's global object, which costs far more than
 * the multiplication itself; a module-level constant is a plain closure variable.
 */
const imul = Math.imul;
const isArray = Array.isArray;

/** Whether a (non-plain-number) value is a blank: null, undefined, "", spaces, an error value. */
function classify(value: unknown): { number: number } | "missing" | "other" {
  const reading = readCell(value);
  if (reading.kind === "number") return { number: reading.value };
  if (reading.kind === "missing") return "missing";
  return "other";
}

/** A grid of one argument (see the module comment). */
export function toGrid(value: unknown): Grid {
  const grid: Grid = {
    kind: "grid",
    rows: 0,
    cols: 0,
    values: new Float64Array(0),
    others: null,
    missing: 0,
    maxAbs: 0,
    minAbs: Number.POSITIVE_INFINITY,
    problem: null,
    scalar: !Array.isArray(value),
    hash: 0,
  };
  const m: unknown[] = Array.isArray(value) ? value : [[value]];
  const rows = m.length;
  if (rows === 0) {
    grid.problem = "empty";
    grid.hash = hashGrid(grid);
    return grid;
  }
  const first = m[0];
  const cols = Array.isArray(first) ? first.length : 1;
  if (cols === 0) {
    grid.problem = "empty";
    grid.hash = hashGrid(grid);
    return grid;
  }
  const values = new Float64Array(rows * cols);
  let maxAbs = 0;
  let minAbs = Number.POSITIVE_INFINITY;
  for (let r = 0; r < rows; r++) {
    const raw = m[r];
    const row: unknown[] = isArray(raw) ? raw : [raw];
    if (row.length !== cols) {
      grid.problem = "ragged";
      grid.rows = rows;
      grid.cols = cols;
      grid.hash = hashGrid(grid);
      return grid;
    }
    for (let c = 0, i = r; c < cols; c++, i += rows) {
      const v = row[c];
      if (typeof v === "number" && v - v === 0) {
        values[i] = v;
        const a = v < 0 ? -v : v;
        if (a > maxAbs) maxAbs = a;
        if (a < minAbs && a !== 0) minAbs = a;
        continue;
      }
      const kind = classify(v);
      if (kind === "missing") {
        values[i] = MISSING;
        grid.missing++;
      } else if (kind === "other") {
        values[i] = MISSING;
        (grid.others ??= new Map()).set(i, v);
      } else {
        const n = kind.number;
        values[i] = n;
        const a = Math.abs(n);
        if (a > maxAbs) maxAbs = a;
        if (a < minAbs && a !== 0) minAbs = a;
      }
    }
  }
  grid.rows = rows;
  grid.cols = cols;
  grid.values = values;
  grid.maxAbs = maxAbs;
  grid.minAbs = minAbs;
  grid.hash = hashGrid(grid);
  return grid;
}

export function isGrid(value: unknown): value is Grid {
  return typeof value === "object" && value !== null && (value as Grid).kind === "grid";
}

/** The canonical form of one argument: a grid for an array, the value itself otherwise. */
export function canonical(value: unknown): Canonical {
  if (Array.isArray(value)) return toGrid(value);
  if (value === null || value === undefined) return value;
  switch (typeof value) {
    case "number":
    case "string":
    case "boolean":
      return value;
    default:
      return toGrid(value); // an object (error or data type) as a 1 x 1 grid
  }
}

// ---------------------------------------------------------------------------------------------
// Hashing and comparison
// ---------------------------------------------------------------------------------------------

/** One round of MurmurHash3's 32-bit mixing. */
function mix(h: number, word: number): number {
  let k = imul(word, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  h ^= imul(k, 0x1b873593);
  h = (h << 13) | (h >>> 19);
  return (imul(h, 5) + 0xe6546b64) | 0;
}

function mixString(h: number, text: string): number {
  h = mix(h, text.length);
  for (let i = 0; i < text.length; i++) h = mix(h, text.charCodeAt(i));
  return h;
}

function otherText(value: unknown): string {
  if (typeof value === "string") return `s${value}`;
  if (typeof value === "boolean") return value ? "T" : "F";
  if (typeof value === "number") return `n${String(value)}`;
  try {
    return `o${JSON.stringify(value) ?? String(value)}`;
  } catch {
    return `o${String(value)}`;
  }
}

function hashGrid(grid: Grid): number {
  let h = mix(mix(0x9747b28c, grid.rows), grid.cols);
  h = mix(h, grid.problem === null ? 0 : grid.problem === "empty" ? 1 : 2);
  h = mix(h, grid.scalar ? 1 : 0);
  // The bulk of the data: one multiply per word (FNV-1a over 32-bit words), then a final mix. A
  // weaker hash than mix() per word, and 3x cheaper: a collision only costs a recomputation.
  const words = new Int32Array(grid.values.buffer, grid.values.byteOffset, grid.values.length * 2);
  let f = h;
  for (let i = 0; i < words.length; i++) f = imul(f ^ words[i], 0x01000193);
  h = mix(h, f);
  if (grid.others) {
    for (const [index, value] of grid.others) h = mixString(mix(h, index), otherText(value));
  }
  return h;
}

/** A hash of a list of canonical arguments. */
export function hashCanonical(args: readonly Canonical[]): number {
  let h = mix(0x811c9dc5, args.length);
  for (const a of args) {
    if (isGrid(a)) h = mix(mix(h, 7), a.hash);
    else if (a === null) h = mix(h, 1);
    else if (a === undefined) h = mix(h, 2);
    else h = mixString(mix(h, 3), otherText(a));
  }
  return h;
}

/** Bit-for-bit equality of two grids (shape, every value's bits, the cells kept aside). */
export function sameGrid(a: Grid, b: Grid): boolean {
  if (a === b) return true;
  if (a.hash !== b.hash || a.rows !== b.rows || a.cols !== b.cols || a.problem !== b.problem) return false;
  if (a.scalar !== b.scalar || a.values.length !== b.values.length) return false;
  const x = new Int32Array(a.values.buffer, a.values.byteOffset, a.values.length * 2);
  const y = new Int32Array(b.values.buffer, b.values.byteOffset, b.values.length * 2);
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
  const ao = a.others;
  const bo = b.others;
  if ((ao?.size ?? 0) !== (bo?.size ?? 0)) return false;
  if (ao && bo) {
    for (const [index, value] of ao) {
      if (!bo.has(index) || otherText(value) !== otherText(bo.get(index))) return false;
    }
  }
  return true;
}

export function sameCanonical(a: readonly Canonical[], b: readonly Canonical[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (isGrid(x) || isGrid(y)) {
      if (!isGrid(x) || !isGrid(y) || !sameGrid(x, y)) return false;
    } else if (!Object.is(x, y)) return false;
  }
  return true;
}

// ---------------------------------------------------------------------------------------------
// Reading a grid back
// ---------------------------------------------------------------------------------------------

/** The raw value Excel passed at (r, c) when it was not a number or a blank, else undefined. */
export function otherAt(grid: Grid, r: number, c: number): unknown {
  return grid.others?.get(c * grid.rows + r);
}

/** The number at (r, c), or null for a blank (callers check `others` for invalid cells first). */
export function valueAt(grid: Grid, r: number, c: number): number | null {
  const v = grid.values[c * grid.rows + r];
  return v === v ? v : null;
}
