#!/usr/bin/env bash
# Runs the DCGAN benchmark (design row 5) for gen4j and PyTorch on this machine, one after the other, on the same
# bundled MNIST digits and the same networks layer for layer (parameter counts printed by both sides), then prints
# the table for benchmarks/RESULTS.md from the raw JSON lines in benchmarks/results/DATE/gan.jsonl (committed).
# Usage: bash benchmarks/gan/run.sh [EPOCHS] [WARMUP]      (needs python3-torch from Debian)
# WARMUP untimed epochs first on both sides (default 3, 375 iterations): the JVM compiles the step's code for the
# first ~20 s of training; with WARMUP=1 the timed epochs fall inside that (RESULTS.md shows both).
set -euo pipefail
cd "$(dirname "$0")/../.."
epochs="${1:-3}"
warmup="${2:-3}"
results="benchmarks/results/$(date +%F)/gan.jsonl"
mkdir -p "$(dirname "$results")"
[ -f target/gen4j.jar ] || mvn -q -B -DskipTests package

unset OPENBLAS_CORETYPE OPENBLAS_L2_SIZE
export OMP_WAIT_POLICY=PASSIVE
. benchmarks/gen4j-java.sh
: > "$results"
gen4j_java -Xmx8g -cp "target/gen4j.jar:target/lib/*" benchmarks/gan/Gen4jGanBenchmark.java "$epochs" "$warmup" | tee -a "$results"
/usr/bin/python3 benchmarks/gan/torch_dcgan.py "$epochs" "$warmup" | tee -a "$results"
/usr/bin/python3 - "$results" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.startswith("{")]
ours = [r for r in rows if r["implementation"] == "gen4j"][0]
print("| workload | implementation | threads | parameters G / D | warm-up epochs | cold: first epoch, s / iteration | warm: median (min–max), s / iteration | gen4j / peer, warm | gen4j / peer, cold | last-epoch mean D loss | last-epoch mean G loss |")
print("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |")
for r in rows:
    ratio = "—" if r is ours else "%.2f" % (ours["secondsPerIteration"] / r["secondsPerIteration"])
    cold = "—" if r is ours else "%.2f" % (ours["coldSecondsPerIteration"] / r["coldSecondsPerIteration"])
    print("| %s | %s | %d | %d / %d | %d | %.4f | %.4f (%.4f–%.4f) | %s | %s | %.3f | %.3f |" % (r["workload"], r["implementation"], r["threads"],
          r["generatorParameters"], r["discriminatorParameters"], r["warmupEpochs"], r["coldSecondsPerIteration"], r["secondsPerIteration"],
          r["minSecondsPerIteration"], r["maxSecondsPerIteration"], ratio, cold, r["lastEpochDiscriminatorLoss"], r["lastEpochGeneratorLoss"]))
PY
