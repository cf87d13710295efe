/**
 * Which form each metric's regression is fitted in (docs/method.md §2a).
 *
 * Regressing one drifting series on another finds "significant" relations that do not exist, and more
 * history makes it worse (Granger & Newbold 1974; Phillips 1986). The mechanism is the residuals: when
 * the levels regression leaves serially correlated (or drifting) errors while the levers are
 * persistent, ordinary standard errors are far too small. Regressing changes on changes removes the
 * drift and most of the correlation, but when the levels regression is sound it throws away the
 * information in the levels. So `auto` fits levels only when three tests agree that is safe:
 *
 *   levels   when the metric looks stationary — the augmented Dickey–Fuller test rejects a unit root
 *            (p < 0.05) and the KPSS test does not reject stationarity (p ≥ 0.05) — AND the
 *            Breusch–Godfrey test finds no first-order autocorrelation in the levels regression's
 *            residuals (p ≥ 0.05), so ordinary standard errors hold there;
 *   changes  otherwise: the metric may drift, or the levels regression would overstate significance.
 *
 * A history too short to test (fewer than MIN_TEST_PERIODS rows) is fitted in changes, the safe side.
 * This is the practitioner's rule of Hyndman & Athanasopoulos (FPP3 ch. 10, dynamic regression:
 * check the regression's residuals; difference when they are not white noise), with the test that
 * decides chosen by the simulation of docs/monte-carlo.md: the metric's own tests alone (ADF and KPSS)
 * let 7–11% of no-effect pairs through on drifting engagements at 60–120 periods (a metric can look
 * stationary while its regression on drifting levers is still spurious), the residual test alone 20% at
 * 36 periods (seven drifting levers soak up the residuals' drift), Engle–Granger cointegration up to 50%.
 * ADF and KPSS run on the metric's values up to the as-of date (logs when every value is positive,
 * gaps closed up), with a constant; ADF lags by BIC — at 36 periods statsmodels' default AIC picks 5 of
 * 9 lags for plain white noise and loses the test's power (ADF p 0.92 on an i.i.d. series in
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
import type { ModelEvidence, SeriesTest } from "./types";

/** Fewer values than this are not tested: `auto` fits them in changes. */
export const MIN_TEST_PERIODS = 16;
/** Level of the three tests (ADF, KPSS, Breusch–Godfrey). */
export const MODEL_TEST_LEVEL = 0.05;

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
): { values: number[]; logged: boolean; deseasonalised: boolean } {
  const last = Math.min(endIndex, metric.length - 1);
  const present: { t: number; v: number }[] = [];
  for (let t = 0; t <= last; t++) {
    const v = metric[t];
    if (isPresent(v)) present.push({ t, v });
  }
  const logged = present.length > 0 && present.every(({ v }) => v > 0);
  const values = present.map(({ v }) => (logged ? Math.log(v) : v));
  const calendar = periods ? seasonCalendar(periods) : null;
  const adjusted = calendar
    ? withoutSeasonMeans(
        calendar,
        present.map(({ t }) => t),
        values,
        last + 1,
      )
    : null;
  return adjusted
    ? { values: adjusted, logged, deseasonalised: true }
    : { values, logged, deseasonalised: false };
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
 * `auto`: levels only when the metric looks stationary (ADF rejects a unit root, KPSS does not reject
 * stationarity) AND the levels regression's residuals show no autocorrelation (Breusch–Godfrey);
 * otherwise changes.
 */
export function autoModel(levelsFit: SensitivityFit, trend: readonly SeriesTest[]): ModelDecision {
  const bg = residualTest(levelsFit);
  const tests = [...trend, ...(bg ? [bg] : [])];
  const decide = (form: FittedForm, reason: string): ModelDecision => ({
    form,
    seasons: "test",
    evidence: { requested: "auto", tests, seasonal: false, reason },
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
  const adjusted = adf.seasonAdjusted ? " after removing season means" : "";
  const kpssP = kpss.pValue <= 0.01 ? "≤ 0.01" : kpss.pValue >= 0.1 ? "≥ 0.10" : pText(kpss.pValue);
  const rho = bg.rho !== undefined ? `, residual correlation ${bg.rho.toFixed(2)}` : "";
  if (adf.pValue >= MODEL_TEST_LEVEL) {
    return decide(
      "changes",
      `changes: the metric may drift (ADF cannot reject a unit root${adjusted}, p ${pText(adf.pValue)})`,
    );
  }
  if (kpss.pValue < MODEL_TEST_LEVEL) {
    return decide(
      "changes",
      `changes: the metric may drift (KPSS rejects stationarity${adjusted}, p ${kpssP})`,
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
    `levels: the metric is stationary${adjusted} (ADF p ${pText(adf.pValue)}, KPSS p ${kpssP}) and its levels regression leaves uncorrelated residuals (Breusch–Godfrey p ${pText(bg.pValue)}${rho})`,
  );
}
