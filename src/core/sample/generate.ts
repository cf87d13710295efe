/**
 * The sample engagement's history as numbers, generated deterministically from a seed: lever
 * paths, the metrics that follow from the planted effects (effects.ts) plus small noise, the goal
 * sets and the SPOC actions. template.ts lays it out as sheets; docs/sample-workbook.md tells the story.
 *
 * Lever paths: each lever follows its own mean-reverting random walk (AR(1), φ = 0.8) kept within
 * bounds, so the levers vary independently enough for a multiple regression to tell them apart.
 * On top of that, a few deliberate moves match the SPOC actions: interview slots up (about 34
 * months before the end), agency share cut (24 months), referral push (16 months), and in the
 * last 6 months recruiter quality falling and agency share rising (both against the new
 * retention goals) and referral share rising (with them), while capacity and work days hold.
 */
import { serialFromDate } from "../dates";
import {
  LEVERS,
  METRICS,
  SAMPLE_LEVERS,
  SAMPLE_METRICS,
  SAMPLE_PLANTED_EFFECTS,
  type SampleLever,
} from "./effects";
import { mulberry32, normal } from "./prng";

export interface SampleOptions {
  /** PRNG seed; default 20250601. */
  seed?: number;
  /** Calendar year of the first month (January); default 2021. */
  startYear?: number;
  /** Months of history, 24-240; default 54. */
  months?: number;
}

export const SAMPLE_DEFAULTS = { seed: 20250601, startYear: 2021, months: 54 } as const;

/** Months of the final deliberate moves. */
export const RECENT_MONTHS = 6;
/** The new goal set takes effect this many months before the last period. */
export const NEW_GOALS_MONTHS_BEFORE_END = 9;
const PHI = 0.8;
const BURN_IN = 3; // unobserved months before the first period, so lagged metrics have drivers

export interface SampleGoal {
  goal: string;
  metric: string;
  direction: "Increase" | "Decrease";
  weight: number;
  effectiveFrom: number;
}

export interface SampleAction {
  date: number;
  lever: string;
  newValue: number;
  requestedBy: string;
  rationale: string;
}

export interface SampleData {
  /** Excel serial dates, first of each month. */
  periods: number[];
  /** Lever and metric series by name, aligned with `periods`. */
  series: Record<string, number[]>;
  goals: SampleGoal[];
  actions: SampleAction[];
}

function roundTo(x: number, step: number): number {
  const r = Math.round(x / step) * step;
  // Strip binary noise such as 0.30000000000000004.
  return Number(r.toFixed(Math.max(0, Math.ceil(-Math.log10(step)) + 1)));
}

function clamp(x: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, x));
}

function monthSerial(startYear: number, month: number): number {
  const serial = serialFromDate(startYear + Math.floor(month / 12), (month % 12) + 1, 1);
  if (serial === null) throw new Error("invalid sample month");
  return serial;
}

/** Index in the full path (burn-in included) of the month `monthsBeforeEnd` before the last. */
type MonthIndex = (monthsBeforeEnd: number) => number;
type PendingAction = Omit<SampleAction, "date"> & { index: number };

/**
 * Generates the sample history (numbers only); buildSampleWorkbook lays it out as sheets. Steps:
 * lever paths (with the SPOCs' historical moves), the recent requests, the metrics that follow
 * from the planted effects, the goal sets. Every lever draws its numbers before the metrics draw
 * theirs, so each keeps its place in the random stream.
 */
export function generateSampleData(options: SampleOptions = {}): SampleData {
  const seed = options.seed ?? SAMPLE_DEFAULTS.seed;
  const startYear = options.startYear ?? SAMPLE_DEFAULTS.startYear;
  const months = options.months ?? SAMPLE_DEFAULTS.months;
  if (!Number.isInteger(months) || months < 24 || months > 240)
    throw new Error("months must be a whole number from 24 to 240");
  if (!Number.isInteger(startYear) || startYear < 1901 || startYear > 9000)
    throw new Error("startYear out of range");
  const gauss = normal(mulberry32(seed));
  const total = months + BURN_IN;
  const at: MonthIndex = (monthsBeforeEnd) => BURN_IN + months - monthsBeforeEnd;

  const { paths, actionsAt } = leverPaths(gauss, total, at);
  actionsAt.push(...recentRequests(paths, total, at));
  const series = metricSeries(gauss, paths, total);

  const periods: number[] = [];
  for (let m = 0; m < months; m++) periods.push(monthSerial(startYear, m));
  const dateOfIndex = (index: number) => periods[index - BURN_IN];
  const observed: Record<string, number[]> = {};
  for (const [name, values] of [...Object.entries(paths), ...Object.entries(series)])
    observed[name] = values.slice(BURN_IN);

  const actions: SampleAction[] = actionsAt
    .map(({ index, ...a }) => ({ date: dateOfIndex(index), ...a }))
    .sort((a, b) => a.date - b.date);
  return { periods, series: observed, goals: goalSets(periods, months), actions };
}

/**
 * Each lever's mean-reverting walk over `total` months, with the deliberate historical moves (and
 * the SPOC actions behind them), then a ramp over the last RECENT_MONTHS months.
 */
function leverPaths(
  gauss: () => number,
  total: number,
  at: MonthIndex,
): { paths: Record<string, number[]>; actionsAt: PendingAction[] } {
  const recentStart = at(RECENT_MONTHS);
  // Deliberate historical moves: a jump the walk then continues from (and the SPOC action behind it).
  const jumps = [
    {
      lever: LEVERS.interviews,
      index: at(34),
      delta: 25,
      requestedBy: "Operations SPOC – J. Moreno",
      rationale: "Add interview slots so hiring managers meet candidates sooner and time to fill comes down.",
    },
    {
      lever: LEVERS.agency,
      index: at(24),
      delta: -0.06,
      requestedBy: "Finance SPOC – A. Patel",
      rationale: "Reduce agency placements to bring cost per hire down.",
    },
    {
      lever: LEVERS.referral,
      index: at(16),
      delta: 0.06,
      requestedBy: "Talent Acquisition SPOC – L. Chen",
      rationale: "Expand the employee referral programme to new business units.",
    },
  ].filter((j) => j.index - 1 >= BURN_IN); // shorter histories skip the moves before their start
  // Final ramps over the last RECENT_MONTHS months; the other levers hold their value.
  const ramps: Record<string, number> = {
    [LEVERS.quality]: -0.6,
    [LEVERS.agency]: 0.12,
    [LEVERS.referral]: 0.08,
  };

  const paths: Record<string, number[]> = {};
  const actionsAt: PendingAction[] = [];
  for (const lever of SAMPLE_LEVERS) {
    const path: number[] = [];
    const innovation = lever.sd * Math.sqrt(1 - PHI * PHI);
    let x = lever.centre;
    let centre = lever.centre;
    for (let t = 0; t < total; t++) {
      // Every lever draws `total` numbers, so each lever's walk and the metrics' noise keep their
      // place in the random stream whatever the ramps do.
      const draw = gauss();
      if (t >= recentStart) continue;
      x = clamp(centre + PHI * (x - centre) + innovation * draw, lever.walkLow, lever.walkHigh);
      const jump = jumps.find((j) => j.lever === lever.name && j.index === t);
      if (jump) {
        x = roundTo(clamp(path[t - 1] + jump.delta, lever.walkLow, lever.walkHigh), lever.step);
        // A policy change: the walk goes on around the new level (kept off the walk's bounds).
        centre = clamp(x, lever.walkLow + lever.sd, lever.walkHigh - lever.sd);
        // Requested the month before it shows in the data.
        actionsAt.push({
          index: t - 1,
          lever: lever.name,
          newValue: x,
          requestedBy: jump.requestedBy,
          rationale: jump.rationale,
        });
      }
      path.push(roundTo(x, lever.step));
    }
    const from = path[recentStart - 1];
    const target = roundTo(clamp(from + (ramps[lever.name] ?? 0), lever.min, lever.max), lever.step);
    for (let k = 1; k <= RECENT_MONTHS; k++)
      path.push(roundTo(from + ((target - from) * k) / RECENT_MONTHS, lever.step));
    paths[lever.name] = path;
  }
  return { paths, actionsAt };
}

/** The SPOCs' requests behind the final ramps (and a last-month trim), dated by path index. */
function recentRequests(paths: Record<string, number[]>, total: number, at: MonthIndex): PendingAction[] {
  const leverSpec = (name: string) => SAMPLE_LEVERS.find((l) => l.name === name) as SampleLever;
  const final = (name: string) => paths[name][total - 1];
  return [
    {
      lever: LEVERS.quality,
      index: at(RECENT_MONTHS + 1),
      newValue: final(LEVERS.quality),
      requestedBy: "Finance SPOC – A. Patel",
      rationale:
        "Cut recruiter quality spend (fewer senior recruiters, lighter assessments) to reduce cost per hire.",
    },
    {
      lever: LEVERS.agency,
      index: at(RECENT_MONTHS),
      newValue: final(LEVERS.agency),
      requestedBy: "Hiring Manager SPOC – R. Okafor",
      rationale: "Use agencies for more roles so open positions fill faster.",
    },
    {
      lever: LEVERS.referral,
      index: at(4),
      newValue: final(LEVERS.referral),
      requestedBy: "HR SPOC – M. Schmidt",
      rationale: "Raise the referral bonus so more hires come through referrals.",
    },
    {
      lever: LEVERS.screening,
      index: at(1),
      newValue: roundTo(Math.max(leverSpec(LEVERS.screening).min, final(LEVERS.screening) - 30), 5),
      requestedBy: "Finance SPOC – A. Patel",
      rationale: "Trim screening vendor hours to save cost.",
    },
  ];
}

/** Metrics: KPIs from the levers, then outcomes from the KPIs, plus each metric's noise. */
function metricSeries(
  gauss: () => number,
  paths: Record<string, number[]>,
  total: number,
): Record<string, number[]> {
  const series: Record<string, number[]> = {};
  const centre = new Map(SAMPLE_LEVERS.map((l) => [l.name, l.centre]));
  const base = new Map(SAMPLE_METRICS.map((m) => [m.name, m.base]));
  const lagOf = new Map(SAMPLE_METRICS.map((m) => [m.name, m.lag]));
  for (const metric of SAMPLE_METRICS) {
    const values: number[] = [];
    for (let t = 0; t < total; t++) {
      let y = metric.base + metric.noise * gauss();
      if (metric.layer === "Recruitment") {
        const s = Math.max(0, t - metric.lag);
        for (const e of SAMPLE_PLANTED_EFFECTS.leverToKpi.filter((x) => x.to === metric.name))
          y += e.coefficient * (paths[e.from][s] - (centre.get(e.from) ?? 0));
      } else {
        for (const e of SAMPLE_PLANTED_EFFECTS.kpiToOutcome.filter((x) => x.to === metric.name)) {
          const shift = metric.lag - (lagOf.get(e.from) ?? 0);
          const kpi = series[e.from][Math.max(0, t - shift)];
          y += e.coefficient * (kpi - (base.get(e.from) ?? 0));
        }
      }
      values.push(roundTo(y, metric.step));
    }
    series[metric.name] = values;
  }

  return series;
}

/** The goal sets: speed and cost from the start, retention and readiness NEW_GOALS_MONTHS_BEFORE_END before the end. */
function goalSets(periods: number[], months: number): SampleGoal[] {
  const oldFrom = periods[0];
  const newFrom = periods[months - NEW_GOALS_MONTHS_BEFORE_END];
  return [
    {
      goal: "Faster hiring",
      metric: METRICS.timeToFill,
      direction: "Decrease",
      weight: 0.5,
      effectiveFrom: oldFrom,
    },
    {
      goal: "Lower hiring cost",
      metric: METRICS.costPerHire,
      direction: "Decrease",
      weight: 0.5,
      effectiveFrom: oldFrom,
    },
    {
      goal: "Keep the people we hire",
      metric: METRICS.businessAttrition,
      direction: "Decrease",
      weight: 0.4,
      effectiveFrom: newFrom,
    },
    {
      goal: "Job-ready new hires",
      metric: METRICS.training,
      direction: "Increase",
      weight: 0.35,
      effectiveFrom: newFrom,
    },
    {
      goal: "Better hires",
      metric: METRICS.qualityOfHire,
      direction: "Increase",
      weight: 0.25,
      effectiveFrom: newFrom,
    },
  ];
}
