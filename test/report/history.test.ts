import { buildReport } from "../../src/core/report/build";
import { parseHistory } from "../../src/core/report/history";
import { dateToSerial } from "../../src/core/report/format";
import { GREEN, RED } from "../../src/core/report/palette";
import type { CellValue, RawSheet } from "../../src/core/model/raw";
import type { SheetSpec } from "../../src/core/report/spec";
import { EVIL, effectiveStyle, makeOptions, makeResults, sheet } from "./fixtures";

/** What a host would read back from the written sheet. */
function readBack(spec: SheetSpec): RawSheet {
  const values: CellValue[][] = spec.values.map((line) =>
    line.map((v) => {
      if (v !== null && typeof v === "object") throw new Error("formula in history");
      return v;
    }),
  );
  return { name: spec.name, values, originRow: 0, originCol: 0 };
}

function run(asOf: number, stamp: string, history: RawSheet | null, rag?: "green" | "red"): SheetSpec {
  const results = makeResults({ asOf });
  if (rag) results.alignment[0].rag = rag;
  return sheet(buildReport(results, makeOptions({ history, runStamp: stamp })), "Alignment History");
}

const HEADER = 3;
const dataRows = (s: SheetSpec) => s.values.slice(HEADER + 1).filter((line) => typeof line[0] === "number");

describe("Alignment History", () => {
  const d1 = dateToSerial(2025, 3, 1);
  const d2 = dateToSerial(2025, 4, 1);
  const d0 = dateToSerial(2025, 1, 1);

  it("starts with one row and the documented columns", () => {
    const s = run(d1, "s1", null);
    expect(s.values[HEADER].slice(0, 9)).toEqual([
      "As of",
      "Run stamp",
      "Green",
      "Amber",
      "Red",
      "Overall score",
      "Recruiters (FTE)",
      "Agency share",
      EVIL,
    ]);
    expect(s.values[HEADER][9] ?? null).toBeNull(); // the legend is below the table (one page wide)
    expect(s.values[HEADER + 1].slice(0, 9)).toEqual([
      d1,
      "s1",
      1,
      1,
      1,
      0,
      "\u25CF Amber",
      "\u2716 Red",
      "\u2714 Green",
    ]);
    expect(effectiveStyle(s, HEADER + 1, 7).fill).toBe(RED.fill);
    expect(effectiveStyle(s, HEADER + 1, 8).fill).toBe(GREEN.fill);
    expect(effectiveStyle(s, HEADER + 1, 0).numberFormat).toBe("d mmm yyyy");
    expect(s.freeze).toEqual({ rows: HEADER + 1, cols: 1 });
  });

  it("appends a new as-of, replaces the same as-of and sorts by date", () => {
    const first = run(d1, "s1", null);
    const second = run(d2, "s2", readBack(first), "green");
    expect(dataRows(second).map((r) => [r[0], r[1], r[6]])).toEqual([
      [d1, "s1", "\u25CF Amber"],
      [d2, "s2", "\u2714 Green"],
    ]);
    const rerun = run(d1, "s1b", readBack(second), "red");
    expect(dataRows(rerun).map((r) => [r[0], r[1], r[6]])).toEqual([
      [d1, "s1b", "\u2716 Red"],
      [d2, "s2", "\u2714 Green"],
    ]);
    const earlier = run(d0, "s0", readBack(rerun));
    expect(dataRows(earlier).map((r) => r[0])).toEqual([d0, d1, d2]);
  });

  it("keeps columns of levers that no longer exist", () => {
    const first = run(d1, "s1", null);
    const results = makeResults({ asOf: d2 });
    results.levers = results.levers.slice(0, 2);
    results.alignment = results.alignment.slice(0, 2);
    const s = sheet(buildReport(results, makeOptions({ history: readBack(first) })), "Alignment History");
    expect(s.values[HEADER].slice(6, 9)).toEqual(["Recruiters (FTE)", "Agency share", EVIL]);
    const rows = dataRows(s);
    expect(rows[0][8]).toBe("\u2714 Green");
    expect(rows[1][8] ?? null).toBeNull();
  });

  it("writes an ISO run stamp as a local date-time cell and reads it back", () => {
    const s = sheet(
      buildReport(makeResults({ asOf: d1 }), makeOptions({ runStamp: "2025-03-02T10:15:00+01:00" })),
      "Alignment History",
    );
    expect(s.values[HEADER + 1][1]).toBeCloseTo(d1 + 1 + (10 * 60 + 15) / 1440, 9);
    expect(effectiveStyle(s, HEADER + 1, 1).numberFormat).toBe("d mmm yyyy hh:mm");
    const again = sheet(
      buildReport(makeResults({ asOf: d2 }), makeOptions({ history: readBack(s) })),
      "Alignment History",
    );
    expect(again.values[HEADER + 1][1]).toBeCloseTo(d1 + 1 + (10 * 60 + 15) / 1440, 9);
  });

  it("ignores rows and cells that do not parse", () => {
    const history: RawSheet = {
      name: "Alignment History",
      originRow: 2,
      originCol: 0,
      values: [
        ["Some title"],
        [
          " as of ",
          "RUN STAMP",
          "Green",
          "Amber",
          "Red",
          "Overall score",
          "Agency share",
          null,
          "Colour key",
        ],
        [d0, "old", 2, "x", 1, "25%", "red", null, "Green"],
        ["not a date", "junk", 1, 1, 1, 0, "Green"],
        [{ kind: "error", code: "#N/A" }, "err"],
        [],
        ["2025-02-01", 12345, 3, 0, 0, 1, "purple"],
        null as unknown as CellValue[],
        [Infinity, "inf"],
      ],
    };
    const parsed = parseHistory(history);
    expect(parsed.levers).toEqual(["Agency share"]);
    expect(parsed.rows.map((r) => r.asOf)).toEqual([d0, dateToSerial(2025, 2, 1)]);
    expect(parsed.rows[0]).toMatchObject({ runStamp: "old", green: 2, amber: null, red: 1, overall: 0.25 });
    expect(parsed.rows[0].rags.get("Agency share")).toBe("red");
    expect(parsed.rows[1].runStamp).toBe("12345");
    expect(parsed.rows[1].rags.size).toBe(0);

    const s = run(d1, "s1", history);
    expect(dataRows(s).map((r) => r[0])).toEqual([d0, dateToSerial(2025, 2, 1), d1]);
    expect(parseHistory(null).rows).toEqual([]);
    expect(parseHistory({ name: "x", values: [["nothing here"]], originRow: 0, originCol: 0 }).rows).toEqual(
      [],
    );
  });
});
