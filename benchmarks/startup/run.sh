#!/usr/bin/env bash
# Whole-process wall time of the commands a user runs once, as a user runs them (the launcher, cold JVM), beside
# scikit-learn doing the same GMM fit in a whole Python process. Each command runs once untimed, then REPEATS
# times; prints one JSON line per command with every time, the median, min and max.
# Usage: bash benchmarks/startup/run.sh [REPEATS]        (raw JSON lines on stdout)
set -euo pipefail
cd "$(dirname "$0")/../.."
repeats="${1:-5}"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
./gen4j info >/dev/null 2>&1          # builds the jar and the class-data archive if needed
. benchmarks/measure.sh
measure "gen4j info" ./gen4j info
measure "gen4j fit gmm faithful" ./gen4j fit gmm --data faithful --components 2 --out "$out/f.gmm"
measure "sklearn fit faithful (python process)" /usr/bin/python3 benchmarks/startup/sklearn_faithful.py datasets/faithful.csv "$out/f.pkl"
measure "gen4j infer asia" ./gen4j infer --model asia --query lung --evidence xray=yes,smoke=yes --json
GEN4J_QUICK_START=off measure "gen4j fit gmm faithful, optimising compiler and SIMD kernels" ./gen4j fit gmm --data faithful --components 2 --out "$out/f.gmm"
GEN4J_QUICK_START=off measure "gen4j infer asia, optimising compiler" ./gen4j infer --model asia --query lung --evidence xray=yes,smoke=yes --json
GEN4J_CDS=off measure "gen4j info, no class-data archive" ./gen4j info
GEN4J_CDS=off measure "gen4j fit gmm faithful, no class-data archive" ./gen4j fit gmm --data faithful --components 2 --out "$out/f.gmm"
GEN4J_CDS=off measure "gen4j infer asia, no class-data archive" ./gen4j infer --model asia --query lung --evidence xray=yes,smoke=yes --json
