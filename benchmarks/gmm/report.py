"""Turns the JSON lines of benchmarks/gmm/run.sh into the markdown table of benchmarks/RESULTS.md."""
import json
import sys

rows = [json.loads(line) for line in open(sys.argv[1]) if line.startswith("{")]
ours = {r["covariance"]: r for r in rows if r["impl"] == "gen4j"}
print("| covariance | implementation | s / EM iteration | gen4j / peer | final mean log-likelihood | |Δ| vs gen4j |")
print("| --- | --- | --- | --- | --- | --- |")
for cov in ["full", "diag"]:
    g = ours[cov]
    for r in [g] + [r for r in rows if r["covariance"] == cov and r["impl"] != "gen4j"]:
        ratio = "—" if r is g else f"{g['secondsPerIteration'] / r['secondsPerIteration']:.2f}"
        delta = "—" if r is g else f"{abs(r['meanLogLikelihood'] - g['meanLogLikelihood']):.1e}"
        print(f"| {cov} | {r['impl']} | {r['secondsPerIteration'] * 1000:.1f} ms | {ratio} | "
              f"{r['meanLogLikelihood']:.8f} | {delta} |")
