/**
 * NIST StRD linear-regression reference files: parser, design builder and LRE (log relative
 * error). Shared by test/stats/strd.test.ts and bench/regression.ts.
 *
 * File layout (https://www.itl.nist.gov/div898/strd/lls/lls.shtml), CRLF line ends:
 * certified values near lines 31-55 as "B<k>  estimate  standard-deviation", then
 * "Standard Deviation <value>" (residual SD) and "R-Squared <value>"; the data follow the last
 * line that starts with "Data:", y first, then the x columns.
 */
import * as fs from "fs";
import * as path from "path";

export interface StrdDataset {
  name: string;
  /** Certified B0.. (or B1.. without intercept) estimates and their standard deviations. */
  certifiedCoefficients: number[];
  certifiedStandardErrors: number[];
  certifiedResidualSd: number;
  certifiedR2: number;
  intercept: boolean;
  y: number[];
  /** x columns as fitted: polynomial powers x ** k for one-predictor polynomial models. */
  columns: number[][];
}

export const STRD_DATASETS = [
  "Norris",
  "Pontius",
  "NoInt1",
  "NoInt2",
  "Filip",
  "Longley",
  "Wampler1",
  "Wampler2",
  "Wampler3",
  "Wampler4",
  "Wampler5",
] as const;

/** The vendored NIST files (test/fixtures/strd, with their SOURCE.txt): tests read nothing outside the repository. */
export function strdDirectory(repoRoot: string): string {
  return path.resolve(repoRoot, "test/fixtures/strd");
}

/**
 * How polynomial columns x^k are formed: "exponentiation" is JavaScript's `x ** k` (what a user's
 * code computes; exact for the Wampler integers, for 64 of Filip's 820 powers one ulp away from
 * the correctly rounded value), "correctlyRounded" is the exact power rounded once to double
 * (the inputs of GUIDE section 3's ceiling table).
 */
export type PowerRounding = "exponentiation" | "correctlyRounded";

export function loadStrd(
  directory: string,
  name: string,
  powers: PowerRounding = "exponentiation",
): StrdDataset {
  return parseStrd(name, fs.readFileSync(path.join(directory, `${name}.dat`), "utf8"), powers);
}

/** x^k rounded once to the nearest double (ties to even), by exact BigInt arithmetic. */
export function correctlyRoundedPower(x: number, k: number): number {
  if (x === 0 || !Number.isFinite(x)) return x ** k;
  // x = mantissa * 2^exponent with an integer mantissa; scale by powers of two (exact) until it is one.
  let mantissa = Math.abs(x);
  let exponent = 0;
  while (!Number.isInteger(mantissa)) {
    mantissa *= 2;
    exponent -= 1;
  }
  // Number(BigInt) rounds to nearest, ties to even; the power-of-two factor is exact while
  // the result stays a normal double (always the case for StRD data).
  const magnitude = Number(BigInt(mantissa) ** BigInt(k)) * 2 ** (exponent * k);
  return x < 0 && k % 2 === 1 ? -magnitude : magnitude;
}

export function parseStrd(name: string, text: string, powers: PowerRounding = "exponentiation"): StrdDataset {
  const lines = text.split(/\r?\n/);
  const parameters: { index: number; estimate: number; sd: number }[] = [];
  let residualSd = Number.NaN;
  let r2 = Number.NaN;
  let dataHeader = -1;
  lines.forEach((line, lineIndex) => {
    const parameter = /^\s*B(\d+)\s+(\S+)\s+(\S+)/.exec(line);
    if (parameter)
      parameters.push({
        index: Number(parameter[1]),
        estimate: Number(parameter[2]),
        sd: Number(parameter[3]),
      });
    const sd = /^\s*Standard Deviation\s+(\S+)/.exec(line);
    if (sd) residualSd = Number(sd[1]);
    const r2Match = /^\s*R-Squared\s+(\S+)/.exec(line);
    if (r2Match) r2 = Number(r2Match[1]);
    if (/^Data:/.test(line)) dataHeader = lineIndex;
  });
  if (parameters.length === 0 || dataHeader < 0 || Number.isNaN(residualSd) || Number.isNaN(r2)) {
    throw new Error(`${name}: not a StRD linear regression file`);
  }
  const xCount = lines[dataHeader].trim().split(/\s+/).length - 2; // "Data:", "y", x...
  const rows = lines
    .slice(dataHeader + 1)
    .map((line) => line.trim())
    .filter((line) => line.length > 0)
    .map((line) => line.split(/\s+/).map(Number));

  const intercept = parameters.some((parameter) => parameter.index === 0);
  const y = rows.map((row) => row[0]);
  let columns: number[][];
  const slopes = parameters.length - (intercept ? 1 : 0);
  if (xCount === 1 && slopes > 1) {
    // Polynomial model: columns x, x^2, ..., x^degree, each power rounded once in double.
    const x = rows.map((row) => row[1]);
    const power =
      powers === "exponentiation" ? (value: number, k: number) => value ** k : correctlyRoundedPower;
    columns = Array.from({ length: slopes }, (_, k) => x.map((value) => power(value, k + 1)));
    if (columns.some((column) => column.some((value) => !Number.isFinite(value))))
      throw new Error(`${name}: power overflow`);
  } else {
    columns = Array.from({ length: xCount }, (_, column) => rows.map((row) => row[column + 1]));
  }
  return {
    name,
    certifiedCoefficients: parameters.map((parameter) => parameter.estimate),
    certifiedStandardErrors: parameters.map((parameter) => parameter.sd),
    certifiedResidualSd: residualSd,
    certifiedR2: r2,
    intercept,
    y,
    columns,
  };
}

/**
 * Log relative error: the number of correct significant digits,
 * -log10(|estimate - certified| / |certified|), or -log10|estimate - certified| when the certified
 * value is 0; capped at 15 (and 0 for a missing or non-finite estimate).
 */
export function lre(estimate: number | null | undefined, certified: number): number {
  if (estimate === null || estimate === undefined || !Number.isFinite(estimate)) return 0;
  const error = certified === 0 ? Math.abs(estimate) : Math.abs(estimate - certified) / Math.abs(certified);
  if (error === 0) return 15;
  return Math.max(0, Math.min(15, -Math.log10(error)));
}

/** Minimum LRE over pairs of estimates and certified values. */
export function minimumLre(estimates: (number | null)[], certified: number[]): number {
  return Math.min(...certified.map((value, index) => lre(estimates[index], value)));
}
