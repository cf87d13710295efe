import {
  measureAction,
  moveOf,
  reviewActions,
  valueAtDate,
  verdictOf,
  type ActionContext,
} from "../../src/core/alignment/actions";
import type { Leverage } from "../../src/core/alignment/types";
import { action, goalSet, lever } from "./builders";

const periods = [100, 130, 160, 190, 220, 250, 280, 310];
const observations = {
  periods,
  series: {
    Quality: [3, 3, 3, 3, 2, 2, 2, 2],
    Recruiters: [10, 10, null, 10, 12, 12, 12, 12],
    TTF: [50, 50, 50, 50, 50, 40, 40, 40], // lag 1: falls one period after the move at 190→220
    QoH: [80, 80, 80, 80, 70, 70, 70, 70], // lag 0
  },
  sourceRows: periods.map((_, i) => i + 2),
  sheet: "Observations",
};
const lev = (
  name: string,
  current: number,
  direction: Leverage["directionCurrent"],
  previous: Leverage["directionCurrent"] | null = null,
): Leverage => ({
  lever: name,
  current,
  previous: previous === null ? null : -current,
  directionCurrent: direction,
  directionPrevious: previous,
  boundNote: null,
  supported: direction !== "hold",
  effects: [],
  stdError: null,
  ciLow: null,
  ciHigh: null,
  holdReason: direction === "hold" ? "effect unclear" : null,
});
const goals = goalSet(200, [
  ["TTF", "Decrease", 2],
  ["QoH", "Increase", 1],
]);
const ctx: ActionContext = {
  observations,
  levers: [
    lever("Quality", { current: 2 }),
    lever("Recruiters", { current: 12 }),
    lever("Agency", { current: 0.2 }),
  ],
  leverage: [
    lev("Quality", 0.31, "increase", "decrease"),
    lev("Recruiters", 0.2, "increase"),
    lev("Agency", 0, "hold"),
  ],
  lags: new Map([
    ["TTF", 1],
    ["QoH", 0],
  ]),
  currentGoals: goals.goals,
  currentGoalsFrom: 200,
  previousGoalsFrom: 100,
  endIndex: 7,
  window: 2,
};

describe("action review", () => {
  it("reads the value at the date from the last observation at/before it, else Current", () => {
    expect(valueAtDate(observations, ctx.levers[1], 160)).toBe(10); // 160 is missing → 130
    expect(valueAtDate(observations, ctx.levers[1], 225)).toBe(12);
    expect(valueAtDate(observations, ctx.levers[1], 50)).toBe(12); // before any period → Current
    expect(valueAtDate(observations, ctx.levers[2], 225)).toBe(0.2); // no series → Current
  });

  it("derives the move and the verdict", () => {
    expect(moveOf(3, 2)).toBe("decrease");
    expect(moveOf(3, 4)).toBe("increase");
    expect(moveOf(3, 3)).toBe("hold");
    expect(moveOf(null, 3)).toBe("hold");
    expect(verdictOf("increase", "increase")).toBe("aligned");
    expect(verdictOf("decrease", "increase")).toBe("conflict");
    expect(verdictOf("decrease", "hold")).toBe("neutral");
    expect(verdictOf("hold", "increase")).toBe("neutral");
  });

  const reviews = reviewActions(
    [
      action(190, "Quality", 2),
      action(190, "Recruiters", 12),
      action(250, "Agency", 0.3),
      action(300, "Recruiters", 12),
      action(320, "Recruiters", 15),
    ],
    ctx,
  );

  it("flags conflicts, alignment and neutral requests with a reason", () => {
    expect(reviews.map((r) => [r.move, r.verdict])).toEqual([
      ["decrease", "conflict"],
      ["increase", "aligned"],
      ["increase", "neutral"],
      ["hold", "neutral"],
      ["increase", "aligned"],
    ]);
    expect(reviews[0].reason).toContain(
      "Asks to decrease Quality, but the current goals call for an increase (leverage +0.31)",
    );
    expect(reviews[0].reason).toContain(
      "When it was requested, the goals then in force called for a decrease.",
    );
    expect(reviews[1].reason).toBe(
      "Asks to increase Recruiters, as the current goals call for (leverage +0.20).",
    );
    // The lever is on hold because its effect is unclear: never a conflict, and the reason says so.
    expect(reviews[2].reason).toBe(
      "Asks to increase Agency; the data cannot tell whether that helps or hurts the current goals (effect unclear), so it is not a conflict.",
    );
    expect(reviews[3].reason).toMatch(/no move/);
  });

  it("measures goal metrics before and after the date, honouring lags", () => {
    // Action at 190 → i0 = 4 (first period after). W = 2.
    // TTF (lag 1): before = TTF[3..4] = 50, after = TTF[5..6] = 40 → −20%, towards Decrease.
    // QoH (lag 0): before = QoH[2..3] = 80, after = QoH[4..5] = 70 → −12.5%, not towards Increase.
    expect(reviews[0].measured).toEqual([
      { metric: "TTF", before: 50, after: 40, change: -0.2, towardsGoal: true },
      { metric: "QoH", before: 80, after: 70, change: -0.125, towardsGoal: false },
    ]);
    // Action at 300 → i0 = 7; TTF after window starts at 8 > as-of → after null; QoH after = 70
    expect(reviews[3].measured).toEqual([
      { metric: "TTF", before: 40, after: null, change: null, towardsGoal: null },
      { metric: "QoH", before: 70, after: 70, change: 0, towardsGoal: false },
    ]);
    // No period after the date → null
    expect(reviews[4].measured).toBeNull();
    expect(measureAction(310, ctx)).toBeNull();
    expect(measureAction(400, { ...ctx, endIndex: 7 })).toBeNull();
  });

  it("uses no data after the as-of period for the value at the date", () => {
    // As of period index 2 (date 130): the observation at 160+ is not known yet.
    expect(valueAtDate(observations, ctx.levers[1], 225, 2)).toBe(10);
  });

  it("measures nothing for an action dated before the history (no 'before' window)", () => {
    expect(measureAction(50, ctx)).toBeNull();
    const [r] = reviewActions([action(50, "Quality", 1)], ctx);
    expect(r.measured).toBeNull();
  });

  it("mentions the goals then in force only for the previous goal set's era", () => {
    const [older] = reviewActions([action(90, "Quality", 1)], ctx); // before the previous set (100)
    expect(older.reason).not.toMatch(/then in force/);
    const [none] = reviewActions([action(190, "Quality", 1)], { ...ctx, previousGoalsFrom: null });
    expect(none.reason).not.toMatch(/then in force/);
  });

  it("reviews an action on an unknown lever as neutral", () => {
    const [r] = reviewActions([action(190, "Nope", 5)], ctx);
    expect(r.verdict).toBe("neutral");
    expect(r.reason).toMatch(/not a lever/);
  });
});
