/**
 * Actions dated after the last period analysed: one message whose advice works, listed on Action
 * Review as "not yet measurable" with the date from which they will be; the Plan's "As requested"
 * values do not depend on the as-of date.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { runAnalysis } from "../../src/core/pipeline";
import { parse } from "../../src/core/model/parse";
import { analyze } from "../../src/core/alignment/analyze";
import { planInput, requestedValues } from "../../src/core/plan/lever-plan";
import { readXlsx } from "../../src/hosts/xlsx";

// The sample workbook with an action on 2028-09-04 (serial 47000), after its last period.
const raw = readXlsx(
  new Uint8Array(
    fs.readFileSync(path.join(__dirname, "../fixtures/hostile/generated/actions-unknown-and-outside.xlsx")),
  ),
);
const options = { runStamp: "2026-01-01T00:00:00.000Z", toolVersion: "test" };

test("an action after the history: one message, reviewed, listed as not yet measurable", () => {
  const out = runAnalysis(raw, options);
  const late = out.results!.actions.filter((a) => a.date === 47000);
  expect(late).toHaveLength(1);
  expect(late[0]).toMatchObject({ pending: true, measurableFrom: null, measured: null });
  const notes = out.diagnostics.filter((d) => d.code === "actions-after-as-of");
  expect(notes).toHaveLength(1);
  expect(notes[0].message).toContain("not yet measurable");
  expect(notes[0].message).toContain("add the periods after 2028-09-04 to Observations");
  const modelNote = out.diagnostics.find((d) => d.code === "action-outside-history" && d.cell === "A8");
  expect(modelNote?.message).toContain('listed on Action Review as "not yet measurable"');
  expect(modelNote?.message).not.toContain("without a measured effect");
  const sheet = out.specs!.find((s) => s.name === "Action Review")!;
  expect(sheet.values.flat()).toContain("not yet measurable: needs periods after 4 Sep 2028 in Observations");
});

test("an action after the as-of date but inside the history: analysing as of the date given makes it measurable", () => {
  const { model } = parse(raw);
  const periods = model!.observations.periods;
  const action = model!.actions.find((a) => a.date > periods[10] && a.date < periods[periods.length - 3])!;
  const asOf = periods.filter((p) => p < action.date).pop()!;
  const early = analyze(model!, { asOf });
  const pending = early.actions.find((a) => a.date === action.date && a.lever === action.lever)!;
  const from = periods.find((p) => p > action.date)!;
  expect(pending).toMatchObject({ pending: true, measurableFrom: from });
  // Following the advice: as of that date the action is measured.
  const later = analyze(model!, { asOf: from });
  const measured = later.actions.find((a) => a.date === action.date && a.lever === action.lever)!;
  expect(measured.pending).toBeUndefined();
  expect(measured.measured).not.toBeNull();
});

test("the Plan's As requested values are the same whatever the as-of date within a goal set", () => {
  const { model } = parse(raw);
  const last = model!.observations.periods[model!.observations.periods.length - 1];
  const values = [last, last + 400, 47100].map((asOf) => {
    const results = analyze(model!, { asOf });
    return requestedValues(model!, results, planInput(model!, results));
  });
  expect(values[1]).toEqual(values[0]);
  expect(values[2]).toEqual(values[0]);
});
