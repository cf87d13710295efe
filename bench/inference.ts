/**
 * Inference benchmark (issue 10's Monte Carlo): size, power and decisions of the analysis under the
 * `levels`, `changes` and `auto` models on simulated engagements with known truth
 * (src/core/sample/simulate.ts, montecarlo.ts), next to an oracle that fits the true form.
 *
 * Options (after `npm run bench --`):
 *   --inference-engagements=N  engagements per design × length (default 60: 2,340 null pairs a cell)
 *   --inference-seed=S         first seed (default 1)
 *   --inference-only           skip the other benchmarks
 *   --design=NAME              only this design (drifting, stationary, stepped, seasonal, mixed)
 *   --calibrate                instead: find each design × length's noise σ for 82.5% oracle power
 *                              (bisection, 300 engagements a step) and print NOISE_TABLE
 * About 100 ms per engagement on one core for the three models (40 ms per analysis today).
 */
import { MODEL_CHOICES, type ModelScore, type Proportion, runCell } from "../src/core/sample/montecarlo";
import {
  calibratedNoise,
  SIMULATION_DESIGNS,
  SIMULATION_LENGTHS,
  type SimulationDesign,
} from "../src/core/sample/simulate";

function option(argv: readonly string[], name: string, fallback: number): number {
  const hit = argv.find((a) => a.startsWith(`--${name}=`));
  const value = hit ? Number(hit.slice(name.length + 3)) : fallback;
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} must be a whole number of 1 or more`);
  return value;
}

const pct = (p: Proportion | null | undefined) =>
  p?.share == null ? "  -  " : (100 * p.share).toFixed(1).padStart(5);

function calibrate(
  design: SimulationDesign,
  periods: number,
  firstSeed: number,
): { noise: number; power: number } {
  const engagements = 300;
  const power = (noise: number) =>
    runCell({ design, periods, engagements, firstSeed, models: [], simulation: { noise } }).oracle.power
      .share ?? 0;
  let low = calibratedNoise(design, periods) / 3;
  let high = calibratedNoise(design, periods) * 3;
  for (let step = 0; step < 14; step++) {
    const mid = Math.sqrt(low * high);
    if (power(mid) > 0.825) low = mid;
    else high = mid;
  }
  const noise = Math.sqrt(low * high);
  return { noise, power: power(noise) };
}

/** The designs asked for with --design=NAME (all by default). */
function designsOf(argv: readonly string[]): readonly SimulationDesign[] {
  const hit = argv.find((a) => a.startsWith("--design="));
  if (!hit) return SIMULATION_DESIGNS;
  const name = hit.slice("--design=".length);
  const design = SIMULATION_DESIGNS.find((d) => d === name);
  if (!design) throw new Error(`--design must be one of ${SIMULATION_DESIGNS.join(", ")}; got "${name}"`);
  return [design];
}

export function runInferenceBench(argv: readonly string[] = process.argv): void {
  const firstSeed = option(argv, "inference-seed", 1);
  const designs = designsOf(argv);
  if (argv.includes("--calibrate")) {
    console.log(
      "\nNoise calibration: σ for 82.5% oracle power at 5% (300 engagements, 3,000 planted pairs per step)",
    );
    for (const design of designs) {
      const row = SIMULATION_LENGTHS.map((n) => {
        const c = calibrate(design, n, firstSeed + 1000);
        return `${n}: ${c.noise.toFixed(4)} (power ${(100 * c.power).toFixed(1)}%)`;
      });
      console.log(`  ${design.padEnd(11)} ${row.join("   ")}`);
    }
    return;
  }
  const engagements = option(argv, "inference-engagements", 60);
  console.log(
    `\nInference Monte Carlo: ${engagements} engagements per row (7 levers × 7 metrics: 39 null and 10 planted pairs each), first seed ${firstSeed}`,
  );
  console.log(
    "Per model: size = null pairs with raw p < 5%; power = planted pairs with raw p < 5%; hold = null levers held;\n" +
      "right = levers with |true leverage| ≥ 2.5 × threshold recommended the true way; nconf = actions on null levers\n" +
      "not called a conflict; cover = leverage interval contains the true leverage. All in %. Oracle: true form fitted.",
  );
  const cols = ["size", "power", "hold", "right", "nconf", "cover"];
  const header =
    "design      n    | oracle: power right  hold cover | " +
    MODEL_CHOICES.map((m) => `${m.padEnd(7)}${cols.map((c) => c.padStart(6)).join("")}`).join(" | ");
  console.log(header);
  console.log("-".repeat(header.length));
  const started = Date.now();
  const notes = new Set<string>();
  for (const design of designs) {
    for (const periods of SIMULATION_LENGTHS) {
      const cell = runCell({ design, periods, engagements, firstSeed });
      const o = cell.oracle;
      const modelCols = (m: ModelScore) =>
        " ".repeat(7) +
        [m.size, m.power, m.holdOnNull, m.rightWay, m.noFalseConflict, m.coverage]
          .map((p) => ` ${pct(p)}`)
          .join("");
      console.log(
        `${design.padEnd(11)} ${String(periods).padStart(4)} |        ${pct(o.power)} ${pct(o.rightWay)} ${pct(o.holdOnNull)} ${pct(o.coverage)} | ` +
          cell.models.map(modelCols).join(" | "),
      );
      for (const m of cell.models) {
        const fitted = Object.entries(m.sizeByFittedModel)
          .map(([k, p]) => `${k} ${pct(p).trim()}% of ${p.total}`)
          .join(", ");
        if (m.model === "auto" || Object.keys(m.sizeByFittedModel).some((k) => k !== "levels"))
          notes.add(`${design} ${periods} ${m.model}: size by fitted model: ${fitted}`);
        if (m.sizeQ)
          notes.add(
            `${design} ${periods} ${m.model}: BH q < 5%: size ${pct(m.sizeQ).trim()}%, power ${pct(m.powerQ).trim()}%`,
          );
        if (m.missingP > 0)
          notes.add(`${design} ${periods} ${m.model}: ${m.missingP} pairs without a p-value`);
      }
      const size = cell.models[0]?.size;
      if (size)
        notes.add(
          `${design} ${periods}: ${size.total} null pairs, ${cell.models[0].power.total} planted per model`,
        );
    }
  }
  for (const n of notes) console.log("  " + n);
  console.log(`Inference Monte Carlo took ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
