# Independent reference numbers for the notebooks' checks (NotebookTest reads notebooks' "numbers" metadata; the
# values there come from this script's output, references.txt). Run from the repository root with Debian's
# python3-sklearn:  /usr/bin/python3 notebooks/reference/references.py > notebooks/reference/references.txt
import itertools
import re

import numpy as np
from sklearn.mixture import GaussianMixture


def read_bif(path):
    text = open(path).read()
    states = {m.group(1): [s.strip() for s in m.group(2).split(",")]
              for m in re.finditer(r"variable\s+(\w+)\s*\{\s*type discrete \[\s*\d+\s*\]\s*\{([^}]*)\}", text)}
    tables = {}
    for m in re.finditer(r"probability\s*\(\s*(\w+)\s*(?:\|\s*([^)]*))?\)\s*\{([^}]*)\}", text):
        child, parents, body = m.group(1), [p.strip() for p in (m.group(2) or "").split(",") if p.strip()], m.group(3)
        rows = {}
        if "table" in body:
            rows[()] = [float(v) for v in body.split("table")[1].split(";")[0].split(",")]
        for row in re.finditer(r"\(([^)]*)\)\s*([^;]*);", body):
            rows[tuple(s.strip() for s in row.group(1).split(","))] = [float(v) for v in row.group(2).split(",")]
        tables[child] = (parents, rows)
    return states, tables


def joint(states, tables, assignment):
    p = 1.0
    for child, (parents, rows) in tables.items():
        p *= rows[tuple(assignment[q] for q in parents)][states[child].index(assignment[child])]
    return p


states, tables = read_bif("datasets/bn/asia.bif")
names = list(states)
worlds = [dict(zip(names, values)) for values in itertools.product(*(states[n] for n in names))]
# most probable explanation of asia given dysp = yes, by enumerating all 256 worlds
given = [w for w in worlds if w["dysp"] == "yes"]
best = max(given, key=lambda w: joint(states, tables, w))
evidence = sum(joint(states, tables, w) for w in given)
print("asia MPE | dysp=yes:", {n: best[n] for n in names}, "P(world | evidence) = %.6f, log P(world, evidence) = %.6f"
      % (joint(states, tables, best) / evidence, np.log(joint(states, tables, best))))
lung = sum(joint(states, tables, w) for w in worlds if w["xray"] == "yes" and w["smoke"] == "yes" and w["lung"] == "yes")
both = sum(joint(states, tables, w) for w in worlds if w["xray"] == "yes" and w["smoke"] == "yes")
print("asia P(lung=yes | xray=yes, smoke=yes) = %.6f" % (lung / both))

faithful = np.loadtxt("datasets/faithful.csv", delimiter=",", skiprows=1)
best = None
for seed in range(10):
    gmm = GaussianMixture(2, covariance_type="full", tol=1e-8, max_iter=1000, random_state=seed).fit(faithful)
    if best is None or gmm.score(faithful) > best.score(faithful):
        best = gmm
print("faithful GMM k=2 full: mean log-likelihood %.6f, BIC %.3f (scikit-learn, best of 10 starts)" % (best.score(faithful), best.bic(faithful)))
