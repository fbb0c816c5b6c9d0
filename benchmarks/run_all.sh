#!/usr/bin/env bash
# Runs every benchmark row side by side with its peers (GMM, HMM, Bayesian network, VAE, DCGAN), one after the other,
# under the one policy stated at the top of benchmarks/RESULTS.md, writing their raw JSON lines to
# benchmarks/results/DATE/ (committed), with the machine and commit they ran on; then regenerates the tables of
# RESULTS.md and the README's headline from those files (benchmarks/report.py --write). Run it on a quiet machine:
# nothing else running, not during a build or the test suite. About 30 minutes on the 2-core reference machine.
# Usage: bash benchmarks/run_all.sh       (needs python3-sklearn, python3-pomegranate, python3-torch from Debian)
set -euo pipefail
cd "$(dirname "$0")/.."
results="benchmarks/results/$(date +%F)"
export GEN4J_BENCHMARK_RESULTS="$results"          # one folder for every row, even past midnight
mkdir -p "$results"
mvn -q -B -ntp -DskipTests package
/usr/bin/python3 - "$results/machine.json" <<'PY'
import json, os, platform, subprocess, sys
def run(*cmd):
    try:
        return subprocess.run(cmd, capture_output=True, text=True).stdout.strip() or subprocess.run(cmd, capture_output=True, text=True).stderr.strip()
    except OSError:
        return None
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), platform.processor())
json.dump({"commit": run("git", "rev-parse", "HEAD"), "dirty": bool(run("git", "status", "--porcelain", "--untracked-files=no")),
           "cpu": cpu, "cores": os.cpu_count(), "loadAverageAtStart": os.getloadavg(),
           "java": run("java", "-version").splitlines()[0], "python": sys.version.split()[0]},
          open(sys.argv[1], "w"), indent=1)
PY
bash benchmarks/gmm/run.sh 5
bash benchmarks/hmm/run.sh 7
bash benchmarks/bn/run.sh 3
bash benchmarks/vae/run.sh 5 30
bash benchmarks/gan/run.sh 3 3
/usr/bin/python3 benchmarks/report.py --write "$results" > /dev/null
echo "tables in benchmarks/RESULTS.md and the README's headline regenerated from $results"
