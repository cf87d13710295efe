/**
 * The Summary as a one-page story: one type per column within each block, the alignment-over-time
 * chart (from the second run, beside its table, never over text), the moves that matter with their
 * goal-score effect, and one printed page at a readable scale for engagements up to 12 levers.
 */
import type { ActionReview, Alignment, Leverage, Results } from "../../src/core/alignment/types";
import type { CellValue, RawSheet } from "../../src/core/model/raw";
import { buildReport } from "../../src/core/report/build";
import { makeContext } from "../../src/core/report/context";
import { keyMoves, listWithin } from "../../src/core/report/summary";
import { runAnalysis } from "../../src/core/pipeline";
import { sampleRawWorkbook } from "../../src/core/sample/template";
import { loadHighsSolver } from "../../src/hosts/lp/highs";
import { dateToSerial, FORMAT } from "../../src/core/report/format";
import { onePageScale, printScale } from "../../src/core/report/grid";
import { HEADER } from "../../src/core/report/palette";
import { MIN_PRINT_SCALE, type LineChartSpec, type SheetSpec } from "../../src/core/report/spec";
import { createWorkbook } from "../../src/hosts/xlsx";
import { AS_OF, effectiveStyle, findCell, makeOptions, makeResults, sheet } from "./fixtures";
import { unzipText } from "../xlsx/helpers";

const METRICS = ["Business attrition", "Quality of hire", "Time to fill"];
const RAGS = ["green", "amber", "red"] as const;

/** A busy engagement: 12 levers, every one's direction changed, 9 requests (7 in conflict), 5 data warnings. */
function twelveLevers(): Results {
  const base = makeResults();
  // The sample's seven levers and five more from the simulated engagements' template.
  const levers = [
    "Recruiters",
    "Recruiter quality",
    "Screening capacity",
    "Interview scheduling capacity",
    "Referral share",
    "Agency share",
    "Work days per week",
    "Sourcing budget",
    "Referral bonus",
    "Assessment hours",
    "Employer-brand spend",
    "Agency hires",
  ];
  const leverage: Leverage[] = levers.map((lever, i) => ({
    lever,
    current: (i % 2 ? -1 : 1) * (0.05 + i * 0.03),
    previous: (i % 2 ? 1 : -1) * 0.1,
    directionCurrent: i % 3 === 2 ? "hold" : i % 2 ? "decrease" : "increase",
    directionPrevious: i % 2 ? "increase" : "decrease",
    boundNote: null,
    stdError: 0.02,
    ciLow: -0.5,
    ciHigh: 0.5,
    holdReason: i % 3 === 2 ? "effect unclear" : null,
    supported: i % 4 !== 3,
    effects: METRICS.slice(0, 2).map((metric, k) => ({
      metric,
      direction: k === 0 ? ("Decrease" as const) : ("Increase" as const),
      weight: k === 0 ? 0.6 : 0.4,
      changeFor10Pct: (k === 0 ? -1 : 1) * (i % 2 ? -1 : 1) * 0.004 * (i + 1),
      significant: true,
    })),
  }));
  const alignment: Alignment[] = levers.map((lever, i) => ({
    lever,
    score: 0.01,
    movement: 0.05,
    rag: RAGS[i % 3],
    direction: leverage[i].directionCurrent,
    confidence: (["high", "medium", "low"] as const)[i % 3],
  }));
  const actions: ActionReview[] = levers.slice(0, 9).map((lever, i) => ({
    date: dateToSerial(2024, 1 + i, 1),
    lever,
    newValue: 10 + i,
    requestedBy: i % 2 ? "Hiring Manager SPOC – R. Okafor" : "Finance SPOC – A. Patel",
    rationale: "Use agencies for more roles so open positions fill faster",
    move: "increase",
    verdict: i < 7 ? "conflict" : "aligned",
    reason: "Works against the goals.",
    measured: null,
  }));
  return {
    ...base,
    levers,
    leverage,
    alignment,
    goalShift: levers.map((lever, i) => ({
      lever,
      previousLeverage: leverage[i].previous,
      currentLeverage: leverage[i].current,
      previousDirection: leverage[i].directionPrevious,
      currentDirection: leverage[i].directionCurrent,
      changed: true,
    })),
    actions,
    diagnostics: Array.from({ length: 5 }, (_, i) => ({
      severity: "warning" as const,
      code: "gap",
      message: `Observations has no row for a month between two periods (${i + 1}); the changes across it are dropped.`,
      sheet: "Observations",
      cell: `A${10 + i}`,
    })),
  };
}

/** A previous Alignment History sheet with one row every 30 days before the as-of date. */
function history(runs: number): RawSheet {
  const values: CellValue[][] = [["As of", "Run stamp", "Green", "Amber", "Red", "Overall score"]];
  for (let k = runs; k >= 1; k--) {
    const green = k % 4;
    values.push([AS_OF - 30 * k, "2025-01-01T09:00:00Z", green, 1, 3 - green, (green - (3 - green)) / 4]);
  }
  return { name: "Alignment History", values, originRow: 0, originCol: 0 };
}

const summaryOf = (results: Results, runs = 0) =>
  sheet(buildReport(results, makeOptions({ history: runs > 0 ? history(runs) : null })), "Summary");

/** Rows whose first cell carries the header fill: where each block starts. */
function blockStarts(s: SheetSpec): number[] {
  return s.values.map((_, r) => r).filter((r) => effectiveStyle(s, r, 0).fill === HEADER.fill);
}

/** The kind of a cell as a reader sees it: text, a date, a percentage or a plain number. */
function kindOf(s: SheetSpec, r: number, c: number): string | null {
  const v = s.values[r]?.[c];
  if (v === null || v === undefined || v === "") return null;
  if (typeof v === "string") return "text";
  if (typeof v === "number") {
    const f = effectiveStyle(s, r, c).numberFormat ?? "General";
    if (/[dmy]/.test(f)) return "date";
    if (f.includes("%")) return "percent";
    return "number";
  }
  return typeof v;
}

function chartCellsAreEmpty(s: SheetSpec): void {
  for (const chart of s.charts)
    for (let r = chart.anchor.row; r < chart.anchor.row + chart.anchor.heightRows; r++)
      for (let c = chart.anchor.col; c < chart.anchor.col + chart.anchor.widthCols; c++)
        expect({ r, c, v: s.values[r]?.[c] ?? null }).toEqual({ r, c, v: null });
}

describe("Summary: one type per column", () => {
  for (const [name, results, runs] of [
    ["the fixture, first run", makeResults(), 0],
    ["the fixture with history", makeResults(), 4],
    ["12 levers with history", twelveLevers(), 14],
  ] as const) {
    it(`holds within every block (${name})`, () => {
      const s = summaryOf(results, runs);
      const starts = blockStarts(s);
      expect(starts.length).toBeGreaterThanOrEqual(6);
      const legend = findCell(s, "Colour key", 0)[0];
      starts.forEach((start, i) => {
        const end = (starts[i + 1] ?? legend) - 1;
        for (let c = 0; c < 4; c++) {
          const kinds = new Set<string>();
          for (let r = start + 1; r <= end; r++) {
            const k = kindOf(s, r, c);
            if (k) kinds.add(k);
          }
          // Every header names its column's content; a column holds one kind of value.
          expect({ block: s.values[start][0], col: c, kinds: [...kinds] }).toEqual({
            block: s.values[start][0],
            col: c,
            kinds: [...kinds].slice(0, 1),
          });
          if (kinds.size > 0 && c > 0) expect(s.values[start][c]).not.toBe("");
        }
      });
    });
  }
});

describe("Summary: alignment over time", () => {
  it("has no chart on the first run, and says when one appears", () => {
    const s = summaryOf(makeResults());
    expect(s.charts).toEqual([]);
    expect(s.values.flat()).toContain(
      "One analysis date so far (1 Jun 2025): the chart of alignment over time starts with the second.",
    );
  });

  it("from the second run: a line chart of the net share by date, beside its table, over empty cells", () => {
    const s = summaryOf(makeResults(), 2);
    expect(s.charts).toHaveLength(1);
    const chart = s.charts[0] as LineChartSpec;
    expect(chart.kind).toBe("line");
    const { categories, series } = chart;
    const dates = [];
    for (let r = categories.row; r <= categories.rowEnd; r++) {
      dates.push(s.values[r][categories.col]);
      expect(effectiveStyle(s, r, categories.col).numberFormat).toBe(FORMAT.date);
    }
    expect(dates).toEqual([AS_OF - 60, AS_OF - 30, AS_OF]);
    // Net share = (green − red) / levers: history rows as written, then this run (1 green, 1 red of 3).
    const net = [];
    for (let r = series[0].values.row; r <= series[0].values.rowEnd; r++)
      net.push(s.values[r][series[0].values.col]);
    expect(net).toEqual([(2 - 1) / 4, (1 - 2) / 4, 0]);
    expect(chart.anchor.col).toBeGreaterThan(series[0].values.col);
    chartCellsAreEmpty(s);
    expect(s.print!.area.rowEnd).toBeGreaterThanOrEqual(chart.anchor.row + chart.anchor.heightRows - 1);
  });

  it("shows at most the last 8 dates", () => {
    const s = summaryOf(makeResults(), 14);
    const chart = s.charts[0];
    expect(chart.categories.rowEnd - chart.categories.row + 1).toBe(8);
    expect(s.values[chart.categories.rowEnd][0]).toBe(AS_OF);
    expect(chart.title).toBe("Net share of levers aligned, last 8 analysis dates");
    chartCellsAreEmpty(s);
  });

  it("is written as a line chart with its dates and values cached (xlsx host)", () => {
    const specs = buildReport(makeResults(), makeOptions({ history: history(2) }));
    const parts = unzipText(createWorkbook(specs));
    const charts = Object.entries(parts).filter(([n]) => /^xl\/charts\/chart\d+\.xml$/.test(n));
    const line = charts.find(([, x]) => x.includes("<c:lineChart>"));
    expect(line).toBeDefined();
    const xml = line![1];
    expect(xml).toContain("<c:f>'Summary'!$A$");
    expect(xml).toContain("<c:formatCode>mmm yyyy</c:formatCode>");
    expect(xml).toContain(`<c:pt idx="2"><c:v>${AS_OF}</c:v></c:pt>`);
    expect(xml).toContain('<c:pt idx="1"><c:v>-0.25</c:v></c:pt>');
    expect(xml).toContain('<c:max val="1"/><c:min val="-1"/>');
  });
});

describe("Summary: one printed page", () => {
  for (const [name, results, runs] of [
    ["the fixture", makeResults(), 2],
    ["12 levers, 14 runs, 7 conflicts, 5 warnings", twelveLevers(), 14],
  ] as const) {
    it(`fits one page at a readable scale (${name})`, () => {
      const s = summaryOf(results, runs);
      expect(s.print!.fitToHeight).toBe(1);
      expect(s.print!.orientation).toBe("portrait");
      expect(printScale(s)).toBeGreaterThanOrEqual(0.85);
      expect(onePageScale(s)).toBeGreaterThanOrEqual(MIN_PRINT_SCALE);
      chartCellsAreEmpty(s);
    });
  }
});

describe("Summary: the moves that matter most", () => {
  it("takes the plan's moves; their goal-score effects add up to the plan's score (sample, HiGHS)", async () => {
    const solver = await loadHighsSolver();
    const outcome = runAnalysis(sampleRawWorkbook(), {
      runStamp: "2026-01-01T00:00:00Z",
      toolVersion: "test",
      settings: {},
      plan: { solver },
    });
    const results = outcome.results!;
    const plan = results.plan!;
    expect(plan.status).toBe("optimal");
    const all = keyMoves(makeContext(results, makeOptions()), 99);
    expect(all.fromPlan).toBe(true);
    const moved = plan.levers.filter((l) => l.change !== null && Math.abs(l.change) > 1e-12);
    expect(all.moves.map((m) => m.lever).sort()).toEqual(moved.map((l) => l.lever).sort());
    // The plan's score is linear in the moves: the parts add up to the whole.
    const sum = all.moves.reduce((s, m) => s + m.effect, 0);
    expect(sum).toBeCloseTo(plan.scenarios[0].score, 12);
    // The Summary shows the three largest, largest first, with the Alignment sheet's confidence.
    const s = sheet(outcome.specs!, "Summary");
    const [top] = findCell(s, "Moves that matter most (the plan's)", 0);
    const shown = [1, 2, 3].map((k) => s.values[top + k]);
    expect(shown.map((r) => r[0])).toEqual(all.moves.slice(0, 3).map((m) => m.lever));
    expect(shown.map((r) => r[1])).toEqual(all.moves.slice(0, 3).map((m) => m.effect));
    for (const r of shown)
      expect(r[2]).toBe(
        { high: "High", medium: "Medium", low: "Low" }[
          results.alignment.find((a) => a.lever === r[0])!.confidence
        ],
      );
  });

  it("lists names within a length, then says how many more and where", () => {
    expect(listWithin(["Aa", "Bb", "Cc"], 100, "X")).toBe("Aa, Bb, Cc");
    expect(listWithin(["Aa", "Bb", "Cc"], 6, "Goal Shift", "; ")).toBe("Aa; Bb; and 1 more (Goal Shift)");
  });
});
