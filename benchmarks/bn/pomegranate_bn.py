"""pomegranate peer for the BN benchmark on the child network: 1,000 posterior queries (loopy belief propagation,
all marginals) with evidence on three variables, compared with gen4j's exact answers; structure learning on 20,000
rows (greedy and Chow-Liu). Usage: /usr/bin/python3 benchmarks/bn/pomegranate_bn.py DATA_DIR BIF_FILE"""
import csv
import json
import re
import sys
import time

import numpy as np
import pomegranate
from pomegranate import BayesianNetwork, ConditionalProbabilityTable, DiscreteDistribution, State

data_dir, bif, network = sys.argv[1], sys.argv[2], sys.argv[3]
EVIDENCE = sys.argv[4].split(",")


def read_bif(path):
    text = open(path).read()
    states = {m.group(1): [s.strip() for s in m.group(2).split(",")]
              for m in re.finditer(r"variable\s+(\S+)\s*\{\s*type discrete \[ \d+ \] \{(.*?)\};", text, re.S)}
    tables = {}
    for m in re.finditer(r"probability \(\s*(\S+?)\s*(?:\|\s*(.*?))?\s*\)\s*\{(.*?)\}", text, re.S):
        child, parents, body = m.group(1), m.group(2), m.group(3)
        parents = [p.strip() for p in parents.split(",")] if parents else []
        rows = []
        for line in body.strip().split(";"):
            line = line.strip()
            if not line:
                continue
            if line.startswith("table"):
                rows.append(([], [float(v) for v in line[5:].split(",")]))
            else:
                cond, values = re.match(r"\((.*?)\)(.*)", line).groups()
                rows.append(([c.strip() for c in cond.split(",")], [float(v) for v in values.split(",")]))
        tables[child] = (parents, rows)
    return states, tables


def build(states, tables):
    order, dists = [], {}
    while len(order) < len(tables):
        for child, (parents, rows) in tables.items():
            if child in dists or any(p not in dists for p in parents):
                continue
            if not parents:
                dists[child] = DiscreteDistribution(dict(zip(states[child], rows[0][1])))
            else:
                table = [cond + [s, p] for cond, values in rows for s, p in zip(states[child], values)]
                dists[child] = ConditionalProbabilityTable(table, [dists[p] for p in parents])
            order.append(child)
    model = BayesianNetwork(network)
    nodes = {name: State(dists[name], name=name) for name in order}
    model.add_states(*[nodes[n] for n in order])
    for child, (parents, _) in tables.items():
        for p in parents:
            model.add_edge(nodes[p], nodes[child])
    model.bake()
    return model, order


states, tables = read_bif(bif)
model, order = build(states, tables)
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
