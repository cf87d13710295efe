"""Reference values for test/functions/issue13.test.ts: numpy least squares and corrcoef.

Run with Debian's Python (python3-numpy, python3-scipy): /usr/bin/python3 compute_degenerate.py
Writes degenerate.json. Data come from a fixed seed, rounded to 2 decimals; None is a blank cell.
Rows with a blank are left out here with plain Python, independently of the TypeScript code.
VIF_j = 1 / (1 - R²_j) from the regression (with intercept) of lever j on the other levers,
computed with numpy.linalg.lstsq; R² of the metric's regression likewise.
"""
import json
import numpy as np

rng = np.random.default_rng(20250611)


def r2(a):
    return [None if v is None else round(float(v), 2) for v in a]


def ols_r2(y, X):
    A = np.column_stack([np.ones(len(y)), X])
    beta, *_ = np.linalg.lstsq(A, y, rcond=None)
    resid = y - A @ beta
    sst = ((y - y.mean()) ** 2).sum()
    return beta, float(1 - (resid @ resid) / sst), float(sst / (resid @ resid))


def vifs(X):
    out = []
    for j in range(X.shape[1]):
        others = np.delete(X, j, axis=1)
        _, _, ratio = ols_r2(X[:, j], others)
        out.append(ratio)  # SStot / SSres = 1 / (1 - R²)
    return out


# Constant metric: 12 periods, two levers.
constant = {"y": [4.25] * 12, "x": [r2(row) for row in (10 + 5 * rng.random((12, 2)))]}

# SENSITIVITY with a blank and lag 1: periods used, df, R², VIF.
n = 40
L = 10 + 3 * rng.standard_normal((n, 3))
L[:, 2] = 0.6 * L[:, 0] + 0.4 * L[:, 2]  # some correlation between levers 1 and 3
metric = np.empty(n)
metric[0] = 50
metric[1:] = 20 + 1.5 * L[:-1, 0] - 0.8 * L[:-1, 1] + 0.1 * L[:-1, 2] + rng.standard_normal(n - 1)
levers = [r2(L[:, j]) for j in range(3)]
metric = r2(metric)
metric[11] = None
levers[1][20] = None
lag = 1
rows_y, rows_x = [], []
for s in range(lag, n):
    xv = [levers[j][s - lag] for j in range(3)]
    if metric[s] is None or any(v is None for v in xv):
        continue
    rows_y.append(metric[s])
    rows_x.append(xv)
Y = np.array(rows_y)
X = np.array(rows_x)
_, R2, _ = ols_r2(Y, X)
sensitivity = {
    "metric": metric,
    "levers": [list(r) for r in zip(*levers)],
    "lag": lag,
    "n": len(Y),
    "df": len(Y) - 4,
    "r2": R2,
    "vif": vifs(X),
}

# The same cost in USD and EUR (rounded to cents) plus an unrelated lever.
n = 36
usd = 20000 + 3000 * rng.standard_normal(n)
eur = np.round(usd * 0.92, 2)
usd = np.round(usd, 2)
other = np.round(50 + 10 * rng.standard_normal(n), 2)
met = np.round(100 + 0.002 * usd + 0.3 * other + rng.standard_normal(n), 2)
Xc = np.column_stack([usd, eur, other])
currency = {"metric": list(map(float, met)), "levers": Xc.tolist(), "vif": vifs(Xc)}

# BESTLAG: metric follows the lever three periods later; blanks; lags need 8 pairs.
n = 30
lv = 100 + 10 * rng.standard_normal(n + 3)
mt = 5 + 0.3 * lv[:-3] + 2 * rng.standard_normal(n)
lever = r2(lv[3:])
met2 = r2(mt)
lever[5] = None
met2[17] = None
max_lag = 6
best = None
for k in range(max_lag + 1):
    pairs = [(lever[t], met2[t + k]) for t in range(n - k) if lever[t] is not None and met2[t + k] is not None]
    if len(pairs) < 8:
        continue
    a = np.array(pairs, dtype=float)
    r = float(np.corrcoef(a[:, 0], a[:, 1])[0, 1])
    if best is None or abs(r) > abs(best[1]):
        best = (k, r, len(pairs))

out = {
    "how": "numpy %s lstsq/corrcoef; see compute_degenerate.py" % np.__version__,
    "constant": constant,
    "sensitivity": sensitivity,
    "currency": currency,
    "bestlag": {"lever": lever, "metric": met2, "max_lag": max_lag, "lag": best[0], "r": best[1], "pairs": best[2]},
}
with open("degenerate.json", "w") as fh:
    json.dump(out, fh, indent=1)
    fh.write("\n")
print(sensitivity["n"], sensitivity["r2"], sensitivity["vif"], currency["vif"], out["bestlag"]["lag"], out["bestlag"]["r"])
