/**
 * Which form each metric's regression is fitted in (docs/method.md §2a).
 *
 * Regressing one drifting series on another finds "significant" relations that do not exist, and more
 * history makes it worse (Granger & Newbold 1974; Phillips 1986). Regressing changes on changes does
 * not have that problem, but when a metric is stationary around a level it throws away the information
 * in the levels. So `auto` looks at each metric's own history:
 *
 *   levels   when the augmented Dickey–Fuller test rejects a unit root (p < 0.05) AND the KPSS test
 *            does not reject stationarity (p ≥ 0.05): both tests agree the metric is stationary;
 *   changes  otherwise (a unit root is plausible, or the tests disagree): the safe choice.
 *
 * Both tests are run on the metric up to the as-of date (logs when every value is positive, matching
 * the log-differences the changes form uses), gaps closed up, with a constant (ADF lags by BIC up to
 * Schwert's maximum; KPSS bandwidth by Hobijn et al.), as statsmodels' adfuller/kpss do. A history too
 * short to test (fewer than MIN_TEST_PERIODS values) is fitted in changes. BIC rather than statsmodels'
 * default AIC: at 36 periods AIC picks 5 of 9 possible lags for plain white noise and the test loses
 * its power (ADF p 0.92 on an i.i.d. series in test/alignment/analyze.test.ts; BIC picks 0, p < 0.001). This is the rule of
 * Hyndman & Athanasopoulos (FPP3 §9.1 and ch. 10: difference the series in a dynamic regression when
 * they are non-stationary), with the two tests combined as in the simulation of docs/method.md §2c,
 * which measured its size and power at 36–120 monthly periods.
 *
 * Season-of-year terms are tested (F test, sensitivity.ts) under `auto` only; `levels` and `changes`
 * fit exactly the model their name says, so a finance partner can reproduce them.
 */
import { adfTest, kpssTest } from "../stats/unitroot";
import { isPresent } from "./numeric";
import type { FittedForm, SeasonOption } from "./sensitivity";
import type { Series } from "./lag";
import type { ModelChoice, ModelEvidence, SeriesTest } from "./types";

/** Fewer values than this are not tested: `auto` fits them in changes. */
export const MIN_TEST_PERIODS = 16;
/** Level of both tests. */
export const MODEL_TEST_LEVEL = 0.05;

export interface ModelDecision {
  form: FittedForm;
  seasons: SeasonOption;
  evidence: ModelEvidence;
}

function pText(p: number): string {
  return p < 0.001 ? "< 0.001" : p.toFixed(p < 0.01 ? 3 : 2);
}

/** The metric's values up to the as-of date, in logs when all are positive (gaps closed up). */
function testSeries(metric: Series, endIndex: number): { values: number[]; logged: boolean } {
  const values: number[] = [];
  for (let t = 0; t <= Math.min(endIndex, metric.length - 1); t++) {
    const v = metric[t];
    if (isPresent(v)) values.push(v);
  }
  const logged = values.length > 0 && values.every((v) => v > 0);
  return { values: logged ? values.map(Math.log) : values, logged };
}

export function chooseModel(metric: Series, endIndex: number, requested: ModelChoice): ModelDecision {
  if (requested !== "auto") {
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
  const changes = (reason: string, tests: SeriesTest[]): ModelDecision => ({
    form: "changes",
    seasons: "test",
    evidence: { requested, tests, seasonal: false, reason },
  });
  const { values } = testSeries(metric, endIndex);
  if (values.length < MIN_TEST_PERIODS) {
    return changes(
      `changes: ${values.length} values are too few to test for a trend (at least ${MIN_TEST_PERIODS}), and changes are safe either way`,
      [],
    );
  }
  let tests: SeriesTest[];
  try {
    const adf = adfTest(values, { regression: "c", autolag: "BIC" });
    const kpss = kpssTest(values, { regression: "c", nlags: "auto" });
    tests = [
      { test: "ADF", statistic: adf.statistic, pValue: adf.pValue, lags: adf.usedLags, n: adf.nobs },
      { test: "KPSS", statistic: kpss.statistic, pValue: kpss.pValue, lags: kpss.lags, n: kpss.nobs },
    ];
  } catch (error) {
    // A constant series or one that changes by a constant step: nothing to test; changes say so.
    return changes(
      `changes: the trend tests cannot be run (${error instanceof Error ? error.message : String(error)})`,
      [],
    );
  }
  const [adf, kpss] = tests;
  const adfRejects = adf.pValue < MODEL_TEST_LEVEL;
  const kpssRejects = kpss.pValue < MODEL_TEST_LEVEL;
  const kpssP = kpss.pValue <= 0.01 ? "≤ 0.01" : kpss.pValue >= 0.1 ? "≥ 0.10" : pText(kpss.pValue);
  if (adfRejects && !kpssRejects) {
    return {
      form: "levels",
      seasons: "test",
      evidence: {
        requested,
        tests,
        seasonal: false,
        reason: `levels: stationary by both tests (ADF rejects a unit root, p ${pText(adf.pValue)}; KPSS does not reject stationarity, p ${kpssP})`,
      },
    };
  }
  const why = !adfRejects
    ? `ADF cannot reject a unit root (p ${pText(adf.pValue)})`
    : `KPSS rejects stationarity (p ${kpssP})`;
  return changes(`changes: ${why}`, tests);
}
