#!/usr/bin/env bash
# Runs the VAE benchmark (design row 4) for gen4j and PyTorch on this machine, one after the other, on the same
# bundled data, then prints the table for benchmarks/RESULTS.md.
# Usage: bash benchmarks/vae/run.sh [EPOCHS] [WARMUP] [PAIRS]      (needs python3-torch from Debian)
# WARMUP untimed epochs first on both sides (default 30, ~20 s): the JVM compiles gen4j's and DL4J's code for its
# first ~20 s, on one of this machine's two cores (DL4J's calcBackpropGradients gets its final C2 code after ~15 s);
# with WARMUP=10 or 1 the timed epochs fall inside that (RESULTS.md shows those too).
# PAIRS (default 3) alternating gen4j / PyTorch runs: this machine's speed drifts by up to 2x within minutes, so the
# summary's ratio is that of the two sides' medians over the pairs, with each pair's own ratio beside it.
set -euo pipefail
cd "$(dirname "$0")/../.."
epochs="${1:-5}"
warmup="${2:-30}"
pairs="${3:-3}"
results=benchmarks/out/vae-results.jsonl
mkdir -p benchmarks/out
[ -f target/gen4j.jar ] || mvn -q -B -DskipTests package

unset OPENBLAS_CORETYPE OPENBLAS_L2_SIZE
export OMP_WAIT_POLICY=PASSIVE
. benchmarks/gen4j-java.sh
: > "$results"
for _ in $(seq "$pairs"); do
  gen4j_java -Xmx8g -cp "target/gen4j.jar:target/lib/*" benchmarks/vae/Gen4jVaeBenchmark.java "$epochs" "$warmup" | tee -a "$results"
  /usr/bin/python3 benchmarks/vae/torch_vae.py "$epochs" "$warmup" | tee -a "$results"
done
/usr/bin/python3 - "$results" <<'PY'
import json, statistics, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.startswith("{")]
runs = {}                                  # (workload, implementation) -> its rows, in run order
for r in rows:
    runs.setdefault((r["workload"], r["implementation"]), []).append(r)
print("| workload | implementation | warm-up epochs | s / epoch (median over pairs) | gen4j / peer | per pair | final train loss (−ELBO) |")
print("| --- | --- | --- | --- | --- | --- | --- |")
for (workload, implementation), mine in runs.items():
    ours = runs[(workload, "gen4j")]
    seconds = statistics.median(r["secondsPerEpoch"] for r in mine)
    if implementation == "gen4j":
        ratio, pairs = "—", "—"
    else:
        ratio = "%.2f" % (statistics.median(r["secondsPerEpoch"] for r in ours) / seconds)
        pairs = " ".join("%.2f" % (o["secondsPerEpoch"] / p["secondsPerEpoch"]) for o, p in zip(ours, mine))
    print("| %s (%d rows) | %s | %d | %.3f | %s | %s | %.2f |" % (workload, mine[0]["rows"], implementation, mine[0].get("warmupEpochs", 1),
                                                             seconds, ratio, pairs, mine[-1]["finalTrainLoss"]))
PY
