/**
 * The plan's LP through HiGHS on random plans (7 to 200 levers, with and without a budget) against
 * two independent references: the fractional-knapsack optimum (test/plan/reference.ts) and a grid
 * search. A sweep of 180 random problems, so it runs with the other property suites, not in
 * `npm run test:unit`.
 */
import { optimisePlan } from "../../src/core/plan/optimise";
import type { LpSolver } from "../../src/core/plan/lp";
import { loadHighsSolver } from "../../src/hosts/lp/highs";
import { greedy, gridSearch, rng, type BoxLp } from "../plan/reference";
import { input, objective, settings } from "../plan/plan-input";

let solver: LpSolver;
beforeAll(async () => {
  solver = await loadHighsSolver();
});

describe("against the knapsack reference and a grid search", () => {
  const draw = (seed: number, n: number, withBudget: boolean) => {
    const r = rng(seed);
    const levers = Array.from({ length: n }, () => {
      const current = 1 + r() * 99;
      return {
        a: r() < 0.15 ? 0 : (r() - 0.5) * 2,
        current,
        min: r() < 0.3 ? current * (0.7 + r() * 0.3) : undefined,
        max: r() < 0.3 ? current * (1 + r() * 0.3) : undefined,
        cost: r() < 0.2 ? undefined : (r() - 0.25) * 1000,
      };
    });
    const inp = input(levers);
    const s = settings({ budget: withBudget ? (r() - 0.3) * 2000 : null, maxMove: 0.05 + r() * 0.4 });
    // The same problem in the reference's terms (relative moves r = Δ/current). A lever with no
    // effect is not supported, so the plan holds it (it cannot even fund others by saving).
    const box: BoxLp = {
      a: levers.map((l) => l.a),
      c: levers.map((l) => (l.cost ?? 0) * l.current),
      lo: levers.map((l) =>
        l.a === 0
          ? 0
          : Math.max(
              -s.maxMove,
              l.min === undefined ? -Infinity : (Math.min(l.min, l.current) - l.current) / l.current,
            ),
      ),
      hi: levers.map((l) =>
        l.a === 0
          ? 0
          : Math.min(
              s.maxMove,
              l.max === undefined ? Infinity : (Math.max(l.max, l.current) - l.current) / l.current,
            ),
      ),
      budget: s.budget,
    };
    return { inp, s, box };
  };

  test.each([7, 30, 200])("%i levers: 40 random plans reach the reference optimum", (n) => {
    let infeasible = 0;
    for (let seed = 1; seed <= 40; seed++) {
      const { inp, s, box } = draw(seed * 1000 + n, n, seed % 5 !== 0);
      const out = optimisePlan(inp, s, solver);
      const ref = greedy(box);
      if (ref === null) {
        expect(out.status).toBe("infeasible");
        expect(out.diagnostics.map((d) => d.code)).toContain("plan-budget-infeasible");
        infeasible++;
        continue;
      }
      expect(out.status).toBe("optimal");
      const got = objective(inp, out.planned);
      expect(Math.abs(got - ref.value)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(ref.value)));
      const spend = inp.levers.reduce(
        (sum, l, i) => sum + (l.costPerUnit ?? 0) * ((out.planned[i] as number) - (l.current as number)),
        0,
      );
      if (s.budget !== null)
        expect(spend).toBeLessThanOrEqual(s.budget + 1e-6 * Math.max(1, Math.abs(s.budget)));
      inp.levers.forEach((l, i) => {
        const move = Math.abs(((out.planned[i] as number) - (l.current as number)) / (l.current as number));
        expect(move).toBeLessThanOrEqual(s.maxMove + 1e-12);
      });
    }
    expect(infeasible).toBeLessThan(40);
  });

  test("small plans: the LP optimum is at least the best grid point, and within the grid's resolution", () => {
    for (let seed = 1; seed <= 60; seed++) {
      const n = 1 + (seed % 3);
      const { inp, s, box } = draw(seed, n, true);
      const out = optimisePlan(inp, s, solver);
      const grid = gridSearch(box, 40);
      if (out.status !== "optimal") {
        expect(grid).toBeNull();
        continue;
      }
      const got = objective(inp, out.planned);
      expect(grid).not.toBeNull();
      expect(got).toBeGreaterThanOrEqual((grid as number) - 1e-12);
      const resolution = box.a.reduce((sum, a, i) => sum + Math.abs(a) * (box.hi[i] - box.lo[i]), 0);
      expect(got - (grid as number)).toBeLessThanOrEqual(resolution);
    }
  });
});
