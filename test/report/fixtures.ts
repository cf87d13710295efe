/** Hand-built Results for the report tests (numbers chosen to exercise every colour rule). */
import type { Results, Sensitivity } from "../../src/core/alignment/types";
import { DEFAULT_SETTINGS } from "../../src/core/alignment/settings";
import type { ReportOptions } from "../../src/core/report/build";
import type { CellStyle, SheetSpec } from "../../src/core/report/spec";
import { dateToSerial } from "../../src/core/report/format";

export const EVIL = '=HYPERLINK("x")';
export const AS_OF = dateToSerial(2025, 6, 1);

function sens(lever: string, metric: string, elasticity: number | null, significant: boolean): Sensitivity {
  return {
    lever,
    metric,
    coefficient: elasticity,
    elasticity,
    standardized: elasticity,
    stdError: 0.01,
    pValue: significant ? 0.001 : 0.4,
    ciLow: null,
    ciHigh: null,
    significant,
  };
}

export function makeResults(overrides: Partial<Results> = {}): Results {
  const levers = ["Recruiters (FTE)", "Agency share", EVIL];
  const metrics = ["Time to fill", "Quality of hire", "Business attrition"];
  return {
    asOf: AS_OF,
    previousGoals: {
      effectiveFrom: dateToSerial(2021, 1, 1),
      goals: [{ goal: "Faster hiring", metric: "Time to fill", direction: "Decrease", weight: 1 }],
    },
    currentGoals: {
      effectiveFrom: dateToSerial(2024, 9, 1),
      goals: [
        { goal: "Retention", metric: "Business attrition", direction: "Decrease", weight: 0.6 },
        { goal: "Hire quality", metric: "Quality of hire", direction: "Increase", weight: 0.4 },
      ],
    },
    levers,
    metrics,
    sensitivities: [
      // Time to fill (Lower is better): negative helps.
      sens("Recruiters (FTE)", "Time to fill", -0.6, true), // very strong help
      sens("Agency share", "Time to fill", -0.03, true), // slight help
      sens(EVIL, "Time to fill", 0.1, false), // muted
      // Quality of hire (Higher is better).
      sens("Recruiters (FTE)", "Quality of hire", 0.1, true), // moderate help
      sens("Agency share", "Quality of hire", -0.3, true), // strong harm
      sens(EVIL, "Quality of hire", null, false), // n/a
      // Business attrition (Lower is better).
      sens("Recruiters (FTE)", "Business attrition", 0.02, false),
      sens("Agency share", "Business attrition", 0.25, true), // strong harm
      sens(EVIL, "Business attrition", -0.07, true), // moderate help
    ],
    fits: [
      {
        metric: "Time to fill",
        layer: "Recruitment",
        lag: 0,
        n: 54,
        r2: 0.91,
        method: "ols",
        warnings: [],
        model: "log-changes",
        evidence: {
          requested: "auto",
          tests: [
            { test: "ADF", statistic: -1.2, pValue: 0.67, lags: 1, n: 52 },
            { test: "KPSS", statistic: 0.9, pValue: 0.01, lags: 4, n: 54 },
          ],
          seasonal: false,
          reason: "changes: ADF cannot reject a unit root (p 0.67)",
        },
        gapsDropped: 0,
      },
      {
        metric: "Quality of hire",
        layer: "Recruitment",
        lag: 0,
        n: 54,
        r2: 0.8,
        method: "ols",
        warnings: [],
        model: "levels",
        evidence: {
          requested: "auto",
          tests: [
            { test: "ADF", statistic: -4.2, pValue: 0.0007, lags: 0, n: 53 },
            { test: "KPSS", statistic: 0.2, pValue: 0.1, lags: 3, n: 54 },
          ],
          seasonal: true,
          reason: "levels: stationary by both tests",
        },
        gapsDropped: 0,
      },
      {
        metric: "Business attrition",
        layer: "Business",
        lag: 2,
        n: 52,
        r2: null,
        method: "insufficient",
        model: "relative-changes",
        evidence: {
          requested: "auto",
          tests: [],
          seasonal: false,
          reason: "changes: 12 values are too few to test",
        },
        gapsDropped: 2,
        warnings: ["too few rows"],
      },
    ],
    chained: [
      {
        lever: "Agency share",
        outcome: "Business attrition",
        direct: 0.25,
        chained: 0.2,
        via: [{ kpi: "Quality of hire", contribution: 0.2 }],
      },
      { lever: EVIL, outcome: "Business attrition", direct: null, chained: -0.01, via: [] },
    ],
    discovery: [
      {
        kpi: "Quality of hire",
        outcome: "Business attrition",
        elasticity: -0.7,
        pValue: 0.0001,
        significant: true,
        n: 52,
        r2: 0.6,
      },
      {
        kpi: "Time to fill",
        outcome: "Business attrition",
        elasticity: 0.01,
        pValue: 0.8,
        significant: false,
        n: 52,
        r2: 0.6,
      },
    ],
    leverage: [
      {
        lever: "Recruiters (FTE)",
        current: 0.05,
        previous: 0.6,
        directionCurrent: "increase",
        directionPrevious: "increase",
        boundNote: null,
        stdError: 0.02,
        ciLow: 0.01,
        ciHigh: 0.09,
        holdReason: null,
        supported: true,
        effects: [
          {
            metric: "Business attrition",
            direction: "Decrease",
            weight: 0.6,
            changeFor10Pct: 0.002,
            significant: false,
          },
          {
            metric: "Quality of hire",
            direction: "Increase",
            weight: 0.4,
            changeFor10Pct: 0.01,
            significant: true,
          },
        ],
      },
      {
        lever: "Agency share",
        current: -0.27,
        previous: 0.03,
        directionCurrent: "decrease",
        directionPrevious: "increase",
        boundNote: null,
        stdError: 0.02,
        ciLow: -0.35,
        ciHigh: -0.19,
        holdReason: null,
        supported: true,
        effects: [
          {
            metric: "Business attrition",
            direction: "Decrease",
            weight: 0.6,
            changeFor10Pct: 0.025,
            significant: true,
          },
          {
            metric: "Quality of hire",
            direction: "Increase",
            weight: 0.4,
            changeFor10Pct: -0.03,
            significant: true,
          },
        ],
      },
      {
        lever: EVIL,
        current: 0.12,
        previous: null,
        directionCurrent: "hold",
        directionPrevious: null,
        boundNote: "at its maximum",
        stdError: 0.2,
        ciLow: -0.3,
        ciHigh: 0.5,
        holdReason: "at its maximum",
        supported: false,
        effects: [
          {
            metric: "Business attrition",
            direction: "Decrease",
            weight: 0.6,
            changeFor10Pct: -0.007,
            significant: true,
          },
          {
            metric: "Quality of hire",
            direction: "Increase",
            weight: 0.4,
            changeFor10Pct: null,
            significant: false,
          },
        ],
      },
    ],
    alignment: [
      {
        lever: "Recruiters (FTE)",
        score: 0,
        movement: 0,
        rag: "amber",
        direction: "increase",
        confidence: "high",
      },
      {
        lever: "Agency share",
        score: -0.054,
        movement: 0.2,
        rag: "red",
        direction: "decrease",
        confidence: "high",
      },
      { lever: EVIL, score: 0.0042, movement: 0.1, rag: "green", direction: "hold", confidence: "low" },
    ],
    goalShift: [
      {
        lever: "Recruiters (FTE)",
        previousLeverage: 0.6,
        currentLeverage: 0.05,
        previousDirection: "increase",
        currentDirection: "increase",
        changed: false,
      },
      {
        lever: "Agency share",
        previousLeverage: 0.03,
        currentLeverage: -0.27,
        previousDirection: "increase",
        currentDirection: "decrease",
        changed: true,
      },
      {
        lever: EVIL,
        previousLeverage: null,
        currentLeverage: 0.12,
        previousDirection: null,
        currentDirection: "hold",
        changed: false,
      },
    ],
    actions: [
      {
        date: dateToSerial(2025, 5, 1),
        lever: "Agency share",
        newValue: 0.3,
        requestedBy: "Finance SPOC – A. Patel",
        rationale: "Fill faster",
        move: "increase",
        verdict: "conflict",
        reason: "Raising agency share raises business attrition.",
        measured: null,
      },
      {
        date: dateToSerial(2023, 3, 1),
        lever: "Recruiters (FTE)",
        newValue: 14,
        requestedBy: "=cmd|' /C calc'!A0",
        rationale: "More capacity",
        move: "increase",
        verdict: "aligned",
        reason: "Raising recruiters helps quality of hire.",
        measured: [
          { metric: "Business attrition", before: 0.2, after: 0.19, change: -0.05, towardsGoal: true },
          { metric: "Quality of hire", before: 3.5, after: 3.4, change: -0.0286, towardsGoal: false },
          { metric: "Time to fill", before: 40, after: 38, change: -0.05, towardsGoal: null },
        ],
      },
      {
        date: dateToSerial(2024, 1, 1),
        lever: EVIL,
        newValue: null,
        requestedBy: "",
        rationale: "",
        move: "hold",
        verdict: "neutral",
        reason: "No move requested.",
        measured: [],
      },
    ],
    diagnostics: [
      {
        severity: "warning",
        code: "gap",
        sheet: "Observations",
        cell: "A12",
        message: "A month is missing.",
      },
    ],
    ...overrides,
  };
}

export function makeOptions(overrides: Partial<ReportOptions> = {}): ReportOptions {
  return {
    runStamp: "2025-06-02T09:30:00Z",
    history: null,
    settings: { ...DEFAULT_SETTINGS },
    toolVersion: "0.1.0",
    model: {
      levers: [
        { name: "Recruiters (FTE)", category: "Capacity", unit: "FTE", current: 14, min: 8, max: 20 },
        {
          name: "Agency share",
          category: "Sourcing mix",
          unit: "% of hires",
          current: 0.3,
          min: 0.05,
          max: 0.45,
        },
        { name: EVIL, category: "Odd", unit: "x", current: 1, min: 0, max: 1 },
      ],
      metrics: [
        { name: "Time to fill", layer: "Recruitment", unit: "days", better: "Lower", lag: 0 },
        { name: "Quality of hire", layer: "Recruitment", unit: "score", better: "Higher", lag: 0 },
        { name: "Business attrition", layer: "Business", unit: "%", better: "Lower", lag: 2 },
      ],
    },
    ...overrides,
  };
}

/** The style a cell ends up with: runs applied in order, later properties winning. */
export function effectiveStyle(spec: SheetSpec, row: number, col: number): CellStyle {
  const style: CellStyle = {};
  for (const run of spec.styles) {
    const r = run.range;
    if (row >= r.row && row <= r.rowEnd && col >= r.col && col <= r.colEnd) Object.assign(style, run.style);
  }
  return style;
}

/** [row, col] of the first cell whose value equals `value` (optionally in one column). */
export function findCell(spec: SheetSpec, value: unknown, col?: number): [number, number] {
  for (let r = 0; r < spec.values.length; r++) {
    const line = spec.values[r];
    for (let c = 0; c < line.length; c++) {
      if ((col === undefined || c === col) && line[c] === value) return [r, c];
    }
  }
  throw new Error(`value ${String(value)} not found in ${spec.name}`);
}

export function sheet(specs: SheetSpec[], name: string): SheetSpec {
  const s = specs.find((x) => x.name === name);
  if (!s) throw new Error(`no sheet ${name}`);
  return s;
}
