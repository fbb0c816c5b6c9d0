"""pomegranate peer of `gen4j infer --queries`: the same JSON-lines batch (each query its own targets and evidence),
answered one query at a time by pomegranate 0.14's loopy belief propagation in one Python process, as a user runs
it (imports and model building included in the process's time, which the calling script measures). Prints one JSON
line: queries, seconds for the query loop, and the largest difference from gen4j's exact answers.
Usage: /usr/bin/python3 benchmarks/bn/pomegranate_queries.py BIF QUERIES.jsonl GEN4J_ANSWERS.jsonl"""
import json
import sys
import time

import pomegranate

from bif_pomegranate import build, read_bif

bif, queries_file, answers_file = sys.argv[1], sys.argv[2], sys.argv[3]
states, tables = read_bif(bif)
model, _ = build(states, tables, "network")
names = [s.name for s in model.states]
queries = [json.loads(line) for line in open(queries_file) if line.strip()]
t0 = time.perf_counter()
answers = []
for q in queries:
    marginals = model.predict_proba([q.get("evidence", {})])[0]
    answers.append({t: marginals[names.index(t)].parameters[0] for t in q["query"]})
seconds = time.perf_counter() - t0
exact = [json.loads(line) for line in open(answers_file) if line.strip()]
max_error = 0.0
for mine, theirs in zip(answers, exact):
    for target, dist in mine.items():
        for state, p in dist.items():
            max_error = max(max_error, abs(p - theirs["marginals"][target][state]))
print(json.dumps({"impl": f"pomegranate {pomegranate.__version__}", "task": "queries, distinct evidence each",
                  "queries": len(queries), "queryLoopSeconds": seconds, "method": "loopy belief propagation",
                  "maxAbsErrorVsGen4jExact": max_error}), flush=True)
