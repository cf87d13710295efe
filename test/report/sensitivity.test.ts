import { buildReport } from "../../src/core/report/build";
import { HELPS_SCALE, HURTS_SCALE, MUTED_FONT } from "../../src/core/report/palette";
import { elasticityBucket, sensitivityStyle } from "../../src/core/report/sensitivity-sheet";
import { EVIL, effectiveStyle, findCell, makeOptions, makeResults, sheet } from "./fixtures";

describe("Sensitivity sheet", () => {
  const s = sheet(buildReport(makeResults(), makeOptions()), "Sensitivity");
  const [headerRow] = findCell(s, "Lever", 0);
  const header = s.values[headerRow];
  const cell = (lever: string, metric: string): [number, number] => [
    findCell(s, lever, 0)[0],
    header.indexOf(metric),
  ];

  it("groups recruitment KPIs before business outcomes under a group header", () => {
    expect(header.slice(0, 4)).toEqual(["Lever", "Time to fill", "Quality of hire", "Business attrition"]);
    expect(s.values[headerRow - 1][1]).toBe("Recruitment KPIs");
    expect(s.values[headerRow - 1][3]).toBe("Business outcomes");
    expect(s.values[headerRow + 1].slice(1, 4)).toEqual(["Lower", "Higher", "Lower"]);
    expect(s.values[headerRow + 2].slice(0, 4)).toEqual([
      "Model (see Fit statistics)",
      "Changes (log)",
      "Levels + seasons",
      "Changes (relative)",
    ]);
    expect(s.freeze).toEqual({ rows: headerRow + 3, cols: 1 });
  });

  it("shows the raw p and the Benjamini–Hochberg q of every estimate", () => {
    const [pRow] = findCell(s, "p-value (raw)", 0);
    const [qRow] = findCell(s, "q-value (false discovery rate)", 0);
    expect(s.values[pRow + 1].slice(0, 4)).toEqual(header.slice(0, 4));
    expect(qRow).toBeGreaterThan(pRow);
  });

  it("fills green where the lever helps the metric's Better direction, by size", () => {
    const [r, c] = cell("Recruiters (FTE)", "Time to fill"); // -0.6, Lower is better
    expect(s.values[r][c]).toBe(-0.6);
    expect(effectiveStyle(s, r, c).fill).toBe(HELPS_SCALE[3].fill);
    expect(effectiveStyle(s, r, c).numberFormat).toBe("0.00");
    expect(effectiveStyle(s, ...cell("Agency share", "Time to fill")).fill).toBe(HELPS_SCALE[0].fill); // -0.03
    expect(effectiveStyle(s, ...cell("Recruiters (FTE)", "Quality of hire")).fill).toBe(HELPS_SCALE[1].fill); // 0.1
    expect(effectiveStyle(s, ...cell(EVIL, "Business attrition")).fill).toBe(HELPS_SCALE[1].fill); // -0.07
  });

  it("fills red where it hurts", () => {
    expect(effectiveStyle(s, ...cell("Agency share", "Quality of hire")).fill).toBe(HURTS_SCALE[2].fill); // -0.3
    expect(effectiveStyle(s, ...cell("Agency share", "Business attrition")).fill).toBe(HURTS_SCALE[2].fill); // +0.25
  });

  it("mutes non-significant and missing estimates: grey italic, no fill", () => {
    for (const [lever, metric] of [
      [EVIL, "Time to fill"],
      ["Recruiters (FTE)", "Business attrition"],
      [EVIL, "Quality of hire"],
    ]) {
      const st = effectiveStyle(s, ...cell(lever, metric));
      expect(st.fill).toBeUndefined();
      expect(st.italic).toBe(true);
      expect(st.fontColor).toBe(MUTED_FONT);
    }
    expect(s.values[cell(EVIL, "Quality of hire")[0]][cell(EVIL, "Quality of hire")[1]]).toBe("n/a");
    expect(s.conditionalFormats).toEqual([]);
  });

  it("shows fit statistics, discovery and chained-vs-direct blocks", () => {
    const [fit] = findCell(s, "Fit statistics: one multiple regression per metric", 0);
    expect(s.values[fit + 1]).toEqual([
      "Metric",
      "Layer",
      "n",
      "R²",
      "Lag (periods)",
      "Method",
      "Model",
      "Trend tests",
      "Why this model",
      "Changes lost to gaps",
      "Warnings",
    ]);
    expect(s.values[fit + 2]).toEqual([
      "Time to fill",
      "Recruitment",
      54,
      0.91,
      0,
      "Least squares on all levers",
      "Changes (log)",
      "ADF p 0.670 · KPSS p ≤ 0.01",
      "changes: ADF cannot reject a unit root (p 0.67)",
      0,
      "none",
    ]);
    expect(s.values[fit + 4].slice(3, 11)).toEqual([
      "n/a",
      2,
      "Too little data: no estimates",
      "Changes (relative)",
      "not tested",
      "changes: 12 values are too few to test",
      2,
      "too few rows",
    ]);
    const [disc] = findCell(s, "KPI", 0);
    expect(s.values[disc + 1].slice(0, 5)).toEqual([
      "Quality of hire",
      "Business attrition",
      -0.7,
      0.0001,
      "Yes",
    ]);
    expect(effectiveStyle(s, disc + 1, 3).numberFormat).toBe("0.000");
    expect(effectiveStyle(s, disc + 2, 2).italic).toBe(true);
    const [ch] = findCell(s, "Direct elasticity", 2);
    expect(s.values[ch + 1]).toEqual([
      "Agency share",
      "Business attrition",
      0.25,
      0.2,
      "Quality of hire",
      0.2,
      "Yes",
    ]);
    expect(s.values[ch + 2]).toEqual([EVIL, "Business attrition", "n/a", -0.01, "n/a", "n/a", "n/a"]);
  });
});

describe("sensitivity colour rules", () => {
  it("buckets |elasticity| into four steps", () => {
    expect([0, 0.049, 0.05, 0.19, 0.2, 0.49, 0.5, 3].map(elasticityBucket)).toEqual([0, 0, 1, 1, 2, 2, 3, 3]);
    expect(elasticityBucket(-0.6)).toBe(3);
  });

  it("helps = same sign as Better", () => {
    expect(sensitivityStyle(0.3, true, "Higher").fill).toBe(HELPS_SCALE[2].fill);
    expect(sensitivityStyle(-0.3, true, "Lower").fill).toBe(HELPS_SCALE[2].fill);
    expect(sensitivityStyle(0.3, true, "Lower").fill).toBe(HURTS_SCALE[2].fill);
    expect(sensitivityStyle(-0.3, true, "Higher").fill).toBe(HURTS_SCALE[2].fill);
    expect(sensitivityStyle(-0.3, false, "Higher").fill).toBeUndefined();
    expect(sensitivityStyle(0.3, true, null)).toEqual({});
  });

  it("takes Better from the goals when the model details are not given", () => {
    const s = sheet(buildReport(makeResults(), makeOptions({ model: null })), "Sensitivity");
    const [headerRow] = findCell(s, "Lever", 0);
    // Time to fill is only in the previous goals (Decrease), so Lower.
    expect(s.values[headerRow + 1].slice(1, 4)).toEqual(["Lower", "Higher", "Lower"]);
  });
});
