/**
 * On the sample workbook, SENSITIVITY, LEVERAGE and RAG (through the built bundle) reproduce the
 * analysis: the Sensitivity sheet's elasticities, the Alignment sheet's goal leverage and RAG
 * colours, both in `results` and in the report specs the pipeline builds. Also checks the Formulas
 * sheet built for the sample.
 */
import { runAnalysis, type PipelineOutcome } from "../../src/core/pipeline";
import type { Results } from "../../src/core/alignment/types";
import type { SheetSpec } from "../../src/core/report/spec";
import { buildFormulasSheet, formulasInputFromSpecs } from "../../src/core/sample/formulas-sheet";
import { buildSampleWorkbook, sampleRawWorkbook } from "../../src/core/sample/template";
import { loadBundle, StandInError, type Bundle } from "./bundle";

let fx: Bundle;
let outcome: PipelineOutcome;
let results: Results;
const inputs = buildSampleWorkbook();

beforeAll(() => {
  fx = loadBundle();
  outcome = runAnalysis(sampleRawWorkbook(), { runStamp: "2025-06-01T00:00:00Z", toolVersion: "test" });
  if (!outcome.results || !outcome.specs) throw new Error("the sample did not analyse");
  results = outcome.results;
}, 300_000);

const sheet = (specs: readonly SheetSpec[], name: string) => {
  const s = specs.find((x) => x.name === name);
  if (!s) throw new Error(`no ${name} sheet`);
  return s;
};

/** The Observations sheet as Excel would pass ranges of it. */
function observations() {
  const obs = sheet(inputs, "Observations");
  const header = obs.values[0] as string[];
  const data = obs.values.slice(1);
  const col = (name: string) => data.map((row) => [row[header.indexOf(name)] ?? null]);
  const block = (names: string[]) => data.map((row) => names.map((n) => row[header.indexOf(n)] ?? null));
  return { col, block };
}

/** Value at (row labelled `rowLabel` in column 0, column headed `colLabel` in `headerRow`). */
function cellAt(spec: SheetSpec, headerRow: number, rowLabel: string, colLabel: string) {
  const c = (spec.values[headerRow] ?? []).indexOf(colLabel);
  const r = spec.values.findIndex((row, i) => i > headerRow && row[0] === rowLabel);
  if (c < 0 || r < 0) throw new Error(`no cell ${rowLabel} / ${colLabel} in ${spec.name}`);
  return spec.values[r][c];
}

function headerRowOf(spec: SheetSpec, first: string, second: string): number {
  const r = spec.values.findIndex((row) => row[0] === first && row.includes(second));
  if (r < 0) throw new Error(`no header row in ${spec.name}`);
  return r;
}

describe("sample workbook: the functions reproduce the analysis sheets", () => {
  /** elasticity and p-value per lever x metric, from RPO.SENSITIVITY(..., "all"). */
  const viaFunctions = () => {
    const { col, block } = observations();
    const leverBlock = block(results.levers);
    const out = new Map<string, { elasticity: unknown; pValue: unknown }>();
    for (const fit of results.fits) {
      // The sheet's model for this metric: "auto" chooses as the sheet did (no season terms here, and the
      // sample's metrics get none either).
      expect(fit.evidence.seasonal).toBe(false);
      const all = fx.call("SENSITIVITY", col(fit.metric), leverBlock, fit.lag, "all", "auto");
      results.levers.forEach((lever, j) =>
        out.set(`${lever}|${fit.metric}`, { elasticity: all[0][j + 1], pValue: all[4][j + 1] }),
      );
    }
    return out;
  };

  test("SENSITIVITY = the Sensitivity sheet's elasticities (results and the built sheet), to the last bit", () => {
    const fn = viaFunctions();
    const spec = sheet(outcome.specs as SheetSpec[], "Sensitivity");
    const header = headerRowOf(spec, "Lever", results.metrics[0]);
    let compared = 0;
    for (const s of results.sensitivities) {
      const got = fn.get(`${s.lever}|${s.metric}`);
      const shown = cellAt(spec, header, s.lever, s.metric);
      if (s.elasticity === null) {
        expect(got?.elasticity).toBeInstanceOf(StandInError);
        expect(shown).toBe("n/a");
      } else {
        expect(got?.elasticity).toBe(s.elasticity);
        expect(shown).toBe(s.elasticity);
        expect(got?.pValue).toBe(s.pValue);
        compared++;
      }
    }
    expect(compared).toBe(results.levers.length * results.metrics.length);
  });

  test("LEVERAGE on every elasticity and RAG on movement x leverage = the Alignment sheet", () => {
    const fn = viaFunctions();
    const goals = results.currentGoals?.goals ?? [];
    expect(goals.length).toBeGreaterThan(0);
    // Every estimate counts, significant or not (method.md §6).
    const counted = results.levers.map((lever) =>
      goals.map((g) => fn.get(`${lever}|${g.metric}`)?.elasticity ?? 0),
    );
    const leverage = fx.call(
      "LEVERAGE",
      counted,
      [goals.map((g) => g.direction)],
      [goals.map((g) => g.weight)],
    );
    const spec = sheet(outcome.specs as SheetSpec[], "Alignment");
    const header = headerRowOf(spec, "Lever", "Goal leverage");
    results.levers.forEach((lever, i) => {
      const expected = results.leverage.find((l) => l.lever === lever)?.current;
      expect(leverage[i][0]).toBe(expected);
      expect(cellAt(spec, header, lever, "Goal leverage")).toBe(expected);
    });

    const scores = results.levers.map((lever, i) => {
      const movement = results.alignment.find((a) => a.lever === lever)?.movement ?? null;
      return [movement === null ? 0 : movement * (leverage[i][0] as number)];
    });
    const rag = fx.call("RAG", scores);
    const colours = new Set<string>();
    results.levers.forEach((lever, i) => {
      const row = results.alignment.find((a) => a.lever === lever);
      expect(scores[i][0]).toBe(row?.score);
      // The sheet shows the word with its symbol ("✖ Red"); the function returns the word.
      expect(String(cellAt(spec, header, lever, "RAG")).replace(/^\S+ /, "")).toBe(rag[i][0]);
      expect((rag[i][0] as string).toLowerCase()).toBe(row?.rag);
      colours.add(rag[i][0] as string);
    });
    expect(colours.size).toBeGreaterThan(1); // the sample has levers of different colours
  });
});

describe("the Formulas sheet for the sample", () => {
  const spec = buildFormulasSheet(formulasInputFromSpecs(inputs));
  const formulas = spec.values
    .flat()
    .flatMap((v) => (v !== null && typeof v === "object" ? [v.formula] : []));

  test("uses every RPO function, LINEST beside REGRESS, and no volatile function", () => {
    for (const id of [
      "REGRESS",
      "ELASTICITY",
      "SENSITIVITY",
      "CHAIN",
      "LEVERAGE",
      "WHATIF",
      "RAG",
      "BESTLAG",
    ]) {
      expect(formulas.some((f) => f.includes(`RPO.${id}(`))).toBe(true);
    }
    expect(formulas.some((f) => f.startsWith("LINEST("))).toBe(true);
    expect(formulas.some((f) => /\b(OFFSET|INDIRECT|NOW|TODAY|RAND)\(/.test(f))).toBe(false);
    expect(spec.name).toBe("Formulas");
  });

  test("reads the sample's own Observations layout (levers B:H, metrics from I, rows 2-55)", () => {
    const obs = sheet(inputs, "Observations");
    const last = obs.values.length;
    expect(formulas).toContain(
      `RPO.SENSITIVITY('Observations'!$I$2:$I$${last}, 'Observations'!$B$2:$H$${last}, 0, "all")`,
    );
    expect(formulas.some((f) => f.startsWith("RPO.LEVERAGE("))).toBe(true);
    // The current goal set's rows on the Goals sheet.
    expect(formulas).toContain("'Goals'!$C$4");
    expect(formulas).not.toContain("'Goals'!$C$2");
  });
});
