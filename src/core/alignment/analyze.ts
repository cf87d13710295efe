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

/** What every step of the analysis reads: the model, the settings and the window of history analysed. */
interface AnalysisFrame {
  model: Model;
  settings: AnalysisSettings;
  /** The as-of date (serial) and the index of the last period on or before it (-1: none). */
  asOf: number;
  endIndex: number;
  leverNames: string[];
  metricNames: string[];
  leverSeries: (number | null)[][];
  seriesOf: (name: string) => (number | null)[];
  diagnostics: Diagnostic[];
  diag: (d: Omit<Diagnostic, "sheet" | "cell"> & Partial<Pick<Diagnostic, "sheet" | "cell">>) => void;
}

/**
 * Model + settings → Results, in the steps of docs/method.md: 1. sensitivities, 2. discovery and
 * 3. chains, 4. goals in force, 5. leverage, 6. movement and RAG, 7. goal shift and action review.
 */
export function analyze(model: Model, settingsIn: Partial<AnalysisSettings> = DEFAULT_SETTINGS): Results {
  const frame = frameOf(model, sanitizeSettings(settingsIn));
  const { asOf, leverNames, metricNames, diagnostics } = frame;

  // 1. Sensitivities: each metric on all levers, in its form, honouring its lag.
  const estimates = estimateSensitivities(
    model,
    frame.settings,
    frame.endIndex,
    leverNames,
    frame.leverSeries,
  );
  diagnostics.push(...estimates.diagnostics);
  const { discovery, chained } = discoverAndChain(frame, estimates);

  // 4. Goals in force at the as-of date.
  const goals = selectGoals(model.goalSets, asOf, new Set(metricNames));
  diagnostics.push(...goals.diagnostics);

  const leverage = leverageOf(frame, estimates.fitsByMetric, goals);
  const alignment = alignmentOf(frame, leverage);
  const actions = reviewOf(frame, leverage, goals);

  return {
    asOf,
    currentGoals: summary(goals.current),
    previousGoals: summary(goals.previous),
    levers: leverNames,
    metrics: metricNames,
    sensitivities: estimates.sensitivities,
    fits: estimates.fits,
    chained,
    discovery: discovery.links,
    leverage,
    alignment,
    goalShift: goalShiftRows(leverage),
    actions,
    diagnostics,
  };
}

/** The history analysed (up to the as-of date) and the series by name, with warnings for what is missing. */
function frameOf(model: Model, settings: AnalysisSettings): AnalysisFrame {
  const { observations } = model;
  const obsSheet = observations.sheet;
  const periods = observations.periods;
  const diagnostics: Diagnostic[] = [];
  const diag: AnalysisFrame["diag"] = (d) =>
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
  return {
    model,
    settings,
    asOf,
    endIndex,
    leverNames,
    metricNames,
    leverSeries: leverNames.map(seriesOf),
    seriesOf,
    diagnostics,
    diag,
  };
}

type Estimates = ReturnType<typeof estimateSensitivities>;

/** 2. Discovery (outcomes on KPIs, each outcome in its own form) and 3. chains lever → KPI → outcome. */
function discoverAndChain(frame: AnalysisFrame, estimates: Estimates) {
  const { model, settings, leverNames, seriesOf } = frame;
  const elasticity = (lever: number, metric: string) =>
    estimates.fitsByMetric.get(metric)?.rows[lever]?.elasticity ?? null;
  const kpis = model.metrics.filter((m) => m.layer === "Recruitment");
  const outcomes = model.metrics.filter((m) => m.layer === "Business");
  const toLagged = (m: Model["metrics"][number]) => ({
    name: m.name,
    lag: m.lag,
    values: seriesOf(m.name),
    form: estimates.decisions.get(m.name)?.form ?? "levels",
  });
  const discovery = discover(kpis.map(toLagged), outcomes.map(toLagged), {
    endIndex: frame.endIndex,
    significanceLevel: settings.significanceLevel,
    minDegreesOfFreedom: settings.minDegreesOfFreedom,
    periods: model.observations.periods,
  });
  if (kpis.length > 0) {
    frame.diagnostics.push(
      ...fitDiagnostics(
        outcomes.map((o, i) => ({ target: o.name, fit: discovery.fits[i] })),
        kpis.map((k) => k.name),
        model.observations.sheet,
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
  return { discovery, chained };
}

/** 5. Goal leverage of every lever from every estimate, with its interval (leverage-uncertainty.ts). */
function leverageOf(
  frame: AnalysisFrame,
  fitsByMetric: Estimates["fitsByMetric"],
  goals: ReturnType<typeof selectGoals>,
) {
  const { model, leverNames } = frame;
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
    value: leverValue(model, l, frame.endIndex),
    min: finiteOrNull(l.min),
    max: finiteOrNull(l.max),
  }));
  return leverageRows(
    states,
    goals.currentGoals,
    goals.previousGoals,
    source,
    frame.settings.leverageThreshold,
  );
}

/** 6. Each lever's recent movement against its recommendation: the RAG of the Alignment sheet. */
function alignmentOf(frame: AnalysisFrame, leverage: ReturnType<typeof leverageRows>) {
  const { settings } = frame;
  return frame.model.levers.map((lever, l) => {
    const move = movementOf(frame.leverSeries[l], frame.endIndex, settings.movementWindow, {
      min: finiteOrNull(lever.min),
      max: finiteOrNull(lever.max),
    });
    if (move.basis === "range") {
      frame.diag({
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
}

/**
 * 7. The SPOCs' requests reviewed against the recommendations; requests dated after the last period
 * analysed are reviewed but not yet measurable (pending-actions.ts).
 */
function reviewOf(
  frame: AnalysisFrame,
  leverage: ReturnType<typeof leverageRows>,
  goals: ReturnType<typeof selectGoals>,
) {
  const { model, endIndex } = frame;
  const pending = pendingActions(model.actions, model.observations, endIndex);
  const pendingNote = pendingActionsDiagnostic(pending);
  if (pendingNote) frame.diagnostics.push(pendingNote);
  const actions = reviewActions(model.actions, {
    observations: model.observations,
    levers: model.levers,
    leverage,
    lags: new Map(model.metrics.map((m) => [m.name, m.lag])),
    currentGoals: goals.current?.goals ?? null,
    currentGoalsFrom: goals.current?.effectiveFrom ?? null,
    previousGoalsFrom: goals.previous?.effectiveFrom ?? null,
    endIndex,
    window: frame.settings.movementWindow,
  });
  return markPending(actions, pending);
}
