#!/usr/bin/env bash
# Runs the VAE benchmark (design row 4) for gen4j and PyTorch on this machine, one after the other, on the same
# bundled data, the same layers and the same initial parameters (gen4j writes them, with one forward pass from them
# that PyTorch repeats and compares), with the same policy (the first epoch as the cold figure; after WARMUP epochs,
# the median, min and max of EPOCHS timed epochs; 2 threads each). Raw JSON lines go to
# benchmarks/results/DATE/vae.jsonl (committed); the table for benchmarks/RESULTS.md is printed from them.
# Usage: bash benchmarks/vae/run.sh [EPOCHS, odd] [WARMUP]      (needs python3-torch from Debian)
# WARMUP (default 30, ~20 s): the JVM compiles gen4j's and DL4J's code for its first ~20 s, on one of this machine's
# two cores (DL4J's calcBackpropGradients gets its final C2 code after ~15 s).
set -euo pipefail
cd "$(dirname "$0")/../.."
epochs="${1:-5}"
warmup="${2:-30}"
shared=benchmarks/out/vae
results="${GEN4J_BENCHMARK_RESULTS:-benchmarks/results/$(date +%F)}/vae.jsonl"
mkdir -p "$shared" "$(dirname "$results")"
[ -f target/gen4j.jar ] || mvn -q -B -DskipTests package

unset OPENBLAS_CORETYPE OPENBLAS_L2_SIZE
export OMP_WAIT_POLICY=PASSIVE
. benchmarks/gen4j-java.sh
: > "$results"
gen4j_java -Xmx8g -cp "target/gen4j.jar:target/lib/*" benchmarks/vae/Gen4jVaeBenchmark.java "$epochs" "$warmup" "$shared" | tee -a "$results"
/usr/bin/python3 benchmarks/vae/torch_vae.py "$epochs" "$warmup" "$shared" | tee -a "$results"
/usr/bin/python3 benchmarks/report.py --only vae "$(dirname "$results")"
