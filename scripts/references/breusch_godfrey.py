#!/usr/bin/env python3
"""Reference values for src/core/stats/breusch-godfrey.ts and fdist.ts from statsmodels/scipy.

Regenerate: /usr/bin/python3 scripts/references/breusch_godfrey.py
(Debian python3-statsmodels 0.13.5, python3-scipy 1.10.1). Writes test/stats/references/breusch-godfrey.json.
"""
import json
import os

import numpy as np
import statsmodels.api as sm
from scipy import stats
from statsmodels.stats.diagnostic import acorr_breusch_godfrey

rng = np.random.default_rng(20261129)
cases = []
for n in (20, 36, 60, 120):
    for k in (1, 3, 7):
        for phi in (0.0, 0.3, 0.7):
            for lags in (1, 2):
                x = rng.normal(size=(n, k)).cumsum(axis=0) * 0.1 + rng.normal(size=(n, k))
                u = np.zeros(n)
                e = rng.normal(size=n)
                for t in range(n):
                    u[t] = (phi * u[t - 1] if t > 0 else 0) + e[t]
                y = 1.0 + x @ rng.normal(size=k) + u
                res = sm.OLS(y, sm.add_constant(x)).fit()
                lm, lmp, f, fp = acorr_breusch_godfrey(res, nlags=lags)
                cases.append({
                    "n": n, "k": k, "phi": phi, "lags": lags,
                    "residuals": res.resid.tolist(), "columns": x.T.tolist(),
                    "f": f, "pValue": fp,
                })

fcases = []
for f, d1, d2 in [(2.5, 11, 20), (0.3, 3, 40), (12.0, 2, 100), (0.0, 1, 10), (1.0, 1, 1), (50.0, 5, 7), (1e-6, 4, 30)]:
    fcases.append({"f": f, "d1": d1, "d2": d2, "p": float(stats.f.sf(f, d1, d2))})

out = os.path.join(os.path.dirname(__file__), "..", "..", "test", "stats", "references", "breusch-godfrey.json")
with open(out, "w") as fh:
    json.dump({"source": "statsmodels 0.13.5 acorr_breusch_godfrey; scipy.stats.f.sf", "bg": cases, "f": fcases}, fh)
print(len(cases), "BG cases,", len(fcases), "F cases ->", out)
