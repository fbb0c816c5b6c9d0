"""Turns the JSON lines of benchmarks/gmm/run.sh into the markdown table of benchmarks/RESULTS.md: per covariance
type, each implementation's first fit (cold) and its median (min-max) over the repeats, per EM iteration."""
import json
import sys

rows = [json.loads(line) for line in open(sys.argv[1]) if line.startswith("{")]
ours = {r["covariance"]: r for r in rows if r["impl"] == "gen4j"}
print("| covariance | implementation | threads | cold: first fit / 50 | warm: median (min–max) / 50 | gen4j / peer, warm | "
      "gen4j / peer, cold | final mean log-likelihood | \\|Δ\\| vs gen4j |")
print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
for cov in ["full", "diag"]:
    g = ours[cov]
    for r in [g] + [r for r in rows if r["covariance"] == cov and r["impl"] != "gen4j"]:
        per = lambda key: r[key] / r["iterations"] * 1000
        ratio = "—" if r is g else f"{g['seconds'] / r['seconds']:.2f}"
        cold_ratio = "—" if r is g else f"{g['coldSeconds'] / r['coldSeconds']:.2f}"
        delta = "—" if r is g else f"{abs(r['meanLogLikelihood'] - g['meanLogLikelihood']):.1e}"
        print(f"| {cov} | {r['impl']} | {r.get('threads', '')} | {per('coldSeconds'):.1f} ms | {per('seconds'):.1f} ms "
              f"({per('minSeconds'):.1f}–{per('maxSeconds'):.1f}) | {ratio} | {cold_ratio} | {r['meanLogLikelihood']:.8f} | {delta} |")
