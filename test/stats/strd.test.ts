/**
 * NIST StRD linear regression: all 11 datasets, data-driven.
 *
 * For each dataset we measure the LRE (correct significant digits, capped at 15; see
 * strd-reference.ts) of every coefficient, standard error and R² against
 *   1. NIST's certified values, asserting the minimum per dataset against GUIDE section 3's
 *      ceiling table (coefficients within 0.5 digit, SE and R² within 1 digit), and
 *   2. the exact rational least-squares solution of the very same double inputs
 *      (exact-least-squares.ts), which isolates what our arithmetic loses.
 * The exact solution vs the certified values is the ceiling for the inputs actually fitted; for
 * the correctly rounded polynomial powers it reproduces GUIDE's table, which the test checks.
 *
 * Polynomial columns are built as `x ** k` (as the brief and a user's code would) and, as a
 * second pass, correctly rounded. They coincide except for 64 of Filip's 820 powers, which moves
 * Filip's own ceiling (R² 10.3 instead of 11.8): the certified-value assertions use the lower of
 * GUIDE's ceiling and the measured ceiling of the inputs fitted.
 *
 * Data directory: test/fixtures/strd (the NIST files, vendored with their SOURCE.txt).
 */
import * as path from "path";
import { ols } from "../../src/core/stats/ols";
import type { OlsResult } from "../../src/core/stats/types";
import { exactLeastSquares } from "./exact-least-squares";
import {
  loadStrd,
  lre,
  minimumLre,
  type PowerRounding,
  STRD_DATASETS,
  type StrdDataset,
  strdDirectory,
} from "./strd-reference";
import { printFigures } from "../figures";

/** GUIDE section 3: minimum LRE reachable from the double inputs (coef, SE, R²). */
const GUIDE_CEILING: Record<DatasetName, Digits> = {
  Norris: { coef: 14.1, se: 13.9, r2: 15 },
  Pontius: { coef: 13.5, se: 13.8, r2: 15 },
  NoInt1: { coef: 14.7, se: 15, r2: 15 },
  NoInt2: { coef: 15.0, se: 14.9, r2: 15 },
  Filip: { coef: 7.6, se: 7.6, r2: 11.8 },
  Longley: { coef: 14.6, se: 14.9, r2: 15 },
  Wampler1: { coef: 15, se: 15, r2: 15 },
  Wampler2: { coef: 13.2, se: 15, r2: 15 },
  Wampler3: { coef: 15, se: 14.5, r2: 15 },
  Wampler4: { coef: 15, se: 14.5, r2: 15 },
  Wampler5: { coef: 15, se: 14.5, r2: 15 },
};
const COEFFICIENT_MARGIN = 0.5;
const STATISTIC_MARGIN = 1;

interface Digits {
  coef: number;
  se: number;
  r2: number;
}

type DatasetName = (typeof STRD_DATASETS)[number];

interface Measurement {
  dataset: DatasetName;
  powers: PowerRounding;
  ours: Digits;
  plain: Digits;
  ceiling: Digits;
  oursVsExact: Digits;
  result: OlsResult;
}

function estimates(
  result: OlsResult,
  intercept: boolean,
): { coef: (number | null)[]; se: (number | null)[] } {
  return intercept
    ? {
        coef: [result.interceptValue, ...result.coefficients],
        se: [result.interceptStandardError, ...result.standardErrors],
      }
    : { coef: result.coefficients, se: result.standardErrors };
}

function digits(
  result: OlsResult,
  data: StrdDataset,
  reference: { coef: number[]; se: number[]; r2: number },
): Digits {
  const { coef, se } = estimates(result, data.intercept);
  return {
    coef: minimumLre(coef, reference.coef),
    se: minimumLre(se, reference.se),
    r2: lre(result.r2, reference.r2),
  };
}

function measure(dataset: DatasetName, powers: PowerRounding): Measurement {
  const data = loadStrd(strdDirectory(path.resolve(__dirname, "../..")), dataset, powers);
  const certified = {
    coef: data.certifiedCoefficients,
    se: data.certifiedStandardErrors,
    r2: data.certifiedR2,
  };
  const result = ols(data.y, data.columns, { intercept: data.intercept });
  const plain = ols(data.y, data.columns, { intercept: data.intercept, refinementSteps: 0 });
  const exact = exactLeastSquares(data.y, data.columns, data.intercept);
  return {
    dataset,
    powers,
    ours: digits(result, data, certified),
    plain: digits(plain, data, certified),
    ceiling: {
      coef: minimumLre(exact.coefficients, certified.coef),
      se: minimumLre(exact.standardErrors, certified.se),
      r2: lre(exact.r2, certified.r2),
    },
    oursVsExact: digits(result, data, { coef: exact.coefficients, se: exact.standardErrors, r2: exact.r2 }),
    result,
  };
}

const measurements = (["exponentiation", "correctlyRounded"] as const).flatMap((powers) =>
  STRD_DATASETS.map((dataset) => measure(dataset, powers)),
);

afterAll(() => {
  const format = (d: Digits) =>
    `${d.coef.toFixed(1).padStart(4)} ${d.se.toFixed(1).padStart(4)} ${d.r2.toFixed(1).padStart(4)}`;
  const header =
    "dataset   powers             ours vs certified  ceiling (exact)   plain QR (0 steps)  ours vs exact\n" +
    "                             coef   SE   R²     coef   SE   R²    coef   SE   R²     coef   SE   R²";
  const lines = measurements.map(
    (m) =>
      `${m.dataset.padEnd(9)} ${m.powers.padEnd(17)}  ${format(m.ours)}     ${format(m.ceiling)}    ${format(m.plain)}     ${format(m.oursVsExact)}`,
  );
  printFigures(`NIST StRD minimum LRE per dataset\n${header}\n${lines.join("\n")}`);
});

describe.each(measurements.map((m) => [m.dataset, m.powers, m] as const))(
  "StRD %s (%s powers)",
  (_dataset, _powers, m) => {
    const guide = GUIDE_CEILING[m.dataset];
    const target = {
      coef: Math.min(guide.coef, m.ceiling.coef) - COEFFICIENT_MARGIN,
      se: Math.min(guide.se, m.ceiling.se) - STATISTIC_MARGIN,
      r2: Math.min(guide.r2, m.ceiling.r2) - STATISTIC_MARGIN,
    };

    test("is fitted at full rank, nothing dropped", () => {
      expect(m.result.dropped).toEqual([]);
      expect(m.result.rank).toBe(m.result.p + (m.result.intercept ? 1 : 0));
    });

    test("coefficients, standard errors and R² reach the accuracy the double inputs allow", () => {
      expect(m.ours.coef).toBeGreaterThanOrEqual(target.coef);
      expect(m.ours.se).toBeGreaterThanOrEqual(target.se);
      expect(m.ours.r2).toBeGreaterThanOrEqual(target.r2);
    });

    test("agrees with the exact least-squares solution of the same inputs", () => {
      expect(m.oursVsExact.coef).toBeGreaterThanOrEqual(14);
      expect(m.oursVsExact.r2).toBeGreaterThanOrEqual(14);
      expect(m.oursVsExact.se).toBeGreaterThanOrEqual(12);
    });

    if (m.powers === "correctlyRounded") {
      test("the exact solution reproduces GUIDE section 3's ceiling", () => {
        expect(m.ceiling.coef).toBeCloseTo(guide.coef, 1);
        expect(m.ceiling.se).toBeCloseTo(guide.se, 1);
        expect(m.ceiling.r2).toBeCloseTo(guide.r2, 1);
      });
    }
  },
);
