/**
 * ELASTICITY, SENSITIVITY and BESTLAG through the built bundle against independent references:
 * numpy least squares / corrcoef and scipy's t distribution (references/README.md), on data with
 * blank cells that both sides leave out.
 */
import * as fs from "fs";
import * as path from "path";
import { column, expectClose, loadBundle, type Bundle } from "./bundle";

interface References {
  elasticity: { known_y: (number | null)[]; known_x: (number | null)[]; mean: number; log: number };
  sensitivity: {
    metric: (number | null)[];
    levers: (number | null)[][];
    lag: number;
    elasticity: number[];
    coefficient: number[];
    standardized: number[];
    stderr: number[];
    pvalue: number[];
  };
  bestlag: { lever: (number | null)[]; metric: (number | null)[]; max_lag: number; lag: number; r: number };
}

const ref: References = JSON.parse(
  fs.readFileSync(path.join(__dirname, "references", "references.json"), "utf8"),
);
let fx: Bundle;
beforeAll(() => {
  fx = loadBundle();
}, 300_000);

test("ELASTICITY mean and log against numpy polyfit on the complete pairs", () => {
  const { known_y, known_x } = ref.elasticity;
  expectClose(fx.value("ELASTICITY", column(known_y), column(known_x)), ref.elasticity.mean, 1e-12);
  // Blanks as "" (how a formula's empty text arrives) give the same answer.
  const asText = known_y.map((v) => (v === null ? "" : v));
  expectClose(fx.value("ELASTICITY", column(asText), column(known_x), "log"), ref.elasticity.log, 1e-12);
});

test("SENSITIVITY (lag 1, blanks) against numpy lstsq and scipy t: every measure", () => {
  const s = ref.sensitivity;
  const all = fx.call("SENSITIVITY", column(s.metric), s.levers, s.lag, "all");
  const expected = [s.elasticity, s.coefficient, s.standardized, s.stderr, s.pvalue];
  expected.forEach((values, i) =>
    values.forEach((v, j) => expectClose(all[i][j + 1], v, i === 4 ? 1e-7 : 1e-10, i === 4 ? 0 : 1e-12)),
  );
});

test("BESTLAG against numpy corrcoef per lag on pairwise-complete periods", () => {
  const b = ref.bestlag;
  const r = fx.call("BESTLAG", column(b.lever), column(b.metric), b.max_lag);
  expect(r[0][0]).toBe(b.lag);
  expectClose(r[0][1], b.r, 1e-12);
});
