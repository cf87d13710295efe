/**
 * Which form each metric's regression is fitted in (docs/method.md §2a).
 *
 * Regressing one drifting series on another finds "significant" relations that do not exist, and more
 * history makes it worse (Granger & Newbold 1974; Phillips 1986). A levels regression is sound when it
 * is *balanced* — the metric and its levers stationary — and its errors are uncorrelated; otherwise
 * changes on changes are the safe form (Hyndman & Athanasopoulos, FPP3 §10.1: check that the
 * forecast variable and all predictors look stationary, and difference all of them if any need it).
 * So `auto` fits levels only when four things agree:
 *
 *   1. most levers look stationary: the augmented Dickey–Fuller test rejects a unit root (p < 0.05)
 *      for more than half of the levers that can be tested (levers that drift, or are held for months
 *      and then stepped, do not);
 *   2. the metric looks stationary: ADF rejects a unit root at p < 0.01, and
 *   3. the KPSS test does not reject stationarity (p ≥ 0.01);
 *   4. the Breusch–Godfrey test finds no first-order autocorrelation in the levels regression's
 *      residuals (p ≥ 0.01), so ordinary standard errors hold there;
 *   changes otherwise.
 *
 * Why "most levers": per lever, ADF has limited power at 36 months (it rejects for 3–7 of seven
 * AR(0.5) levers), so "every lever" would send most stationary engagements to changes, where a third
 * of the power is lost; on the simulation the majority separated the designs completely (stationary
 * levers: ≥ 3 of 7, usually 6–7; drifting or stepped: ≤ 3, usually 0). Without condition 1 a metric
 * that looked stationary while its levers drifted was fitted in levels in 8–10% of 36-month
 * engagements, with 15–22% false significance there. Why 1% for 2–4 once the levers are stationary:
 * each test at 5% sends 5–8% of truly stationary metrics to changes by chance (power fell 5–7 points
 * below the oracle); at 1% the stationary power is within 1–3 points, while a metric that drifts
 * with the market beside stationary levers still goes to changes (docs/monte-carlo.md, the "mixed"
 * design: size 6.1% against the oracle's 5.6%). Thresholds measured on simulated engagements
 * (docs/monte-carlo.md), not asymptotics.
 *
 * A history too short to test (fewer than MIN_TEST_PERIODS rows) is fitted in changes, the safe side.
 * ADF and KPSS run on the values up to the as-of date (logs when every value is positive, gaps closed
 * up), with a constant; ADF lags by BIC — at 36 periods statsmodels' default AIC picks 5 of 9 lags for
 * plain white noise and loses the test's power (ADF p 0.92 on an i.i.d. series in
 * test/alignment/analyze.test.ts; BIC picks 0, p < 0.001).
 *
 * Season-of-year terms are tested (F test, sensitivity.ts) under `auto` only; `levels` and `changes`
 * fit exactly the model their name says, so a finance partner can reproduce them.
 */
import { breuschGodfrey } from "../stats/breusch-godfrey";
import { adfTest, kpssTest } from "../stats/unitroot";
import { isPresent } from "./numeric";
import { seasonCalendar, withoutSeasonMeans } from "./seasons";
import type { FittedForm, SeasonOption, SensitivityFit } from "./sensitivity";
import type { Series } from "./lag";
import type { LeverStationarity, ModelEvidence, SeriesTest } from "./types";

/** Fewer values than this are not tested: `auto` fits them in changes. */
export const MIN_TEST_PERIODS = 16;
/** Level of the ADF test on each lever (condition 1). */
export const LEVER_TEST_LEVEL = 0.05;
/** Level of the metric's ADF and KPSS tests and of the Breusch–Godfrey test (conditions 2–4). */
export const MODEL_TEST_LEVEL = 0.01;

export interface ModelDecision {
  form: FittedForm;
  seasons: SeasonOption;
  evidence: ModelEvidence;
}

function pText(p: number): string {
  return p < 0.001 ? "< 0.001" : p.toFixed(p < 0.01 ? 3 : 2);
}

/**
 * The metric's values up to the as-of date, in logs when all are positive (gaps closed up). Given
 * the period axis (when the levels fit kept season terms) and where seasons are estimable
 * (seasons.ts: three full years, two values a season), each season's mean is taken out first: a
 * strong month-of-year pattern looks like quick mean reversion to the ADF test and like
 * stationarity to KPSS, and sent drifting seasonal metrics to levels, where 12–24% of no-effect
 * pairs came out significant at 36 months (docs/monte-carlo.md). Removing season means is the ADF
 * regression with season dummies as deterministic terms, which leaves the zero-frequency unit-root
 * test's distribution unchanged (Dickey, Bell & Miller 1986).
 */
function testSeries(
  metric: Series,
  endIndex: number,
  periods?: readonly number[],
): { values: number[]; deseasonalised: boolean } {
  const { times, values } = historyValues(metric, endIndex);
  const calendar = periods ? seasonCalendar(periods) : null;
  const adjusted = calendar
    ? withoutSeasonMeans(calendar, times, values, Math.min(endIndex, metric.length - 1) + 1)
    : null;
  return adjusted ? { values: adjusted, deseasonalised: true } : { values, deseasonalised: false };
}

/** The explicit choices: exactly the model named. */
export function fixedModel(requested: "levels" | "changes"): ModelDecision {
  return {
    form: requested,
    seasons: "none",
    evidence: {
      requested,
      tests: [],
      seasonal: false,
      reason: requested === "levels" ? "levels, as set" : "changes, as set",
    },
  };
}

/**
 * ADF and KPSS on the metric; [] when the series is too short or cannot be tested. With `periods`
 * (given when the levels fit kept season terms), each season's mean is taken out first.
 */
export function trendTests(metric: Series, endIndex: number, periods?: readonly number[]): SeriesTest[] {
  const { values, deseasonalised } = testSeries(metric, endIndex, periods);
  if (values.length < MIN_TEST_PERIODS) return [];
  const adjusted = deseasonalised ? { seasonAdjusted: true } : {};
  try {
    const adf = adfTest(values, { regression: "c", autolag: "BIC" });
    const kpss = kpssTest(values, { regression: "c", nlags: "auto" });
    return [
      {
        test: "ADF",
        statistic: adf.statistic,
        pValue: adf.pValue,
        lags: adf.usedLags,
        n: adf.nobs,
        ...adjusted,
      },
      {
        test: "KPSS",
        statistic: kpss.statistic,
        pValue: kpss.pValue,
        lags: kpss.lags,
        n: kpss.nobs,
        ...adjusted,
      },
    ];
  } catch {
    return []; // constant, or changing by a constant step: nothing to describe
  }
}

/**
 * A series' values up to the as-of date with the periods they were observed at (gaps closed up), in
 * logs when every value is positive: what ADF and KPSS test, for a metric and for each lever alike.
 */
function historyValues(series: Series, endIndex: number): { times: number[]; values: number[] } {
  const times: number[] = [];
  const raw: number[] = [];
  for (let t = 0; t <= Math.min(endIndex, series.length - 1); t++) {
    const v = series[t];
    if (!isPresent(v)) continue;
    times.push(t);
    raw.push(v);
  }
  const logged = raw.length > 0 && raw.every((v) => v > 0);
  return { times, values: logged ? raw.map((v) => Math.log(v)) : raw };
}

/**
 * Condition 1 of `auto`: how many of the levers look stationary (ADF rejects a unit root at
 * LEVER_TEST_LEVEL). Levers too short to test, or constant (left out of the regression anyway), are
 * not counted. The same for every metric of an analysis, so estimate.ts computes it once.
 */
export function leverStationarity(levers: readonly Series[], endIndex: number): LeverStationarity {
  let tested = 0;
  let stationary = 0;
  for (const lever of levers) {
    const { values } = historyValues(lever, endIndex);
    if (values.length < MIN_TEST_PERIODS) continue;
    try {
      const adf = adfTest(values, { regression: "c", autolag: "BIC" });
      tested++;
      if (adf.pValue < LEVER_TEST_LEVEL) stationary++;
    } catch {
      // constant, or changing by a constant step: nothing to test
    }
  }
  return { stationary, tested };
}

/** Condition 1: more than half of the testable levers look stationary. */
export function leversLookStationary(levers: LeverStationarity): boolean {
  return levers.tested > 0 && levers.stationary > levers.tested / 2;
}

/** Breusch–Godfrey (1 lag) on a levels fit's residuals; null when the fit has too few rows. */
export function residualTest(levelsFit: SensitivityFit): SeriesTest | null {
  const detail = levelsFit.detail;
  if (!detail || detail.residuals.length < MIN_TEST_PERIODS) return null;
  try {
    const bg = breuschGodfrey(
      detail.residuals,
      [...detail.columns, ...detail.controls],
      1,
      detail.rows.map((s, i) => i > 0 && s - detail.rows[i - 1] > 1),
    );
    return {
      test: "BG",
      statistic: bg.f,
      pValue: bg.pValue,
      lags: 1,
      n: detail.residuals.length,
      rho: bg.rho,
    };
  } catch {
    return null;
  }
}

/**
 * `auto`: levels only when most levers look stationary, the metric looks stationary (ADF rejects a
 * unit root, KPSS does not reject stationarity) AND the levels regression's residuals show no
 * autocorrelation (Breusch–Godfrey); otherwise changes. See the file comment for the levels used.
 */
export function autoModel(
  levelsFit: SensitivityFit,
  trend: readonly SeriesTest[],
  levers: LeverStationarity,
): ModelDecision {
  const bg = residualTest(levelsFit);
  const tests = [...trend, ...(bg ? [bg] : [])];
  const decide = (form: FittedForm, reason: string): ModelDecision => ({
    form,
    seasons: "test",
    evidence: { requested: "auto", tests, levers: { ...levers }, seasonal: false, reason },
  });
  const adf = trend.find((t) => t.test === "ADF");
  const kpss = trend.find((t) => t.test === "KPSS");
  if (!adf || !kpss || !bg) {
    return decide(
      "changes",
      levelsFit.method === "ols"
        ? `changes: too few periods to test for drift (at least ${MIN_TEST_PERIODS}), and changes are safe either way`
        : "changes: the levels regression could not be fitted",
    );
  }
  if (!leversLookStationary(levers)) {
    return decide(
      "changes",
      `changes: most levers drift or are held for months at a time (ADF rejects a unit root for ${levers.stationary} of ${levers.tested} levers), so a levels regression could mistake shared trends for effects`,
    );
  }
  const adjusted = adf.seasonAdjusted ? " after removing season means" : "";
  const kpssP = kpss.pValue <= 0.01 ? "≤ 0.01" : kpss.pValue >= 0.1 ? "≥ 0.10" : pText(kpss.pValue);
  const rho = bg.rho !== undefined ? `, residual correlation ${bg.rho.toFixed(2)}` : "";
  if (adf.pValue >= MODEL_TEST_LEVEL) {
    return decide(
      "changes",
      `changes: the metric may drift (ADF cannot reject a unit root${adjusted} at 1%, p ${pText(adf.pValue)})`,
    );
  }
  // KPSS p-values are interpolated in a table that ends at 1% (kpss.ts), so "p ≤ 0.01" is a
  // statistic beyond the 1% critical value: a rejection at 1%.
  if (kpss.pValue <= MODEL_TEST_LEVEL) {
    return decide(
      "changes",
      `changes: the metric may drift (KPSS rejects stationarity${adjusted} at 1%, p ${kpssP})`,
    );
  }
  if (bg.pValue < MODEL_TEST_LEVEL) {
    return decide(
      "changes",
      `changes: the metric is stationary, but its levels regression leaves autocorrelated residuals (Breusch–Godfrey p ${pText(bg.pValue)}${rho}), so levels would overstate significance`,
    );
  }
  return decide(
    "levels",
    `levels: ${levers.stationary} of ${levers.tested} levers and the metric are stationary${adjusted} (ADF p ${pText(adf.pValue)}, KPSS p ${kpssP}) and the levels regression leaves uncorrelated residuals (Breusch–Godfrey p ${pText(bg.pValue)}${rho})`,
  );
}
