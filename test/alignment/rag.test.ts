import { movementOf } from "../../src/core/alignment/movement";
import { alignmentRow, confidenceOf, ragOf } from "../../src/core/alignment/rag";
import type { Leverage } from "../../src/core/alignment/types";

describe("movementOf", () => {
  it("compares the mean of the last W periods with the W before", () => {
    const s = [1, 1, 10, 10, 10, 12, 12, 12];
    // W = 3, as of the last: m1 = 12, m0 = 10
    expect(movementOf(s, 7, 3)).toMatchObject({ value: 0.2, basis: "relative", m0: 10, m1: 12 });
    // as of index 5: m1 = (10+10+12)/3, m0 = (1+1+10)/3 = 4
    expect(movementOf(s, 5, 3).value).toBeCloseTo((32 / 3 - 4) / 4, 14);
  });

  it("uses |m0| for negative levels", () => {
    expect(movementOf([-10, -10, -5, -5], 3, 2).value).toBeCloseTo(0.5, 14);
  });

  it("is null without enough data", () => {
    expect(movementOf([1, 2, 3], 2, 2).value).toBeNull();
    expect(movementOf([1, null, null, null, 5, 6], 5, 3).value).toBeNull();
    // one gap per window is fine for W = 3 (needs ⌈3/2⌉ = 2 values)
    expect(movementOf([1, null, 1, 2, null, 2], 5, 3).value).toBeCloseTo(1, 14);
  });

  it("measures against the range when the earlier mean is 0", () => {
    const s = [0, 0, 0.1, 0.1];
    expect(movementOf(s, 3, 2, { min: 0, max: 0.5 })).toMatchObject({ basis: "range" });
    expect(movementOf(s, 3, 2, { min: 0, max: 0.5 }).value).toBeCloseTo(0.2, 14);
    expect(movementOf(s, 3, 2).value).toBeCloseTo(1, 14); // observed range 0.1
    expect(movementOf([0, 0, 0, 0], 3, 2)).toMatchObject({ value: 0, basis: "relative" });
  });
});

describe("ragOf (=RPO.RAG)", () => {
  it("classes scores against the threshold", () => {
    expect(ragOf(0.01, 0.001)).toBe("green");
    expect(ragOf(0.001, 0.001)).toBe("green");
    expect(ragOf(0.0009, 0.001)).toBe("amber");
    expect(ragOf(0, 0.001)).toBe("amber");
    expect(ragOf(-0.0009, 0.001)).toBe("amber");
    expect(ragOf(-0.001, 0.001)).toBe("red");
    expect(ragOf(-5, 0.001)).toBe("red");
    expect(ragOf(0, 0)).toBe("amber");
    expect(ragOf(NaN, 0.001)).toBe("amber");
    expect(ragOf(0.002)).toBe("green");
  });
});

describe("alignment rows", () => {
  const base: Leverage = {
    lever: "L",
    current: 0.3,
    previous: null,
    directionCurrent: "increase",
    directionPrevious: null,
    boundNote: null,
    supported: true,
    effects: [],
    stdError: 0.05,
    ciLow: 0.2,
    ciHigh: 0.4,
    holdReason: null,
  };

  it("scores movement × leverage", () => {
    const up = alignmentRow(base, 0.1, 0.001, "high");
    expect(up.score).toBeCloseTo(0.03, 14);
    expect(up.rag).toBe("green");
    const down = alignmentRow(base, -0.1, 0.001, "high");
    expect(down.rag).toBe("red");
    expect(alignmentRow(base, 0.001, 0.001, "high").rag).toBe("amber");
    expect(alignmentRow(base, null, 0.001, "low")).toMatchObject({ score: 0, rag: "amber", movement: null });
  });

  it("is neither green nor red for a leverage whose interval includes 0", () => {
    const unsupported = { ...base, supported: false };
    expect(alignmentRow(unsupported, 0.5, 0.001, "low").rag).toBe("amber");
    expect(alignmentRow(unsupported, -0.5, 0.001, "low").rag).toBe("amber");
  });

  it("derives confidence from the leverage's own evidence", () => {
    expect(confidenceOf({ ...base, supported: false }, 0.1)).toBe("low");
    expect(confidenceOf(base, null)).toBe("low");
    expect(confidenceOf({ ...base, stdError: null }, 0.1)).toBe("low");
    // |0.3| / 0.05 = 6 ≥ 3.29 → high; |0.3| / 0.1 = 3 → medium
    expect(confidenceOf(base, 0.1)).toBe("high");
    expect(confidenceOf({ ...base, stdError: 0.1 }, 0.1)).toBe("medium");
  });
});
