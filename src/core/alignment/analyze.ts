/**
 * The alignment analysis: Model + settings → Results. Pure and deterministic; every number in the
 * Results is finite or null. The formulas and choices are in docs/method.md; each step lives in its
 * own module (sensitivity, discovery, chain, leverage, movement, rag, goal-shift, actions).
 */
import { markPending, pendingActions, pendingActionsDiagnostic } from "./pending-actions";
import type { Diagnostic, Lever, Model } from "../model/types";
import type { Results } from "./types";
import { type AnalysisSettings, DEFAULT_SETTINGS } from "./settings";
import { reviewActions } from "./actions";
import { chainedEffects } from "./chain";
import { fitDiagnostics } from "./diagnostics";
import { discover } from "./discovery";
import { goalShiftRows } from "./goal-shift";
import { selectGoals, summary } from "./goals";
import { estimateSensitivities } from "./estimate";
import { type EstimateSource, leverageRows, type LeverState } from "./leverage";
import { InfluenceCache, leverageUncertainty, type LeverageTerm } from "./leverage-uncertainty";
import { movementOf } from "./movement";
import { finiteOrNull, isPresent } from "./numeric";
import { alignmentRow, confidenceOf } from "./rag";

/** Settings with out-of-range values replaced by the defaults. */
export function sanitizeSettings(settings: Partial<AnalysisSettings>): AnalysisSettings {
  const s = { ...DEFAULT_SETTINGS, ...settings };
  const nonNegative = (v: number, d: number) => (Number.isFinite(v) && v >= 0 ? v : d);
  return {
    asOf: s.asOf !== null && Number.isFinite(s.asOf) ? s.asOf : null,
    movementWindow:
      Number.isFinite(s.movementWindow) && s.movementWindow >= 1
        ? Math.trunc(s.movementWindow)
        : DEFAULT_SETTINGS.movementWindow,
    ragThreshold: nonNegative(s.ragThreshold, DEFAULT_SETTINGS.ragThreshold),
    leverageThreshold: nonNegative(s.leverageThreshold, DEFAULT_SETTINGS.leverageThreshold),
    significanceLevel:
      Number.isFinite(s.significanceLevel) && s.significanceLevel > 0 && s.significanceLevel < 1
        ? s.significanceLevel
        : DEFAULT_SETTINGS.significanceLevel,
    minDegreesOfFreedom: Math.max(
      1,
      Math.trunc(nonNegative(s.minDegreesOfFreedom, DEFAULT_SETTINGS.minDegreesOfFreedom)),
    ),
    model:
      s.model === "levels" || s.model === "changes" || s.model === "auto" ? s.model : DEFAULT_SETTINGS.model,
    // Checked where it is used: the plan reports bad values as plan-invalid-* diagnostics.
    plan: { ...DEFAULT_SETTINGS.plan, ...s.plan },
  };
}

/** The value a lever's Min/Max are checked against: Current when the analysis is as of the latest data. */
export function leverValue(model: Model, lever: Lever, endIndex: number): number | null {
  const series = model.observations.series[lever.name] ?? [];
  let observed: number | null = null;
  for (let i = Math.min(endIndex, series.length - 1); i >= 0 && observed === null; i--) {
    const v = series[i];
    if (isPresent(v)) observed = v;
  }
  const latest = endIndex >= model.observations.periods.length - 1;
  const current = finiteOrNull(lever.current);
  return latest ? (current ?? observed) : (observed ?? current);
}

export function analyze(model: Model, settingsIn: Partial<AnalysisSettings> = DEFAULT_SETTINGS): Results {
  const settings = sanitizeSettings(settingsIn);
  const { observations } = model;
  const obsSheet = observations.sheet;
  const periods = observations.periods;
  const diagnostics: Diagnostic[] = [];
  const diag = (d: Omit<Diagnostic, "sheet" | "cell"> & Partial<Pick<Diagnostic, "sheet" | "cell">>) =>
    diagnostics.push({ sheet: d.sheet ?? null, cell: d.cell ?? null, ...d });

  const asOf = settings.asOf ?? (periods.length > 0 ? periods[periods.length - 1] : 0);
  let endIndex = -1;
  periods.forEach((p, i) => {
    if (p <= asOf) endIndex = i;
  });
  if (periods.length === 0) {
    diag({
      severity: "warning",
      code: "no-observations",
      sheet: obsSheet,
      message: "There are no observation periods, so no effects can be estimated.",
    });
  } else if (endIndex < 0) {
    diag({
      severity: "warning",
      code: "as-of-before-data",
      sheet: obsSheet,
      message:
        "The as-of date is before the first observation period, so no history is available for the analysis.",
    });
  }

  const leverNames = model.levers.map((l) => l.name);
  const metricNames = model.metrics.map((m) => m.name);
  const seriesOf = (name: string) => observations.series[name] ?? [];
  for (const name of [...leverNames, ...metricNames]) {
    if (!observations.series[name]) {
      diag({
        severity: "warning",
        code: "missing-series",
        sheet: obsSheet,
        message: `The Observations sheet has no column for ${name}.`,
      });
    }
  }
  const leverSeries = leverNames.map(seriesOf);
  const common = {
    endIndex,
    significanceLevel: settings.significanceLevel,
    minDegreesOfFreedom: settings.minDegreesOfFreedom,
    periods,
  };

  // 1. Sensitivities: each metric on all levers, in its form, honouring its lag.
  const estimates = estimateSensitivities(model, settings, endIndex, leverNames, leverSeries);
  const { fitsByMetric, sensitivities, fits } = estimates;
  diagnostics.push(...estimates.diagnostics);
  const elasticity = (lever: number, metric: string) =>
    fitsByMetric.get(metric)?.rows[lever]?.elasticity ?? null;

  // 2. Discovery (outcomes on KPIs, each outcome in its own form) and 3. chains.
  const kpis = model.metrics.filter((m) => m.layer === "Recruitment");
  const outcomes = model.metrics.filter((m) => m.layer === "Business");
  const toLagged = (m: Model["metrics"][number]) => ({
    name: m.name,
    lag: m.lag,
    values: seriesOf(m.name),
    form: estimates.decisions.get(m.name)?.form ?? "levels",
  });
  const discovery = discover(kpis.map(toLagged), outcomes.map(toLagged), common);
  if (kpis.length > 0) {
    diagnostics.push(
      ...fitDiagnostics(
        outcomes.map((o, i) => ({ target: o.name, fit: discovery.fits[i] })),
        kpis.map((k) => k.name),
        obsSheet,
        "KPI",
        "info",
        "KPI regressions",
      ),
    );
  }
  const chained = chainedEffects(
    leverNames,
    kpis.map((k) => k.name),
    outcomes.map((o) => o.name),
    leverNames.map((_, l) => kpis.map((k) => elasticity(l, k.name))),
    discovery.elasticities,
    leverNames.map((_, l) => outcomes.map((o) => elasticity(l, o.name))),
  );

  // 4. Goals in force at the as-of date.
  const goals = selectGoals(model.goalSets, asOf, new Set(metricNames));
  diagnostics.push(...goals.diagnostics);
  const currentSet = goals.current;

  // 5. Leverage from every estimate, with its interval (leverage-uncertainty.ts).
  const influence = new InfluenceCache();
  const source: EstimateSource = {
    effect: (lever, metric) => {
      const row = fitsByMetric.get(metric)?.rows[leverNames.indexOf(lever)];
      return row
        ? { elasticity: row.elasticity, significant: row.significant && row.elasticity !== null }
        : { elasticity: null, significant: false };
    },
    uncertainty: (lever, coefficients) => {
      const terms: LeverageTerm[] = [];
      coefficients.forEach((coefficient, metric) => {
        const fit = fitsByMetric.get(metric);
        if (fit) terms.push({ metric, fit, coefficient });
      });
      return leverageUncertainty(leverNames.indexOf(lever), terms, influence);
    },
  };
  const states: LeverState[] = model.levers.map((l) => ({
    name: l.name,
    value: leverValue(model, l, endIndex),
    min: finiteOrNull(l.min),
    max: finiteOrNull(l.max),
  }));
  const leverage = leverageRows(
    states,
    goals.currentGoals,
    goals.previousGoals,
    source,
    settings.leverageThreshold,
  );

  // 6. Movement and RAG.
  const alignment = model.levers.map((lever, l) => {
    const move = movementOf(leverSeries[l], endIndex, settings.movementWindow, {
      min: finiteOrNull(lever.min),
      max: finiteOrNull(lever.max),
    });
    if (move.basis === "range") {
      diag({
        severity: "info",
        code: "movement-range",
        sheet: lever.source.sheet,
        cell: lever.source.cell,
        message: `${lever.name} averaged 0 in the earlier window, so its movement is measured against its range instead of its earlier level.`,
      });
    }
    const lev = leverage[l];
    return alignmentRow(lev, move.value, settings.ragThreshold, confidenceOf(lev, move.value));
  });

  // 7. Goal shift and action review.
  const goalShift = goalShiftRows(leverage);
  // Requests dated after the last period analysed: reviewed, but not yet measurable (pending-actions.ts).
  const pending = pendingActions(model.actions, observations, endIndex);
  const pendingNote = pendingActionsDiagnostic(pending);
  if (pendingNote) diagnostics.push(pendingNote);
  const actions = reviewActions(model.actions, {
    observations,
    levers: model.levers,
    leverage,
    lags: new Map(model.metrics.map((m) => [m.name, m.lag])),
    currentGoals: currentSet?.goals ?? null,
    currentGoalsFrom: currentSet?.effectiveFrom ?? null,
    previousGoalsFrom: goals.previous?.effectiveFrom ?? null,
    endIndex,
    window: settings.movementWindow,
  });

  return {
    asOf,
    currentGoals: summary(currentSet),
    previousGoals: summary(goals.previous),
    levers: leverNames,
    metrics: metricNames,
    sensitivities,
    fits,
    chained,
    discovery: discovery.links,
    leverage,
    alignment,
    goalShift,
    actions: markPending(actions, pending),
    diagnostics,
  };
}
