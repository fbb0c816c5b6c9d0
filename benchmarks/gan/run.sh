#!/usr/bin/env bash
# Runs the DCGAN benchmark (design row 5) for gen4j and PyTorch on this machine, one after the other, on the same
# bundled MNIST digits and the same networks layer for layer (parameter counts printed by both sides), from the same
# initial parameters (gen4j writes them, with one forward pass from them that PyTorch repeats and compares), then
# prints the table for benchmarks/RESULTS.md from the raw JSON lines in benchmarks/results/DATE/gan.jsonl (committed).
# Usage: bash benchmarks/gan/run.sh [EPOCHS] [WARMUP]      (needs python3-torch from Debian)
# WARMUP untimed epochs first on both sides (default 3, 375 iterations): the JVM compiles the step's code for the
# first ~20 s of training; with WARMUP=1 the timed epochs fall inside that (RESULTS.md shows both).
set -euo pipefail
cd "$(dirname "$0")/../.."
epochs="${1:-3}"
warmup="${2:-3}"
shared=benchmarks/out/gan
results="${GEN4J_BENCHMARK_RESULTS:-benchmarks/results/$(date +%F)}/gan.jsonl"
mkdir -p "$shared" "$(dirname "$results")"
[ -f target/gen4j.jar ] || mvn -q -B -DskipTests package

unset OPENBLAS_CORETYPE OPENBLAS_L2_SIZE
export OMP_WAIT_POLICY=PASSIVE
. benchmarks/gen4j-java.sh
: > "$results"
gen4j_java -Xmx8g -cp "target/gen4j.jar:target/lib/*" benchmarks/gan/Gen4jGanBenchmark.java "$epochs" "$warmup" "$shared" | tee -a "$results"
/usr/bin/python3 benchmarks/gan/torch_dcgan.py "$epochs" "$warmup" "$shared" | tee -a "$results"
/usr/bin/python3 benchmarks/report.py --only gan "$(dirname "$results")"
