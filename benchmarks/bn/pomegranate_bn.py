"""pomegranate peer of Gen4jBnBenchmark.java, on the files it wrote and under the same policy (the first call in the
process as the cold figure, then REPEATS timed calls: median, min, max):
- "queries, distinct evidence": the same 1,000 queries (each its own target and evidence), one predict_proba call
  (loopy belief propagation) per query, with the largest difference from gen4j's exact answers;
- "queries, shared evidence variables (batched)": the same 1,000 evidence sets on three shared variables in one
  predict_proba call, every other variable's posterior;
- structure learning (greedy, Chow-Liu) from the same 20,000 rows, integer-coded before timing as gen4j's are.
Usage: /usr/bin/python3 benchmarks/bn/pomegranate_bn.py DATA_DIR BIF_FILE NETWORK SHARED_EVIDENCE [REPEATS] [queries]
(SHARED_EVIDENCE "-" and "queries" last: the distinct-evidence queries only.)"""
import csv
import json
import statistics
import sys
import time

import numpy as np
import pomegranate
from pomegranate import BayesianNetwork

from bif_pomegranate import build, read_bif

data_dir, bif, network = sys.argv[1], sys.argv[2], sys.argv[3]
SHARED = sys.argv[4].split(",")
repeats = int(sys.argv[5]) if len(sys.argv) > 5 else 3
queries_only = len(sys.argv) > 6 and sys.argv[6] == "queries"
IMPL = f"pomegranate {pomegranate.__version__}"


def timed(call):
    """The policy of every benchmark row: the first call is the cold figure, then REPEATS timed calls."""
    start = time.perf_counter()
    result = call()
    cold = time.perf_counter() - start
    seconds = []
    for _ in range(repeats):
        start = time.perf_counter()
        result = call()
        seconds.append(time.perf_counter() - start)
    return result, {"threads": 1, "repeats": repeats, "coldSeconds": cold, "seconds": statistics.median(seconds),
                    "minSeconds": min(seconds), "maxSeconds": max(seconds)}


def report(task, timing, **more):
    print(json.dumps({"impl": IMPL, "network": network, "task": task, **timing, **more}), flush=True)


states, tables = read_bif(bif)
model, _ = build(states, tables, network)
names = [s.name for s in model.states]

queries = [json.loads(line) for line in open(f"{data_dir}/{network}-distinct-queries.jsonl") if line.strip()]
exact = [json.loads(line) for line in open(f"{data_dir}/{network}-distinct-gen4j.jsonl") if line.strip()]


def one_by_one():
    return [model.predict_proba([q["evidence"]])[0][names.index(q["query"][0])].parameters[0] for q in queries]


answers, timing = timed(one_by_one)
error = max(abs(p - theirs["marginals"][q["query"][0]][state])
            for q, mine, theirs in zip(queries, answers, exact) for state, p in mine.items())
report("queries, distinct evidence", timing, queries=len(queries), method="loopy belief propagation, one query at a time",
       maxAbsErrorVsExact=error)
if queries_only:
    sys.exit(0)

cases = list(csv.DictReader(open(f"{data_dir}/{network}-queries.csv")))
evidence = [{e: c[e] for e in SHARED} for c in cases]
batched_exact = {}
for row in csv.DictReader(open(f"{data_dir}/{network}-gen4j-marginals.csv")):
    batched_exact[(int(row["query"]), row["variable"], row["state"])] = float(row["probability"])
answers, timing = timed(lambda: model.predict_proba(evidence))
error = max(abs(p - batched_exact[(q, name, state)])
            for q, answer in enumerate(answers) for name, dist in zip(names, answer) if name not in SHARED
            for state, p in dist.parameters[0].items())
report("queries, shared evidence variables (batched)", timing, queries=len(evidence),
       method="loopy belief propagation, one predict_proba call", maxAbsErrorVsExact=error)

rows = list(csv.DictReader(open(f"{data_dir}/{network}-20k.csv")))
columns = list(rows[0].keys())
codes = {n: {s: i for i, s in enumerate(states[n])} for n in columns}
X = np.array([[codes[n][r[n]] for n in columns] for r in rows], dtype=np.int32)
true_skeleton = {frozenset((p, c)) for c, (ps, _) in tables.items() for p in ps}
for algorithm in ["greedy", "chow-liu"]:
    learned, timing = timed(lambda: BayesianNetwork.from_samples(X, algorithm=algorithm, state_names=columns, max_parents=3))
    edges = {(columns[p], columns[c]) for c, parents in enumerate(learned.structure) for p in parents}
    skeleton = {frozenset(e) for e in edges}
    common = len(skeleton & true_skeleton)
    report(f"structure {algorithm}", timing, method="Chow-Liu tree" if algorithm == "chow-liu" else "greedy, at most 3 parents",
           meanLogLikelihood=float(np.mean(learned.log_probability(X))), edges=len(edges),
           edgePrecision=common / max(len(skeleton), 1), edgeRecall=common / len(true_skeleton))
