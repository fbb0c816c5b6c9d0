#!/usr/bin/env bash
# Runs the HMM benchmark (design row 2) for gen4j and pomegranate on this machine, one after the other, from the
# same data and initial parameters, with the same policy (one cold call, then REPEATS timed calls: median, min,
# max) and the same thread count on both sides: first 1 thread each, then 2. Raw JSON lines go to
# benchmarks/results/DATE/hmm.jsonl (committed); the table for benchmarks/RESULTS.md is printed from them.
# Usage: bash benchmarks/hmm/run.sh [REPEATS, odd]      (needs python3-pomegranate from Debian)
set -euo pipefail
cd "$(dirname "$0")/../.."
repeats="${1:-7}"
out=benchmarks/out/hmm
results="${GEN4J_BENCHMARK_RESULTS:-benchmarks/results/$(date +%F)}/hmm.jsonl"
mkdir -p "$(dirname "$results")"

[ -f "$out/x.npy" ] || /usr/bin/python3 benchmarks/hmm/make_data.py "$out"
[ -f target/gen4j.jar ] || mvn -q -B -DskipTests package

# BLAS kernels as for the GMM benchmark (see benchmarks/RESULTS.md).
unset OPENBLAS_CORETYPE OPENBLAS_L2_SIZE
export OMP_WAIT_POLICY=PASSIVE
. benchmarks/gen4j-java.sh
: > "$results"
for threads in 1 2; do
  # the JVM sees THREADS cores (its thread pools and gen4j's kernels size themselves by that); BLAS capped alike
  OPENBLAS_NUM_THREADS=$threads OMP_NUM_THREADS=$threads gen4j_java -XX:ActiveProcessorCount=$threads -Xmx8g \
    -cp "target/gen4j.jar:target/lib/*" benchmarks/hmm/Gen4jHmmBenchmark.java "$out" "$repeats" | tee -a "$results"
  OPENBLAS_NUM_THREADS=$threads OMP_NUM_THREADS=$threads /usr/bin/python3 -W ignore benchmarks/hmm/pomegranate_hmm.py \
    "$out" "$repeats" "$threads" | tee -a "$results"
done
/usr/bin/python3 benchmarks/report.py --only hmm "$(dirname "$results")"
