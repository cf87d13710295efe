/**
 * Monte Carlo judge of the inference: simulated engagements (simulate.ts) with known truth, run
 * through analyze() under each model setting, scored against the truth and against an oracle that
 * fits the true model form in the same simulation. Pure; the bench (bench/inference.ts) and the
 * acceptance tests (test/inference/acceptance.ts, run by monte-carlo-36/-60.test.ts) print or assert what it returns.
 *
 * Scores (each a count with a Wilson 95% interval; one "case" per line below):
 *   size           null lever → metric pairs with raw p < 0.05 (a missing p counts as not rejected)
 *   power          planted pairs with raw p < 0.05; oracle power the same from the oracle's fit
 *   sizeQ, powerQ  the same with the BH q-value (when the analysis reports one)
 *   hold on null   (engagement, lever with true current goal leverage 0): recommended "hold"
 *   right way      (engagement, lever with |true leverage| ≥ 2.5 × leverageThreshold): recommended
 *                  the true way
 *   no false conflict  (engagement, action on a lever with true leverage 0): verdict not "conflict"
 *   coverage       (engagement, lever): the reported leverage interval contains the true leverage
 *                  (a lever without an interval counts as not covered)
 *
 * The oracle: per metric, OLS (stats/ols.ts, intercept) in the design's true form (log-differences
 * or log levels, simulate.ts) of the metric on all levers at the metric's true lag, plus month-of-
 * year dummies in the seasonal designs; rows with a missing value (or a difference across one) are
 * dropped. Its decisions apply the same rule the issue asks of the analysis: leverage = the
 * goal-weighted sum of the oracle's elasticities, standard error by the delta method with the goal
 * metrics' residual correlation, recommend a move only when |leverage| ≥ threshold and the 95%
 * interval (Student t, the smaller residual df) excludes 0. It shows what a valid procedure that
 * knows the form can reach on these engagements.
 */
import { analyze } from "../alignment/analyze";
import type { AnalysisSettings } from "../alignment/settings";
import type { ModelChoice, Recommendation, Results } from "../alignment/types";
import { dateFromSerial } from "../dates";
import type { Model } from "../model/types";
import { ols } from "../stats/ols";
import { twoSidedCriticalValue } from "../stats/tdist";
import {
  SIMULATION_DESIGNS,
  simulateEngagement,
  type SimulatedEngagement,
  type SimulationDesign,
  type SimulationOptions,
} from "./simulate";

export type { ModelChoice };
export const MODEL_CHOICES: readonly ModelChoice[] = ["levels", "changes", "auto"];
const ALPHA = 0.05;
const Z975 = 1.959963984540054;

export interface Proportion {
  hits: number;
  total: number;
  /** hits / total; null when total is 0. */
  share: number | null;
  /** Wilson score 95% interval. */
  low: number | null;
  high: number | null;
}

export function proportion(hits: number, total: number): Proportion {
  if (total === 0) return { hits, total, share: null, low: null, high: null };
  const p = hits / total;
  const z2 = Z975 * Z975;
  const centre = (p + z2 / (2 * total)) / (1 + z2 / total);
  const half = (Z975 * Math.sqrt((p * (1 - p)) / total + z2 / (4 * total * total))) / (1 + z2 / total);
  return { hits, total, share: p, low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

type Counts = [hits: number, total: number];
const tally = (c: Counts, hit: boolean) => {
  c[1]++;
  if (hit) c[0]++;
};

export interface ModelScore {
  model: ModelChoice;
  size: Proportion;
  /** Size over the null pairs of the metrics fitted in each model (MetricFit.model). */
  sizeByFittedModel: Record<string, Proportion>;
  power: Proportion;
  sizeQ: Proportion | null;
  powerQ: Proportion | null;
  holdOnNull: Proportion;
  rightWay: Proportion;
  noFalseConflict: Proportion;
  coverage: Proportion;
  /** Metric fits per fitted model. */
  fittedModels: Record<string, number>;
  /** Pairs (null or planted) for which the analysis gave no p-value. */
  missingP: number;
}

export interface OracleScore {
  size: Proportion;
  power: Proportion;
  holdOnNull: Proportion;
  rightWay: Proportion;
  coverage: Proportion;
}

export interface CellScore {
  design: SimulationDesign;
  /** Lengths pooled in this cell (one for a plain cell). */
  periods: number[];
  engagements: number;
  oracle: OracleScore;
  models: ModelScore[];
}

export interface CellOptions {
  design: SimulationDesign;
  periods: number;
  engagements: number;
  /** Seeds are derived from this, the design and the length (engagementSeed); default 1. */
  firstSeed?: number;
  models?: readonly ModelChoice[];
  /** Analysis settings besides the model; default DEFAULT_SETTINGS. */
  settings?: Partial<AnalysisSettings>;
  /** Passed to the simulator. */
  simulation?: Pick<SimulationOptions, "noise" | "seasonalBase" | "missingShare">;
  /** Called after each engagement (progress). */
  onEngagement?: (index: number) => void;
}

/** The seed of engagement `index` of a cell: distinct across designs, lengths and indices. */
export function engagementSeed(
  design: SimulationDesign,
  periods: number,
  index: number,
  firstSeed = 1,
): number {
  const d = SIMULATION_DESIGNS.indexOf(design) + 1;
  return (Math.imul(firstSeed + index, 2654435761) ^ Math.imul(d, 40503) ^ Math.imul(periods, 7919)) >>> 0;
}

/** The analysis under a model choice (settings.model, the contract's field). */
export function analyzeWith(
  model: Model,
  choice: ModelChoice,
  settings: Partial<AnalysisSettings> = {},
): Results {
  return analyze(model, { ...settings, model: choice });
}

export interface OracleFit {
  metric: string;
  /** Per lever (model order). */
  estimates: number[];
  stdErrors: number[];
  pValues: number[];
  dfResidual: number;
  /** Residual by target period index. */
  residuals: Map<number, number>;
}

/** The oracle's regression of every metric (see the file comment). */
export function oracleFits(engagement: SimulatedEngagement): OracleFit[] {
  const { model, truth } = engagement;
  const { periods, series } = model.observations;
  const diff = truth.oracleForm === "changes";
  const logAt = (name: string, t: number): number | null => {
    const v = series[name]?.[t];
    return v === null || v === undefined || !(v > 0) ? null : Math.log(v);
  };
  const value = (name: string, t: number): number | null => {
    const now = logAt(name, t);
    if (!diff || now === null) return now;
    const before = t > 0 ? logAt(name, t - 1) : null;
    return before === null ? null : now - before;
  };
  return model.metrics.map((metric) => {
    const y: number[] = [];
    const rows: number[] = [];
    const columns: number[][] = model.levers.map(() => []);
    const months: number[][] = truth.seasonal ? Array.from({ length: 11 }, () => []) : [];
    for (let t = metric.lag; t < periods.length; t++) {
      const target = value(metric.name, t);
      const xs = model.levers.map((l) => value(l.name, t - metric.lag));
      if (target === null || xs.some((x) => x === null)) continue;
      y.push(target);
      rows.push(t);
      xs.forEach((x, j) => columns[j].push(x as number));
      const month = dateFromSerial(periods[t]).month; // 1-12; January is the base
      months.forEach((col, k) => col.push(month === k + 2 ? 1 : 0));
    }
    const fit = ols(y, [...columns, ...months]);
    const residuals = new Map<number, number>();
    rows.forEach((t, i) => {
      let r = y[i] - fit.interceptValue;
      [...columns, ...months].forEach((col, j) => (r -= (fit.coefficients[j] ?? 0) * col[i]));
      residuals.set(t, r);
    });
    const pick = (a: (number | null)[]) => model.levers.map((_, j) => a[j] ?? NaN);
    return {
      metric: metric.name,
      estimates: pick(fit.coefficients),
      stdErrors: pick(fit.standardErrors),
      pValues: pick(fit.pValues),
      dfResidual: fit.dfResidual,
      residuals,
    };
  });
}

function correlation(a: Map<number, number>, b: Map<number, number>): number {
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (const [t, x] of a) {
    const z = b.get(t);
    if (z === undefined) continue;
    sab += x * z;
    saa += x * x;
    sbb += z * z;
  }
  return saa > 0 && sbb > 0 ? sab / Math.sqrt(saa * sbb) : 0;
}

/** The oracle's goal leverage per lever with its 95% interval, under the model's last goal set. */
export function oracleLeverage(
  engagement: SimulatedEngagement,
  fits: readonly OracleFit[],
): { lever: string; leverage: number; low: number; high: number }[] {
  const goals = engagement.model.goalSets[engagement.model.goalSets.length - 1].goals;
  const total = goals.reduce((s, g) => s + g.weight, 0);
  const used = goals.map((g) => ({
    a: (g.weight * (g.direction === "Decrease" ? -1 : 1)) / total,
    fit: fits.find((f) => f.metric === g.metric) as OracleFit,
  }));
  const df = Math.min(...used.map((u) => u.fit.dfResidual));
  const critical = twoSidedCriticalValue(0.95, df) ?? Z975;
  return engagement.model.levers.map((lever, j) => {
    let leverage = 0;
    let variance = 0;
    used.forEach((g, i) => {
      leverage += g.a * g.fit.estimates[j];
      used.forEach((h, k) => {
        const rho = i === k ? 1 : correlation(g.fit.residuals, h.fit.residuals);
        variance += g.a * h.a * rho * g.fit.stdErrors[j] * h.fit.stdErrors[j];
      });
    });
    const half = critical * Math.sqrt(Math.max(0, variance));
    return { lever: lever.name, leverage, low: leverage - half, high: leverage + half };
  });
}

function trueDirection(leverage: number, threshold: number): Recommendation {
  if (leverage >= threshold && leverage > 0) return "increase";
  if (leverage <= -threshold && leverage < 0) return "decrease";
  return "hold";
}

interface ModelTally {
  size: Counts;
  sizeBy: Record<string, Counts>;
  power: Counts;
  sizeQ: Counts;
  powerQ: Counts;
  hold: Counts;
  right: Counts;
  noConflict: Counts;
  coverage: Counts;
  fitted: Record<string, number>;
  missingP: number;
  sawQ: boolean;
}

const newTally = (): ModelTally => ({
  size: [0, 0],
  sizeBy: {},
  power: [0, 0],
  sizeQ: [0, 0],
  powerQ: [0, 0],
  hold: [0, 0],
  right: [0, 0],
  noConflict: [0, 0],
  coverage: [0, 0],
  fitted: {},
  missingP: 0,
  sawQ: false,
});

function scoreResults(t: ModelTally, e: SimulatedEngagement, results: Results, threshold: number): void {
  const { truth } = e;
  const fitted = new Map<string, string>();
  for (const fit of results.fits) {
    const name = fit.model;
    fitted.set(fit.metric, name);
    t.fitted[name] = (t.fitted[name] ?? 0) + 1;
  }
  const byPair = new Map(results.sensitivities.map((s) => [`${s.lever}\u0000${s.metric}`, s]));
  for (const pair of truth.pairs) {
    const s = byPair.get(`${pair.lever}\u0000${pair.metric}`);
    const p = s?.pValue ?? null;
    const q = s?.qValue;
    if (p === null) t.missingP++;
    if (q !== undefined) t.sawQ = true;
    const rejected = p !== null && p < ALPHA;
    const rejectedQ = q !== undefined && q !== null && q < ALPHA;
    if (pair.isNull) {
      tally(t.size, rejected);
      tally(t.sizeQ, rejectedQ);
      const group = fitted.get(pair.metric) ?? "no fit";
      tally((t.sizeBy[group] ??= [0, 0]), rejected);
    } else {
      tally(t.power, rejected);
      tally(t.powerQ, rejectedQ);
    }
  }
  for (const lever of truth.leverage) {
    const row = results.leverage.find((l) => l.lever === lever.lever);
    if (!row) continue;
    if (lever.current === 0) tally(t.hold, row.directionCurrent === "hold");
    if (Math.abs(lever.current) >= 2.5 * threshold)
      tally(t.right, row.directionCurrent === trueDirection(lever.current, threshold));
    const { ciLow, ciHigh } = row;
    // A missing interval (no standard error) does not cover.
    tally(t.coverage, ciLow !== null && ciHigh !== null && ciLow <= lever.current && lever.current <= ciHigh);
  }
  e.model.actions.forEach((action, i) => {
    if (!truth.actions[i].nullLever) return;
    const review = results.actions.find((a) => a.date === action.date && a.lever === action.lever);
    tally(t.noConflict, review?.verdict !== "conflict");
  });
}

interface CellTally {
  design: SimulationDesign;
  periods: number[];
  engagements: number;
  oracle: { size: Counts; power: Counts; hold: Counts; right: Counts; coverage: Counts };
  models: Map<ModelChoice, ModelTally>;
}

function scoreOracle(o: CellTally["oracle"], e: SimulatedEngagement, threshold: number): void {
  const fits = oracleFits(e);
  e.model.levers.forEach((lever, j) => {
    e.model.metrics.forEach((metric, k) => {
      const pair = e.truth.pairs.find((p) => p.lever === lever.name && p.metric === metric.name);
      const p = fits[k].pValues[j];
      tally(pair?.isNull ? o.size : o.power, Number.isFinite(p) && p < ALPHA);
    });
  });
  for (const est of oracleLeverage(e, fits)) {
    const trueLev = e.truth.leverage.find((l) => l.lever === est.lever)?.current ?? 0;
    const clear = est.low > 0 || est.high < 0;
    const said = clear ? trueDirection(est.leverage, threshold) : "hold";
    if (trueLev === 0) tally(o.hold, said === "hold");
    if (Math.abs(trueLev) >= 2.5 * threshold) tally(o.right, said === trueDirection(trueLev, threshold));
    tally(o.coverage, est.low <= trueLev && trueLev <= est.high);
  }
}

function finish(c: CellTally): CellScore {
  const prop = (x: Counts) => proportion(x[0], x[1]);
  return {
    design: c.design,
    periods: c.periods,
    engagements: c.engagements,
    oracle: {
      size: prop(c.oracle.size),
      power: prop(c.oracle.power),
      holdOnNull: prop(c.oracle.hold),
      rightWay: prop(c.oracle.right),
      coverage: prop(c.oracle.coverage),
    },
    models: [...c.models].map(([model, t]) => ({
      model,
      size: prop(t.size),
      sizeByFittedModel: Object.fromEntries(Object.entries(t.sizeBy).map(([k, v]) => [k, prop(v)])),
      power: prop(t.power),
      sizeQ: t.sawQ ? prop(t.sizeQ) : null,
      powerQ: t.sawQ ? prop(t.powerQ) : null,
      holdOnNull: prop(t.hold),
      rightWay: prop(t.right),
      noFalseConflict: prop(t.noConflict),
      coverage: prop(t.coverage),
      fittedModels: { ...t.fitted },
      missingP: t.missingP,
    })),
  };
}

function runInto(c: CellTally, options: CellOptions): void {
  const models = options.models ?? MODEL_CHOICES;
  const settings = options.settings ?? {};
  const threshold = Math.abs(settings.leverageThreshold ?? 0.02);
  for (let i = 0; i < options.engagements; i++) {
    const e = simulateEngagement({
      ...options.simulation,
      design: options.design,
      periods: options.periods,
      seed: engagementSeed(options.design, options.periods, i, options.firstSeed ?? 1),
    });
    scoreOracle(c.oracle, e, threshold);
    for (const model of models) {
      let t = c.models.get(model);
      if (!t) c.models.set(model, (t = newTally()));
      scoreResults(t, e, analyzeWith(e.model, model, settings), threshold);
    }
    c.engagements++;
    options.onEngagement?.(i);
  }
}

const newCell = (design: SimulationDesign): CellTally => ({
  design,
  periods: [],
  engagements: 0,
  oracle: { size: [0, 0], power: [0, 0], hold: [0, 0], right: [0, 0], coverage: [0, 0] },
  models: new Map(),
});

/** Scores one design × length over `engagements` simulated engagements. */
export function runCell(options: CellOptions): CellScore {
  const c = newCell(options.design);
  c.periods.push(options.periods);
  runInto(c, options);
  return finish(c);
}

/** Scores one design over several lengths pooled (e.g. 36 and 60 periods, as the acceptance test). */
export function runPooled(options: Omit<CellOptions, "periods"> & { periods: readonly number[] }): CellScore {
  const c = newCell(options.design);
  for (const periods of options.periods) {
    c.periods.push(periods);
    runInto(c, { ...options, periods });
  }
  return finish(c);
}
