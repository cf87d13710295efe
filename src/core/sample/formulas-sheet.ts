/**
 * "Formulas": a sheet for the sample workbook that uses every RPO.* worksheet function on the
 * sample's own data (the Observations and Goals sheets), with LINEST beside RPO.REGRESS and SLOPE /
 * CORREL beside ELASTICITY / BESTLAG, and a label explaining each block. All cells are formulas
 * ({ formula }) that spill; the sheet recalculates when the data change. docs/functions.md
 * describes the functions.
 *
 * Every formula carries the value it evaluates to (formulas-eval.ts: the RPO.* core functions
 * themselves, and Excel's built-ins over the same cells), so a file viewer without the add-in
 * shows numbers; an array formula covers exactly the cells its function returns.
 *
 * `buildFormulasSheet(input)` takes the layout it needs (names, lags, row span, column letters,
 * the current goal rows) and the cells of the sheets it reads; `formulasInputFromSpecs(specs)`
 * reads both from the sample's input SheetSpecs (Metrics, Goals, Observations header rows), so
 * the sheet follows template.ts. The sheet's numbered blocks are written each below the previous
 * one by formulas-estimates.ts (1–5, 10) and formulas-decisions.ts (6–9), with what they share
 * (builder, references, shown values) in formulas-writer.ts.
 */
import { columnLetters } from "../model/address";
import type { SheetSpec } from "../report/spec";
import { FormulasWriter, GAP, type FormulasSheetInput } from "./formulas-writer";
import {
  writeCountedEffects,
  writeIntro,
  writeOneLeverOneMetric,
  writeRegressBesideLinest,
  writeSensitivityInFull,
  writeSensitivityMatrix,
} from "./formulas-estimates";
import { writeChain, writeGoalLeverage, writeMovementAndRag, writeWhatIf } from "./formulas-decisions";

/** The Formulas sheet. Every RPO function appears at least once. */
export function buildFormulasSheet(input: FormulasSheetInput): SheetSpec {
  const w = new FormulasWriter(input);
  let row = writeIntro(w) + GAP;
  row = writeRegressBesideLinest(w, row) + GAP;
  row = writeSensitivityInFull(w, row) + GAP;
  const elasticities = writeSensitivityMatrix(
    w,
    row,
    "3. Elasticities (RPO.SENSITIVITY per metric, with its lag): the Sensitivity sheet's matrix",
    "elasticity",
  );
  const pValues = writeSensitivityMatrix(
    w,
    elasticities.end + GAP,
    "4. p-values of the same regressions",
    "pvalue",
  );
  const counted = writeCountedEffects(w, pValues.end + GAP, elasticities, pValues);
  const leverage = writeGoalLeverage(w, counted.end + GAP, counted);
  row = writeMovementAndRag(w, leverage.end + GAP, leverage) + GAP;
  row = writeWhatIf(w, row, elasticities) + GAP;
  const chainEnd = writeChain(w, row, elasticities);
  if (chainEnd !== null) row = chainEnd + GAP;
  writeOneLeverOneMetric(w, row);
  return w.b.build({ name: "Formulas", tabColor: "808080", freeze: { rows: 1, cols: 1 } });
}

/** Text of a cell in a spec, or "" (formulas and numbers are not text). */
function text(spec: SheetSpec, row: number, c: number): string {
  const v = spec.values[row]?.[c];
  return typeof v === "string" ? v : "";
}

/**
 * The Formulas sheet's input read from the sample's input specs (template.ts): Metrics (name,
 * layer, lag), Observations (header row 1, data from row 2) and Goals (the set with the latest
 * Effective from). Levers are the Observations columns that are not the Period or a metric.
 */
export function formulasInputFromSpecs(specs: readonly SheetSpec[]): FormulasSheetInput {
  const find = (name: string) => {
    const s = specs.find((x) => x.name === name);
    if (!s) throw new Error(`The sample has no ${name} sheet`);
    return s;
  };
  const metricsSpec = find("Metrics");
  const obsSpec = find("Observations");
  const goalsSpec = find("Goals");
  const header = (s: SheetSpec) => (s.values[0] ?? []).map((v) => (typeof v === "string" ? v : ""));

  const mh = header(metricsSpec);
  const [mName, mLayer, mLag] = ["Metric", "Layer", "Lag"].map((h) => mh.indexOf(h));
  const metrics = metricsSpec.values.slice(1).flatMap((row, i) => {
    const name = text(metricsSpec, i + 1, mName);
    if (name === "") return [];
    const lag = Number(row[mLag] ?? 0);
    const layer =
      text(metricsSpec, i + 1, mLayer) === "Business" ? ("Business" as const) : ("Recruitment" as const);
    return [{ name, lag: Number.isFinite(lag) ? lag : 0, layer }];
  });

  const oh = header(obsSpec);
  const columns: Record<string, string> = {};
  oh.forEach((h, c) => {
    if (h !== "") columns[h] = columnLetters(c);
  });
  const metricNames = new Set(metrics.map((m) => m.name));
  const levers = oh.filter((h, c) => c > 0 && h !== "" && !metricNames.has(h));

  const gh = header(goalsSpec);
  const [gMetric, gDirection, gWeight, gFrom] = ["Metric", "Direction", "Weight", "Effective from"].map((h) =>
    gh.indexOf(h),
  );
  const dates = goalsSpec.values.slice(1).map((row) => Number(row[gFrom]));
  const latest = Math.max(...dates.filter((d) => Number.isFinite(d)));
  const rows = dates.flatMap((d, i) => (d === latest ? [i + 2] : []));

  return {
    levers,
    metrics,
    observations: {
      sheet: obsSpec.name,
      firstRow: 2,
      lastRow: obsSpec.values.length,
      columns,
      cells: obsSpec.values,
    },
    goals: {
      sheet: goalsSpec.name,
      rows,
      metricColumn: columnLetters(gMetric),
      directionColumn: columnLetters(gDirection),
      weightColumn: columnLetters(gWeight),
      cells: goalsSpec.values,
    },
  };
}
