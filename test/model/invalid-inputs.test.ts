/**
 * Script-Lab-style data-driven tests: each case is a workbook with one problem and the diagnostic
 * it must produce (severity, code, sheet, cell, message fragment). Error cases must leave the
 * model null; warning and info cases must still produce a model.
 */
import { DIAGNOSTIC_CODES, formatDiagnostic, parse, type ParseOptions } from "../../src/core/model/parse";
import type { CellValue, RawWorkbook } from "../../src/core/model/raw";
import type { Severity } from "../../src/core/model/types";
import {
  ACTIONS,
  AUG,
  FEB,
  GOALS,
  JAN,
  JUL,
  LEVERS,
  MAR,
  METRICS,
  OBSERVATION_HEADER,
  OBSERVATION_ROWS,
  OBSERVATIONS,
  err,
  sheet,
  table,
  validWorkbook,
  withCell,
  withColumn,
  type Rows,
} from "./builders";

const SEP = AUG + 31;

interface Case {
  name: string;
  build: () => RawWorkbook;
  options?: ParseOptions;
  expect: { severity: Severity; code: string; sheet: string | null; cell: string | null; fragment: string };
  /** How many error diagnostics in all (default: 1 for an error case, 0 otherwise). */
  errors?: number;
}

const dropColumn = (rows: Rows, c: number): Rows => rows.map((row) => row.filter((_, i) => i !== c));
const periodTexts = (texts: string[]): Rows => withColumn(OBSERVATIONS, 0, ["Period", ...texts]);

const CASES: Case[] = [
  // ---- finding the inputs
  {
    name: "Observations larger than the size limit",
    build: () => validWorkbook(),
    options: { maxObservationCells: 20 },
    expect: {
      severity: "error",
      code: "too-large",
      sheet: "Observations",
      cell: "A1:G9",
      fragment: "rpo-align analyses at most 20 cells of Observations",
    },
  },
  {
    name: "missing required sheet",
    build: () => validWorkbook({ Levers: null }),
    expect: {
      severity: "error",
      code: "missing-input",
      sheet: null,
      cell: null,
      fragment: "No Levers sheet or table found",
    },
  },
  {
    name: "missing sheet with a near name suggested",
    build: () => {
      const wb = validWorkbook({ Levers: null });
      wb.sheets.push(sheet("Lever", LEVERS));
      wb.sheetNames.push("Lever");
      return wb;
    },
    expect: {
      severity: "error",
      code: "missing-input",
      sheet: null,
      cell: null,
      fragment: "Is 'Lever' meant to be it?",
    },
  },
  {
    name: "two tables for one input",
    build: () => {
      const wb = validWorkbook({ Levers: null });
      wb.tables.push(table("tblLevers", "Setup", LEVERS), table("LeversTable", "Other", LEVERS, 4, 2));
      return wb;
    },
    expect: {
      severity: "error",
      code: "ambiguous-input",
      sheet: "Other",
      cell: "C5",
      fragment: "'tblLevers' (on 'Setup')",
    },
  },
  {
    name: "two sheets for one input (names differ only by spaces and case)",
    build: () => {
      const wb = validWorkbook();
      wb.sheets.push(sheet(" levers ", LEVERS));
      return wb;
    },
    expect: {
      severity: "error",
      code: "ambiguous-input",
      sheet: " levers ",
      cell: null,
      fragment: "all look like the Levers sheet",
    },
  },
  {
    name: "table preferred over a sheet of the same name",
    build: () => {
      const wb = validWorkbook({ Levers: [["old notes"]] });
      wb.tables.push(table("tblLevers", "Setup", LEVERS, 2, 1));
      return wb;
    },
    expect: {
      severity: "info",
      code: "using-table",
      sheet: "Levers",
      cell: null,
      fragment: "read from table 'tblLevers' on sheet 'Setup'",
    },
  },
  {
    name: "no Actions sheet",
    build: () => validWorkbook({ Actions: null }),
    expect: {
      severity: "info",
      code: "no-actions",
      sheet: null,
      cell: null,
      fragment: "review of past lever changes is skipped",
    },
  },
  // ---- headers
  {
    name: "missing column",
    build: () => validWorkbook({ Levers: dropColumn(LEVERS, 5) }),
    expect: {
      severity: "error",
      code: "missing-column",
      sheet: "Levers",
      cell: "A1",
      fragment: "No 'Max' column in the header row (row 1)",
    },
  },
  {
    name: "misspelled header below title rows, with suggestion",
    build: () =>
      validWorkbook({ Levers: [["Engagement levers"], [null], ...withCell(LEVERS, 0, 3, "Curent")] }),
    expect: {
      severity: "error",
      code: "missing-column",
      sheet: "Levers",
      cell: "A3",
      fragment: "Did you mean 'Curent' (D3)?",
    },
  },
  {
    name: "misspelled Period header still finds the header row",
    build: () => validWorkbook({ Observations: withCell(OBSERVATIONS, 0, 0, "Perod") }),
    expect: {
      severity: "error",
      code: "missing-column",
      sheet: "Observations",
      cell: "A1",
      fragment: "Did you mean 'Perod' (A1)?",
    },
  },
  {
    name: "no header row at all",
    build: () => validWorkbook({ Levers: [["Nothing here"], ["a", "b"]] }),
    expect: {
      severity: "error",
      code: "missing-header",
      sheet: "Levers",
      cell: "A1",
      fragment: "No header row found in the first 20 rows",
    },
  },
  {
    name: "empty sheet",
    build: () => validWorkbook({ Metrics: [] }),
    expect: { severity: "error", code: "missing-header", sheet: "Metrics", cell: null, fragment: "is empty" },
  },
  {
    name: "header repeated",
    build: () => validWorkbook({ Levers: withColumn(LEVERS, 7, ["unit", "x", "y", "z"]) }),
    expect: {
      severity: "error",
      code: "duplicate-column",
      sheet: "Levers",
      cell: "H1",
      fragment: "Two columns are headed 'Unit' (C1 and H1)",
    },
  },
  {
    name: "lever column repeated in Observations",
    build: () =>
      validWorkbook({ Observations: withColumn(OBSERVATIONS, 7, ["RECRUITERS", 1, 1, 1, 1, 1, 1, 1, 1]) }),
    expect: {
      severity: "error",
      code: "duplicate-column",
      sheet: "Observations",
      cell: "H1",
      fragment: "(B1 and H1)",
    },
  },
  {
    name: "misspelled optional column",
    build: () => validWorkbook({ Levers: withCell(LEVERS, 0, 6, "Cost per unti") }),
    expect: {
      severity: "info",
      code: "unrecognised-column",
      sheet: "Levers",
      cell: "G1",
      fragment: "optional 'Cost per unit' column",
    },
  },
  {
    name: "extra Observations columns listed",
    build: () =>
      validWorkbook({
        Observations: withColumn(OBSERVATIONS, 7, ["Notes", "ok", null, null, null, null, null, null, null]),
      }),
    expect: {
      severity: "warning",
      code: "extra-columns",
      sheet: "Observations",
      cell: "H1",
      fragment: "Column 'Notes' (H1) is on neither Levers nor Metrics, so it is not analysed",
    },
  },
  {
    name: "data under a blank header is listed with the extra columns",
    build: () =>
      validWorkbook({
        Observations: withColumn(OBSERVATIONS, 8, [null, 1, 2, 3, null, null, null, null, null]),
      }),
    expect: {
      severity: "warning",
      code: "extra-columns",
      sheet: "Observations",
      cell: "I1",
      fragment: "An unnamed column (I1) is on neither",
    },
  },
  {
    name: "hidden rows are data",
    build: () => {
      const wb = validWorkbook();
      wb.sheets[3] = sheet("Observations", OBSERVATIONS, { hiddenRows: [3] });
      return wb;
    },
    expect: {
      severity: "info",
      code: "hidden-rows",
      sheet: "Observations",
      cell: "A4",
      fragment: "Hidden row 4 of the 'Observations' sheet is read",
    },
  },
  // ---- Levers
  {
    name: "row without a lever name",
    build: () => validWorkbook({ Levers: [...LEVERS, [" ", "Capacity", "FTE", 1, 0, 2]] }),
    expect: {
      severity: "error",
      code: "missing-name",
      sheet: "Levers",
      cell: "A5",
      fragment: "Row 5 has values but no lever name",
    },
  },
  {
    name: "duplicate lever (case and spaces ignored)",
    build: () => validWorkbook({ Levers: [...LEVERS, ["recruiters ", "Capacity", "FTE", 12, 8, 20, 1]] }),
    expect: {
      severity: "error",
      code: "duplicate-name",
      sheet: "Levers",
      cell: "A5",
      fragment: "listed twice (A2 and A5",
    },
  },
  {
    name: "name used as lever and metric",
    build: () => validWorkbook({ Metrics: [...METRICS, ["Recruiters", "Recruitment", "FTE", "Higher", 0]] }),
    expect: {
      severity: "error",
      code: "name-conflict",
      sheet: "Metrics",
      cell: "A5",
      fragment: "both a lever (Levers!A2) and a metric",
    },
  },
  {
    name: "lever named Period",
    build: () => validWorkbook({ Levers: [...LEVERS, ["period", "x", "x", 1, 0, 2]] }),
    expect: {
      severity: "error",
      code: "reserved-name",
      sheet: "Levers",
      cell: "A5",
      fragment: "'period' cannot be a lever name",
    },
  },
  {
    name: "text in a lever number",
    build: () => validWorkbook({ Levers: withCell(LEVERS, 1, 4, "eight") }),
    expect: {
      severity: "error",
      code: "text-in-number",
      sheet: "Levers",
      cell: "E2",
      fragment: "Min of lever 'Recruiters' holds 'eight'",
    },
  },
  {
    name: "Excel error in a lever number",
    build: () => validWorkbook({ Levers: withCell(LEVERS, 1, 3, err("#REF!")) }),
    expect: {
      severity: "error",
      code: "error-value",
      sheet: "Levers",
      cell: "D2",
      fragment: "holds the error #REF!",
    },
  },
  {
    name: "blank Current",
    build: () => validWorkbook({ Levers: withCell(LEVERS, 1, 3, null) }),
    expect: {
      severity: "warning",
      code: "blank-current",
      sheet: "Levers",
      cell: "D2",
      fragment: "'Recruiters' has no Current value",
    },
  },
  {
    name: "Min above Max",
    build: () => validWorkbook({ Levers: withCell(LEVERS, 1, 4, 25) }),
    expect: {
      severity: "error",
      code: "min-above-max",
      sheet: "Levers",
      cell: "E2",
      fragment: "Min 25 above Max 20 (F2)",
    },
  },
  {
    name: "Current above Max",
    build: () => validWorkbook({ Levers: withCell(LEVERS, 1, 3, 30) }),
    expect: {
      severity: "warning",
      code: "current-outside-bounds",
      sheet: "Levers",
      cell: "D2",
      fragment: "is at 30, above its Max 20",
    },
  },
  {
    name: "Levers with a header only",
    build: () => validWorkbook({ Levers: [LEVERS[0]] }),
    expect: {
      severity: "error",
      code: "no-levers",
      sheet: "Levers",
      cell: null,
      fragment: "Levers lists no lever",
    },
  },
  // ---- Metrics
  {
    name: "unknown Layer",
    build: () => validWorkbook({ Metrics: withCell(METRICS, 1, 1, "Recruiting") }),
    expect: {
      severity: "error",
      code: "invalid-layer",
      sheet: "Metrics",
      cell: "B2",
      fragment: "Layer 'Recruiting' is not recognised",
    },
  },
  {
    name: "misspelled Better, with suggestion",
    build: () => validWorkbook({ Metrics: withCell(METRICS, 1, 3, "Lowr") }),
    expect: {
      severity: "error",
      code: "invalid-better",
      sheet: "Metrics",
      cell: "D2",
      fragment: "(did you mean 'Lower'?)",
    },
  },
  {
    name: "fractional Lag",
    build: () => validWorkbook({ Metrics: withCell(METRICS, 3, 4, 1.5) }),
    expect: {
      severity: "error",
      code: "invalid-lag",
      sheet: "Metrics",
      cell: "E4",
      fragment: "Lag of metric 'First-year attrition' is 1.5",
    },
  },
  {
    name: "negative Lag",
    build: () => validWorkbook({ Metrics: withCell(METRICS, 3, 4, -1) }),
    expect: {
      severity: "error",
      code: "invalid-lag",
      sheet: "Metrics",
      cell: "E4",
      fragment: "whole number of periods, 0 or more",
    },
  },
  {
    name: "Metrics with a header only",
    build: () => validWorkbook({ Metrics: [METRICS[0]] }),
    expect: {
      severity: "error",
      code: "no-metrics",
      sheet: "Metrics",
      cell: null,
      fragment: "Metrics lists no metric",
    },
  },
  // ---- Goals
  {
    name: "unknown goal metric, with suggestion",
    build: () => validWorkbook({ Goals: withCell(GOALS, 1, 1, "Time-to-fil") }),
    expect: {
      severity: "error",
      code: "unknown-metric",
      sheet: "Goals",
      cell: "B2",
      fragment: "'Time-to-fil' is not a metric in Metrics. Did you mean 'Time to fill'?",
    },
  },
  {
    name: "goal set on a lever",
    build: () => validWorkbook({ Goals: withCell(GOALS, 1, 1, "Recruiters") }),
    expect: {
      severity: "error",
      code: "unknown-metric",
      sheet: "Goals",
      cell: "B2",
      fragment: "'Recruiters' is a lever; goals are set on metrics",
    },
  },
  {
    name: "zero weight",
    build: () => validWorkbook({ Goals: withCell(GOALS, 1, 3, 0) }),
    expect: {
      severity: "error",
      code: "invalid-weight",
      sheet: "Goals",
      cell: "D2",
      fragment: "Weight is 0; weights must be above 0",
    },
  },
  {
    name: "negative weight",
    build: () => validWorkbook({ Goals: withCell(GOALS, 2, 3, -2) }),
    expect: {
      severity: "error",
      code: "invalid-weight",
      sheet: "Goals",
      cell: "D3",
      fragment: "Weight is -2",
    },
  },
  {
    name: "blank weight",
    build: () => validWorkbook({ Goals: withCell(GOALS, 2, 3, null) }),
    expect: {
      severity: "error",
      code: "missing-value",
      sheet: "Goals",
      cell: "D3",
      fragment: "Weight is blank",
    },
  },
  {
    name: "unknown Direction",
    build: () => validWorkbook({ Goals: withCell(GOALS, 1, 2, "Reduce") }),
    expect: {
      severity: "error",
      code: "invalid-direction",
      sheet: "Goals",
      cell: "C2",
      fragment: "Direction 'Reduce' is not recognised; enter 'Increase' or 'Decrease'",
    },
  },
  {
    name: "blank Effective from",
    build: () => validWorkbook({ Goals: withCell(GOALS, 1, 4, null) }),
    expect: {
      severity: "error",
      code: "missing-date",
      sheet: "Goals",
      cell: "E2",
      fragment: "Effective from is blank",
    },
  },
  {
    name: "metric twice in one goal set",
    build: () => validWorkbook({ Goals: [...GOALS, ["Speed", "time to fill", "Decrease", 1, "2024-01-01"]] }),
    expect: {
      severity: "error",
      code: "duplicate-goal-metric",
      sheet: "Goals",
      cell: "B6",
      fragment: "two goals on 'Time to fill' (A2 and A6)",
    },
  },
  {
    name: "blank goal name",
    build: () => validWorkbook({ Goals: withCell(GOALS, 1, 0, null) }),
    expect: {
      severity: "warning",
      code: "blank-goal-name",
      sheet: "Goals",
      cell: "A2",
      fragment: "shown as 'Decrease Time to fill'",
    },
  },
  {
    name: "goal against the metric's Better",
    build: () => validWorkbook({ Goals: withCell(GOALS, 1, 2, "increase") }),
    expect: {
      severity: "info",
      code: "goal-against-better",
      sheet: "Goals",
      cell: "C2",
      fragment: "asks to increase 'Time to fill', for which lower is better",
    },
  },
  {
    name: "Goals with a header only",
    build: () => validWorkbook({ Goals: [GOALS[0]] }),
    expect: {
      severity: "error",
      code: "no-goals",
      sheet: "Goals",
      cell: null,
      fragment: "Goals lists no goal",
    },
  },
  {
    name: "no goal set in force at the last period",
    build: () =>
      validWorkbook({
        Goals: GOALS.slice(0, 4).map((row, i) => (i === 0 ? row : [...row.slice(0, 4), SEP])),
      }),
    expect: {
      severity: "error",
      code: "no-goal-set-in-force",
      sheet: "Goals",
      cell: "A2",
      fragment: "No goal set is in force at 2024-08-01: the earliest Effective from is 2024-09-01",
    },
  },
  {
    name: "no goal set in force at a requested as-of date",
    build: () => validWorkbook(),
    options: { asOf: JAN - 10 },
    expect: {
      severity: "error",
      code: "no-goal-set-in-force",
      sheet: "Goals",
      cell: "A2",
      fragment: "in force at 2023-12-22",
    },
  },
  {
    name: "as-of date outside the history",
    build: () => validWorkbook(),
    options: { asOf: SEP + 0.75 },
    expect: {
      severity: "info",
      code: "as-of-outside-history",
      sheet: null,
      cell: null,
      fragment: "The as-of date 2024-09-01 is outside",
    },
  },
  // ---- Observations
  {
    name: "text in a numeric cell",
    build: () => validWorkbook({ Observations: withCell(OBSERVATIONS, 5, 3, "n/a ") }),
    expect: {
      severity: "error",
      code: "text-in-number",
      sheet: "Observations",
      cell: "D6",
      fragment: "holds 'n/a ' where a number is expected",
    },
  },
  {
    name: "European decimal comma is text",
    build: () => validWorkbook({ Observations: withCell(OBSERVATIONS, 2, 3, "0,3") }),
    expect: {
      severity: "error",
      code: "text-in-number",
      sheet: "Observations",
      cell: "D3",
      fragment: "holds '0,3'",
    },
  },
  {
    name: "TRUE where a number is expected",
    build: () => validWorkbook({ Observations: withCell(OBSERVATIONS, 2, 4, true) }),
    expect: {
      severity: "error",
      code: "boolean-in-number",
      sheet: "Observations",
      cell: "E3",
      fragment: "holds TRUE where a number is expected",
    },
  },
  {
    name: "a column full of text: five cells named, the rest counted",
    build: () =>
      validWorkbook({ Observations: withColumn(OBSERVATIONS, 5, ["Cost per hire", ..."abcdefgh"]) }),
    expect: {
      severity: "error",
      code: "text-in-number",
      sheet: "Observations",
      cell: "F7",
      fragment: "3 more cells of column 'Cost per hire'",
    },
    errors: 6,
  },
  {
    name: "blanks and Excel errors are missing values",
    build: () =>
      validWorkbook({ Observations: withCell(withCell(OBSERVATIONS, 2, 5, null), 4, 5, err("#N/A")) }),
    expect: {
      severity: "warning",
      code: "missing-values",
      sheet: "Observations",
      cell: "F3",
      fragment: "2 missing values (F3 blank, F5 #N/A)",
    },
  },
  {
    name: "impossible text date",
    build: () => validWorkbook({ Observations: withCell(OBSERVATIONS, 2, 0, "2024-02-30") }),
    expect: {
      severity: "error",
      code: "invalid-date",
      sheet: "Observations",
      cell: "A3",
      fragment: "holds '2024-02-30', which is not a date",
    },
  },
  {
    name: "Mar-24 is not accepted (Excel would read it as 24 March)",
    build: () => validWorkbook({ Observations: withCell(OBSERVATIONS, 3, 0, "Mar-24") }),
    expect: {
      severity: "error",
      code: "invalid-date",
      sheet: "Observations",
      cell: "A4",
      fragment: "'Mar-24', which is not a date",
    },
  },
  {
    name: "number that is no Excel date",
    build: () => validWorkbook({ Observations: withCell(OBSERVATIONS, 3, 0, -5) }),
    expect: {
      severity: "error",
      code: "invalid-date",
      sheet: "Observations",
      cell: "A4",
      fragment: "holds -5, which is not a date",
    },
  },
  {
    name: "row with values but no Period",
    build: () => validWorkbook({ Observations: withCell(OBSERVATIONS, 3, 0, null) }),
    expect: {
      severity: "error",
      code: "missing-date",
      sheet: "Observations",
      cell: "A4",
      fragment: "Row 4 has values but no Period",
    },
  },
  {
    name: "duplicate periods",
    build: () => validWorkbook({ Observations: withCell(OBSERVATIONS, 5, 0, "2024-02-01") }),
    expect: {
      severity: "error",
      code: "duplicate-period",
      sheet: "Observations",
      cell: "A6",
      fragment: "Period 2024-02-01 appears twice (rows 3 and 6)",
    },
  },
  {
    name: "periods out of order",
    build: () => validWorkbook({ Observations: [OBSERVATION_HEADER, ...[...OBSERVATION_ROWS].reverse()] }),
    expect: {
      severity: "info",
      code: "periods-reordered",
      sheet: "Observations",
      cell: "A1",
      fragment: "not in date order",
    },
  },
  {
    name: "periods filled in ahead of the data",
    build: () => validWorkbook({ Observations: [...OBSERVATIONS, [SEP], [SEP + 30, null, ""]] }),
    expect: {
      severity: "info",
      code: "trailing-empty-periods",
      sheet: "Observations",
      cell: "A10",
      fragment: "Rows 10-11 have a Period but no values yet",
    },
  },
  {
    name: "mixed day/month order",
    build: () =>
      validWorkbook({
        Observations: withCell(withCell(OBSERVATIONS, 1, 0, "15/01/2024"), 2, 0, "02/15/2024"),
      }),
    expect: {
      severity: "warning",
      code: "mixed-date-order",
      sheet: "Observations",
      cell: "A3",
      fragment: "'15/01/2024' (A2) must be day/month/year but '02/15/2024' (A3)",
    },
  },
  {
    name: "ambiguous numeric dates read day-first when the day is constant",
    build: () =>
      validWorkbook({
        Observations: periodTexts([
          "01/01/2024",
          "01/02/2024",
          "01/03/2024",
          "01/04/2024",
          "01/05/2024",
          "01/06/2024",
          "01/07/2024",
          "01/08/2024",
        ]),
      }),
    expect: {
      severity: "info",
      code: "date-order",
      sheet: "Observations",
      cell: "A2",
      fragment: "were read as day/month/year (2024-01-01) because the first number is the same",
    },
  },
  {
    name: "lever without a column",
    build: () => validWorkbook({ Observations: dropColumn(OBSERVATIONS, 3) }),
    expect: {
      severity: "error",
      code: "missing-series",
      sheet: "Observations",
      cell: "A1",
      fragment: "no column for lever 'Agency share' (listed on Levers). Add a column headed 'Agency share'",
    },
  },
  {
    name: "misspelled lever column, with suggestion",
    build: () => validWorkbook({ Observations: withCell(OBSERVATIONS, 0, 1, "Recruiter") }),
    expect: {
      severity: "error",
      code: "missing-series",
      sheet: "Observations",
      cell: "B1",
      fragment: "Did you mean 'Recruiter' (B1)? Rename that header to 'Recruiters'.",
    },
  },
  {
    name: "metric without a column",
    build: () => validWorkbook({ Observations: dropColumn(OBSERVATIONS, 6) }),
    expect: {
      severity: "error",
      code: "missing-series",
      sheet: "Observations",
      cell: "A1",
      fragment: "no column for metric 'First-year attrition' (listed on Metrics)",
    },
  },
  {
    name: "lever column without a number",
    build: () => validWorkbook({ Observations: withColumn(OBSERVATIONS, 3, ["Agency share"]) }),
    expect: {
      severity: "warning",
      code: "empty-lever",
      sheet: "Observations",
      cell: "D1",
      fragment:
        "lever 'Agency share' has no numbers, so the lever is left out of the analysis and the other levers' estimates may absorb its effect",
    },
  },
  {
    name: "metric column without a number",
    build: () => validWorkbook({ Observations: withColumn(OBSERVATIONS, 6, ["First-year attrition"]) }),
    expect: {
      severity: "warning",
      code: "empty-series",
      sheet: "Observations",
      cell: "G1",
      fragment: "metric 'First-year attrition' has no numbers, so the metric cannot be analysed",
    },
  },
  {
    name: "goal weights adding up to neither 1 nor 100 are read as relative, and the weights used shown",
    build: () =>
      validWorkbook({
        Goals: withCell(withCell(GOALS, 1, 3, 0.5), 2, 3, 0.3),
      }),
    expect: {
      severity: "info",
      code: "goal-weights-normalised",
      sheet: "Goals",
      cell: "A2",
      fragment:
        "add up to 0.8, not 1 (100%), so they are read as relative weights and scaled to add up to 1: 'Faster hiring' 0.625 (entered 0.5), 'Lower cost' 0.375 (entered 0.3)",
    },
  },
  {
    name: "action on a lever that has no observations",
    build: () => validWorkbook({ Observations: dropColumn(OBSERVATIONS, 3) }),
    errors: 1, // the missing column itself (missing-series)
    expect: {
      severity: "warning",
      code: "lever-not-analysed",
      sheet: "Actions",
      cell: "B3",
      fragment: "'Agency share' has no observations",
    },
  },
  {
    name: "no Observations rows",
    build: () => validWorkbook({ Observations: [OBSERVATION_HEADER] }),
    expect: {
      severity: "error",
      code: "no-observations",
      sheet: "Observations",
      cell: "A1",
      fragment: "has no data rows below its header",
    },
  },
  {
    name: "no lever has observations",
    build: () => validWorkbook({ Observations: OBSERVATIONS.map((row) => [row[0], ...row.slice(4)]) }),
    errors: 4, // each lever's missing column (missing-series), and this
    expect: {
      severity: "error",
      code: "no-levers",
      sheet: "Observations",
      cell: null,
      fragment: "No lever has values in Observations",
    },
  },
  // ---- Actions (never fatal)
  {
    name: "unknown action lever, with suggestion",
    build: () => validWorkbook({ Actions: withCell(ACTIONS, 1, 1, "Recruiter") }),
    expect: {
      severity: "warning",
      code: "unknown-lever",
      sheet: "Actions",
      cell: "B2",
      fragment:
        "'Recruiter' is not a lever in Levers; the action is not reviewed. Did you mean 'Recruiters'?",
    },
  },
  {
    name: "action dated before the history",
    build: () => validWorkbook({ Actions: withCell(ACTIONS, 1, 0, "1 Dec 2023") }),
    expect: {
      severity: "info",
      code: "action-outside-history",
      sheet: "Actions",
      cell: "A2",
      fragment: "dated 2023-12-01, before the observed periods (2024-01-01 to 2024-08-01)",
    },
  },
  {
    name: "action with an impossible date",
    build: () => validWorkbook({ Actions: withCell(ACTIONS, 1, 0, "someday") }),
    expect: {
      severity: "warning",
      code: "invalid-date",
      sheet: "Actions",
      cell: "A2",
      fragment: "holds 'someday', which is not a date",
    },
  },
  {
    name: "Actions without a New value column",
    build: () => validWorkbook({ Actions: dropColumn(ACTIONS, 2) }),
    expect: {
      severity: "warning",
      code: "missing-column",
      sheet: "Actions",
      cell: "A1",
      fragment: "No 'New value' column",
    },
  },
  {
    name: "text New value in Actions",
    build: () => validWorkbook({ Actions: withCell(ACTIONS, 1, 2, "twelve") }),
    expect: {
      severity: "warning",
      code: "text-in-number",
      sheet: "Actions",
      cell: "C2",
      fragment: "New value holds 'twelve'",
    },
  },
  // ---- Scenarios (optional; every problem is a warning)
  {
    name: "scenario row without a name",
    build: () => withScenarios([[null, "Recruiters", 12]]),
    expect: {
      severity: "warning",
      code: "scenario-missing-name",
      sheet: "Scenarios",
      cell: "A2",
      fragment: "no Scenario name; the row is left out",
    },
  },
  {
    name: "scenario setting a lever twice",
    build: () =>
      withScenarios([
        ["Push", "Recruiters", 12],
        ["push", "recruiters", 13],
      ]),
    expect: {
      severity: "warning",
      code: "scenario-duplicate-lever",
      sheet: "Scenarios",
      cell: "B3",
      fragment: "sets 'Recruiters' twice (B2 and B3); the later row is used",
    },
  },
  {
    name: "scenario row without a value",
    build: () => withScenarios([["Push", "Recruiters", null]]),
    expect: {
      severity: "warning",
      code: "scenario-blank-value",
      sheet: "Scenarios",
      cell: "C2",
      fragment: "Scenario 'Push' gives no Value for 'Recruiters'",
    },
  },
];

/** The valid workbook plus a Scenarios sheet with these rows below its header. */
function withScenarios(rows: CellValue[][]): RawWorkbook {
  const raw = validWorkbook();
  raw.sheets.push(sheet("Scenarios", [["Scenario", "Lever", "Value"], ...rows]));
  raw.sheetNames.push("Scenarios");
  return raw;
}

describe("invalid inputs", () => {
  if (process.env.SHOW_DIAGNOSTICS) {
    for (const c of CASES) {
      console.log(`# ${c.name}\n` + parse(c.build(), c.options).diagnostics.map(formatDiagnostic).join("\n"));
    }
  }
  test.each(CASES.map((c) => [c.name, c] as const))("%s", (_name, c) => {
    const result = parse(c.build(), c.options);
    const { severity, code, sheet: sheetName, cell, fragment } = c.expect;
    const found = result.diagnostics.find(
      (d) =>
        d.code === code &&
        d.severity === severity &&
        d.sheet === sheetName &&
        d.cell === cell &&
        d.message.includes(fragment),
    );
    if (!found) {
      throw new Error(
        `expected ${severity} ${code} at ${sheetName}!${cell} with "${fragment}"; got:\n` +
          result.diagnostics.map(formatDiagnostic).join("\n"),
      );
    }
    const errors = result.diagnostics.filter((d) => d.severity === "error");
    const expectedErrors = c.errors ?? (severity === "error" ? 1 : 0);
    if (errors.length !== expectedErrors) {
      throw new Error(
        `expected ${expectedErrors} error(s), got:\n` + errors.map(formatDiagnostic).join("\n"),
      );
    }
    expect(result.model === null).toBe(expectedErrors > 0);
  });

  test("every diagnostic code is exercised by a case", () => {
    const covered = new Set(CASES.map((c) => c.expect.code));
    expect(DIAGNOSTIC_CODES.filter((code) => !covered.has(code))).toEqual([]);
  });

  test("every diagnostic names a sheet when it names a cell, and says what to do", () => {
    for (const c of CASES) {
      for (const d of parse(c.build(), c.options).diagnostics) {
        if (d.cell !== null) expect(d.sheet).not.toBeNull();
        expect(d.message).toMatch(/[.?)]$/);
      }
    }
  });
});

test("dates are FEB/MAR constants used by the cases", () => {
  expect([JAN, FEB, MAR, JUL]).toEqual([45292, 45323, 45352, 45474]);
});
