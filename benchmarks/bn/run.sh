#!/usr/bin/env bash
# Runs the Bayesian-network benchmark (design row 3) on the child network (queries and structure learning) and on
# alarm (queries) for gen4j and pomegranate, one after the other, on the same sampled files, with the same policy (one cold call, then REPEATS timed calls: median, min, max)
# and one thread each (pomegranate's loopy belief propagation answers one query per call; its n_jobs threads hold the
# interpreter lock). Raw JSON lines go to benchmarks/results/DATE/bn.jsonl (committed); the table for
# benchmarks/RESULTS.md is printed from them.
# Usage: bash benchmarks/bn/run.sh [REPEATS, odd]      (needs python3-pomegranate from Debian)
set -euo pipefail
cd "$(dirname "$0")/../.."
repeats="${1:-3}"
out=benchmarks/out/bn
results="${GEN4J_BENCHMARK_RESULTS:-benchmarks/results/$(date +%F)}/bn.jsonl"
mkdir -p "$out" "$(dirname "$results")"
[ -f target/gen4j.jar ] || mvn -q -B -DskipTests package
./gen4j sample --model child --n 20000 --seed 1 --out "$out/child-20k.csv" > /dev/null
./gen4j sample --model child --n 1000 --seed 2 --out "$out/child-queries.csv" > /dev/null
unset OPENBLAS_CORETYPE OPENBLAS_L2_SIZE
export OMP_WAIT_POLICY=PASSIVE OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1
. benchmarks/gen4j-java.sh
: > "$results"
gen4j_java -XX:ActiveProcessorCount=1 -Xmx8g -cp "target/gen4j.jar:target/lib/*" benchmarks/bn/Gen4jBnBenchmark.java \
  "$out" child "$repeats" | tee -a "$results"
/usr/bin/python3 -W ignore benchmarks/bn/pomegranate_bn.py "$out" datasets/bn/child.bif child \
  LowerBodyO2,CO2Report,XrayReport "$repeats" | tee -a "$results"
# alarm (37 variables): the distinct-evidence queries only (pomegranate takes ~2 minutes a pass)
./gen4j sample --model alarm --n 1000 --seed 2 --out "$out/alarm-queries.csv" > /dev/null
gen4j_java -XX:ActiveProcessorCount=1 -Xmx8g -cp "target/gen4j.jar:target/lib/*" benchmarks/bn/Gen4jBnBenchmark.java \
  "$out" alarm "$repeats" queries | tee -a "$results"
/usr/bin/python3 -W ignore benchmarks/bn/pomegranate_bn.py "$out" datasets/bn/alarm.bif alarm - "$repeats" queries \
  | tee -a "$results"
/usr/bin/python3 benchmarks/report.py --only bn "$(dirname "$results")"
