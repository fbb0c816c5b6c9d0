#!/usr/bin/env bash
# 1,000 posterior queries on NETWORK (default alarm, 37 variables; child for the earlier runs), each with its own
# evidence (three variables drawn per query from a sampled case) and target: `gen4j infer --queries` (exact) against pomegranate's belief propagation one query at a time. Both as a
# user runs them: whole processes (JVM or Python start, model reading included), one untimed run then REPEATS timed;
# medians. Also pomegranate's query loop alone and its largest difference from gen4j's exact answers.
# Usage: bash benchmarks/bn/queries.sh [REPEATS] [NETWORK]   (needs python3-pomegranate from Debian; JSON lines on stdout)
set -euo pipefail
cd "$(dirname "$0")/../.."
repeats="${1:-3}"
network="${2:-alarm}"
out=benchmarks/out/bn
mkdir -p "$out"
./gen4j sample --model "$network" --n 1000 --seed 4 --out "$out/$network-query-cases.csv" >/dev/null 2>&1
/usr/bin/python3 - "$out/$network-query-cases.csv" "$out/$network-1000.jsonl" <<'PY'
import csv, json, random, sys
random.seed(1)
rows = list(csv.DictReader(open(sys.argv[1])))
names = list(rows[0].keys())
with open(sys.argv[2], "w") as f:
    for i, r in enumerate(rows):
        picked = random.sample(names, 4)
        f.write(json.dumps({"id": i, "query": [picked[0]], "evidence": {v: r[v] for v in picked[1:]}}) + "\n")
PY
. benchmarks/measure.sh
./gen4j infer --model "$network" --queries "$out/$network-1000.jsonl" > "$out/$network-1000-gen4j.jsonl" 2>/dev/null
measure "gen4j infer --queries (exact), 1,000 queries" ./gen4j infer --model "$network" --queries "$out/$network-1000.jsonl"
measure "pomegranate predict_proba per query (loopy BP), 1,000 queries" /usr/bin/python3 -W ignore \
  benchmarks/bn/pomegranate_queries.py "datasets/bn/$network.bif" "$out/$network-1000.jsonl" "$out/$network-1000-gen4j.jsonl"
/usr/bin/python3 -W ignore benchmarks/bn/pomegranate_queries.py "datasets/bn/$network.bif" "$out/$network-1000.jsonl" \
  "$out/$network-1000-gen4j.jsonl"
