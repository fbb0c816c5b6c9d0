#!/usr/bin/env bash
# Runs the GMM benchmark (design row 1) for gen4j and every peer on this machine, one after the other, from the
# same data and initial parameters, then prints the table for benchmarks/RESULTS.md.
# Usage: bash benchmarks/gmm/run.sh [REPEATS]      (needs python3-sklearn, python3-pomegranate from Debian)
set -euo pipefail
cd "$(dirname "$0")/../.."
repeats="${1:-3}"
out=benchmarks/out/gmm
results=benchmarks/out/gmm-results.jsonl

[ -f "$out/x.npy" ] || /usr/bin/python3 benchmarks/gmm/make_data.py "$out"
[ -f target/gen4j.jar ] || mvn -q -B -DskipTests package
[ -f benchmarks/out/peer-lib/smile-core-3.1.1.jar ] || \
  mvn -q -B -f benchmarks/peers/pom.xml dependency:copy-dependencies -DoutputDirectory=../out/peer-lib

# BLAS kernels (see benchmarks/RESULTS.md): the peers' OpenBLAS builds (Debian's 0.3.21, Smile's 0.3.26) detect
# this CPU themselves, so OPENBLAS_CORETYPE is unset for them; ND4J's 0.3.19 does not, and runs with its AVX2
# kernels as the gen4j launcher sets them.
unset OPENBLAS_CORETYPE OPENBLAS_L2_SIZE
export OMP_WAIT_POLICY=PASSIVE
# gen4j runs with the thread timeout its launcher sets; the peers keep their libraries' default (it slowed
# PyTorch's epoch from 0.33 s to 0.46 s here)
gen4j_env="OPENBLAS_THREAD_TIMEOUT=4"
: > "$results"
env $gen4j_env OPENBLAS_CORETYPE=Haswell java -Xmx8g -cp "target/gen4j.jar:target/lib/*" benchmarks/gmm/Gen4jGmmBenchmark.java "$out" "$repeats" | tee -a "$results"
/usr/bin/python3 -W ignore benchmarks/gmm/sklearn_gmm.py "$out" "$repeats" | tee -a "$results"
/usr/bin/python3 -W ignore benchmarks/gmm/pomegranate_gmm.py "$out" "$repeats" | tee -a "$results"
java -Xmx8g -cp "benchmarks/out/peer-lib/*" benchmarks/gmm/SmileGmmBenchmark.java "$out" 1 2>/dev/null | tee -a "$results"
/usr/bin/python3 benchmarks/gmm/report.py "$results"
