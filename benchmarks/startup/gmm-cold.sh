#!/usr/bin/env bash
# A one-shot `gen4j fit gmm` on the GMM benchmark's data (100,000 x 16, K = 8, full, 50 iterations, no tolerance) as
# a user runs it, REPEATS times (each a new JVM), beside the same fit repeated in one JVM (benchmarks/startup/WarmGmm.java:
# the last of its fits is warm). JSON lines on stdout.
# Usage: bash benchmarks/startup/gmm-cold.sh [REPEATS]
set -euo pipefail
cd "$(dirname "$0")/../.."
repeats="${1:-3}"
[ -f benchmarks/out/gmm/x.npy ] || /usr/bin/python3 benchmarks/gmm/make_data.py benchmarks/out/gmm
[ -f benchmarks/out/gmm/x.csv ] || /usr/bin/python3 -c "
import numpy as np, sys
x = np.load('benchmarks/out/gmm/x.npy')
np.savetxt(sys.argv[1], x, delimiter=',', header=','.join('x%d' % j for j in range(x.shape[1])), comments='', fmt='%.17g')
" benchmarks/out/gmm/x.csv
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
./gen4j info >/dev/null 2>&1
for _ in $(seq "$repeats"); do
  ./gen4j fit gmm --data benchmarks/out/gmm/x.csv -k 8 --seed 1 --max-iter 50 --tol 0 --out "$out/m.gmm" --json 2>/dev/null \
    | /usr/bin/python3 -c "
import json, sys
s = json.load(sys.stdin)
print(json.dumps({'where': 'gen4j fit gmm (a new JVM)', 'fitSeconds': s['fitSeconds'], 'nIter': s['nIter'],
                  'secondsPerIteration': s['fitSeconds'] / s['nIter'],
                  'secondsPerIterationAfterTheFirst': s['secondsPerIterationAfterTheFirst']}))"
done
. src/main/sh/native-env.sh
java -Xmx4g $GEN4J_BLAS_OPTS $GEN4J_SIMD_OPTS -cp "target/gen4j.jar:target/lib/*" benchmarks/startup/WarmGmm.java \
  benchmarks/out/gmm/x.csv 4 2>/dev/null | sed 's/^{/{"where": "one JVM, fit after fit", /'
