import { contrastRatio, paletteTextPairs, GREEN, AMBER, RED } from "../../src/core/report/palette";
import {
  dateToSerial,
  isoDateToSerial,
  serialToIsoDate,
  signedPercent,
  leverValueFormat,
} from "../../src/core/report/format";

describe("palette", () => {
  it("uses the agreed RAG colours", () => {
    expect(GREEN).toEqual({ fill: "C6EFCE", font: "006100" });
    expect(AMBER).toEqual({ fill: "FFEB9C", font: "9C5700" });
    expect(RED).toEqual({ fill: "FFC7CE", font: "9C0006" });
  });

  it.each(paletteTextPairs())("$name text is readable on its fill (>= 4.5:1)", ({ font, fill }) => {
    expect(contrastRatio(font, fill)).toBeGreaterThanOrEqual(4.5);
  });

  it("computes known contrast ratios", () => {
    expect(contrastRatio("000000", "FFFFFF")).toBeCloseTo(21, 5);
    expect(contrastRatio("777777", "777777")).toBeCloseTo(1, 10);
  });
});

describe("format", () => {
  it("converts Excel serial dates both ways", () => {
    expect(dateToSerial(1900, 3, 1)).toBe(61);
    expect(dateToSerial(2025, 6, 1)).toBe(45809);
    expect(serialToIsoDate(45809)).toBe("2025-06-01");
    expect(serialToIsoDate(45809.75)).toBe("2025-06-01");
    expect(isoDateToSerial("2025-06-01")).toBe(45809);
    expect(isoDateToSerial("2025-06-01T10:00:00Z")).toBe(45809);
    expect(isoDateToSerial("2025-02-30")).toBeNull();
    expect(isoDateToSerial("June")).toBeNull();
    expect(serialToIsoDate(NaN)).toBe("");
  });

  it("writes signed percentages and lever formats", () => {
    expect(signedPercent(0.0321)).toBe("+3.2%");
    expect(signedPercent(-0.05)).toBe("-5.0%");
    expect(signedPercent(0.00001)).toBe("0.0%");
    expect(signedPercent(null)).toBe("n/a");
    expect(leverValueFormat("% of hires")).toBe("0.0%");
    expect(leverValueFormat("FTE")).toBe("General");
  });
});
