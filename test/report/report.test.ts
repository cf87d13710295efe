import { buildReport, OUTPUT_SHEET_NAMES } from "../../src/core/report/build";
import { FORMAT } from "../../src/core/report/format";
import { NOTE_CHARS } from "../../src/core/report/grid";
import { AMBER, CHANGED, CONFLICT, GREEN, RED, MUTED_FONT } from "../../src/core/report/palette";
import type { OutValue, SheetSpec } from "../../src/core/report/spec";
import { AS_OF, EVIL, effectiveStyle, findCell, makeOptions, makeResults, sheet } from "./fixtures";

function allValues(specs: SheetSpec[]): OutValue[] {
  return specs.flatMap((s) => s.values.flat());
}

describe("buildReport", () => {
  const specs = buildReport(makeResults(), makeOptions());

  it("writes the sheets in the fixed order", () => {
    expect(specs.map((s) => s.name)).toEqual([
      "Summary",
      "Alignment",
      "Sensitivity",
      "Goal Shift",
      "Action Review",
      "Alignment History",
    ]);
    // Plan is written only when the results carry a plan (test/plan/sample.test.ts).
    expect([...OUTPUT_SHEET_NAMES].filter((n) => n !== "Plan")).toEqual(specs.map((s) => s.name));
    expect(OUTPUT_SHEET_NAMES.indexOf("Plan")).toBe(OUTPUT_SHEET_NAMES.indexOf("Action Review") + 1);
  });

  it("gives every sheet a title, an as-of line, a frozen styled header, widths, a legend and a tab colour", () => {
    for (const s of specs) {
      expect(typeof s.values[0][0]).toBe("string");
      expect(s.values[1][0]).toBe("As of");
      expect(s.values[1][1]).toBe(AS_OF);
      expect(effectiveStyle(s, 1, 1).numberFormat).toBe(FORMAT.date);
      // The run time in readable local time with its zone, never the ISO stamp.
      expect(String(s.values[1][2])).toContain("Run 2 Jun 2025 09:30 UTC");
      expect(String(s.values[1][2])).toContain("0.1.0");
      expect(allValues([s])).toContain("Colour key");
      expect(s.tabColor).toMatch(/^[0-9A-F]{6}$/);
      expect(s.columnWidths.length).toBeGreaterThan(0);
      for (const w of s.columnWidths) expect(w).toBeGreaterThanOrEqual(6);
      // The Summary is a one-page story in blocks, each under its own header row: nothing to freeze.
      if (s.name === "Summary") {
        expect(s.freeze).toBeUndefined();
        expect(effectiveStyle(s, findCell(s, "Overall alignment", 0)[0], 0).fill).toBe("1F4E78");
        continue;
      }
      expect(s.freeze?.rows).toBeGreaterThan(2);
      const headerRow = (s.freeze?.rows ?? 0) - 1;
      // The frozen block ends with a header row (or the "Better" and "Model" rows under the Sensitivity header).
      const styledHeader = [headerRow, headerRow - 1, headerRow - 2].some(
        (r) => effectiveStyle(s, r, 0).fill === "1F4E78",
      );
      expect(styledHeader).toBe(true);
    }
  });

  it("never emits NaN or Infinity, even from non-finite results", () => {
    const bad = makeResults();
    bad.alignment[0].score = NaN;
    bad.alignment[1].movement = Infinity;
    bad.leverage[0].current = -Infinity;
    bad.sensitivities[0].elasticity = NaN;
    bad.fits[0].r2 = NaN;
    bad.discovery[0].pValue = Infinity;
    bad.chained[0].direct = NaN;
    bad.actions[1].measured![0].change = NaN;
    bad.goalShift[0].currentLeverage = NaN;
    const out = buildReport(bad, makeOptions());
    for (const v of allValues(out)) {
      if (typeof v === "number") expect(Number.isFinite(v)).toBe(true);
    }
    for (const v of allValues(specs)) {
      if (typeof v === "number") expect(Number.isFinite(v)).toBe(true);
    }
  });

  it("keeps a lever named like a formula as a plain string and writes no formulas at all", () => {
    for (const s of specs) {
      for (const v of s.values.flat()) expect(v === null || typeof v !== "object").toBe(true);
    }
    const hits = specs.filter((s) => s.values.some((line) => line.includes(EVIL)));
    expect(hits.map((s) => s.name)).toEqual(
      expect.arrayContaining(["Alignment", "Sensitivity", "Goal Shift"]),
    );
    expect(allValues(specs)).toContain("=cmd|' /C calc'!A0");
  });

  it("keeps every style run, chart range and freeze inside the values", () => {
    for (const s of specs) {
      const inside = (row: number, col: number) => row < s.values.length && col < s.values[row].length;
      for (const run of s.styles) {
        const r = run.range;
        expect(r.row).toBeLessThanOrEqual(r.rowEnd);
        expect(r.col).toBeLessThanOrEqual(r.colEnd);
        expect(r.row).toBeGreaterThanOrEqual(0);
        expect(r.col).toBeGreaterThanOrEqual(0);
        for (let row = r.row; row <= r.rowEnd; row++) expect(inside(row, r.colEnd)).toBe(true);
      }
      for (const chart of s.charts) {
        for (const range of [chart.categories, ...chart.series.map((x) => x.values)]) {
          expect(inside(range.rowEnd, range.colEnd)).toBe(true);
        }
      }
      for (const rule of s.conditionalFormats)
        expect(inside(rule.range.rowEnd, rule.range.colEnd)).toBe(true);
    }
  });

  it("builds from empty results without failing", () => {
    const empty = makeResults({
      levers: [],
      metrics: [],
      sensitivities: [],
      fits: [],
      chained: [],
      discovery: [],
      leverage: [],
      alignment: [],
      goalShift: [],
      actions: [],
      diagnostics: [],
      currentGoals: null,
      previousGoals: null,
    });
    const out = buildReport(empty, makeOptions({ model: null }));
    expect(out).toHaveLength(6);
    expect(out.flatMap((s) => s.charts)).toEqual([]);
  });
});

describe("Alignment sheet", () => {
  const s = sheet(buildReport(makeResults(), makeOptions()), "Alignment");
  const header = s.values[4];

  it("has one row per lever, largest |goal leverage| first", () => {
    expect(header.slice(0, 11)).toEqual([
      "Lever",
      "Category",
      "Current value",
      "Unit",
      "Movement",
      "Goal leverage",
      "Leverage 95% low",
      "Leverage 95% high",
      "Score",
      "RAG",
      "Recommended direction",
    ]);
    expect(header).toContain("Business attrition: change if lever +10%");
    expect(header[header.length - 1]).toBe("Confidence");
    expect(s.values.slice(5, 8).map((r) => r[0])).toEqual(["Agency share", EVIL, "Recruiters (FTE)"]);
    expect(s.values[5].slice(1, 10)).toEqual([
      "Sourcing mix",
      0.3, // shown as 30.0%: its unit reads "of hires", the % sign once
      "of hires",
      0.2,
      -0.27,
      -0.35,
      -0.19,
      -0.054,
      "\u2716 Red",
    ]);
    expect(effectiveStyle(s, 5, 2).numberFormat).toBe("0.0%");
    expect(s.values[6][10]).toBe("Hold (at its maximum)");
    // A held lever says why in its direction cell; a bound says it once.
    expect(s.values[7][10]).toMatch(/^Increase|^Hold \(/);
  });

  it("fills the RAG across the row's key cells", () => {
    for (const [row, colour] of [
      [5, RED],
      [6, GREEN],
      [7, AMBER],
    ] as const) {
      for (const col of [0, 4, 8, 9]) expect(effectiveStyle(s, row, col).fill).toBe(colour.fill);
    }
  });

  it("colours predicted goal changes by whether they help the goal", () => {
    const col = header.indexOf("Business attrition: change if lever +10%");
    expect(s.values[5][col]).toBe(0.025);
    expect(effectiveStyle(s, 5, col).fill).toBe(RED.fill); // attrition up: against the Decrease goal
    expect(effectiveStyle(s, 6, col).fill).toBe(GREEN.fill);
    expect(effectiveStyle(s, 7, col).italic).toBe(true); // not significant
    expect(effectiveStyle(s, 7, col).fill).toBeUndefined();
  });

  it("charts goal leverage from the table, beside the key (never over text)", () => {
    expect(s.charts).toHaveLength(1);
    const chart = s.charts[0];
    expect(chart.title).toBe("Goal leverage by lever");
    expect(chart.series).toHaveLength(1);
    const cats = [];
    for (let r = chart.categories.row; r <= chart.categories.rowEnd; r++)
      cats.push(s.values[r][chart.categories.col]);
    expect(cats).toEqual(["Agency share", EVIL, "Recruiters (FTE)"]);
    const vals = [];
    for (let r = chart.series[0].values.row; r <= chart.series[0].values.rowEnd; r++)
      vals.push(s.values[r][chart.series[0].values.col]);
    expect(vals).toEqual([-0.27, 0.12, 0.05]);
    // Beside the key and the notes, from the "Recommended direction" column on.
    const header = s.values[4];
    expect(chart.anchor.col).toBe(header.indexOf("Recommended direction"));
    expect(chart.anchor.row).toBe(s.values.findIndex((r) => r[0] === "Colour key"));
    for (let r = chart.anchor.row; r < chart.anchor.row + chart.anchor.heightRows; r++)
      for (let c = chart.anchor.col; c < chart.anchor.col + chart.anchor.widthCols; c++)
        expect([null, undefined]).toContain(s.values[r]?.[c]);
    // The notes and key meanings that overflow to the right end before the chart's column.
    const room = s.columnWidths.slice(0, chart.anchor.col).reduce((a, w) => a + w, 0);
    for (let r = chart.anchor.row; r < chart.anchor.row + chart.anchor.heightRows; r++)
      for (const v of s.values[r] ?? []) if (typeof v === "string") expect(v.length).toBeLessThan(room);
    expect(room).toBeGreaterThanOrEqual(NOTE_CHARS);
  });
});

describe("Goal Shift sheet", () => {
  const s = sheet(buildReport(makeResults(), makeOptions()), "Goal Shift");

  it("compares the goal sets per metric", () => {
    const [r] = findCell(s, "Time to fill", 0);
    expect(s.values[r].slice(1, 8)).toEqual([
      "Faster hiring",
      "Decrease",
      1,
      "(not a goal)",
      null,
      null,
      "\u21C4 Removed",
    ]);
    const [r2] = findCell(s, "Business attrition", 0);
    expect(s.values[r2][7]).toBe("\u21C4 Added");
    expect(effectiveStyle(s, r2, 7).fill).toBe(CHANGED.fill);
  });

  it("lists changed levers first, in the Changed colour and bold", () => {
    const [header] = findCell(s, "Goal leverage, previous goals", 1);
    expect(s.values[header + 1][0]).toBe("Agency share");
    expect(s.values[header + 1][5]).toBe("\u21C4 Changed");
    for (const col of [0, 2, 4, 5]) {
      expect(effectiveStyle(s, header + 1, col).fill).toBe(CHANGED.fill);
      expect(effectiveStyle(s, header + 1, col).bold).toBe(true);
    }
    expect(s.values[header + 2].slice(0, 1).concat(s.values[header + 2][5])).toEqual([EVIL, "n/a"]);
    expect(s.values[header + 3][5]).toBe("Same");
    expect(effectiveStyle(s, header + 3, 5).fill).toBeUndefined();
  });
});

describe("Action Review sheet", () => {
  const s = sheet(buildReport(makeResults(), makeOptions()), "Action Review");

  it("lists actions by date with verdict colours and measured changes", () => {
    expect(s.values.slice(5, 8).map((r) => r[1])).toEqual(["Recruiters (FTE)", EVIL, "Agency share"]);
    expect(s.values[5][6]).toBe("\u2714 Aligned");
    expect(effectiveStyle(s, 5, 6).fill).toBe(GREEN.fill);
    expect(s.values[7][6]).toBe("\u26A0 Conflict");
    expect(effectiveStyle(s, 7, 6).fill).toBe(CONFLICT.fill);
    expect(effectiveStyle(s, 6, 6).fill).toBe(AMBER.fill);
    const header = s.values[4];
    const attr = header.indexOf("Business attrition: measured change");
    const qoh = header.indexOf("Quality of hire: measured change");
    const ttf = header.indexOf("Time to fill: measured change");
    expect(s.values[5][attr]).toBe(-0.05);
    expect(effectiveStyle(s, 5, attr).fill).toBe(GREEN.fill);
    expect(effectiveStyle(s, 5, qoh).fill).toBe(RED.fill);
    expect(effectiveStyle(s, 5, ttf).fontColor).toBe(MUTED_FONT);
    expect(s.values[7][attr]).toBe("no history after this date");
    expect(s.values[7][4]).toBe(0.3);
    expect(effectiveStyle(s, 7, 4).numberFormat).toBe("0.0%");
  });
});

describe("Summary sheet", () => {
  const s = sheet(buildReport(makeResults(), makeOptions()), "Summary");
  const text = s.values.flat().filter((v): v is string => typeof v === "string");

  it("counts RAG and states the overall picture", () => {
    const [r] = findCell(s, "\u2714 Green", 0);
    // Status | levers | share of levers | which levers.
    expect(s.values[r].slice(0, 4)).toEqual(["\u2714 Green", 1, 1 / 3, EVIL]);
    const [o] = findCell(s, "Mostly aligned", 0);
    expect(s.values[o].slice(1, 3)).toEqual([3, 0]);
    expect(String(s.values[o][3])).toContain("1 helps the current goals, 1 works against them");
  });

  it("lists the moves that matter, conflicts with who asked, goal changes and action verdicts", () => {
    const [top] = findCell(s, "Moves that matter most (10% each)", 0);
    expect(s.values[top][1]).toBe("Goal score effect");
    // Agency share, decreased by 10%: −(0.6 × −1 × 0.025 + 0.4 × +1 × −0.03) = +2.7% of goal score.
    expect(s.values[top + 1][0]).toBe("Agency share");
    expect(s.values[top + 1][1]).toBeCloseTo(0.027, 12);
    expect(s.values[top + 1][2]).toBe("High");
    // Recruiters: +10% → 0.6 × −1 × 0.002 + 0.4 × 0.01 = +0.28%; the held lever (at its maximum) is not a move.
    expect(s.values[top + 2][0]).toBe("Recruiters (FTE)");
    expect(s.values[top + 2][1]).toBeCloseTo(0.0028, 12);
    expect(text).not.toContain(EVIL + " ");
    const [c] = findCell(s, "Requests in conflict", 0);
    expect(s.values[c + 1].slice(0, 4)).toEqual([
      "Agency share",
      AS_OF - 31,
      "Finance SPOC – A. Patel",
      'Increase it to 30% ("Fill faster"); the current goals call for a decrease.',
    ]);
    expect(effectiveStyle(s, c + 1, 1).numberFormat).toBe(FORMAT.date);
    expect(text).toContain("\u21C4 Direction changed");
    expect(text).toContain("Agency share: increase → decrease");
    expect(text).toContain("\u26A0 Conflict");
    expect(text).toContain("A month is missing.");
  });
});
