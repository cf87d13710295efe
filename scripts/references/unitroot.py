#!/usr/bin/python3
"""Reference outputs of statsmodels' unit-root, stationarity and cointegration tests.

Writes test/stats/references/unitroot.json holding every input series AND statsmodels' outputs,
so that test/stats/unitroot.test.ts compares src/core/stats/unitroot.ts without Python.

Regenerate (from the repository root; Debian's python3-statsmodels, measured with statsmodels
0.13.5, numpy 1.24.2, scipy 1.10.1):

    /usr/bin/python3 scripts/references/unitroot.py

The series come from numpy's seeded generator (np.random.default_rng), so a rerun with the same
numpy writes the same inputs; the JSON records the library versions used.
"""
import json
import math
import os
import warnings

import numpy as np
import scipy
import statsmodels
from statsmodels.tsa.adfvalues import mackinnoncrit, mackinnonp
from statsmodels.tsa.stattools import adfuller, coint, kpss

warnings.simplefilter("ignore")

OUT = os.path.join(os.path.dirname(__file__), "..", "..", "test", "stats", "references", "unitroot.json")
LENGTHS = [20, 36, 60, 120, 400]
SHORT_LENGTHS = [4, 5, 6, 7, 8, 10, 12]


def series(kind, n, seed):
    rng = np.random.default_rng(seed)
    e = rng.normal(size=n + 50)
    if kind == "random_walk":
        x = 100 + np.cumsum(e[50:])
    elif kind == "random_walk_drift":
        x = 100 + np.cumsum(0.3 + e[50:])
    elif kind == "trend_stationary":
        x = 20 + 0.1 * np.arange(n) + e[50:]
    elif kind.startswith("ar1_"):
        # "ar1_0.7" is stationary AR(1) around 10; "ar1_0.7_drift" adds a deterministic drift of 0.2
        # per period (trend-stationary AR noise).
        phi = float(kind.split("_")[1])
        x = np.zeros(n + 50)
        for t in range(1, n + 50):
            x[t] = phi * x[t - 1] + e[t]
        x = 10 + x[50:]
        if kind.endswith("_drift"):
            x = x + 0.2 * np.arange(n)
    elif kind == "integer_walk":
        # Exact rational values: integer steps in [-3, 3] from 100, so every input is exact.
        x = 100.0 + np.cumsum(rng.integers(-3, 4, size=n))
    elif kind == "held_steps":
        # A lever held for months then stepped (a real engagement's recent moves): mostly zero changes.
        steps = np.where(rng.random(n) < 0.15, np.round(rng.normal(scale=4.0, size=n)), 0.0)
        steps[0] = 0.0
        x = 100.0 + np.cumsum(steps)
    elif kind == "near_constant":
        # Almost constant: tiny noise (1e-4 of the level) around 1000.
        x = 1000.0 + 1e-4 * 1000.0 * e[50:]
    else:
        raise ValueError(kind)
    return [float(v) for v in x]


KINDS = [
    "random_walk",
    "random_walk_drift",
    "trend_stationary",
    "ar1_0.3",
    "ar1_0.7",
    "ar1_0.95",
    "ar1_0.7_drift",
    "integer_walk",
    "held_steps",
    "near_constant",
]


def fl(v):
    v = float(v)
    if math.isinf(v):
        return "inf" if v > 0 else "-inf"
    return v


SERIES = []


def store(name, x):
    """Index of x in SERIES (each input series is stored once and referenced by its cases)."""
    SERIES.append({"name": name, "values": x})
    return len(SERIES) - 1


def adf_case(name, sid, regression, autolag, maxlag):
    x = SERIES[sid]["values"]
    r = adfuller(np.asarray(x), maxlag=maxlag, regression=regression, autolag=autolag)
    return {
        "name": name,
        "series": sid,
        "regression": regression,
        "autolag": autolag,
        "maxLags": maxlag,
        "statistic": fl(r[0]),
        "pValue": fl(r[1]),
        "usedLags": int(r[2]),
        "nobs": int(r[3]),
        "criticalValues": {k: fl(v) for k, v in r[4].items()},
        "informationCriterion": fl(r[5]) if autolag else None,
    }


def kpss_case(name, sid, regression, nlags):
    x = SERIES[sid]["values"]
    r = kpss(np.asarray(x), regression=regression, nlags=nlags)
    return {
        "name": name,
        "series": sid,
        "regression": regression,
        "nlags": nlags,
        "statistic": fl(r[0]),
        "pValue": fl(r[1]),
        "lags": int(r[2]),
        "criticalValues": {k: fl(v) for k, v in r[3].items()},
    }


def main():
    adf, kp, eg = [], [], []
    seed = 1000
    for kind in KINDS:
        for n in LENGTHS:
            seed += 1
            x = store(f"{kind} n={n}", series(kind, n, seed))
            for regression in ["c", "ct"]:
                for autolag in ["AIC", "BIC", None]:
                    adf.append(adf_case(f"{kind} n={n} {regression} {autolag}", x, regression, autolag, None))
                adf.append(adf_case(f"{kind} n={n} {regression} AIC maxlag=2", x, regression, "AIC", 2))
                for nlags in ["auto", "legacy", 3]:
                    kp.append(kpss_case(f"{kind} n={n} {regression} {nlags}", x, regression, nlags))
    for kind in ["random_walk", "ar1_0.3"]:
        for n in SHORT_LENGTHS:
            seed += 1
            x = store(f"short {kind} n={n}", series(kind, n, seed))
            for regression in ["c", "ct"]:
                if n // 2 - len(regression) - 1 >= 0:
                    for autolag in ["AIC", None]:
                        adf.append(adf_case(f"short {kind} n={n} {regression} {autolag}", x, regression, autolag, None))
                for nlags in ["auto", "legacy"]:
                    kp.append(kpss_case(f"short {kind} n={n} {regression} {nlags}", x, regression, nlags))

    # Engle-Granger: cointegrated (y = a + b x + stationary noise) and independent random walks.
    for n in [20, 36, 60, 120]:
        for k in [1, 2, 3]:
            for cointegrated in [True, False]:
                seed += 1
                rng = np.random.default_rng(seed)
                xs = [list(100 + np.cumsum(rng.normal(size=n))) for _ in range(k)]
                if cointegrated:
                    noise = np.zeros(n)
                    e = rng.normal(size=n)
                    for t in range(1, n):
                        noise[t] = 0.5 * noise[t - 1] + e[t]
                    y = 5 + sum(0.8 * np.asarray(col) for col in xs) + noise
                else:
                    y = 50 + np.cumsum(rng.normal(size=n))
                y = [float(v) for v in y]
                xs = [[float(v) for v in col] for col in xs]
                # statsmodels' default maximum lag for the residual test (regression "n") leaves its
                # largest candidate no residual degree of freedom when n is small and even (a perfect
                # fit, AIC = -inf, a meaningless statistic of 0). src/core/stats/adf.ts caps it at
                # floor((n - 3) / 2); these cases pass that cap explicitly so both compute the same test.
                default_maxlag = min(n // 2 - 1, int(np.ceil(12.0 * np.power(n / 100.0, 1 / 4.0))))
                maxlag = (n - 3) // 2 if n - 2 - 2 * default_maxlag < 1 else None
                for trend in ["c", "ct"]:
                    r = coint(np.asarray(y), np.column_stack(xs), trend=trend, autolag="aic", maxlag=maxlag)
                    eg.append(
                        {
                            "name": f"n={n} k={k} {'cointegrated' if cointegrated else 'independent'} {trend}",
                            "y": y,
                            "xs": xs,
                            "trend": trend,
                            "maxLags": maxlag,
                            "statistic": fl(r[0]),
                            "pValue": fl(r[1]),
                            "criticalValues": {"1%": fl(r[2][0]), "5%": fl(r[2][1]), "10%": fl(r[2][2])},
                        }
                    )

    # MacKinnon surfaces on a grid that crosses every branch (p = 0, small-p, large-p, p = 1).
    mp = []
    for regression in ["c", "ct"]:
        for n_series in range(1, 7):
            for stat in np.arange(-30.0, 3.5, 0.37):
                mp.append({"statistic": float(stat), "regression": regression, "N": n_series,
                           "pValue": fl(mackinnonp(float(stat), regression=regression, N=n_series))})
    mc = []
    for regression in ["c", "ct"]:
        for n_series in range(1, 7):
            for nobs in [3, 10, 19, 35, 59, 119, 399]:
                cv = mackinnoncrit(N=n_series, regression=regression, nobs=nobs)
                mc.append({"regression": regression, "N": n_series, "nobs": nobs, "criticalValues": [fl(v) for v in cv]})

    out = {
        "//": "Generated by scripts/references/unitroot.py; do not edit by hand.",
        "versions": {"statsmodels": statsmodels.__version__, "numpy": np.__version__, "scipy": scipy.__version__},
        "series": SERIES,
        "adf": adf,
        "kpss": kp,
        "engleGranger": eg,
        "mackinnonP": mp,
        "mackinnonCrit": mc,
    }
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w") as f:
        json.dump(out, f, indent=None, separators=(",", ":"))
        f.write("\n")
    print(f"wrote {len(adf)} ADF, {len(kp)} KPSS, {len(eg)} Engle-Granger, {len(mp)} p-value, {len(mc)} critical-value cases")


if __name__ == "__main__":
    main()
