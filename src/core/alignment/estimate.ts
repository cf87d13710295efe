/**
 * Step 1 of the analysis: each metric regressed on all levers, in the form chosen for it
 * (model-choice.ts), honouring its lag; the lag check; Benjamini–Hochberg q-values over the family of
 * lever → metric tests; and the diagnostics that say what the data allowed.
 */
import type { Diagnostic, Model } from "../model/types";
import { benjaminiHochberg } from "../stats/multiple-testing";
import { fitDiagnostics } from "./diagnostics";
import { checkLag } from "./lag-check";
import type { Series } from "./lag";
import { autoModel, fixedModel, leverStationarity, type ModelDecision, trendTests } from "./model-choice";
import { sensitivityOf, type SensitivityFit, type SensitivityOptions } from "./sensitivity";
import type { AnalysisSettings } from "./settings";
import type { LeverStationarity, MetricFit, ModelChoice, Sensitivity } from "./types";

export interface Estimates {
  fitsByMetric: Map<string, SensitivityFit>;
  decisions: Map<string, ModelDecision>;
  sensitivities: Sensitivity[];
  fits: MetricFit[];
  diagnostics: Diagnostic[];
}

/**
 * One metric's regression on the levers in the model asked for: `auto` decides by the rule of
 * model-choice.ts (its levels fit is reused when levels win). Shared by the sheets and
 * =RPO.SENSITIVITY's `model` argument, so both give the same numbers.
 */
export function fitInModel(
  target: Series,
  columns: readonly Series[],
  lag: number,
  options: SensitivityOptions,
  choice: ModelChoice,
  /** auto: the levers' stationarity when the caller has it (estimateSensitivities: once per analysis). */
  levers?: LeverStationarity,
): { fit: SensitivityFit; decision: ModelDecision } {
  const fitIn = (d: ModelDecision) =>
    sensitivityOf(target, columns, lag, { ...options, form: d.form, seasons: d.seasons });
  if (choice !== "auto") {
    const decision = fixedModel(choice);
    return { fit: fitIn(decision), decision };
  }
  const levelsFit = fitIn({ ...fixedModel("levels"), seasons: "test" });
  const endIndex = options.endIndex ?? target.length - 1;
  const decision = autoModel(
    levelsFit,
    trendTests(
      target,
      endIndex,
      // Season means come out of the trend tests when the levels fit found a season pattern.
      levelsFit.seasonal ? options.periods : undefined,
    ),
    levers ?? leverStationarity(columns, endIndex),
  );
  return { fit: decision.form === "levels" ? levelsFit : fitIn(decision), decision };
}

export function estimateSensitivities(
  model: Model,
  settings: AnalysisSettings,
  endIndex: number,
  leverNames: readonly string[],
  leverSeries: readonly Series[],
): Estimates {
  const { observations } = model;
  const seriesOf = (name: string) => observations.series[name] ?? [];
  const diagnostics: Diagnostic[] = [];
  const fitsByMetric = new Map<string, SensitivityFit>();
  const decisions = new Map<string, ModelDecision>();
  const sensitivities: Sensitivity[] = [];
  const fits: MetricFit[] = [];
  const common = {
    endIndex,
    significanceLevel: settings.significanceLevel,
    minDegreesOfFreedom: settings.minDegreesOfFreedom,
    periods: observations.periods,
  };

  // The levers' stationarity (auto's first condition) is the same for every metric: test it once.
  let leverEvidence: LeverStationarity | undefined;
  const levers = () =>
    settings.model === "auto" ? (leverEvidence ??= leverStationarity(leverSeries, endIndex)) : undefined;

  for (const metric of model.metrics) {
    const options = { ...common, names: leverNames, targetName: metric.name };
    const fitIn = (d: ModelDecision) =>
      sensitivityOf(seriesOf(metric.name), leverSeries, metric.lag, {
        ...options,
        form: d.form,
        seasons: d.seasons,
      });
    let { fit, decision } = fitInModel(
      seriesOf(metric.name),
      leverSeries,
      metric.lag,
      options,
      settings.model,
      levers(),
    );
    if (settings.model === "auto" && fit.method === "insufficient" && decision.form === "changes") {
      // Too few changes (gaps, a short history): levels may still be estimable. Say what was done.
      const levels: ModelDecision = {
        form: "levels",
        seasons: "test",
        evidence: {
          ...decision.evidence,
          reason: `levels, because changes left too little data (${decision.evidence.reason})`,
        },
      };
      const fallback = fitIn(levels);
      if (fallback.method === "ols") {
        diagnostics.push({
          severity: "warning",
          code: "model-fallback",
          sheet: metric.source.sheet,
          cell: metric.source.cell,
          message: `${metric.name} has too few consecutive periods to fit in changes, so it was fitted in levels; its effects may reflect shared trends rather than cause and effect. Fill the gaps in its Observations column for a safer estimate.`,
        });
        decision = levels;
        fit = fallback;
      }
    }
    decision.evidence.seasonal = fit.seasonal;
    fitsByMetric.set(metric.name, fit);
    decisions.set(metric.name, decision);
    fit.rows.forEach((row, l) => sensitivities.push({ lever: leverNames[l], metric: metric.name, ...row }));
    fits.push({
      metric: metric.name,
      layer: metric.layer,
      lag: metric.lag,
      n: fit.n,
      r2: fit.r2,
      method: fit.method,
      warnings: fit.warnings,
      model: fit.model,
      evidence: decision.evidence,
      gapsDropped: fit.gapsDropped,
    });
    if (fit.gapsDropped > 0) {
      diagnostics.push({
        severity: "info",
        code: "gaps-dropped",
        sheet: observations.sheet,
        cell: null,
        message: `${fit.gapsDropped} change(s) of ${metric.name} were left out because the period before was missing: a change is never taken across a gap.`,
      });
    }
    const suggestion = checkLag(seriesOf(metric.name), leverSeries, metric.lag, fit, {
      ...common,
      form: decision.form,
    });
    if (suggestion) {
      diagnostics.push({
        severity: "info",
        code: "lag-check",
        sheet: metric.source.sheet,
        cell: metric.source.cell,
        message: `${metric.name} fits the levers clearly better with a lag of ${suggestion.best} (adjusted R² ${suggestion.bestAdjustedR2.toFixed(2)}) than with its declared lag of ${suggestion.declared} (${suggestion.declaredAdjustedR2.toFixed(2)}). Check its Lag on the Metrics sheet.`,
      });
    }
  }

  // The family: every lever → metric test of this analysis (docs/method.md §3).
  const q = benjaminiHochberg(sensitivities.map((s) => s.pValue));
  sensitivities.forEach((s, i) => {
    s.qValue = q[i];
  });

  diagnostics.push(
    ...fitDiagnostics(
      model.metrics.map((m) => ({ target: m.name, fit: fitsByMetric.get(m.name) as SensitivityFit })),
      leverNames,
      observations.sheet,
      "Lever",
      "warning",
      "regressions",
    ),
  );
  return { fitsByMetric, decisions, sensitivities, fits, diagnostics };
}
