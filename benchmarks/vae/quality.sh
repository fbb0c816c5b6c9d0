#!/usr/bin/env bash
# Test-ELBO comparison of the VAE with PyTorch (issue 5, quality): the same MLP (784-400-20 / 64-400-20, Bernoulli),
# Adam 1e-3, batch 128, trained on the first 80 % of the bundled MNIST digits (EPOCHS_MNIST epochs) and 8x8 digits
# (EPOCHS_DIGITS epochs) for SEEDS seeds each; the last 20 % are scored (ELBO with 10 draws, IWAE with K = 64).
# Usage: bash benchmarks/vae/quality.sh [EPOCHS_MNIST EPOCHS_DIGITS SEEDS]      (needs python3-torch from Debian)
set -euo pipefail
cd "$(dirname "$0")/../.."
mnist="${1:-20}"; digits="${2:-50}"; seeds="${3:-3}"
results=benchmarks/out/vae-quality.jsonl
mkdir -p benchmarks/out
[ -f target/gen4j.jar ] || mvn -q -B -DskipTests package

export OMP_WAIT_POLICY=PASSIVE OPENBLAS_THREAD_TIMEOUT=20
: > "$results"
. benchmarks/gen4j-java.sh
gen4j_java -Xmx8g -cp "target/gen4j.jar:target/lib/*" benchmarks/vae/Gen4jVaeBenchmark.java quality "$mnist" "$digits" "$seeds" | tee -a "$results"
/usr/bin/python3 benchmarks/vae/torch_vae.py quality "$mnist" "$digits" "$seeds" | tee -a "$results"
/usr/bin/python3 - "$results" <<'PY'
import json, statistics, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.startswith("{")]
groups = {}
for r in rows:
    groups.setdefault((r["workload"], r["implementation"]), []).append(r)
print("| workload | implementation | epochs | seeds | test ELBO (mean ± sd) | test log p(x), IWAE K=64 | ELBO gap to gen4j |")
print("| --- | --- | --- | --- | --- | --- | --- |")
ours = {w: statistics.mean(r["testElbo"] for r in g) for (w, i), g in groups.items() if i == "gen4j"}
for (w, i), g in groups.items():
    elbo = [r["testElbo"] for r in g]
    iwae = [r["testLogProb"] for r in g]
    gap = "—" if i == "gen4j" else "%+.2f nat" % (ours[w] - statistics.mean(elbo))
    print("| %s (%d train / %d test rows) | %s | %d | %d | %.2f ± %.2f | %.2f ± %.2f | %s |" % (
        w, g[0]["trainRows"], g[0]["testRows"], i, g[0]["epochs"], len(g), statistics.mean(elbo),
        statistics.stdev(elbo) if len(elbo) > 1 else 0, statistics.mean(iwae),
        statistics.stdev(iwae) if len(iwae) > 1 else 0, gap))
PY
