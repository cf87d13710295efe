/**
 * The sample engagement workbook: input sheets (About, Levers, Metrics, Goals, Observations,
 * Actions) as SheetSpecs, laid out from the generated history (generate.ts). Same options, same
 * specs. docs/sample-workbook.md describes the sample, the planted effects and the story.
 */
import { isErrorValue, type CachedValue, type OutValue, type SheetSpec } from "../report/spec";
import type { CellValue, RawSheet, RawWorkbook } from "../model/raw";
import { FORMAT } from "../report/format";
import { SheetBuilder, HEADER_STYLE, TITLE_STYLE } from "../report/grid";
import { SAMPLE_LEVERS, SAMPLE_METRICS } from "./effects";
import { generateSampleData, type SampleOptions } from "./generate";
import { buildFormulasSheet, formulasInputFromSpecs } from "./formulas-sheet";

export { SAMPLE_PLANTED_EFFECTS, SAMPLE_LEVERS, SAMPLE_METRICS, LEVERS, METRICS } from "./effects";
export type { PlantedEffect, SampleLever, SampleMetric } from "./effects";
export {
  generateSampleData,
  SAMPLE_DEFAULTS,
  RECENT_MONTHS,
  NEW_GOALS_MONTHS_BEFORE_END,
  type SampleOptions,
  type SampleData,
  type SampleGoal,
  type SampleAction,
} from "./generate";

const HEADER = { ...HEADER_STYLE, wrap: false };

function leverFormat(name: string): string {
  return SAMPLE_LEVERS.find((l) => l.name === name)?.numberFormat ?? FORMAT.general;
}

/** One input sheet: header row at A1 (frozen), then the rows, with number formats per column. */
function inputSheet(
  name: string,
  tabColor: string,
  headers: string[],
  rows: OutValue[][],
  formats: (string | undefined)[],
  freezeCols = 0,
): SheetSpec {
  const b = new SheetBuilder();
  b.putRow(0, 0, headers, HEADER);
  rows.forEach((row, i) =>
    row.forEach((v, c) => b.put(i + 1, c, v, formats[c] ? { numberFormat: formats[c] } : undefined)),
  );
  // One style run per formatted column rather than one per cell.
  return {
    ...b.build({ name, tabColor, freeze: { rows: 1, cols: freezeCols } }),
    styles: columnStyles(headers, rows.length, formats),
  };
}

function columnStyles(
  headers: string[],
  rowCount: number,
  formats: (string | undefined)[],
): SheetSpec["styles"] {
  const styles: SheetSpec["styles"] = [
    { range: { row: 0, col: 0, rowEnd: 0, colEnd: headers.length - 1 }, style: HEADER },
  ];
  if (rowCount > 0)
    formats.forEach((f, c) => {
      if (f)
        styles.push({ range: { row: 1, col: c, rowEnd: rowCount, colEnd: c }, style: { numberFormat: f } });
    });
  return styles;
}

const ABOUT_LINES = [
  "This is a made-up engagement for trying rpo-align: every number was generated, no client data is in it.",
  "",
  "The input sheets (the analysis reads these by name; extra columns such as Notes are ignored):",
  "  Levers: what the RPO partner can change. Lever, Category, Unit, Current, Min, Max, Cost per unit.",
  "  Metrics: recruitment KPIs and business outcomes. Metric, Layer (Recruitment/Business), Unit, Better (Higher/Lower), Lag (months until the metric responds).",
  "  Goals: the client's weighted goals. Goal, Metric, Direction (Increase/Decrease), Weight, Effective from. A new Effective from date starts a new goal set.",
  "  Observations: one row per month. Period (a date) and one column per lever and metric, named exactly as in Levers and Metrics.",
  "  Actions: lever moves the client's SPOCs asked for. Date, Lever, New value, Requested by, Rationale.",
  "",
  "Dates are real Excel dates; percentages are stored as fractions (0.25 = 25%).",
  "",
  "The story: the client first wanted faster, cheaper hiring. Nine months before the last month it switched to",
  "retention and readiness (business attrition down, training performance and quality of hire up).",
  "In the last six months recruiter quality was cut and agency use went up (both against the new goals),",
  "while referrals grew (with them). Run the analysis to see which levers turn red or green and which requests conflict.",
];

/**
 * The sample workbook as input SheetSpecs: About, Levers, Metrics, Goals, Observations, Actions.
 * Deterministic: the same options give the same specs.
 */
export function buildSampleWorkbook(options: SampleOptions = {}): SheetSpec[] {
  const data = generateSampleData(options);
  const last = data.periods.length - 1;

  const about = new SheetBuilder();
  about.put(0, 0, "rpo-align sample workbook", TITLE_STYLE, false);
  ABOUT_LINES.forEach((line, i) => about.put(2 + i, 0, line, undefined, false));
  const aboutSpec = about.build({ name: "About", tabColor: "1F4E78", freeze: { rows: 1, cols: 0 } });
  aboutSpec.columnWidths = [120];

  const levers = inputSheet(
    "Levers",
    "548235",
    ["Lever", "Category", "Unit", "Current", "Min", "Max", "Cost per unit", "Notes"],
    SAMPLE_LEVERS.map((l) => [
      l.name,
      l.category,
      l.unit,
      data.series[l.name][last],
      l.min,
      l.max,
      l.costPerUnit,
      l.description,
    ]),
    [undefined, undefined, undefined, undefined, undefined, undefined, "#,##0", undefined],
  );
  // Current/Min/Max in each lever's own format (shares as percentages).
  SAMPLE_LEVERS.forEach((l, i) =>
    levers.styles.push({
      range: { row: i + 1, col: 3, rowEnd: i + 1, colEnd: 5 },
      style: { numberFormat: l.numberFormat },
    }),
  );

  const metrics = inputSheet(
    "Metrics",
    "7030A0",
    ["Metric", "Layer", "Unit", "Better", "Lag", "Notes"],
    SAMPLE_METRICS.map((m) => [m.name, m.layer, m.unit, m.better, m.lag, m.description]),
    [undefined, undefined, undefined, undefined, "0", undefined],
  );

  const goals = inputSheet(
    "Goals",
    "BF8F00",
    ["Goal", "Metric", "Direction", "Weight", "Effective from"],
    data.goals.map((g) => [g.goal, g.metric, g.direction, g.weight, g.effectiveFrom]),
    [undefined, undefined, undefined, "0.00", FORMAT.date],
  );

  const names = [...SAMPLE_LEVERS.map((l) => l.name), ...SAMPLE_METRICS.map((m) => m.name)];
  const metricFormat = new Map(SAMPLE_METRICS.map((m) => [m.name, m.numberFormat]));
  const observations = inputSheet(
    "Observations",
    "2F5597",
    ["Period", ...names],
    data.periods.map((p, t) => [p, ...names.map((n) => data.series[n][t])]),
    [FORMAT.date, ...names.map((n) => metricFormat.get(n) ?? leverFormat(n))],
    1,
  );

  const actions = inputSheet(
    "Actions",
    "C00000",
    ["Date", "Lever", "New value", "Requested by", "Rationale"],
    data.actions.map((a) => [a.date, a.lever, a.newValue, a.requestedBy, a.rationale]),
    [FORMAT.date, undefined, undefined, undefined, undefined],
  );
  data.actions.forEach((a, i) =>
    actions.styles.push({
      range: { row: i + 1, col: 2, rowEnd: i + 1, colEnd: 2 },
      style: { numberFormat: leverFormat(a.lever) },
    }),
  );

  const inputs = [aboutSpec, levers, metrics, goals, observations, actions];
  // The finance partner's view of the same numbers: every RPO function on this workbook's data.
  return [...inputs, buildFormulasSheet(formulasInputFromSpecs(inputs))];
}

/**
 * A spec's sheet as a host reads it back from the written file: values, and for each formula the
 * value it caches (every cell of an array formula's area).
 */
export function sheetAsRead(spec: SheetSpec): RawSheet {
  const asCell = (v: CachedValue | undefined): CellValue =>
    v === undefined ? null : isErrorValue(v) ? { kind: "error", code: v.error } : v;
  const values: CellValue[][] = spec.values.map((line) =>
    line.map((v): CellValue => (v !== null && typeof v === "object" ? asCell(v.cached) : v)),
  );
  spec.values.forEach((line, r) =>
    line.forEach((v, c) => {
      if (v === null || typeof v !== "object" || !v.cachedArray) return;
      v.cachedArray.forEach((row, i) =>
        row.forEach((cell, j) => {
          while (values.length <= r + i) values.push([]);
          const target = values[r + i];
          while (target.length < c + j) target.push(null);
          target[c + j] = asCell(cell);
        }),
      );
    }),
  );
  return { name: spec.name, originRow: 0, originCol: 0, values };
}

/** The sample as a host would read it (values only), e.g. to run the pipeline on it in tests or a demo. */
export function sampleRawWorkbook(options: SampleOptions = {}): RawWorkbook {
  const specs = buildSampleWorkbook(options);
  const sheets: RawSheet[] = specs.map(sheetAsRead);
  return { sheets, tables: [], sheetNames: specs.map((s) => s.name), outputSheets: [], history: null };
}
