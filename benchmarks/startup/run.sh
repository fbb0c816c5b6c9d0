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
measure() {   # name, command...
  local name="$1" t times=()
  shift
  "$@" >/dev/null 2>&1                 # the untimed first run
  for _ in $(seq "$repeats"); do
    /usr/bin/time -f '%e' -o "$out/time" "$@" >/dev/null 2>&1
    times+=("$(tail -1 "$out/time")")
  done
  /usr/bin/python3 -c "
import json, statistics, sys
t = [float(v) for v in sys.argv[2:]]
print(json.dumps({'command': sys.argv[1], 'seconds': t, 'median': statistics.median(t), 'min': min(t), 'max': max(t)}))
" "$name" "${times[@]}"
}
measure "gen4j info" ./gen4j info
measure "gen4j fit gmm faithful" ./gen4j fit gmm --data faithful --components 2 --out "$out/f.gmm"
measure "sklearn fit faithful (python process)" /usr/bin/python3 benchmarks/startup/sklearn_faithful.py datasets/faithful.csv "$out/f.pkl"
measure "gen4j infer asia" ./gen4j infer --model asia --query lung --evidence xray=yes,smoke=yes --json
GEN4J_CDS=off measure "gen4j info, no class-data archive" ./gen4j info
GEN4J_CDS=off measure "gen4j fit gmm faithful, no class-data archive" ./gen4j fit gmm --data faithful --components 2 --out "$out/f.gmm"
GEN4J_CDS=off measure "gen4j infer asia, no class-data archive" ./gen4j infer --model asia --query lung --evidence xray=yes,smoke=yes --json
