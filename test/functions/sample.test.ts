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
import { strFromU8, unzipSync } from "fflate";
import { createWorkbook } from "../../src/hosts/xlsx";
import { SENSITIVITY_ALL_ROWS } from "../../src/core/functions/library";
import { areaRows, cellsOf, valueOf } from "../xlsx/sheet-cells";

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

describe("the written Formulas sheet caches what the add-in computes", () => {
  const parts = unzipSync(createWorkbook(buildSampleWorkbook()));
  const workbook = strFromU8(parts["xl/workbook.xml"]);
  const names = [...workbook.matchAll(/<sheet name="([^"]+)"/g)].map((m) => m[1]);
  const sheetCells = new Map(
    names.map((name, i) => [name, cellsOf(strFromU8(parts[`xl/worksheets/sheet${i + 1}.xml`]))] as const),
  );
  const formulas = sheetCells.get("Formulas")!;

  /** A range as Excel passes it to a custom function: rows of values, blanks null. */
  const rangeArg = (sheet: string, area: string): unknown[][] =>
    areaRows(area).map((line) =>
      line.map((ref) => {
        const v = valueOf(sheetCells.get(sheet)?.get(ref));
        if (v !== null && typeof v === "object") throw new Error(`${sheet}!${ref} holds ${v.error}`);
        return v;
      }),
    );

  /** Splits a formula's argument list at its top-level commas. */
  const splitArgs = (text: string): string[] => {
    const out: string[] = [];
    let depth = 0;
    let quoted = false;
    let current = "";
    for (const ch of text) {
      if (ch === '"') quoted = !quoted;
      if (!quoted && ch === "(") depth++;
      if (!quoted && ch === ")") depth--;
      if (!quoted && depth === 0 && ch === ",") {
        out.push(current.trim());
        current = "";
      } else current += ch;
    }
    out.push(current.trim());
    return out;
  };

  /** One argument of an RPO call: a range (on another sheet or this one), a number, a text or a logical. */
  const argument = (text: string): unknown => {
    const range = /^(?:'((?:[^']|'')+)'!)?(\$?[A-Z]+\$?\d+(?::\$?[A-Z]+\$?\d+)?)$/.exec(text);
    if (range) return rangeArg(range[1]?.replace(/''/g, "'") ?? "Formulas", range[2]);
    if (/^-?\d+(\.\d+)?$/.test(text)) return Number(text);
    if (/^".*"$/.test(text)) return text.slice(1, -1);
    if (text === "TRUE" || text === "FALSE") return text === "TRUE";
    throw new Error(`unexpected argument ${text}`);
  };

  /** A stand-in error from the bundle, as the file stores it. */
  const asStored = (v: unknown) => (v instanceof StandInError ? { error: v.code } : v);

  const calls = [...formulas.values()].flatMap((cell) => {
    const text = cell.f?.text ?? "";
    const m =
      /^TRANSPOSE\(_xldudf_RPO_([A-Z]+)\((.*)\)\)$/.exec(text) ?? /^_xldudf_RPO_([A-Z]+)\((.*)\)$/.exec(text);
    return m ? [{ cell, transposed: text.startsWith("TRANSPOSE("), id: m[1], args: splitArgs(m[2]) }] : [];
  });

  test("every RPO.* cell holds the bundle's result for the cells its arguments read, over exactly its area", () => {
    const seen = new Set<string>();
    for (const { cell, transposed, id, args } of calls) {
      seen.add(id);
      const values = args.map(argument);
      let result: unknown[][];
      if (id === "ELASTICITY") {
        let value: unknown;
        try {
          value = fx.value(id, ...values);
        } catch (error) {
          value = error;
        }
        result = [[value]];
      } else {
        result = fx.call(id, ...values);
        if (transposed) result = result[0].map((_, c) => result.map((line) => line[c]));
      }
      const area = areaRows(cell.f?.array ?? cell.ref);
      expect({ formula: cell.f?.text, rows: area.length, cols: area[0].length }).toEqual({
        formula: cell.f?.text,
        rows: result.length,
        cols: result[0].length,
      });
      area.forEach((line, i) =>
        line.forEach((ref, j) =>
          expect({ ref, value: valueOf(formulas.get(ref)) }).toEqual({ ref, value: asStored(result[i][j]) }),
        ),
      );
    }
    expect([...seen].sort()).toEqual([
      "BESTLAG",
      "CHAIN",
      "ELASTICITY",
      "LEVERAGE",
      "RAG",
      "REGRESS",
      "SENSITIVITY",
      "WHATIF",
    ]);
  });

  test('SENSITIVITY "all" covers its labelled rows, the Model row included', () => {
    const all = calls.find((c) => c.id === "SENSITIVITY" && c.args[3] === '"all"');
    const area = areaRows(all!.cell.f!.array!);
    expect(area.map((line) => valueOf(formulas.get(line[0])))).toEqual([...SENSITIVITY_ALL_ROWS]);
    expect(String(valueOf(formulas.get(area[area.length - 1][1])))).toMatch(/^levels: /);
  });

  test("no RPO.* value is an error on the sample but REGRESS's #N/A padding (the WHATIF block carries its header row)", () => {
    const errors = calls.flatMap(({ cell, id }) =>
      areaRows(cell.f?.array ?? cell.ref).flatMap((line, i) =>
        line.flatMap((ref, j) =>
          formulas.get(ref)?.t === "e" ? [{ id, i, j, v: formulas.get(ref)?.v }] : [],
        ),
      ),
    );
    // LINEST's layout: rows 3-5 hold two statistics each; the rest of those rows is #N/A.
    const levers = results.levers.length;
    expect(errors).toEqual(
      [2, 3, 4].flatMap((i) =>
        Array.from({ length: levers - 1 }, (_, k) => ({ id: "REGRESS", i, j: k + 2, v: "#N/A" })),
      ),
    );
  });
});
