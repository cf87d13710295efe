/**
 * Formats a reader trusts, read from the sample's written workbook (with its plan): no ISO dates or
 * stamps and no NaN text in any cell, units said once, percentage points labelled, one name per
 * figure across sheets.
 */
import { runAnalysis } from "../../src/core/pipeline";
import { sampleRawWorkbook } from "../../src/core/sample/template";
import { loadHighsSolver } from "../../src/hosts/lp/highs";
import { changeInUnit, CHANGE_FORMAT, FORMAT, unitBesideValue } from "../../src/core/report/format";
import type { SheetSpec } from "../../src/core/report/spec";
import { createWorkbook } from "../../src/hosts/xlsx";
import { effectiveStyle, findCell, sheet } from "./fixtures";
import { unzipText } from "../xlsx/helpers";

let specs: SheetSpec[];
beforeAll(async () => {
  const solver = await loadHighsSolver();
  specs = runAnalysis(sampleRawWorkbook(), {
    runStamp: "2026-11-29T07:51:15.651+01:00",
    toolVersion: "test",
    settings: {},
    plan: { solver },
  }).specs!;
});

/** Every text the written package shows: inline and shared strings of every worksheet. */
function writtenTexts(): string[] {
  const parts = unzipText(createWorkbook(specs));
  const xml = Object.entries(parts)
    .filter(([n]) => /^xl\/(worksheets\/sheet\d+|sharedStrings)\.xml$/.test(n))
    .map(([, x]) => x)
    .join("");
  return [...xml.matchAll(/<t(?: [^>]*)?>([^<]*)<\/t>/g)].map((m) => m[1]);
}

describe("formats in the written workbook (sample with plan)", () => {
  it("writes every output sheet, the Plan among them", () => {
    expect(specs.map((s) => s.name)).toContain("Plan");
  });

  it("has no ISO dates or stamps and no NaN/undefined/Infinity text", () => {
    const texts = writtenTexts();
    expect(texts.length).toBeGreaterThan(200);
    for (const t of texts) {
      expect(t).not.toMatch(/\d{4}-\d{2}-\d{2}/);
      expect(t).not.toMatch(/\bNaN\b|\bundefined\b|Infinity/);
    }
  });

  it("says a unit once: a share's value carries the % sign, so its Unit cell does not", () => {
    let checked = 0;
    for (const s of specs)
      s.values.forEach((line, h) =>
        line.forEach((label, c) => {
          if (label !== "Unit") return;
          for (let r = h + 1; r < s.values.length && typeof s.values[r][0] === "string"; r++) {
            const unit = s.values[r][c];
            if (typeof unit !== "string") continue;
            checked++;
            expect({ sheet: s.name, r, unit }).toEqual({ sheet: s.name, r, unit: unit.replace(/%/g, "") });
          }
        }),
      );
    expect(checked).toBeGreaterThanOrEqual(14); // Alignment's and Plan's 7 levers
    const alignment = sheet(specs, "Alignment");
    const [r] = findCell(alignment, "Referral share", 0);
    expect(alignment.values[r].slice(2, 4)).toEqual([expect.any(Number), "of hires"]);
    expect(effectiveStyle(alignment, r, 2).numberFormat).toBe(FORMAT.percent);
  });

  it("labels a share's change in percentage points beside its relative change (Plan)", () => {
    const plan = sheet(specs, "Plan");
    const [h, changeCol] = findCell(plan, "Change");
    expect(plan.values[h][changeCol + 1]).toBe("Relative change");
    const [r] = findCell(plan, "Agency share", 0);
    const current = plan.values[r][2] as number;
    const planned = plan.values[r][3] as number;
    // 26.0% → 20.8% is −5.2 percentage points and −20% of today's value.
    expect(plan.values[r][changeCol]).toBeCloseTo((planned - current) * 100, 9);
    expect(effectiveStyle(plan, r, changeCol).numberFormat).toBe(CHANGE_FORMAT.points);
    expect(plan.values[r][changeCol + 1]).toBeCloseTo((planned - current) / current, 9);
    const [q] = findCell(plan, "Recruiter quality", 0);
    expect(effectiveStyle(plan, q, changeCol).numberFormat).toBe(CHANGE_FORMAT.unit);
  });

  it("gives each leverage figure one name across sheets", () => {
    const headers = new Map<string, Set<string>>();
    for (const s of specs)
      for (const line of s.values)
        for (const v of line)
          if (typeof v === "string" && /^goal leverage/i.test(v) && v.length < 40)
            (headers.get(v) ?? headers.set(v, new Set()).get(v)!).add(s.name);
    // At the history's averages (Alignment, Goal Shift by goal set) and at today's value (Plan).
    expect(headers.get("Goal leverage")).toEqual(new Set(["Alignment"]));
    expect(headers.get("Goal leverage at today's value")).toEqual(new Set(["Plan"]));
    const plan = sheet(specs, "Plan");
    const notes = plan.values
      .flat()
      .filter((v): v is string => typeof v === "string")
      .join(" ");
    expect(notes).toContain("the plan moves each lever from today's value");
    expect(notes).toContain("is at the history's averages");
  });
});

describe("unit and change helpers", () => {
  it("drops the % sign from a share's unit (the value carries it)", () => {
    expect(unitBesideValue("% of hires")).toBe("of hires");
    expect(unitBesideValue("share (%)")).toBe("share");
    expect(unitBesideValue("%")).toBe("");
    expect(unitBesideValue("FTE")).toBe("FTE");
    expect(unitBesideValue(null)).toBe("");
  });

  it("writes a share's change in percentage points, any other change in its unit", () => {
    expect(changeInUnit(-0.052, "% of hires")).toEqual({
      value: -0.052 * 100,
      numberFormat: CHANGE_FORMAT.points,
    });
    expect(changeInUnit(35, "screens/week")).toEqual({ value: 35, numberFormat: CHANGE_FORMAT.unit });
    expect(changeInUnit(null, "%").value).toBeNull();
  });
});
