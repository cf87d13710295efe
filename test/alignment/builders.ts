/** Test helpers: deterministic random numbers and Models built in code with planted effects. */
import type {
  Action,
  Goal,
  GoalDirection,
  GoalSet,
  Layer,
  Lever,
  Metric,
  Model,
} from "../../src/core/model/types";
import { mulberry32 as coreMulberry32 } from "../../src/core/sample/prng";

/** Seeded uniform numbers for deterministic test data (the core's mulberry32). */
export const mulberry32 = coreMulberry32;

/** Standard normal deviates from a seeded PRNG (Box–Muller). */
export function normals(seed: number): () => number {
  const u = mulberry32(seed);
  return () => {
    const a = Math.max(u(), 1e-12);
    return Math.sqrt(-2 * Math.log(a)) * Math.cos(2 * Math.PI * u());
  };
}

/** Monthly-ish Excel serial dates from 2024-01-01 (45292), 30 days apart. */
export function periods(n: number, start = 45292): number[] {
  return Array.from({ length: n }, (_, i) => start + 30 * i);
}

/** A lever series: level + sd·N(0,1), independent per lever (seeded). */
export function leverSeries(n: number, level: number, sd: number, seed: number): number[] {
  const z = normals(seed);
  return Array.from({ length: n }, () => level + sd * z());
}

/**
 * y[t] = intercept + Σ_j b_j · x_j[t − lag] + noiseSd · N(0,1); null for t < lag.
 */
export function planted(
  levers: readonly (readonly number[])[],
  coefficients: readonly number[],
  intercept: number,
  noiseSd: number,
  seed: number,
  lag = 0,
): (number | null)[] {
  const n = levers[0].length;
  const z = normals(seed);
  return Array.from({ length: n }, (_, t) => {
    const e = z();
    if (t < lag) return null;
    let y = intercept + noiseSd * e;
    levers.forEach((x, j) => (y += coefficients[j] * x[t - lag]));
    return y;
  });
}

export function lever(name: string, extra: Partial<Lever> = {}): Lever {
  return {
    name,
    category: "Capacity",
    unit: "",
    current: null,
    min: null,
    max: null,
    costPerUnit: null,
    source: { sheet: "Levers", cell: "A2" },
    ...extra,
  };
}

export function metric(name: string, layer: Layer = "Recruitment", extra: Partial<Metric> = {}): Metric {
  return {
    name,
    layer,
    unit: "",
    better: "Higher",
    lag: 0,
    source: { sheet: "Metrics", cell: "A2" },
    ...extra,
  };
}

export function goal(
  metricName: string,
  direction: GoalDirection,
  weight: number,
  effectiveFrom: number,
): Goal {
  return {
    goal: `${direction} ${metricName}`,
    metric: metricName,
    direction,
    weight,
    effectiveFrom,
    source: { sheet: "Goals", cell: "A2" },
  };
}

export function goalSet(effectiveFrom: number, goals: [string, GoalDirection, number][]): GoalSet {
  return { effectiveFrom, goals: goals.map(([m, d, w]) => goal(m, d, w, effectiveFrom)) };
}

export function action(date: number, leverName: string, newValue: number | null): Action {
  return {
    date,
    lever: leverName,
    newValue,
    requestedBy: "Client HR",
    rationale: "test",
    source: { sheet: "Actions", cell: "A2" },
  };
}

export function model(parts: {
  levers: Lever[];
  metrics: Metric[];
  periods: number[];
  series: Record<string, (number | null)[]>;
  goalSets?: GoalSet[];
  actions?: Action[];
}): Model {
  return {
    levers: parts.levers,
    metrics: parts.metrics,
    goalSets: parts.goalSets ?? [],
    observations: {
      periods: parts.periods,
      series: parts.series,
      sourceRows: parts.periods.map((_, i) => i + 2),
      sheet: "Observations",
    },
    actions: parts.actions ?? [],
  };
}

/** Every number anywhere in a value; fails the walk on NaN / ±Infinity by returning their paths. */
export function nonFinitePaths(value: unknown, path = "$"): string[] {
  if (typeof value === "number") return Number.isFinite(value) ? [] : [path];
  if (Array.isArray(value)) return value.flatMap((v, i) => nonFinitePaths(v, `${path}[${i}]`));
  if (value !== null && typeof value === "object") {
    return Object.entries(value).flatMap(([k, v]) => nonFinitePaths(v, `${path}.${k}`));
  }
  return [];
}

/**
 * A standard engagement: 3 levers, 2 KPIs, 1 outcome over 36 periods, with planted effects:
 *   Time to fill   = 80 − 3·Recruiters − 0.05·Screening + noise        (lag 0)
 *   Quality of hire = 20 + 8·Recruiter quality + noise                  (lag 1)
 *   Training performance = 10 + 0.5·Quality of hire − 0.2·Time to fill + noise  (lag 2 after levers)
 * so Training performance on the levers (lag 2) is 0.6·Recruiters + 4·Recruiter quality + 0.01·Screening.
 * recruiterBoost is added to Recruiters in the last 3 periods (a recent move up).
 */
export function standardEngagement(n = 36, recruiterBoost = 0) {
  const p = periods(n);
  const recruiters = leverSeries(n, 12, 1.5, 1).map((v, i) => (i >= n - 3 ? v + recruiterBoost : v));
  const quality = leverSeries(n, 3, 0.4, 2);
  const screening = leverSeries(n, 200, 25, 3);
  const ttf = planted([recruiters, quality, screening], [-3, 0, -0.05], 80, 0.8, 10, 0);
  const qoh = planted([recruiters, quality, screening], [0, 8, 0], 20, 0.5, 11, 1);
  const z = normals(12);
  const perf = p.map((_, s) => {
    const e = z();
    const q = qoh[s - 1];
    const t = ttf[s - 2];
    if (q === null || q === undefined || t === null || t === undefined) return null;
    return 10 + 0.5 * q - 0.2 * t + 0.3 * e;
  });
  const m = model({
    levers: [lever("Recruiters"), lever("Recruiter quality"), lever("Screening capacity")],
    metrics: [
      metric("Time to fill", "Recruitment", { better: "Lower", lag: 0 }),
      metric("Quality of hire", "Recruitment", { lag: 1 }),
      metric("Training performance", "Business", { lag: 2 }),
    ],
    periods: p,
    series: {
      Recruiters: recruiters,
      "Recruiter quality": quality,
      "Screening capacity": screening,
      "Time to fill": ttf,
      "Quality of hire": qoh,
      "Training performance": perf,
    },
  });
  return { model: m, periods: p, recruiters, quality, screening, ttf, qoh, perf };
}
