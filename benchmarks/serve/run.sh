#!/usr/bin/env bash
# gen4j serve under load, on loopback only: fits the GMM benchmark's mixture (100,000 x 16, K = 8, full), serves it
# on a free port, drives POST /score with 100-row batches from CLIENTS concurrent clients for SECONDS seconds, then
# stops the server with SIGTERM and checks it ends cleanly. One JSON line of results on stdout.
# Usage: bash benchmarks/serve/run.sh [SECONDS] [CLIENTS]
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds="${1:-60}"
clients="${2:-4}"
out="$(mktemp -d)"
trap 'kill "$server" 2>/dev/null || true; rm -rf "$out"' EXIT
[ -f benchmarks/out/gmm/x.npy ] || /usr/bin/python3 benchmarks/gmm/make_data.py benchmarks/out/gmm
/usr/bin/python3 -c "
import numpy as np, sys
x = np.load('benchmarks/out/gmm/x.npy')
np.savetxt(sys.argv[1], x, delimiter=',', header=','.join('x%d' % j for j in range(x.shape[1])), comments='', fmt='%.17g')
" "$out/x.csv"
./gen4j fit gmm --data "$out/x.csv" -k 8 --seed 1 --out "$out/m.gmm" >/dev/null
port=$(/usr/bin/python3 -c "import socket; s = socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])")
setsid ./gen4j serve --model "$out/m.gmm" --port "$port" > "$out/serve.log" 2>&1 &
server=$!
until grep -q "^serving" "$out/serve.log"; do   # the server says when it listens
  kill -0 "$server" 2>/dev/null || { cat "$out/serve.log" >&2; exit 1; }
  sleep 0.2
done
jvm=$(pgrep -f -n "org.gen4j.cli.Gen4j serve|gen4j.jar serve")
java benchmarks/serve/LoadTest.java "$port" "$jvm" "$seconds" "$clients" 100
kill -TERM "$server"
status=0; wait "$server" || status=$?
echo "{\"stoppedOnSigterm\": {\"exitCode\": $status, \"log\": \"$(tail -1 "$out/serve.log")\"}}"   # 143 = 128 + SIGTERM, after the graceful stop
