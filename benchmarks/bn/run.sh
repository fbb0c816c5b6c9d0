#!/usr/bin/env bash
# Runs the Bayesian network benchmark (design row 3) on the child network for gen4j and pomegranate.
# Usage: bash benchmarks/bn/run.sh      (needs python3-pomegranate from Debian)
set -euo pipefail
cd "$(dirname "$0")/../.."
out=benchmarks/out/bn
mkdir -p "$out"
[ -f target/gen4j.jar ] || mvn -q -B -DskipTests package
./gen4j sample --model child --n 20000 --seed 1 --out "$out/child-20k.csv" > /dev/null
./gen4j sample --model child --n 1000 --seed 2 --out "$out/child-queries.csv" > /dev/null
unset OPENBLAS_CORETYPE OPENBLAS_L2_SIZE
export OMP_WAIT_POLICY=PASSIVE
. benchmarks/gen4j-java.sh
: > "$out/results.jsonl"
gen4j_java -Xmx8g -cp "target/gen4j.jar:target/lib/*" benchmarks/bn/Gen4jBnBenchmark.java "$out" child | tee -a "$out/results.jsonl"
/usr/bin/python3 -W ignore benchmarks/bn/pomegranate_bn.py "$out" datasets/bn/child.bif child LowerBodyO2,CO2Report,XrayReport | tee -a "$out/results.jsonl"
# a generated 50-node network (written by the gen4j harness) shows how the costs grow
gen4j_java -Xmx8g -cp "target/gen4j.jar:target/lib/*" benchmarks/bn/Gen4jBnBenchmark.java "$out" random50 | tee -a "$out/results.jsonl"
timeout 1800 /usr/bin/python3 -W ignore benchmarks/bn/pomegranate_bn.py "$out" "$out/random50.bif" random50 v49,v45,v40 | tee -a "$out/results.jsonl"
