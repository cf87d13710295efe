/** Valid workbooks parse to exactly the expected Model. */
import { parse } from "../../src/core/model/parse";
import type { Model } from "../../src/core/model/types";
import {
  APR,
  AUG,
  FEB,
  JAN,
  JUL,
  JUN,
  MAR,
  MAY,
  MONTHS_2024,
  OBSERVATION_ROWS,
  err,
  sheet,
  table,
  validWorkbook,
  workbook,
} from "./builders";

const ref = (sheetName: string, cell: string) => ({ sheet: sheetName, cell });

const EXPECTED_VALID: Model = {
  levers: [
    {
      name: "Recruiters",
      category: "Capacity",
      unit: "FTE",
      current: 12,
      min: 8,
      max: 20,
      costPerUnit: 6500,
      source: ref("Levers", "A2"),
    },
    {
      name: "Screening hours",
      category: "Capacity",
      unit: "hours/week",
      current: 160,
      min: 80,
      max: 240,
      costPerUnit: 45,
      source: ref("Levers", "A3"),
    },
    {
      name: "Agency share",
      category: "Sourcing mix",
      unit: "%",
      current: 0.25,
      min: 0,
      max: 0.6,
      costPerUnit: null,
      source: ref("Levers", "A4"),
    },
  ],
  metrics: [
    {
      name: "Time to fill",
      layer: "Recruitment",
      unit: "days",
      better: "Lower",
      lag: 0,
      source: ref("Metrics", "A2"),
    },
    {
      name: "Cost per hire",
      layer: "Recruitment",
      unit: "$",
      better: "Lower",
      lag: 0,
      source: ref("Metrics", "A3"),
    },
    {
      name: "First-year attrition",
      layer: "Business",
      unit: "%",
      better: "Lower",
      lag: 2,
      source: ref("Metrics", "A4"),
    },
  ],
  goalSets: [
    {
      effectiveFrom: JAN,
      goals: [
        {
          goal: "Faster hiring",
          metric: "Time to fill",
          direction: "Decrease",
          weight: 3,
          effectiveFrom: JAN,
          source: ref("Goals", "A2"),
        },
        {
          goal: "Lower cost",
          metric: "Cost per hire",
          direction: "Decrease",
          weight: 2,
          effectiveFrom: JAN,
          source: ref("Goals", "A3"),
        },
      ],
    },
    {
      effectiveFrom: JUL,
      goals: [
        {
          goal: "Keep new hires",
          metric: "First-year attrition",
          direction: "Decrease",
          weight: 1,
          effectiveFrom: JUL,
          source: ref("Goals", "A4"),
        },
        {
          goal: "Faster hiring",
          metric: "Time to fill",
          direction: "Decrease",
          weight: 1,
          effectiveFrom: JUL,
          source: ref("Goals", "A5"),
        },
      ],
    },
  ],
  observations: {
    periods: MONTHS_2024,
    series: {
      Recruiters: OBSERVATION_ROWS.map((r) => r[1] as number),
      "Screening hours": OBSERVATION_ROWS.map((r) => r[2] as number),
      "Agency share": OBSERVATION_ROWS.map((r) => r[3] as number),
      "Time to fill": OBSERVATION_ROWS.map((r) => r[4] as number),
      "Cost per hire": OBSERVATION_ROWS.map((r) => r[5] as number),
      "First-year attrition": OBSERVATION_ROWS.map((r) => r[6] as number),
    },
    sourceRows: [2, 3, 4, 5, 6, 7, 8, 9],
    sheet: "Observations",
  },
  actions: [
    {
      date: MAR,
      lever: "Agency share",
      newValue: 0.28,
      requestedBy: "Procurement",
      rationale: "Reduce agency spend",
      source: ref("Actions", "B3"),
    },
    {
      date: MAY,
      lever: "Recruiters",
      newValue: 12,
      requestedBy: "Client TA lead",
      rationale: "Hiring surge for the new site",
      source: ref("Actions", "B2"),
    },
  ],
};

test("the example workbook parses to the expected model; its goal weights are read as relative, and it says so", () => {
  const result = parse(validWorkbook());
  expect(result.diagnostics.map((d) => [d.severity, d.code, d.sheet, d.cell])).toEqual([
    ["info", "goal-weights-normalised", "Goals", "A2"],
    ["info", "goal-weights-normalised", "Goals", "A4"],
  ]);
  expect(result.diagnostics[0].message).toContain(
    "add up to 5, not 1 (100%), so they are read as relative weights and scaled to add up to 1: " +
      "'Faster hiring' 0.6 (entered 3), 'Lower cost' 0.4 (entered 2).",
  );
  expect(result.model).toEqual(EXPECTED_VALID);
});

test("as-of option only selects; the model is the same", () => {
  const result = parse(validWorkbook(), { asOf: FEB });
  expect(result.diagnostics.filter((d) => d.code !== "goal-weights-normalised")).toEqual([]);
  expect(result.model).toEqual(EXPECTED_VALID);
});

describe("a workbook that uses every allowance", () => {
  const LONG = "L".repeat(255);
  const levers = table(
    "tblLevers",
    "Setup",
    [
      ["  LEVER ", "category", "Unit", "Current", "Min", "Max", "Owner"],
      ["=SUM(A1:A9)", "Capacity", "FTE", "12", null, "20", "Ann"],
      ["<script>alert(1)</script>", "Screening", "hours", "1,200", "$1,000", null, null],
      ["Recruiters 🚀", "Capacity", "FTE", 3, 0, 10, null],
      ["מגייסים", "Capacity", "FTE", 4, 0, 10, null],
      [LONG, "Other", "", 0.5, 0, 1, null],
    ],
    3,
    1,
  );
  const metrics = table("MetricsTable", "Setup", [
    ["Metric", "Layer", "Unit", "Better", "Lag"],
    ["  Time   to fill ", "KPI", "days", "lower is better", "2"],
    ["Offer acceptance", "recruitment kpi", "%", "HIGHER", null],
    ["Attrition", "Outcome", "%", "Lower", 1],
  ]);
  const goals = sheet(
    "goals",
    [
      ["Client goals 2024"],
      ["Updated monthly", null, "v3"],
      [null],
      ["Goal", "Metric", "Direction", "Weight", "Effective from", "Comment"],
      ["Speed", "time to fill", "decrease", "40%", "2024-01-01", "from the QBR"],
      ["Acceptance", "OFFER ACCEPTANCE", "Up", 0.6, "1 Jan 2024", null],
      ["Retention", "Attrition", "Minimise", 1, "Jul 2024", null],
    ],
    { originCol: 2 },
  );
  const observations = sheet("Observations", [
    [
      "Period",
      "=sum(a1:a9)",
      "<SCRIPT>ALERT(1)</SCRIPT>",
      "recruiters 🚀",
      "מגייסים",
      LONG,
      "Time to fill",
      "Offer acceptance",
      "Attrition",
      "Notes",
    ],
    ["2024-02", 11, "1,150", 2, 4, 0.5, "45", "81%", 0.2, "late data"],
    ["2024-01-01", 10, "1,100", 2, 4, 0.4, 48, "80 %", 0.21, null],
    ["3/1/2024", 11, "$1,175", 3, "\u00a04\u00a0", 0.45, 44, 0.82, err("#N/A"), null],
    ["1 Apr 2024", 12, "1,200", 3, 4, 0.5, "(12)", 0.83, "#DIV/0!", null],
    ["May 2024", 12, "1,250", 3, 5, 0.5, "\u221241", 0.84, 0.19, null],
    ["June 2024", 12, null, 3, 5, 0.5, 40, 0.85, 0.18, null],
    ["2024/07/01", 12, "1,300", 3, 5, 0.5, 40, 0.86, 0.18, null],
    [AUG, 12, "1,300", 3, 5, 0.5, 39, 0.86, 0.17, null],
    [null],
    [null, null, null, null],
  ]);
  const actions = sheet("ACTIONS", [
    ["Date", "Lever", "New value", "Requested by", "Rationale"],
    ["15 Mar 2024", "Recruiters 🚀", "4", "  Dana  ", "  Faster =hiring  "],
    [JUN + 0.5, "=sum(A1:A9)", null, null, "<b>bold</b>"],
  ]);
  const raw = workbook(
    [goals, observations, actions, sheet("Notes", [["free text"]])],
    [levers, metrics],
    ["Alignment"],
  );
  raw.outputSheets = ["Alignment"];
  const result = parse(raw);

  test("diagnostics are the expected infos and warnings only", () => {
    expect(result.diagnostics.map((d) => [d.severity, d.code, d.sheet, d.cell])).toEqual([
      ["warning", "extra-columns", "Observations", "J1"],
      ["info", "date-order", "Observations", "A4"],
      ["warning", "missing-values", "Observations", "C7"],
      ["warning", "missing-values", "Observations", "I4"],
      ["info", "periods-reordered", "Observations", "A1"],
    ]);
    expect(result.diagnostics[3].message).toContain("2 missing values (I4 #N/A, I5 #DIV/0!)");
  });

  test("model", () => {
    const setup = (cell: string) => ref("Setup", cell);
    const expected: Model = {
      levers: [
        {
          name: "=SUM(A1:A9)",
          category: "Capacity",
          unit: "FTE",
          current: 12,
          min: null,
          max: 20,
          costPerUnit: null,
          source: setup("B5"),
        },
        {
          name: "<script>alert(1)</script>",
          category: "Screening",
          unit: "hours",
          current: 1200,
          min: 1000,
          max: null,
          costPerUnit: null,
          source: setup("B6"),
        },
        {
          name: "Recruiters 🚀",
          category: "Capacity",
          unit: "FTE",
          current: 3,
          min: 0,
          max: 10,
          costPerUnit: null,
          source: setup("B7"),
        },
        {
          name: "מגייסים",
          category: "Capacity",
          unit: "FTE",
          current: 4,
          min: 0,
          max: 10,
          costPerUnit: null,
          source: setup("B8"),
        },
        {
          name: LONG,
          category: "Other",
          unit: "",
          current: 0.5,
          min: 0,
          max: 1,
          costPerUnit: null,
          source: setup("B9"),
        },
      ],
      metrics: [
        {
          name: "Time   to fill",
          layer: "Recruitment",
          unit: "days",
          better: "Lower",
          lag: 2,
          source: setup("A2"),
        },
        {
          name: "Offer acceptance",
          layer: "Recruitment",
          unit: "%",
          better: "Higher",
          lag: 0,
          source: setup("A3"),
        },
        { name: "Attrition", layer: "Business", unit: "%", better: "Lower", lag: 1, source: setup("A4") },
      ],
      goalSets: [
        {
          effectiveFrom: JAN,
          goals: [
            {
              goal: "Speed",
              metric: "Time   to fill",
              direction: "Decrease",
              weight: 0.4,
              effectiveFrom: JAN,
              source: ref("goals", "C5"),
            },
            {
              goal: "Acceptance",
              metric: "Offer acceptance",
              direction: "Increase",
              weight: 0.6,
              effectiveFrom: JAN,
              source: ref("goals", "C6"),
            },
          ],
        },
        {
          effectiveFrom: JUL,
          goals: [
            {
              goal: "Retention",
              metric: "Attrition",
              direction: "Decrease",
              weight: 1,
              effectiveFrom: JUL,
              source: ref("goals", "C7"),
            },
          ],
        },
      ],
      observations: {
        periods: [JAN, FEB, MAR, APR, MAY, JUN, JUL, AUG],
        series: {
          "=SUM(A1:A9)": [10, 11, 11, 12, 12, 12, 12, 12],
          "<script>alert(1)</script>": [1100, 1150, 1175, 1200, 1250, null, 1300, 1300],
          "Recruiters 🚀": [2, 2, 3, 3, 3, 3, 3, 3],
          מגייסים: [4, 4, 4, 4, 5, 5, 5, 5],
          [LONG]: [0.4, 0.5, 0.45, 0.5, 0.5, 0.5, 0.5, 0.5],
          "Time   to fill": [48, 45, 44, -12, -41, 40, 40, 39],
          "Offer acceptance": [0.8, 0.81, 0.82, 0.83, 0.84, 0.85, 0.86, 0.86],
          Attrition: [0.21, 0.2, null, null, 0.19, 0.18, 0.18, 0.17],
        },
        sourceRows: [3, 2, 4, 5, 6, 7, 8, 9],
        sheet: "Observations",
      },
      actions: [
        {
          date: MAR + 14,
          lever: "Recruiters 🚀",
          newValue: 4,
          requestedBy: "Dana",
          rationale: "Faster =hiring",
          source: ref("ACTIONS", "B2"),
        },
        {
          date: JUN,
          lever: "=SUM(A1:A9)",
          newValue: null,
          requestedBy: "",
          rationale: "<b>bold</b>",
          source: ref("ACTIONS", "B3"),
        },
      ],
    };
    expect(result.model).toEqual(expected);
  });
});

test("text dates in one format per column: US month/day/year is the default", () => {
  const texts = [
    "1/1/2024",
    "2/1/2024",
    "3/1/2024",
    "4/1/2024",
    "5/1/2024",
    "6/1/2024",
    "7/1/2024",
    "8/1/2024",
  ];
  const wb = validWorkbook({
    Observations: [
      [
        "Period",
        "Recruiters",
        "Screening hours",
        "Agency share",
        "Time to fill",
        "Cost per hire",
        "First-year attrition",
      ],
      ...OBSERVATION_ROWS.map((r, i) => [texts[i], ...r.slice(1)]),
    ],
  });
  const result = parse(wb);
  expect(result.model?.observations.periods).toEqual(MONTHS_2024);
  expect(result.diagnostics.map((d) => d.code).filter((c) => c !== "goal-weights-normalised")).toEqual([
    "date-order",
  ]);
  expect(result.diagnostics.find((d) => d.code === "date-order")?.message).toContain(
    "read as month/day/year (2024-01-01) as in the US",
  );
});

test("a day-first date in the column makes the ambiguous ones day-first", () => {
  const texts = [
    "01/01/2024",
    "01/02/2024",
    "01/03/2024",
    "01/04/2024",
    "01/05/2024",
    "01/06/2024",
    "01/07/2024",
    "31/07/2024",
  ];
  const wb = validWorkbook({
    Observations: [
      [
        "Period",
        "Recruiters",
        "Screening hours",
        "Agency share",
        "Time to fill",
        "Cost per hire",
        "First-year attrition",
      ],
      ...OBSERVATION_ROWS.map((r, i) => [texts[i], ...r.slice(1)]),
    ],
  });
  const result = parse(wb);
  expect(result.model?.observations.periods).toEqual([...MONTHS_2024.slice(0, 7), AUG - 1]);
  const info = result.diagnostics.find((d) => d.code === "date-order");
  expect(info?.message).toContain("because '31/07/2024' (A9) can only be day/month/year");
});

test("serial dates with a time of day are whole days", () => {
  const wb = validWorkbook({
    Observations: [
      [
        "Period",
        "Recruiters",
        "Screening hours",
        "Agency share",
        "Time to fill",
        "Cost per hire",
        "First-year attrition",
      ],
      ...OBSERVATION_ROWS.map((r) => [(r[0] as number) + 0.5, ...r.slice(1)]),
    ],
  });
  expect(parse(wb).model?.observations.periods).toEqual(MONTHS_2024);
});

test("a lever or metric without an Observations column is an error; a lever with an empty column leaves the model", () => {
  const missing = parse(
    validWorkbook({
      Observations: [
        ["Period", "Recruiters", "Screening hours", "Time to fill", "Cost per hire"],
        ...OBSERVATION_ROWS.map((r) => [r[0], r[1], r[2], r[4], r[5]]),
      ],
    }),
  );
  expect(missing.model).toBeNull();
  expect(
    missing.diagnostics.filter((d) => d.severity === "error").map((d) => [d.code, d.message.split(" (")[0]]),
  ).toEqual([
    ["missing-series", "The 'Observations' sheet has no column for lever 'Agency share'"],
    ["missing-series", "The 'Observations' sheet has no column for metric 'First-year attrition'"],
  ]);

  const empty = parse(
    validWorkbook({
      Observations: [
        [
          "Period",
          "Recruiters",
          "Screening hours",
          "Agency share",
          "Time to fill",
          "Cost per hire",
          "First-year attrition",
        ],
        ...OBSERVATION_ROWS.map((r) => [r[0], r[1], r[2], null, r[4], r[5], r[6]]),
      ],
    }),
  );
  expect(empty.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  expect(empty.model?.levers.map((l) => l.name)).toEqual(["Recruiters", "Screening hours"]);
  expect(empty.diagnostics.find((d) => d.code === "empty-lever")).toMatchObject({
    severity: "warning",
    sheet: "Observations",
    cell: "D1",
  });
  expect(empty.model?.actions.map((a) => a.lever)).toEqual(["Recruiters"]);
});

test("an action after the history is kept (info)", () => {
  const wb = validWorkbook({
    Actions: [
      ["Date", "Lever", "New value", "Requested by", "Rationale"],
      ["2024-12-01", "Recruiters", 14, "TA", "Plan"],
    ],
  });
  const { model, diagnostics } = parse(wb);
  expect(model?.actions).toHaveLength(1);
  expect(
    diagnostics.filter((d) => d.code !== "goal-weights-normalised").map((d) => [d.severity, d.code]),
  ).toEqual([["info", "action-outside-history"]]);
});

test("the workbook is not modified", () => {
  const wb = validWorkbook();
  const copy = JSON.parse(JSON.stringify(wb));
  parse(wb);
  expect(wb).toEqual(copy);
});
