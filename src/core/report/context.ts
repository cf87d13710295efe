/**
 * What every sheet builder reads: the Results, the run details and lookups by lever/metric name.
 * Also the derived facts more than one sheet shows (goal-set changes, RAG counts).
 */
import type { AnalysisSettings } from "../alignment/settings";
import type { Alignment, GoalEffect, Leverage, Rag, Results } from "../alignment/types";
import type { AnalysisResults } from "../results";
import type { ReportFace } from "./face";
import type { RawSheet } from "../model/raw";
import type { Better, GoalDirection, Layer, Lever, Metric } from "../model/types";
import type { RunInfo } from "./grid";

/**
 * Lever and metric details that Results does not carry (category, unit, current value, Better).
 * Optional: without them the sheets leave those cells empty and take a metric's Better direction
 * from its goal direction.
 */
export interface ReportModelInfo {
  levers: Pick<Lever, "name" | "category" | "unit" | "current" | "min" | "max">[];
  metrics: Pick<Metric, "name" | "layer" | "unit" | "better" | "lag">[];
}

export interface ReportOptions {
  /**
   * ISO timestamp given by the caller (the core has no clock), best in the runner's local time
   * with its offset (format.localRunStamp): the sheets show that local time and name the zone.
   */
  runStamp: string;
  /** The engagement's name for page headers; absent = the workbook's file name. */
  engagement?: string;
  /** Previous "Alignment History" sheet values, or null. */
  history: RawSheet | null;
  settings: AnalysisSettings;
  toolVersion: string;
  /** See ReportModelInfo. Required so a caller cannot silently drop units and Better directions; null only in tests of the fallback. */
  model: ReportModelInfo | null;
  /** The face that asked for the report, so sentences that point elsewhere name a place it has (face.ts). */
  face?: ReportFace;
}

export interface MetricInfo {
  name: string;
  layer: Layer | null;
  better: Better | null;
  unit: string;
}

export interface ReportContext {
  results: AnalysisResults;
  options: ReportOptions;
  run: RunInfo;
  leverage: Map<string, Leverage>;
  alignment: Map<string, Alignment>;
  leverInfo: Map<string, ReportModelInfo["levers"][number]>;
  metricInfo: Map<string, MetricInfo>;
  /** Metrics of the current goal set, in goal order (distinct). */
  goalMetrics: string[];
}

function betterFromGoal(direction: GoalDirection): Better {
  return direction === "Increase" ? "Higher" : "Lower";
}

export function makeContext(results: AnalysisResults, options: ReportOptions): ReportContext {
  const leverage = new Map(results.leverage.map((l) => [l.lever, l]));
  const alignment = new Map(results.alignment.map((a) => [a.lever, a]));
  const leverInfo = new Map((options.model?.levers ?? []).map((l) => [l.name, l]));
  const modelMetrics = new Map((options.model?.metrics ?? []).map((m) => [m.name, m]));
  const fits = new Map(results.fits.map((f) => [f.metric, f]));
  const goalDirections = new Map<string, GoalDirection>();
  for (const set of [results.previousGoals, results.currentGoals]) {
    for (const g of set?.goals ?? []) goalDirections.set(g.metric, g.direction);
  }
  const metricInfo = new Map<string, MetricInfo>();
  const allMetrics = [...results.metrics];
  for (const name of [...modelMetrics.keys(), ...fits.keys()])
    if (!allMetrics.includes(name)) allMetrics.push(name);
  for (const name of allMetrics) {
    const m = modelMetrics.get(name);
    const goal = goalDirections.get(name);
    metricInfo.set(name, {
      name,
      layer: m?.layer ?? fits.get(name)?.layer ?? null,
      better: m?.better ?? (goal ? betterFromGoal(goal) : null),
      unit: m?.unit ?? "",
    });
  }
  const goalMetrics: string[] = [];
  for (const g of results.currentGoals?.goals ?? [])
    if (!goalMetrics.includes(g.metric)) goalMetrics.push(g.metric);
  return {
    results,
    options,
    run: {
      asOf: results.asOf,
      runStamp: options.runStamp,
      toolVersion: options.toolVersion,
      engagement: options.engagement,
    },
    leverage,
    alignment,
    leverInfo,
    metricInfo,
    goalMetrics,
  };
}

/** The goal effect of a lever on one metric, if the analysis produced one. */
export function goalEffect(ctx: ReportContext, lever: string, metric: string): GoalEffect | undefined {
  return ctx.leverage.get(lever)?.effects.find((e) => e.metric === metric);
}

/** Whether a predicted change moves the metric the way the goal wants. */
export function towardsGoal(direction: GoalDirection, change: number): boolean {
  return direction === "Increase" ? change > 0 : change < 0;
}

export interface RagCounts {
  green: number;
  amber: number;
  red: number;
  total: number;
  /** (green − red) / total, from −1 to +1; null with no levers. */
  net: number | null;
}

export function ragCounts(rags: Rag[]): RagCounts {
  const green = rags.filter((r) => r === "green").length;
  const amber = rags.filter((r) => r === "amber").length;
  const red = rags.filter((r) => r === "red").length;
  const total = green + amber + red;
  return { green, amber, red, total, net: total > 0 ? (green - red) / total : null };
}

export type GoalChangeStatus = "Added" | "Removed" | "Direction changed" | "Weight changed" | "Unchanged";

export interface GoalChange {
  metric: string;
  previous: { goal: string; direction: GoalDirection; weight: number } | null;
  current: { goal: string; direction: GoalDirection; weight: number } | null;
  status: GoalChangeStatus;
}

/** Previous vs current goal set, one row per metric in either (current goals first). */
export function goalChanges(results: Results): GoalChange[] {
  const sum = (goals: { metric: string; goal: string; direction: GoalDirection; weight: number }[]) => {
    const byMetric = new Map<string, { goal: string; direction: GoalDirection; weight: number }>();
    for (const g of goals) {
      const seen = byMetric.get(g.metric);
      // A metric listed twice in one set: weights add up, the first goal's name and direction stay.
      if (seen) seen.weight += g.weight;
      else byMetric.set(g.metric, { goal: g.goal, direction: g.direction, weight: g.weight });
    }
    return byMetric;
  };
  const prev = sum(results.previousGoals?.goals ?? []);
  const curr = sum(results.currentGoals?.goals ?? []);
  const metrics = [...curr.keys(), ...[...prev.keys()].filter((m) => !curr.has(m))];
  return metrics.map((metric) => {
    const p = prev.get(metric) ?? null;
    const c = curr.get(metric) ?? null;
    let status: GoalChangeStatus;
    if (!p) status = "Added";
    else if (!c) status = "Removed";
    else if (p.direction !== c.direction) status = "Direction changed";
    else if (Math.abs(p.weight - c.weight) > 1e-9) status = "Weight changed";
    else status = "Unchanged";
    return { metric, previous: p, current: c, status };
  });
}
