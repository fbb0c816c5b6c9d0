"""Turns the JSON lines of benchmarks/hmm/run.sh into the markdown table of benchmarks/RESULTS.md: per task and
thread count, each side's first call (cold) and its median (min-max) over the repeats, and the ratios."""
import json
import sys

rows = [json.loads(line) for line in open(sys.argv[1]) if line.startswith("{")]
print("| task | threads | implementation | cold (first call) | warm, median (min–max) | gen4j / peer, warm | gen4j / peer, cold | log-likelihood | \\|Δ\\| vs gen4j |")
print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
for task in ["baum-welch", "forward", "viterbi"]:
    for threads in sorted({r["threads"] for r in rows}):
        ours = next(r for r in rows if r["impl"] == "gen4j" and r["task"] == task and r["threads"] == threads)
        per = ours.get("iterations", 1) if task == "baum-welch" else 1
        unit = " / iteration" if task == "baum-welch" else ""
        for r in [ours] + [r for r in rows if r["task"] == task and r["threads"] == threads and r["impl"] != "gen4j"]:
            ms = lambda key: r[key] / per * 1000
            warm = f"{ms('seconds'):.1f} ms{unit} ({ms('minSeconds'):.1f}–{ms('maxSeconds'):.1f})"
            ratio = "—" if r is ours else f"{ours['seconds'] / r['seconds']:.2f}"
            cold_ratio = "—" if r is ours else f"{ours['coldSeconds'] / r['coldSeconds']:.2f}"
            delta = "—" if r is ours else f"{abs(r['logLikelihood'] - ours['logLikelihood']):.1e}"
            print(f"| {task} | {threads} | {r['impl']} | {ms('coldSeconds'):.1f} ms{unit} | {warm} | {ratio} | {cold_ratio} | "
                  f"{r['logLikelihood']:.4f} | {delta} |")
