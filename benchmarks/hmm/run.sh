#!/usr/bin/env bash
# Runs the HMM benchmark (design row 2) for gen4j and pomegranate on this machine, one after the other, from the
# same data and initial parameters, then prints the table for benchmarks/RESULTS.md.
# Usage: bash benchmarks/hmm/run.sh [REPEATS]      (needs python3-pomegranate from Debian)
set -euo pipefail
cd "$(dirname "$0")/../.."
repeats="${1:-5}"
out=benchmarks/out/hmm
results=benchmarks/out/hmm-results.jsonl

[ -f "$out/x.npy" ] || /usr/bin/python3 benchmarks/hmm/make_data.py "$out"
[ -f target/gen4j.jar ] || mvn -q -B -DskipTests package

# BLAS kernels as for the GMM benchmark (see benchmarks/RESULTS.md).
unset OPENBLAS_CORETYPE OPENBLAS_L2_SIZE
export OMP_WAIT_POLICY=PASSIVE
. benchmarks/gen4j-java.sh
: > "$results"
gen4j_java -Xmx8g -cp "target/gen4j.jar:target/lib/*" benchmarks/hmm/Gen4jHmmBenchmark.java "$out" "$repeats" | tee -a "$results"
/usr/bin/python3 -W ignore benchmarks/hmm/pomegranate_hmm.py "$out" 3 | tee -a "$results"
/usr/bin/python3 benchmarks/hmm/report.py "$results"
