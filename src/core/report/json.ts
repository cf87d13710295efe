/**
 * The machine-readable form of the results (`rpo-align analyze --json`). Documented in docs/json.md;
 * its shape is a public contract: add fields, never rename or remove them.
 */
import type { PlanResult } from "../plan/types";
import type { MetricModel, ModelEvidence, Sensitivity } from "../alignment/types";
import type { AnalysisResults } from "../results";
import type { Diagnostic } from "../model/types";
import { serialToIso } from "../dates";

/**
 * 2: sensitivities may come from a differenced model (fits[].model says which); new fields qValue,
 * fits[].model/evidence/gapsDropped, leverage[].stdError/ciLow/ciHigh/holdReason,
 * alignment[].confidence, actions[].reason. Every version-1 field keeps its name (docs/json.md).
 */
export const JSON_SCHEMA_VERSION = 2;

export interface ResultsJson {
  schemaVersion: number;
  asOf: string | null;
  levers: string[];
  metrics: string[];
  /** One per lever × metric, exactly the fields of the Sensitivity sheet (alignment/types.ts). */
  sensitivities: Sensitivity[];
  fits: {
    metric: string;
    n: number;
    r2: number | null;
    method: string;
    warnings: string[];
    /** Added in 2: the form fitted, the evidence that chose it, changes lost to gaps. */
    model: MetricModel;
    evidence: ModelEvidence;
    gapsDropped: number;
  }[];
  leverage: {
    lever: string;
    current: number;
    previous: number | null;
    directionCurrent: string;
    directionPrevious: string | null;
    /** Added in 2. */
    stdError: number | null;
    ciLow: number | null;
    ciHigh: number | null;
    holdReason: string | null;
  }[];
  alignment: {
    lever: string;
    score: number;
    movement: number | null;
    rag: string;
    direction: string;
    /** Added in 2. */
    confidence: string;
  }[];
  goalShift: {
    lever: string;
    previousDirection: string | null;
    currentDirection: string;
    changed: boolean;
  }[];
  actions: {
    date: string;
    lever: string;
    requestedBy: string;
    verdict: string;
    /** Added in 2: why the verdict (the Action Review sheet's Reason). */
    reason: string;
    measured: { metric: string; before: number | null; after: number | null; change: number | null }[] | null;
  }[];
  diagnostics: {
    severity: string;
    sheet: string | null;
    cell: string | null;
    message: string;
    code: string;
  }[];
  /** The lever plan and scenarios (docs/json.md); null when no plan was made. Added in 1 (additive). */
  plan: PlanResult | null;
}

export function diagnosticsToJson(diagnostics: Diagnostic[]): ResultsJson["diagnostics"] {
  return diagnostics.map((d) => ({
    severity: d.severity,
    sheet: d.sheet,
    cell: d.cell,
    message: d.message,
    code: d.code,
  }));
}

/** Results → JSON object. With `results` null (the workbook had errors) only diagnostics are filled. */
export function resultsToJson(results: AnalysisResults | null, diagnostics: Diagnostic[]): ResultsJson {
  if (!results) {
    return {
      schemaVersion: JSON_SCHEMA_VERSION,
      asOf: null,
      levers: [],
      metrics: [],
      sensitivities: [],
      fits: [],
      leverage: [],
      alignment: [],
      goalShift: [],
      actions: [],
      diagnostics: diagnosticsToJson(diagnostics),
      plan: null,
    };
  }
  return {
    schemaVersion: JSON_SCHEMA_VERSION,
    asOf: serialToIso(results.asOf),
    levers: [...results.levers],
    metrics: [...results.metrics],
    sensitivities: results.sensitivities.map((s) => ({ ...s })),
    fits: results.fits.map((f) => ({
      metric: f.metric,
      n: f.n,
      r2: f.r2,
      method: f.method,
      warnings: [...f.warnings],
      model: f.model,
      evidence: {
        ...f.evidence,
        tests: f.evidence.tests.map((t) => ({ ...t })),
        ...(f.evidence.levers ? { levers: { ...f.evidence.levers } } : {}),
      },
      gapsDropped: f.gapsDropped,
    })),
    leverage: results.leverage.map((l) => ({
      lever: l.lever,
      current: l.current,
      previous: l.previous,
      directionCurrent: l.directionCurrent,
      directionPrevious: l.directionPrevious,
      stdError: l.stdError,
      ciLow: l.ciLow,
      ciHigh: l.ciHigh,
      holdReason: l.holdReason,
    })),
    alignment: results.alignment.map((a) => ({
      lever: a.lever,
      score: a.score,
      movement: a.movement,
      rag: a.rag,
      direction: a.direction,
      confidence: a.confidence,
    })),
    goalShift: results.goalShift.map((g) => ({
      lever: g.lever,
      previousDirection: g.previousDirection,
      currentDirection: g.currentDirection,
      changed: g.changed,
    })),
    actions: results.actions.map((a) => ({
      date: serialToIso(a.date),
      lever: a.lever,
      requestedBy: a.requestedBy,
      verdict: a.verdict,
      reason: a.reason,
      measured: a.measured
        ? a.measured.map((m) => ({ metric: m.metric, before: m.before, after: m.after, change: m.change }))
        : null,
    })),
    diagnostics: diagnosticsToJson(diagnostics),
    plan: results.plan ?? null,
  };
}
