#!/usr/bin/env bash
# Runs the GMM benchmark (design row 1) for gen4j and every peer on this machine, one after the other, from the
# same data and initial parameters and the same policy (each side's first fit as the cold figure, then REPEATS fits:
# median, min, max; 2 threads each). Raw JSON lines go to benchmarks/results/DATE/gmm.jsonl (committed); the table
# for benchmarks/RESULTS.md is printed from them.
# Usage: bash benchmarks/gmm/run.sh [REPEATS, odd]      (needs python3-sklearn, python3-pomegranate from Debian)
set -euo pipefail
cd "$(dirname "$0")/../.."
repeats="${1:-5}"
out=benchmarks/out/gmm
results="${GEN4J_BENCHMARK_RESULTS:-benchmarks/results/$(date +%F)}/gmm.jsonl"
mkdir -p "$(dirname "$results")"

[ -f "$out/x.npy" ] || /usr/bin/python3 benchmarks/gmm/make_data.py "$out"
[ -f target/gen4j.jar ] || mvn -q -B -DskipTests package
[ -f benchmarks/out/peer-lib/smile-core-3.1.1.jar ] || \
  mvn -q -B -f benchmarks/peers/pom.xml dependency:copy-dependencies -DoutputDirectory=../out/peer-lib

# BLAS kernels (see benchmarks/RESULTS.md): the peers' OpenBLAS builds (Debian's 0.3.21, Smile's 0.3.26) detect
# this CPU themselves, so OPENBLAS_CORETYPE is unset for them; gen4j runs as its launcher sets it up
# (src/main/sh/native-env.sh): the system OpenBLAS when one is installed, else ND4J's 0.3.19 with AVX2 kernels.
unset OPENBLAS_CORETYPE OPENBLAS_L2_SIZE
export OMP_WAIT_POLICY=PASSIVE
. benchmarks/gen4j-java.sh
: > "$results"
gen4j_java -Xmx8g -cp "target/gen4j.jar:target/lib/*" benchmarks/gmm/Gen4jGmmBenchmark.java "$out" "$repeats" | tee -a "$results"
/usr/bin/python3 -W ignore benchmarks/gmm/sklearn_gmm.py "$out" "$repeats" | tee -a "$results"
/usr/bin/python3 -W ignore benchmarks/gmm/pomegranate_gmm.py "$out" "$repeats" | tee -a "$results"
java -Xmx8g -cp "benchmarks/out/peer-lib/*" benchmarks/gmm/SmileGmmBenchmark.java "$out" "$repeats" 2>/dev/null | tee -a "$results"
/usr/bin/python3 benchmarks/report.py --only gmm "$(dirname "$results")"
