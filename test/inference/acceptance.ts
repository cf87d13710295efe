/**
 * Issue 10's acceptance, by Monte Carlo with fixed seeds (src/core/sample/montecarlo.ts; the bench
 * `npm run bench -- --inference-only` runs more seeds and every length). One suite per history
 * length (monte-carlo-36.test.ts, monte-carlo-60.test.ts, so jest runs them side by side); per design
 * and length, 52 engagements: 2,028 null lever → metric pairs, 520 planted pairs, 260 null levers,
 * 104 strong levers, 208 actions on null levers and 364 leverage intervals.
 *
 * What is asserted of the analysis with settings.model = "auto" (the sheets' default):
 *   size of raw p < 5% on the null pairs within 3-7%, overall and for each model auto fitted to at
 *   least MIN_GROUP null pairs; power within 5 points of the oracle fitted in the same simulation;
 *   hold on null levers ≥ 95%; strong levers the true way ≥ 80%; no conflict on requests that move
 *   a null lever ≥ 95%; the leverage interval covers the true leverage in 92-97% of cases.
 * One test per design and criterion; criteria not met yet are listed in KNOWN_GAPS (it.failing).
 * Also asserted: `levels` (the first release's model) is spurious on drifting series, as the issue
 * measured; the simulator's calibration (oracle power 80-85%, oracle size 3-7%) and that the
 * oracle's own decisions (montecarlo.ts) meet the decision criteria, so they are attainable here.
 *
 * "Hold on null levers ≥ 95%" is the boundary of the rule itself: a lever is moved when its 95%
 * interval excludes 0, which happens for 5% of null levers whatever the estimator (the oracle, with
 * exact intervals, holds 94.3-96.5% of them over 300 engagements per cell). So it is checked as "not
 * clearly below 95%": the upper end of its Wilson 95% interval must reach 95% (with 260 cases this
 * fails a rule that holds fewer than about 92%). Every other criterion is checked on its point value.
 */
import { type CellScore, type ModelScore, runCell } from "../../src/core/sample/montecarlo";
import { SIMULATION_DESIGNS } from "../../src/core/sample/simulate";

const ENGAGEMENTS = 52;
/** A fitted-model group is judged on its own when it holds at least this many null pairs. */
const MIN_GROUP = 400;

/** The acceptance suite for histories of `periods` months. */
export function acceptanceSuite(periods: number): void {
  const cells = new Map<string, CellScore>();
  function cell(design: (typeof SIMULATION_DESIGNS)[number]): CellScore {
    let c = cells.get(design);
    if (!c) {
      c = runCell({
        design,
        periods,
        engagements: ENGAGEMENTS,
        firstSeed: 20250,
        models: design === "drifting" ? ["auto", "levels"] : ["auto"],
      });
      cells.set(design, c);
    }
    return c;
  }
  const share = (p: { share: number | null } | null) => p?.share ?? NaN;
  /** null when low ≤ value ≤ high, else what is wrong. */
  const within = (value: number, low: number, high: number): string | null =>
    value >= low && value <= high
      ? null
      : `${(100 * value).toFixed(1)}% is not in ${Math.round(100 * low)}-${Math.round(100 * high)}%`;

  // Criteria the estimation does not meet yet, as "<design> <periods>: <criterion>" (run as
  // it.failing, so a fix shows up as a failure to remove the entry). Empty since auto asks most levers
  // to look stationary before it fits levels (docs/method.md §2a); the history of this list, with the
  // figures each fix measured, is in docs/monte-carlo.md.
  const KNOWN_GAPS = new Set<string>([]);

  describe.each(SIMULATION_DESIGNS)(`Monte Carlo, %s design, ${periods} periods`, (design) => {
    it("the simulator is calibrated: oracle power 80-85%, oracle size 3-7%, ≥ 2,000 null pairs", () => {
      const c = cell(design);
      expect(c.models[0].size.total).toBeGreaterThanOrEqual(2000);
      expect(share(c.oracle.power)).toBeGreaterThanOrEqual(0.8);
      expect(share(c.oracle.power)).toBeLessThanOrEqual(0.85);
      expect(share(c.oracle.size)).toBeGreaterThanOrEqual(0.03);
      expect(share(c.oracle.size)).toBeLessThanOrEqual(0.07);
    });

    it("the oracle's decisions meet the decision criteria (they are attainable on these engagements)", () => {
      const { oracle } = cell(design);
      expect(oracle.holdOnNull.high).toBeGreaterThanOrEqual(0.95);
      expect(share(oracle.rightWay)).toBeGreaterThanOrEqual(0.8);
      expect(share(oracle.coverage)).toBeGreaterThanOrEqual(0.92);
      expect(share(oracle.coverage)).toBeLessThanOrEqual(0.97);
    });

    const auto = () => cell(design).models.find((m) => m.model === "auto") as ModelScore;
    const criteria: [string, () => string | null][] = [
      ["size of raw p < 5% on null pairs within 3-7%", () => within(share(auto().size), 0.03, 0.07)],
      [
        `size within 3-7% for each model auto fitted to ≥ ${MIN_GROUP} null pairs`,
        () =>
          Object.entries(auto().sizeByFittedModel)
            .filter(([, p]) => p.total >= MIN_GROUP)
            .map(([fitted, p]) => {
              const bad = within(share(p), 0.03, 0.07);
              return bad ? `${fitted} (${p.total} null pairs): ${bad}` : null;
            })
            .filter((x) => x !== null)
            .join("; ") || null,
      ],
      [
        "power no more than 5 points below the oracle's",
        () => within(share(auto().power) - share(cell(design).oracle.power), -0.05, 1),
      ],
      ["null levers held (not clearly below 95%)", () => within(auto().holdOnNull.high ?? NaN, 0.95, 1)],
      ["strong levers recommended the true way ≥ 80%", () => within(share(auto().rightWay), 0.8, 1)],
      [
        "no conflict on requests moving a null lever ≥ 95%",
        () => within(share(auto().noFalseConflict), 0.95, 1),
      ],
      [
        "leverage interval covers the true leverage in 92-97%",
        () => within(share(auto().coverage), 0.92, 0.97),
      ],
    ];
    for (const [name, check] of criteria) {
      const known = KNOWN_GAPS.has(`${design} ${periods}: ${name}`);
      (known ? it.failing : it)(`auto: ${name}${known ? " (known gap, see KNOWN_GAPS)" : ""}`, () => {
        expect(check()).toBeNull();
      });
    }
  });

  describe("levels, the first release's model, on drifting series (the issue's finding)", () => {
    it("is spurious: far more than 5% of null pairs significant", () => {
      const levels = cell("drifting").models.find((m) => m.model === "levels") as ModelScore;
      expect(share(levels.size)).toBeGreaterThan(0.15);
    });
  });
}
