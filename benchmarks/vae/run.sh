#!/usr/bin/env bash
# Runs the VAE benchmark (design row 4) for gen4j and PyTorch on this machine, one after the other, on the same
# bundled data, then prints the table for benchmarks/RESULTS.md.
# Usage: bash benchmarks/vae/run.sh [EPOCHS] [WARMUP]      (needs python3-torch from Debian)
# WARMUP untimed epochs first on both sides (default 10): the JVM compiles gen4j's and DL4J's code for its first
# ~20 s, on one of this machine's two cores; with WARMUP=1 the timed epochs fall inside that (RESULTS.md shows both).
set -euo pipefail
cd "$(dirname "$0")/../.."
epochs="${1:-5}"
warmup="${2:-10}"
results=benchmarks/out/vae-results.jsonl
mkdir -p benchmarks/out
[ -f target/gen4j.jar ] || mvn -q -B -DskipTests package

unset OPENBLAS_CORETYPE OPENBLAS_L2_SIZE
export OMP_WAIT_POLICY=PASSIVE
. benchmarks/gen4j-java.sh
: > "$results"
gen4j_java -Xmx8g -cp "target/gen4j.jar:target/lib/*" benchmarks/vae/Gen4jVaeBenchmark.java "$epochs" "$warmup" | tee -a "$results"
/usr/bin/python3 benchmarks/vae/torch_vae.py "$epochs" "$warmup" | tee -a "$results"
/usr/bin/python3 - "$results" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.startswith("{")]
ours = {r["workload"]: r for r in rows if r["implementation"] == "gen4j"}
print("| workload | implementation | warm-up epochs | s / epoch | gen4j / peer | final train loss (−ELBO) |")
print("| --- | --- | --- | --- | --- | --- |")
for r in rows:
    mine = ours[r["workload"]]
    ratio = "—" if r is mine else "%.2f" % (mine["secondsPerEpoch"] / r["secondsPerEpoch"])
    print("| %s (%d rows) | %s | %d | %.3f | %s | %.2f |" % (r["workload"], r["rows"], r["implementation"], r.get("warmupEpochs", 1),
                                                         r["secondsPerEpoch"], ratio, r["finalTrainLoss"]))
PY
