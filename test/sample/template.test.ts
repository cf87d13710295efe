import {
  buildSampleWorkbook,
  generateSampleData,
  sampleRawWorkbook,
  SAMPLE_DEFAULTS,
  SAMPLE_LEVERS,
  SAMPLE_METRICS,
  SAMPLE_PLANTED_EFFECTS,
  LEVERS,
  METRICS,
} from "../../src/core/sample/template";
import { serialToIsoDate } from "../../src/core/report/format";
import type { SheetSpec } from "../../src/core/report/spec";

const sheet = (specs: SheetSpec[], name: string) => specs.find((s) => s.name === name) as SheetSpec;
/** Rows below the header as objects keyed by header text. */
function table(spec: SheetSpec): Record<string, unknown>[] {
  const header = spec.values[0] as string[];
  return spec.values.slice(1).map((line) => Object.fromEntries(header.map((h, c) => [h, line[c] ?? null])));
}

describe("sample workbook", () => {
  const specs = buildSampleWorkbook();

  it("is deterministic: same seed, same specs; another seed, other numbers", () => {
    expect(buildSampleWorkbook()).toEqual(specs);
    expect(buildSampleWorkbook({ seed: SAMPLE_DEFAULTS.seed })).toEqual(specs);
    const other = buildSampleWorkbook({ seed: 7 });
    expect(sheet(other, "Observations").values).not.toEqual(sheet(specs, "Observations").values);
  });

  it("has the input sheets with their documented headers at A1", () => {
    expect(specs.map((s) => s.name)).toEqual([
      "About",
      "Levers",
      "Metrics",
      "Goals",
      "Observations",
      "Actions",
      "Formulas",
    ]);
    expect(sheet(specs, "Levers").values[0].slice(0, 7)).toEqual([
      "Lever",
      "Category",
      "Unit",
      "Current",
      "Min",
      "Max",
      "Cost per unit",
    ]);
    expect(sheet(specs, "Metrics").values[0].slice(0, 5)).toEqual([
      "Metric",
      "Layer",
      "Unit",
      "Better",
      "Lag",
    ]);
    expect(sheet(specs, "Goals").values[0]).toEqual([
      "Goal",
      "Metric",
      "Direction",
      "Weight",
      "Effective from",
    ]);
    expect(sheet(specs, "Actions").values[0]).toEqual([
      "Date",
      "Lever",
      "New value",
      "Requested by",
      "Rationale",
    ]);
    expect(sheet(specs, "Observations").values[0]).toEqual([
      "Period",
      ...SAMPLE_LEVERS.map((l) => l.name),
      ...SAMPLE_METRICS.map((m) => m.name),
    ]);
    // The input sheets hold plain values only; the Formulas sheet is formulas by design (tested in test/xlsx/formulas-in-file).
    for (const s of specs.filter((x) => x.name !== "Formulas")) {
      expect(s.freeze?.rows).toBe(1);
      for (const v of s.values.flat()) {
        expect(v === null || typeof v !== "object").toBe(true);
        if (typeof v === "number") expect(Number.isFinite(v)).toBe(true);
      }
      for (const run of s.styles) {
        for (let r = run.range.row; r <= run.range.rowEnd; r++)
          expect(s.values[r].length).toBeGreaterThan(run.range.colEnd);
      }
    }
  });

  it("lists seven levers and four KPIs plus three business outcomes", () => {
    const levers = table(sheet(specs, "Levers"));
    expect(levers.map((l) => l.Lever)).toEqual(Object.values(LEVERS));
    const metrics = table(sheet(specs, "Metrics"));
    expect(metrics.map((m) => [m.Metric, m.Layer, m.Better])).toEqual([
      [METRICS.timeToFill, "Recruitment", "Lower"],
      [METRICS.costPerHire, "Recruitment", "Lower"],
      [METRICS.qualityOfHire, "Recruitment", "Higher"],
      [METRICS.earlyAttrition, "Recruitment", "Lower"],
      [METRICS.businessAttrition, "Business", "Lower"],
      [METRICS.training, "Business", "Higher"],
      [METRICS.rating, "Business", "Higher"],
    ]);
    expect(metrics.find((m) => m.Metric === METRICS.qualityOfHire)?.Lag).toBe(0);
    for (const m of metrics.filter((x) => x.Layer === "Business")) {
      expect(m.Lag).toBeGreaterThanOrEqual(1);
      expect(m.Lag).toBeLessThanOrEqual(3);
    }
  });

  it("keeps every lever within its Min and Max, and Current equal to the last month", () => {
    for (const seed of [SAMPLE_DEFAULTS.seed, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]) {
      const data = generateSampleData({ seed });
      for (const l of SAMPLE_LEVERS) {
        for (const v of data.series[l.name]) {
          expect(v).toBeGreaterThanOrEqual(l.min);
          expect(v).toBeLessThanOrEqual(l.max);
        }
      }
    }
    const data = generateSampleData();
    const levers = table(sheet(specs, "Levers"));
    for (const l of levers) {
      const series = data.series[l.Lever as string];
      expect(l.Current).toBe(series[series.length - 1]);
      expect(l.Min as number).toBeLessThan(l.Max as number);
    }
  });

  it("has plausible magnitudes", () => {
    for (const seed of [SAMPLE_DEFAULTS.seed, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]) {
      const s = generateSampleData({ seed }).series;
      const within = (name: string, lo: number, hi: number) => {
        expect(Math.min(...s[name])).toBeGreaterThanOrEqual(lo);
        expect(Math.max(...s[name])).toBeLessThanOrEqual(hi);
      };
      within(METRICS.timeToFill, 36, 45);
      within(METRICS.costPerHire, 4000, 4700);
      within(METRICS.qualityOfHire, 2.8, 4.3);
      within(METRICS.earlyAttrition, 0.06, 0.16);
      within(METRICS.businessAttrition, 0.1, 0.25);
      within(METRICS.training, 65, 85);
      within(METRICS.rating, 3, 3.8);
      within(LEVERS.referral, 0.05, 0.45);
      within(LEVERS.agency, 0.05, 0.45);
    }
  });

  it("has monthly dates with a readable date format and percentages as fractions", () => {
    const obs = sheet(specs, "Observations");
    const periods = obs.values.slice(1).map((r) => r[0] as number);
    expect(periods).toHaveLength(54);
    expect(serialToIsoDate(periods[0])).toBe("2021-01-01");
    expect(serialToIsoDate(periods[53])).toBe("2025-06-01");
    const formatOf = (col: number) =>
      obs.styles
        .filter((r) => r.range.col <= col && r.range.colEnd >= col && r.range.row >= 1)
        .map((r) => r.style.numberFormat);
    expect(formatOf(0)).toContain("d mmm yyyy");
    const header = obs.values[0];
    expect(formatOf(header.indexOf(LEVERS.agency))).toContain("0.0%");
    expect(formatOf(header.indexOf(METRICS.businessAttrition))).toContain("0.0%");
    const goalsFormat = sheet(specs, "Goals").styles.find((r) => r.range.col === 4 && r.range.row === 1);
    expect(goalsFormat?.style.numberFormat).toBe("d mmm yyyy");
    expect(generateSampleData({ months: 30, startYear: 2019 }).periods).toHaveLength(30);
  });

  it("has an old speed-and-cost goal set and a newer retention-and-readiness set", () => {
    const goals = table(sheet(specs, "Goals"));
    const periods = generateSampleData().periods;
    const old = goals.filter((g) => g["Effective from"] === periods[0]);
    const recent = goals.filter((g) => g["Effective from"] === periods[54 - 9]);
    expect(old.map((g) => [g.Metric, g.Direction, g.Weight])).toEqual([
      [METRICS.timeToFill, "Decrease", 0.5],
      [METRICS.costPerHire, "Decrease", 0.5],
    ]);
    expect(recent.map((g) => [g.Metric, g.Direction, g.Weight])).toEqual([
      [METRICS.businessAttrition, "Decrease", 0.4],
      [METRICS.training, "Increase", 0.35],
      [METRICS.qualityOfHire, "Increase", 0.25],
    ]);
    expect(goals).toHaveLength(5);
  });

  it("records 5-8 SPOC actions whose new values match the history", () => {
    const data = generateSampleData();
    expect(data.actions.length).toBeGreaterThanOrEqual(5);
    expect(data.actions.length).toBeLessThanOrEqual(8);
    for (const a of data.actions) {
      expect(a.requestedBy).toMatch(/SPOC – [A-Z]\. [A-Z][a-z]+$/);
      expect(data.periods).toContain(a.date);
      const lever = SAMPLE_LEVERS.find((l) => l.name === a.lever);
      expect(lever).toBeDefined();
      expect(a.newValue).toBeGreaterThanOrEqual(lever!.min);
      expect(a.newValue).toBeLessThanOrEqual(lever!.max);
    }
    const at = (lever: string) => data.actions.filter((a) => a.lever === lever);
    const last = (name: string) => data.series[name][data.series[name].length - 1];
    // The recent requests: quality cut and agency rise (against the new goals), referral rise (with them).
    expect(at(LEVERS.quality).at(-1)?.newValue).toBe(last(LEVERS.quality));
    expect(at(LEVERS.agency).at(-1)?.newValue).toBe(last(LEVERS.agency));
    expect(at(LEVERS.referral).at(-1)?.newValue).toBe(last(LEVERS.referral));
    // The last request comes on the last month: no history after it.
    expect(data.actions.at(-1)?.date).toBe(data.periods.at(-1));
  });

  it("moves recruiter quality down and agency and referral shares up in the last six months", () => {
    const s = generateSampleData().series;
    const change = (name: string) => s[name][53] - s[name][47];
    expect(change(LEVERS.quality)).toBeLessThan(-0.4);
    expect(change(LEVERS.agency)).toBeGreaterThan(0.08);
    expect(change(LEVERS.referral)).toBeGreaterThan(0.05);
    for (const held of [LEVERS.recruiters, LEVERS.screening, LEVERS.interviews, LEVERS.workDays]) {
      expect(change(held)).toBe(0);
    }
  });

  it("plants business outcomes through the KPIs (the chain)", () => {
    const { direct, kpiToOutcome } = SAMPLE_PLANTED_EFFECTS;
    const d = (from: string, to: string) => direct.find((e) => e.from === from && e.to === to)?.coefficient;
    expect(kpiToOutcome.map((e) => e.from)).toEqual(
      expect.arrayContaining([METRICS.earlyAttrition, METRICS.qualityOfHire]),
    );
    expect(d(LEVERS.quality, METRICS.businessAttrition)).toBeCloseTo(0.8 * -0.015 + -0.06 * 0.3, 12);
    expect(d(LEVERS.recruiters, METRICS.businessAttrition)).toBe(0);
    expect(direct).toHaveLength(SAMPLE_LEVERS.length * SAMPLE_METRICS.length);
  });

  it("reads back as a RawWorkbook with the same values", () => {
    const raw = sampleRawWorkbook();
    expect(raw.sheetNames).toEqual(specs.map((s) => s.name));
    expect(raw.sheets.find((s) => s.name === "Observations")?.values).toEqual(
      sheet(specs, "Observations").values,
    );
    expect(raw.history).toBeNull();
  });
});
