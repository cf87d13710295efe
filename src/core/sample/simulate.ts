/**
 * Engagement-history simulator for judging the inference (Monte Carlo: montecarlo.ts,
 * bench/inference.ts, test/inference). It returns the same Model that parse() gives for a workbook
 * holding the simulated history (simulate-workbook.ts writes that workbook), plus the truth behind it.
 *
 * Everything is simulated in logs, so the planted elasticities are exact (simulate-template.ts):
 *
 *   log m_t = a_m + Σ_j e_jm · ℓ_j,(t − lag_m) + c_m · M_t + s_m(month of t) + u_t
 *   ℓ_j,t   = log x_j,t − log base_j          (the lever path)
 *
 * with c_m = ±1 (the metric's market loading), M the unobserved labour-market factor, s_m a
 * month-of-year pattern (seasonal designs only) and u the metric's own noise. Designs:
 *
 *   drifting   levers: random walks ℓ_t = ℓ_(t−1) + drift_j + 0.04·ε (Recruiters, Agency hires and
 *              Employer-brand spend drift up); market: random walk with innovation sd
 *              MARKET_RATIO·σ; noise: AR(1), φ = 0.7, innovation sd σ. Oracle form: log-differences.
 *   stationary levers: AR(1) in logs, φ = 0.5, innovation sd 0.04 around their base; market: i.i.d.
 *              sd MARKET_RATIO·σ (a common shock, no trend); noise: i.i.d. sd σ. Oracle: log levels.
 *   stepped    levers: held for 4-12 periods, then stepped by ±3-6% (up with probability 0.7 for the
 *              drifting levers, else 0.5); market and noise as drifting. Oracle: log-differences.
 *   seasonal   the drifting design (or, with seasonalBase "stationary", the stationary one) plus a
 *              random month-of-year pattern per metric whose sd equals the noise's stationary sd
 *              σ/√(1−φ²). Oracle: its base's form plus month-of-year dummies.
 *
 * σ (the noise) is calibrated per design and length so that the oracle (OLS in the true form, with
 * the true lags, on all seven levers; the market factor is unobserved) finds the planted ±0.5
 * elasticities at 5% in 80-85% of cases: NOISE_TABLE, measured with `npm run bench -- --calibrate`.
 * Missing values (option missingShare) blank metric cells at random; levers are always complete.
 */
import { goalLeverage } from "../alignment/leverage";
import type { Recommendation } from "../alignment/types";
import { serialFromDate } from "../dates";
import type { Action, Goal, GoalSet, Lever, Metric, Model } from "../model/types";
import { mulberry32, normal } from "./prng";
import {
  GOAL_CHANGE_MONTHS_BEFORE_END,
  SIM_ACTIONS,
  SIM_CURRENT_GOALS,
  SIM_LEVERS,
  SIM_METRICS,
  SIM_PLANTED,
  SIM_PREVIOUS_GOALS,
  type SimGoal,
} from "./simulate-template";

/**
 * drifting, stationary, stepped and seasonal are the designs; mixed (stationary levers while
 * the metrics drift with the market) is the adversary of auto's "most levers stationary" condition:
 * there only the metric's own tests and the residual test can send a metric to changes.
 */
export type SimulationDesign = "drifting" | "stationary" | "stepped" | "seasonal" | "mixed";
export const SIMULATION_DESIGNS: readonly SimulationDesign[] = [
  "drifting",
  "stationary",
  "stepped",
  "seasonal",
  "mixed",
];
export const SIMULATION_LENGTHS: readonly number[] = [36, 60, 120];

/** The regression form that is true for a design: log-differences or log levels. */
export type OracleForm = "changes" | "levels";

export interface SimulationOptions {
  design: SimulationDesign;
  /** Monthly periods, 24-240. */
  periods: number;
  seed: number;
  /** Innovation sd σ of the metric noise in log units; default the calibrated NOISE_TABLE value. */
  noise?: number;
  /** Base of the seasonal design; default "drifting". */
  seasonalBase?: "drifting" | "stationary";
  /** Calendar year of the first period (January); default 2016. */
  startYear?: number;
  /** Share of metric cells left blank at random, 0 to 0.5; default 0. */
  missingShare?: number;
}

/** Innovation sd of the lever paths in logs (the "lever steps of about 4%"). */
export const LEVER_STEP = 0.04;
export const STATIONARY_LEVER_PHI = 0.5;
/** AR(1) coefficient of the metric noise in the drifting, stepped and seasonal designs. */
export const NOISE_PHI = 0.7;
/** Market innovation sd as a multiple of the noise's σ. */
export const MARKET_RATIO = 0.5;
/** Periods simulated before the first observed one, so lagged metrics have lever values. */
const BURN_IN = Math.max(...SIM_METRICS.map((m) => m.lag));

/**
 * Calibrated σ per design and length: the oracle's power on the planted pairs is 82.5% at 5%
 * (bisection on σ, 300 engagements = 3,000 planted pairs per step, seeds from 1001; reproduce with
 * `npm run bench -- --calibrate`). Other lengths scale the nearest entry by √(n/L).
 */
export const NOISE_TABLE: Readonly<Record<SimulationDesign, Readonly<Record<number, number>>>> = {
  drifting: { 36: 0.0274, 60: 0.0392, 120: 0.0603 },
  stationary: { 36: 0.0319, 60: 0.0467, 120: 0.0729 },
  stepped: { 36: 0.011, 60: 0.0161, 120: 0.024 },
  seasonal: { 36: 0.0205, 60: 0.0347, 120: 0.0561 },
  mixed: { 36: 0.0314, 60: 0.0462, 120: 0.0682 },
};

interface DesignSpec {
  levers: "walk" | "ar" | "steps";
  market: "walk" | "iid";
  phi: number;
  seasonal: boolean;
  oracle: OracleForm;
}

function designSpec(design: SimulationDesign, seasonalBase: "drifting" | "stationary"): DesignSpec {
  const drifting: DesignSpec = {
    levers: "walk",
    market: "walk",
    phi: NOISE_PHI,
    seasonal: false,
    oracle: "changes",
  };
  const stationary: DesignSpec = { levers: "ar", market: "iid", phi: 0, seasonal: false, oracle: "levels" };
  switch (design) {
    case "drifting":
      return drifting;
    case "stationary":
      return stationary;
    case "stepped":
      return { ...drifting, levers: "steps" };
    case "seasonal":
      return { ...(seasonalBase === "stationary" ? stationary : drifting), seasonal: true };
    case "mixed":
      return { ...drifting, levers: "ar" };
  }
}

/** σ for a design and length: the table's value, scaled by √(n/L) from the nearest tabulated length L. */
export function calibratedNoise(design: SimulationDesign, periods: number): number {
  const table = NOISE_TABLE[design];
  const lengths = Object.keys(table).map(Number);
  const nearest = lengths.reduce((a, b) => (Math.abs(b - periods) < Math.abs(a - periods) ? b : a));
  return table[nearest] * Math.sqrt(periods / nearest);
}

export interface TruePair {
  lever: string;
  metric: string;
  elasticity: number;
  /** True elasticity exactly 0. */
  isNull: boolean;
}

export interface TrueLeverage {
  lever: string;
  /** goalLeverage of the true elasticities under the current (last) goal set. */
  current: number;
  /** Under the previous goal set. */
  previous: number;
}

export interface SimulationTruth {
  design: SimulationDesign;
  periods: number;
  seed: number;
  seasonal: boolean;
  /** The true regression form (what the oracle fits). */
  oracleForm: OracleForm;
  noise: { sigma: number; phi: number; market: number; marketKind: "walk" | "iid"; seasonSd: number };
  /** Every lever × metric pair, levers outer, in model order. */
  pairs: TruePair[];
  leverage: TrueLeverage[];
  /** Levers whose true current goal leverage is exactly 0. */
  nullLevers: string[];
  /** Per model action (same order): its lever, whether that lever's true current leverage is 0. */
  actions: { lever: string; nullLever: boolean; move: Recommendation }[];
  /** Metric cells left blank. */
  missingCells: number;
}

export interface SimulatedEngagement {
  model: Model;
  truth: SimulationTruth;
}

function monthSerial(startYear: number, index: number): number {
  const serial = serialFromDate(startYear + Math.floor(index / 12), (index % 12) + 1, 1);
  if (serial === null) throw new RangeError("invalid simulated month");
  return serial;
}

function trueLeverage(goals: readonly SimGoal[]): number[] {
  const rows = SIM_LEVERS.map((l) => goals.map((g) => plantedElasticity(l.name, g.metric)));
  return goalLeverage(
    rows,
    goals.map((g) => (g.direction === "Decrease" ? -1 : 1)),
    goals.map((g) => g.weight),
  );
}

/** The planted elasticity of a pair (0 when none is planted). */
export function plantedElasticity(lever: string, metric: string): number {
  return SIM_PLANTED.find((p) => p.lever === lever && p.metric === metric)?.elasticity ?? 0;
}

function leverPaths(spec: DesignSpec, total: number, draw: () => number, uniform: () => number): number[][] {
  return SIM_LEVERS.map((lever) => {
    const path: number[] = [];
    if (spec.levers === "walk") {
      let l = 0;
      for (let t = 0; t < total; t++) {
        l += lever.drift + LEVER_STEP * draw();
        path.push(l);
      }
    } else if (spec.levers === "ar") {
      const phi = STATIONARY_LEVER_PHI;
      let l = (LEVER_STEP / Math.sqrt(1 - phi * phi)) * draw();
      for (let t = 0; t < total; t++) {
        if (t > 0) l = phi * l + LEVER_STEP * draw();
        path.push(l);
      }
    } else {
      let l = 0;
      let next = 1 + Math.floor(uniform() * 12);
      const up = lever.drift > 0 ? 0.7 : 0.5;
      for (let t = 0; t < total; t++) {
        if (t === next) {
          l += (uniform() < up ? 1 : -1) * (0.03 + 0.03 * uniform());
          next = t + 4 + Math.floor(uniform() * 9);
        }
        path.push(l);
      }
    }
    return path;
  });
}

/** Simulates one engagement; the same options give the same engagement on every machine. */
export function simulateEngagement(options: SimulationOptions): SimulatedEngagement {
  const { design, periods: n, seed } = options;
  if (!Number.isInteger(n) || n < 24 || n > 240)
    throw new RangeError("periods must be a whole number from 24 to 240");
  if (!SIMULATION_DESIGNS.includes(design)) throw new RangeError(`unknown design ${String(design)}`);
  const missingShare = options.missingShare ?? 0;
  if (!(missingShare >= 0 && missingShare <= 0.5)) throw new RangeError("missingShare must be from 0 to 0.5");
  const sigma = options.noise ?? calibratedNoise(design, n);
  if (!(Number.isFinite(sigma) && sigma >= 0)) throw new RangeError("noise must be 0 or more");
  const startYear = options.startYear ?? 2016;
  const spec = designSpec(design, options.seasonalBase ?? "drifting");
  const uniform = mulberry32(seed);
  const draw = normal(uniform);
  const total = n + BURN_IN;

  const paths = leverPaths(spec, total, draw, uniform);
  const marketSd = MARKET_RATIO * sigma;
  const market: number[] = [];
  for (let t = 0, m = 0; t < total; t++) {
    m = spec.market === "walk" ? m + marketSd * draw() : marketSd * draw();
    market.push(m);
  }
  const stationarySd = sigma / Math.sqrt(1 - spec.phi * spec.phi);
  const seasonSd = spec.seasonal ? stationarySd : 0;
  const logMetrics = SIM_METRICS.map((metric) => {
    const pattern = Array.from({ length: 12 }, () => draw());
    const centre = pattern.reduce((s, v) => s + v, 0) / 12;
    const spread = Math.sqrt(pattern.reduce((s, v) => s + (v - centre) ** 2, 0) / 12);
    const season = pattern.map((v) =>
      seasonSd === 0 || spread === 0 ? 0 : ((v - centre) / spread) * seasonSd,
    );
    const effects = SIM_LEVERS.map((l) => plantedElasticity(l.name, metric.name));
    const out: number[] = [];
    let u = stationarySd * draw();
    for (let t = BURN_IN; t < total; t++) {
      if (t > BURN_IN) u = spec.phi * u + sigma * draw();
      let y = Math.log(metric.base) + metric.market * market[t] + season[(t - BURN_IN) % 12] + u;
      effects.forEach((e, j) => {
        if (e !== 0) y += e * paths[j][t - metric.lag];
      });
      out.push(y);
    }
    return out;
  });

  const periods = Array.from({ length: n }, (_, t) => monthSerial(startYear, t));
  const series: Record<string, (number | null)[]> = {};
  SIM_LEVERS.forEach((l, j) => {
    series[l.name] = paths[j].slice(BURN_IN).map((v) => l.base * Math.exp(v));
  });
  let missingCells = 0;
  SIM_METRICS.forEach((m, k) => {
    series[m.name] = logMetrics[k].map((v) => {
      const blank = uniform() < missingShare;
      if (blank) missingCells++;
      return blank ? null : Math.exp(v);
    });
  });

  const levers: Lever[] = SIM_LEVERS.map((l, i) => {
    const values = series[l.name] as number[];
    return {
      name: l.name,
      category: l.category,
      unit: l.unit,
      current: values[n - 1],
      min: 0.5 * Math.min(...values),
      max: 2 * Math.max(...values),
      costPerUnit: null,
      source: { sheet: "Levers", cell: `A${i + 2}` },
    };
  });
  const metrics: Metric[] = SIM_METRICS.map((m, i) => ({
    name: m.name,
    layer: m.layer,
    unit: m.unit,
    better: m.better,
    lag: m.lag,
    source: { sheet: "Metrics", cell: `A${i + 2}` },
  }));
  const changeFrom = periods[n - GOAL_CHANGE_MONTHS_BEFORE_END];
  let goalRow = 2;
  const goalSet = (goals: readonly SimGoal[], effectiveFrom: number): GoalSet => ({
    effectiveFrom,
    goals: goals.map((g): Goal => ({
      ...g,
      effectiveFrom,
      source: { sheet: "Goals", cell: `A${goalRow++}` },
    })),
  });
  const goalSets = [goalSet(SIM_PREVIOUS_GOALS, periods[0]), goalSet(SIM_CURRENT_GOALS, changeFrom)];
  const actions: Action[] = SIM_ACTIONS.map((a, i) => {
    const index = n - 1 - a.monthsBeforeEnd;
    const value = (series[a.lever] as number[])[index];
    return {
      date: periods[index],
      lever: a.lever,
      newValue: value * (1 + a.change),
      requestedBy: a.requestedBy,
      rationale: a.rationale,
      source: { sheet: "Actions", cell: `B${i + 2}` },
    };
  });

  const current = trueLeverage(SIM_CURRENT_GOALS);
  const previous = trueLeverage(SIM_PREVIOUS_GOALS);
  const leverage: TrueLeverage[] = SIM_LEVERS.map((l, j) => ({
    lever: l.name,
    current: current[j],
    previous: previous[j],
  }));
  const nullLevers = leverage.filter((l) => l.current === 0).map((l) => l.lever);
  const truth: SimulationTruth = {
    design,
    periods: n,
    seed,
    seasonal: spec.seasonal,
    oracleForm: spec.oracle,
    noise: { sigma, phi: spec.phi, market: marketSd, marketKind: spec.market, seasonSd },
    pairs: SIM_LEVERS.flatMap((l) =>
      SIM_METRICS.map((m) => {
        const e = plantedElasticity(l.name, m.name);
        return { lever: l.name, metric: m.name, elasticity: e, isNull: e === 0 };
      }),
    ),
    leverage,
    nullLevers,
    actions: SIM_ACTIONS.map((a) => ({
      lever: a.lever,
      nullLever: nullLevers.includes(a.lever),
      move: a.change > 0 ? "increase" : "decrease",
    })),
    missingCells,
  };
  return {
    model: {
      levers,
      metrics,
      goalSets,
      observations: { periods, series, sourceRows: periods.map((_, t) => t + 2), sheet: "Observations" },
      actions,
    },
    truth,
  };
}
