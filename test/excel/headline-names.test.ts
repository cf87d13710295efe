/**
 * Headline defined names (src/core/report/headline-names.ts): the report declares them, the Excel
 * host points them at their cells, and a finance partner's formulas on `=RpoAlign_GoalScore`,
 * `=RpoAlign_Lever_<lever>_Colour`, … and on plain cells such as `=Alignment!F6` survive
 * re-analyses of changed data, showing the new run's figures (and #N/A for a lever that left).
 */
import { DEFAULT_SETTINGS } from "../../src/core/alignment/settings";
import { makeContext, ragCounts } from "../../src/core/report/context";
import {
  GOAL_SCORE_NAME,
  leverNameParts,
  namePart,
  NET_ALIGNED_NAME,
  OVERALL_STATUS_NAME,
  retiredHeadlineNames,
} from "../../src/core/report/headline-names";
import type { SheetSpec } from "../../src/core/report/spec";
import { overallStatement } from "../../src/core/report/summary";
import type { Results } from "../../src/core/alignment/types";
import type { RawWorkbook } from "../../src/core/model/raw";
import { sampleRawWorkbook } from "../../src/core/sample/template";
import { analyzeWorkbook, type AnalyzeWorkbookOutcome } from "../../src/hosts/analyze-workbook";
import { ExcelHost } from "../../src/hosts/excel";
import { loadHighsSolver } from "../../src/hosts/lp/highs";
import type { LpSolver } from "../../src/core/plan/lp";
import { FakeContext, FakeWorkbook, SparseGrid } from "./fake-excel";
import { gridOf } from "./workbooks";

/** What Excel accepts as a defined name (and never mistakes for a cell or R1C1 reference). */
const VALID_NAME = /^[A-Za-z_][A-Za-z0-9_.]{0,254}$/;

describe("headline name scheme", () => {
  it("reduces lever names to valid, readable parts", () => {
    expect(namePart("Recruiters")).toBe("Recruiters");
    expect(namePart("Early attrition (90-day)")).toBe("Early_attrition_90_day");
    expect(namePart("Qualité des candidats")).toBe("Qualite_des_candidats");
    expect(namePart("招聘人数")).toBe("");
  });

  it("gives levers whose names reduce alike a stable tag, whatever the order or the other levers", () => {
    const a = leverNameParts(["Agency share", "Agency-share", "Recruiters"]);
    const b = leverNameParts(["Recruiters", "Agency-share", "Sourcing", "Agency share"]);
    expect(a.get("Recruiters")).toBe("Recruiters");
    expect(a.get("Agency share")).toMatch(/^Agency_share_[0-9a-z]{6}$/);
    expect(a.get("Agency share")).not.toBe(a.get("Agency-share"));
    expect(b.get("Agency share")).toBe(a.get("Agency share"));
    expect(b.get("Agency-share")).toBe(a.get("Agency-share"));
    const cjk = leverNameParts(["招聘人数", "面试"]);
    expect(cjk.get("招聘人数")).toMatch(/^L[0-9a-z]{6}$/);
    expect(cjk.get("招聘人数")).not.toBe(cjk.get("面试"));
  });

  it("retires only our undeclared names that point into our sheets", () => {
    const existing = [
      { name: "RpoAlign_Lever_Gone_Colour", formula: "='Alignment'!$J$9" },
      { name: "RpoAlign_Lever_Kept_Colour", formula: "='Alignment'!$J$6" },
      { name: "RpoAlign_Lever_Old_Colour", formula: "=#N/A" },
      { name: "RpoAlign_MyOwn", formula: "=Finance!$A$1" },
      { name: "Budget", formula: "=Alignment!$B$2" },
      { name: "RpoAlign_Broken", formula: "=#REF!$B$2" },
    ];
    expect(retiredHeadlineNames(existing, ["RpoAlign_Lever_Kept_Colour"], ["Alignment", "Summary"])).toEqual([
      "RpoAlign_Lever_Gone_Colour",
      "RpoAlign_Broken",
    ]);
  });
});

let solver: LpSolver;
beforeAll(async () => {
  solver = await loadHighsSolver();
});

const DROPPED = "Work days per week";

/** The sample engagement's input sheets in a fake workbook (optionally without one lever). */
function putInputs(wb: FakeWorkbook, raw: RawWorkbook, without: string | null = null): void {
  for (const sheet of raw.sheets) {
    let values = sheet.values;
    if (without && sheet.name === "Levers") values = values.filter((row) => row[0] !== without);
    if (without && sheet.name === "Actions") values = values.filter((row) => row[1] !== without);
    if (without && sheet.name === "Observations") {
      const col = values[0].indexOf(without);
      values = values.map((row) => row.filter((_v, c) => c !== col));
    }
    const existing = wb.find(sheet.name);
    if (existing) existing.grid = gridOf(values);
    else wb.addSheet(sheet.name, gridOf(values));
  }
}

async function analyse(wb: FakeWorkbook, stamp: string): Promise<AnalyzeWorkbookOutcome> {
  const outcome = await analyzeWorkbook(new ExcelHost(new FakeContext(wb).run), {
    runStamp: stamp,
    toolVersion: "0.0.0-test",
    plan: { solver },
  });
  expect(outcome.specs).not.toBeNull();
  return outcome;
}

function spec(outcome: AnalyzeWorkbookOutcome, name: string): SheetSpec {
  return outcome.specs!.find((s) => s.name === name)!;
}

/** The Summary's verdict for a run's results (independent of the sheet layout). */
function verdict(results: Results): string {
  const ctx = makeContext(results, {
    runStamp: "x",
    toolVersion: "x",
    history: null,
    settings: DEFAULT_SETTINGS,
    model: null,
  });
  return overallStatement(ctx).label;
}

describe("headline names in the Excel host", () => {
  it("user formulas on every headline name and on plain cells survive re-analyses of changed data and show the new figures", async () => {
    const raw = sampleRawWorkbook();
    const wb = new FakeWorkbook();
    putInputs(wb, raw);
    const finance = new SparseGrid();
    wb.addSheet("Finance", finance);

    const first = await analyse(wb, "2026-01-05T09:00:00+01:00");
    const names = first.specs!.flatMap((s) => (s.names ?? []).map((n) => ({ ...n, sheet: s.name })));
    const leverParts = leverNameParts(first.results!.levers);
    // One colour and one leverage name per lever, the Summary's two and the plan's goal score.
    expect(names.map((n) => n.name).sort()).toEqual(
      [
        NET_ALIGNED_NAME,
        OVERALL_STATUS_NAME,
        GOAL_SCORE_NAME,
        ...first.results!.levers.flatMap((l) => [
          `RpoAlign_Lever_${leverParts.get(l)}_Colour`,
          `RpoAlign_Lever_${leverParts.get(l)}_Leverage`,
        ]),
      ].sort(),
    );
    for (const n of names) expect(n.name).toMatch(VALID_NAME);

    // The finance partner's sheet: one formula per name, and plain cell references.
    const formulas = [
      ...names.map((n) => `=${n.name}`),
      "=Alignment!F6",
      "=Alignment!A6",
      "='Alignment'!$J$7",
    ];
    formulas.forEach((formula, row) =>
      finance.set(row, 0, wb.bindFormula({ v: 0, t: "Double", formula }) as never),
    );
    const shown = () => new Map(formulas.map((f, row) => [f, wb.shown("Finance", `A${row + 1}`)]));
    const ids = wb.sheets.map((s) => s.id);

    const check = (outcome: AnalyzeWorkbookOutcome, gone: string[] = []) => {
      const now = shown();
      const declared = new Map(
        outcome.specs!.flatMap((s) => (s.names ?? []).map((n) => [n.name, s.values[n.row]?.[n.col] ?? null])),
      );
      for (const n of names) {
        if (gone.includes(n.name)) expect(now.get(`=${n.name}`)).toBe("#N/A");
        else expect(now.get(`=${n.name}`)).toEqual(declared.get(n.name));
      }
      // Independent of the sheet layout: the figures from the results.
      const results = outcome.results!;
      expect(now.get(`=${NET_ALIGNED_NAME}`)).toBeCloseTo(
        ragCounts(results.alignment.map((a) => a.rag)).net!,
        12,
      );
      expect(now.get(`=${GOAL_SCORE_NAME}`)).toBeCloseTo(results.plan!.objective, 12);
      expect(now.get(`=${OVERALL_STATUS_NAME}`)).toContain(verdict(results));
      for (const al of outcome.results!.alignment) {
        const part = leverNameParts(outcome.results!.levers).get(al.lever);
        expect(String(now.get(`=RpoAlign_Lever_${part}_Colour`))).toMatch(
          new RegExp(`${al.rag[0].toUpperCase()}${al.rag.slice(1)}$`),
        );
      }
      for (const lev of outcome.results!.leverage) {
        const part = leverNameParts(outcome.results!.levers).get(lev.lever);
        if (lev.current !== null && Number.isFinite(lev.current))
          expect(now.get(`=RpoAlign_Lever_${part}_Leverage`)).toBeCloseTo(lev.current, 12);
      }
      const alignment = spec(outcome, "Alignment");
      expect(now.get("=Alignment!F6")).toEqual(alignment.values[5][5]);
      expect(now.get("=Alignment!A6")).toEqual(alignment.values[5][0]);
      expect(now.get("='Alignment'!$J$7")).toEqual(alignment.values[6][9]);
      for (const v of now.values()) expect(v).not.toBe("#REF!");
      // No output sheet was replaced by another object.
      for (const id of ids) expect(wb.sheets.some((s) => s.id === id)).toBe(true);
    };
    check(first);
    const before = shown();

    // Changed data: the last year of Recruiters and Agency share moved.
    const obs = wb.find("Observations")!.grid as SparseGrid;
    const header = raw.sheets.find((s) => s.name === "Observations")!.values[0];
    const rows = raw.sheets.find((s) => s.name === "Observations")!.values.length;
    for (const lever of ["Recruiters", "Agency share"]) {
      const col = header.indexOf(lever);
      for (let r = rows - 12; r < rows; r++) {
        const cell = obs.get(r, col)!;
        obs.set(r, col, { ...cell, v: (cell.v as number) * (lever === "Recruiters" ? 0.7 : 1.6) });
      }
    }
    const second = await analyse(wb, "2026-02-05T09:00:00+01:00");
    check(second);
    expect([...shown().values()]).not.toEqual([...before.values()]); // the figures did change

    // A lever leaves the analysis: its names show #N/A; the others the new figures.
    putInputs(wb, raw, DROPPED);
    const third = await analyse(wb, "2026-03-05T09:00:00+01:00");
    const droppedPart = leverParts.get(DROPPED)!;
    const gone = [`RpoAlign_Lever_${droppedPart}_Colour`, `RpoAlign_Lever_${droppedPart}_Leverage`];
    expect(third.results!.levers).not.toContain(DROPPED);
    check(third, gone);
    expect(wb.definedNames.find((n) => n.name === gone[0])?.formula).toBe("=#N/A");

    // It comes back: its names point at its row again.
    putInputs(wb, raw);
    const fourth = await analyse(wb, "2026-04-05T09:00:00+01:00");
    check(fourth);
    expect(wb.definedNames.filter((n) => n.name.startsWith("RpoAlign_")).length).toBe(names.length);
  }, 120_000);
});
