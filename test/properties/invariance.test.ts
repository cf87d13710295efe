/**
 * Properties of the whole analysis (parse → analyze) on random small engagements:
 * units, lever order and Observations row order must not matter; a duplicated lever is named as
 * collinear. Run counts are modest to keep the suite fast; failures print a replayable seed.
 */
import fc from "fast-check";
import { analyse, close, engagementArb, permutationArb, toRawWorkbook, type Engagement } from "./engagement";

const RUNS = { numRuns: 25 };

/** Results without diagnostics and in a canonical order, for comparisons. */
function byLeverMetric(e: Engagement) {
  const { results } = analyse(toRawWorkbook(e));
  const model = new Map(results.fits.map((f) => [f.metric, f.model]));
  return new Map(
    results.sensitivities.map((s) => [`${s.lever}|${s.metric}`, { ...s, model: model.get(s.metric) }]),
  );
}

test("rescaling a lever's units leaves its elasticity unchanged (and divides its coefficient)", () => {
  fc.assert(
    fc.property(
      engagementArb,
      fc.nat(),
      fc.constantFrom(0.001, 0.01, 0.5, 2, 3.7, 100, 1000),
      (e, pick, factor) => {
        const k = pick % e.levers.length;
        const scaled: Engagement = {
          ...e,
          x: e.x.map((col, i) => (i === k ? col.map((v) => v * factor) : col)),
        };
        const before = byLeverMetric(e);
        const after = byLeverMetric(scaled);
        for (const [key, s] of before) {
          const t = after.get(key)!;
          expect(close(t.elasticity, s.elasticity)).toBe(true);
          expect(close(t.standardized, s.standardized)).toBe(true);
          expect(close(t.pValue, s.pValue, 1e-6, 1e-12)).toBe(true);
          // The units decide nothing: the same model is chosen (ADF/KPSS on the metric, BG on residuals
          // that do not depend on a lever's units).
          expect(t.model).toBe(s.model);
          if (s.lever === e.levers[k] && s.model === "levels") {
            expect(close(t.coefficient, s.coefficient === null ? null : s.coefficient / factor)).toBe(true);
          } else {
            // Other levers, and every lever in changes (where the coefficient is the elasticity): unchanged.
            expect(close(t.coefficient, s.coefficient)).toBe(true);
          }
        }
      },
    ),
    RUNS,
  );
});

test("permuting the levers permutes the results", () => {
  fc.assert(
    fc.property(
      engagementArb.chain((e) => fc.tuple(fc.constant(e), permutationArb(e.levers.length))),
      ([e, perm]) => {
        const permuted: Engagement = {
          ...e,
          levers: perm.map((k) => e.levers[k]),
          x: perm.map((k) => e.x[k]),
        };
        const a = analyse(toRawWorkbook(e)).results;
        const b = analyse(toRawWorkbook(permuted)).results;
        expect(b.levers).toEqual(perm.map((k) => a.levers[k]));
        const sens = new Map(a.sensitivities.map((s) => [`${s.lever}|${s.metric}`, s]));
        for (const s of b.sensitivities) {
          const t = sens.get(`${s.lever}|${s.metric}`)!;
          expect(close(s.coefficient, t.coefficient)).toBe(true);
          expect(close(s.elasticity, t.elasticity)).toBe(true);
          expect(s.significant).toBe(t.significant);
        }
        const align = new Map(a.alignment.map((x) => [x.lever, x]));
        for (const x of b.alignment) {
          const y = align.get(x.lever)!;
          expect(close(x.score, y.score)).toBe(true);
          expect([x.rag, x.direction]).toEqual([y.rag, y.direction]);
        }
        for (const f of b.fits) expect(close(f.r2, a.fits.find((g) => g.metric === f.metric)!.r2)).toBe(true);
      },
    ),
    RUNS,
  );
});

test("a duplicated lever column is reported as collinear, naming both levers", () => {
  fc.assert(
    fc.property(engagementArb, fc.nat(), (e, pick) => {
      const k = pick % e.levers.length;
      const copy = `${e.levers[k]} (copy)`;
      const dup: Engagement = { ...e, levers: [...e.levers, copy], x: [...e.x, e.x[k].slice()] };
      const { diagnostics, results } = analyse(toRawWorkbook(dup));
      const collinear = diagnostics.filter((d) => d.code === "collinear-levers");
      expect(collinear.length).toBeGreaterThan(0);
      const text = collinear.map((d) => d.message).join(" ");
      expect(text).toContain(copy);
      expect(text).toContain(`${e.levers[k]} `);
      // One of the pair is left out of each regression: its coefficient is null, never NaN.
      for (const metric of e.metrics) {
        const pair = results.sensitivities.filter(
          (s) => s.metric === metric && (s.lever === copy || s.lever === e.levers[k]),
        );
        expect(pair.filter((s) => s.coefficient === null)).toHaveLength(1);
      }
    }),
    RUNS,
  );
});

test("reordering the Observations rows changes nothing but the 'reordered' note", () => {
  fc.assert(
    fc.property(
      engagementArb.chain((e) => fc.tuple(fc.constant(e), permutationArb(e.periods.length))),
      ([e, order]) => {
        const a = analyse(toRawWorkbook(e));
        const b = analyse(toRawWorkbook(e, { rowOrder: order }));
        const { diagnostics: da, ...ra } = a.results;
        const { diagnostics: db, ...rb } = b.results;
        expect(rb).toEqual(ra);
        const sorted = order.every((v, i) => v === i);
        expect(db.filter((d) => d.code !== "periods-reordered")).toEqual(da);
        expect(db.some((d) => d.code === "periods-reordered")).toBe(!sorted);
      },
    ),
    RUNS,
  );
});
