"""Independent reference values for test/functions: numpy least squares + scipy's t distribution.

Run: python3 compute_references.py (a Python with numpy and scipy: here pyenv 3.11.7, not Debian's /usr/bin/python3)  (numpy 2.x, scipy 1.x). Writes references.json.
Data are generated here (fixed seed, rounded to 2 decimals) and stored in the JSON with the results;
None marks a blank cell. Pairwise/listwise deletion is done here with plain Python, independently
of the TypeScript code under test.
"""
import json
import numpy as np
from scipy import stats

rng = np.random.default_rng(20240611)


def r2(a):
    return [None if v is None else round(float(v), 2) for v in a]


def complete(*cols):
    keep = [i for i in range(len(cols[0])) if all(c[i] is not None for c in cols)]
    return [np.array([c[i] for i in keep], dtype=float) for c in cols]


# ELASTICITY: y on x, positive data, three blanks.
n = 24
x = 10 + 5 * rng.random(n)
y = 3.0 * x ** 0.6 * np.exp(0.05 * rng.standard_normal(n))
x, y = r2(x), r2(y)
x[4] = None
y[9] = None
y[17] = None
xs, ys = complete(x, y)
slope = np.polyfit(xs, ys, 1)[0]
elasticity_mean = slope * xs.mean() / ys.mean()
elasticity_log = np.polyfit(np.log(xs), np.log(ys), 1)[0]

# SENSITIVITY: metric on three levers, lag 1 (metric[t+1] on levers[t]), two blanks.
n = 30
L = 10 + 3 * rng.standard_normal((n, 3))
metric = np.empty(n)
metric[0] = 50
metric[1:] = 20 + 1.5 * L[:-1, 0] - 0.8 * L[:-1, 1] + 0.1 * L[:-1, 2] + rng.standard_normal(n - 1)
levers = [r2(L[:, j]) for j in range(3)]
metric = r2(metric)
levers[1][6] = None
metric[13] = None
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
A = np.column_stack([np.ones(len(Y)), X])
beta, *_ = np.linalg.lstsq(A, Y, rcond=None)
resid = Y - A @ beta
dof = len(Y) - A.shape[1]
sigma2 = resid @ resid / dof
cov = sigma2 * np.linalg.inv(A.T @ A)
se = np.sqrt(np.diag(cov))
t = beta / se
p = 2 * stats.t.sf(np.abs(t), dof)
b = beta[1:]
sens = {
    "elasticity": list(b * X.mean(axis=0) / Y.mean()),
    "coefficient": list(b),
    "standardized": list(b * X.std(axis=0, ddof=1) / Y.std(ddof=1)),
    "stderr": list(se[1:]),
    "pvalue": list(p[1:]),
}

# BESTLAG: metric follows the lever two periods later; one blank each.
n = 36
lv = 100 + 10 * rng.standard_normal(n + 2)
mt = 5 + 0.3 * lv[:-2] + 2 * rng.standard_normal(n)
lever = r2(lv[2:])
met = r2(mt)
lever[7] = None
met[20] = None
max_lag = 4
by_lag = []
for k in range(max_lag + 1):
    pairs = [(lever[t], met[t + k]) for t in range(n - k) if lever[t] is not None and met[t + k] is not None]
    a = np.array(pairs, dtype=float)
    by_lag.append(float(np.corrcoef(a[:, 0], a[:, 1])[0, 1]))
best = int(np.argmax(np.abs(by_lag)))

out = {
    "how": "numpy %s lstsq/polyfit/corrcoef and scipy %s t.sf; see compute_references.py" % (np.__version__, __import__("scipy").__version__),
    "elasticity": {"known_y": y, "known_x": x, "mean": float(elasticity_mean), "log": float(elasticity_log)},
    "sensitivity": {"metric": metric, "levers": [list(r) for r in zip(*levers)], "lag": lag, "n": len(Y),
                     **{k: [float(v) for v in vals] for k, vals in sens.items()}},
    "bestlag": {"lever": lever, "metric": met, "max_lag": max_lag, "lag": best, "r": by_lag[best], "by_lag": by_lag},
}
with open("references.json", "w") as fh:
    json.dump(out, fh, indent=1)
    fh.write("\n")
print(json.dumps({k: v for k, v in out["bestlag"].items() if k in ("lag", "r", "by_lag")}), out["elasticity"]["mean"], out["elasticity"]["log"], sens["pvalue"])
