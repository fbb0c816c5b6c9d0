"""pomegranate peer for the BN benchmark on the child network: 1,000 posterior queries (loopy belief propagation,
all marginals) with evidence on three variables, compared with gen4j's exact answers; structure learning on 20,000
rows (greedy and Chow-Liu). Usage: /usr/bin/python3 benchmarks/bn/pomegranate_bn.py DATA_DIR BIF_FILE"""
import csv
import json
import sys
import time

import numpy as np
import pomegranate
from pomegranate import BayesianNetwork

from bif_pomegranate import build, read_bif

data_dir, bif, network = sys.argv[1], sys.argv[2], sys.argv[3]
EVIDENCE = sys.argv[4].split(",")

states, tables = read_bif(bif)
model, order = build(states, tables, network)
queries = list(csv.DictReader(open(f"{data_dir}/{network}-queries.csv")))
evidence = [{e: q[e] for e in EVIDENCE} for q in queries]
exact = {}
for row in csv.DictReader(open(f"{data_dir}/{network}-gen4j-marginals.csv")):
    exact[(int(row["query"]), row["variable"], row["state"])] = float(row["probability"])

model.predict_proba(evidence[:10])   # warm-up
t0 = time.perf_counter()
answers = model.predict_proba(evidence)
seconds = time.perf_counter() - t0
max_error = 0.0
for q, answer in enumerate(answers):
    for name, dist in zip(order_names := [s.name for s in model.states], answer):
        if name in EVIDENCE:
            continue
        for state, p in dist.parameters[0].items():
            max_error = max(max_error, abs(p - exact[(q, name, state)]))
impl = f"pomegranate {pomegranate.__version__}"
print(json.dumps({"impl": impl, "network": network, "task": "queries", "queries": len(evidence), "seconds": seconds,
                  "secondsPerQuery": seconds / len(evidence), "method": "loopy belief propagation",
                  "maxAbsErrorVsExact": max_error}), flush=True)

rows = list(csv.DictReader(open(f"{data_dir}/{network}-20k.csv")))
names = list(rows[0].keys())
X = np.array([[r[n] for n in names] for r in rows], dtype=object)
true_edges = {(p, c) for c, (ps, _) in tables.items() for p in ps}
true_skeleton = {frozenset(e) for e in true_edges}
for algorithm in ["greedy", "chow-liu"]:
    t0 = time.perf_counter()
    learned = BayesianNetwork.from_samples(X, algorithm=algorithm, state_names=names, max_parents=3)
    seconds = time.perf_counter() - t0
    edges = {(names[p], names[c]) for c, parents in enumerate(learned.structure) for p in parents}
    skeleton = {frozenset(e) for e in edges}
    common = len(skeleton & true_skeleton)
    print(json.dumps({"impl": impl, "network": network, "task": f"structure {algorithm}", "seconds": seconds,
                      "meanLogLikelihood": float(np.mean(learned.log_probability(X))), "edges": len(edges),
                      "edgePrecision": common / max(len(skeleton), 1), "edgeRecall": common / len(true_skeleton)}),
          flush=True)
