/**
 * MacKinnon's response surfaces for Dickey–Fuller type statistics (the ADF t statistic and the
 * Engle–Granger residual-based cointegration statistic), as statsmodels'
 * `statsmodels.tsa.adfvalues.mackinnonp` and `mackinnoncrit`.
 *
 * p-value (MacKinnon 1994, asymptotic): for a statistic τ and N series,
 *   p = Φ(γ0 + γ1 τ + γ2 τ² [+ γ3 τ³])
 * with the "small p" coefficients (three terms) when τ <= τ*, the "large p" ones (four terms)
 * otherwise; p = 0 below τ_min and p = 1 above τ_max (the ranges where the surfaces were fitted).
 *
 * Critical values (MacKinnon 2010, finite sample): for level α and T observations,
 *   c(α, T) = β∞ + β1 / T + β2 / T² + β3 / T³.
 *
 * References:
 * - MacKinnon, J. G. (1994). Approximate asymptotic distribution functions for unit-root and
 *   cointegration tests. Journal of Business & Economic Statistics 12(2), 167–176 (tables 3-4).
 * - MacKinnon, J. G. (2010). Critical values for cointegration tests. Queen's Economics
 *   Department Working Paper 1227 (tables 1-3).
 * The coefficient tables are MacKinnon's published values as statsmodels 0.13.5 holds them.
 */
import { normalCdf } from "./normal";

/** Deterministic terms of the test regression: a constant, or a constant and a linear trend. */
export type TrendTerms = "c" | "ct";

/** Largest number of I(1) series (N) the p-value surfaces cover (1 for ADF, 1 + regressors for Engle–Granger). */
export const MACKINNON_MAX_SERIES = 6;

interface PSurface {
  star: number[];
  min: number[];
  max: number[];
  /** Per N: [γ0, γ1, γ2 * 100] (MacKinnon's scaling). */
  small: number[][];
  /** Per N: [γ0, γ1 * 10, γ2 * 10, γ3 * 100]. */
  large: number[][];
}

const SMALL_SCALING = [1, 1, 1e-2];
const LARGE_SCALING = [1, 1e-1, 1e-1, 1e-2];

const P_SURFACES: Record<TrendTerms, PSurface> = {
  c: {
    star: [-1.61, -2.62, -3.13, -3.47, -3.78, -3.93],
    min: [-18.83, -18.86, -23.48, -28.07, -25.96, -23.27],
    max: [2.74, 0.92, 0.55, 0.61, 0.79, 1],
    small: [
      [2.1659, 1.4412, 3.8269],
      [2.92, 1.5012, 3.9796],
      [3.4699, 1.4856, 3.164],
      [3.9673, 1.4777, 2.6315],
      [4.5509, 1.5338, 2.9545],
      [5.1399, 1.6036, 3.4445],
    ],
    large: [
      [1.7339, 9.3202, -1.2745, -1.0368],
      [2.1945, 6.4695, -2.9198, -4.2377],
      [2.5893, 4.5168, -3.6529, -5.0074],
      [3.0387, 4.5452, -3.3666, -4.1921],
      [3.5049, 5.2098, -2.9158, -3.3468],
      [3.9489, 5.8933, -2.5359, -2.721],
    ],
  },
  ct: {
    star: [-2.89, -3.19, -3.5, -3.65, -3.8, -4.36],
    min: [-16.18, -21.15, -25.37, -26.63, -26.53, -26.18],
    max: [0.7, 0.63, 0.71, 0.93, 1.19, 1.42],
    small: [
      [3.2512, 1.6047, 4.9588],
      [3.6646, 1.5419, 3.6448],
      [4.0983, 1.5173, 2.9898],
      [4.5844, 1.5338, 2.8796],
      [5.0722, 1.5634, 2.9472],
      [5.53, 1.5914, 3.0392],
    ],
    large: [
      [2.5261, 6.1654, -3.7956, -6.0285],
      [2.85, 5.272, -3.6622, -5.1695],
      [3.221, 5.255, -3.2685, -4.1501],
      [3.652, 5.9758, -2.7483, -3.2081],
      [4.0712, 6.6428, -2.3464, -2.546],
      [4.4735, 7.1757, -2.0681, -2.1196],
    ],
  },
};

/** MacKinnon (2010) tables 1-2: per N, per level (1%, 5%, 10%), [β∞, β1, β2, β3]. */
const CRITICAL_SURFACES: Record<TrendTerms, number[][][]> = {
  c: [
    [
      [-3.43035, -6.5393, -16.786, -79.433],
      [-2.86154, -2.8903, -4.234, -40.04],
      [-2.56677, -1.5384, -2.809, 0],
    ],
    [
      [-3.89644, -10.9519, -33.527, 0],
      [-3.33613, -6.1101, -6.823, 0],
      [-3.04445, -4.2412, -2.72, 0],
    ],
    [
      [-4.29374, -14.4354, -33.195, 47.433],
      [-3.74066, -8.5632, -10.852, 27.982],
      [-3.45218, -6.2143, -3.718, 0],
    ],
    [
      [-4.64332, -18.1031, -37.972, 0],
      [-4.096, -11.2349, -11.175, 0],
      [-3.8102, -8.3931, -4.137, 0],
    ],
    [
      [-4.95756, -21.8883, -45.142, 0],
      [-4.41519, -14.0405, -12.575, 0],
      [-4.13157, -10.7417, -3.784, 0],
    ],
    [
      [-5.24568, -25.6688, -57.737, 88.639],
      [-4.70693, -16.9178, -17.492, 60.007],
      [-4.42501, -13.1875, -5.104, 27.877],
    ],
  ],
  ct: [
    [
      [-3.95877, -9.0531, -28.428, -134.155],
      [-3.41049, -4.3904, -9.036, -45.374],
      [-3.12705, -2.5856, -3.925, -22.38],
    ],
    [
      [-4.32762, -15.4387, -35.679, 0],
      [-3.78057, -9.5106, -12.074, 0],
      [-3.49631, -7.0815, -7.538, 21.892],
    ],
    [
      [-4.66305, -18.7688, -49.793, 104.244],
      [-4.1189, -11.8922, -19.031, 77.332],
      [-3.83511, -9.0723, -8.504, 35.403],
    ],
    [
      [-4.9694, -22.4694, -52.599, 51.314],
      [-4.42871, -14.5876, -18.228, 39.647],
      [-4.14633, -11.25, -9.873, 54.109],
    ],
    [
      [-5.25276, -26.2183, -59.631, 50.646],
      [-4.71537, -17.3569, -22.66, 91.359],
      [-4.43422, -13.6078, -10.238, 76.781],
    ],
    [
      [-5.51727, -29.976, -75.222, 202.253],
      [-4.98228, -20.305, -25.224, 132.03],
      [-4.70233, -16.1253, -9.836, 94.272],
    ],
  ],
};

/** Critical values at the 1%, 5% and 10% levels (reject the unit root when the statistic is below). */
export interface CriticalValues {
  "1%": number;
  "5%": number;
  "10%": number;
}

function checkSeries(series: number): void {
  if (!(Number.isInteger(series) && series >= 1 && series <= MACKINNON_MAX_SERIES)) {
    throw new RangeError(
      `MacKinnon's surfaces cover 1 to ${MACKINNON_MAX_SERIES} series (N); got ${series}. ` +
        `Use at most ${MACKINNON_MAX_SERIES - 1} regressors in a cointegration test.`,
    );
  }
}

/** Horner evaluation of c0 + c1 x + c2 x² + ..., highest power first (as numpy's polyval). */
function horner(coefficients: number[], x: number): number {
  let value = 0;
  for (let k = coefficients.length - 1; k >= 0; k--) value = value * x + coefficients[k];
  return value;
}

/**
 * MacKinnon (1994) approximate asymptotic p-value of a Dickey–Fuller t statistic: the probability
 * of a statistic this low or lower under the unit-root (no cointegration) null.
 *
 * @param statistic the test's t statistic (finite).
 * @param regression deterministic terms of the test regression.
 * @param series N: 1 for ADF, 1 + number of regressors for Engle–Granger (at most 6).
 */
export function mackinnonP(statistic: number, regression: TrendTerms = "c", series = 1): number {
  checkSeries(series);
  if (Number.isNaN(statistic)) throw new RangeError("The test statistic is not a number.");
  const surface = P_SURFACES[regression];
  const i = series - 1;
  if (statistic > surface.max[i]) return 1;
  if (statistic < surface.min[i]) return 0;
  const coefficients =
    statistic <= surface.star[i]
      ? surface.small[i].map((c, k) => c * SMALL_SCALING[k])
      : surface.large[i].map((c, k) => c * LARGE_SCALING[k]);
  return normalCdf(horner(coefficients, statistic));
}

/**
 * MacKinnon (2010) finite-sample critical values for T observations (T = Infinity gives the
 * asymptotic values β∞).
 *
 * @param series N as in mackinnonP.
 * @param observations T: for ADF the number of observations in the test regression; statsmodels'
 *   `coint` passes the series length minus one.
 */
export function mackinnonCriticalValues(
  series: number,
  regression: TrendTerms,
  observations: number,
): CriticalValues {
  checkSeries(series);
  if (!(observations > 0))
    throw new RangeError(`The number of observations must be positive; got ${observations}.`);
  const [one, five, ten] = CRITICAL_SURFACES[regression][series - 1].map((beta) =>
    observations === Infinity ? beta[0] : horner(beta, 1 / observations),
  );
  return { "1%": one, "5%": five, "10%": ten };
}
