"""Turns the JSON lines of benchmarks/hmm/run.sh into the markdown table of benchmarks/RESULTS.md."""
import json
import sys

rows = [json.loads(line) for line in open(sys.argv[1]) if line.startswith("{")]
print("| task | implementation | time | gen4j / peer | log-likelihood | |Δ| vs gen4j |")
print("| --- | --- | --- | --- | --- | --- |")
for task in ["baum-welch", "forward", "viterbi"]:
    ours = next(r for r in rows if r["impl"] == "gen4j" and r["task"] == task)
    key = "secondsPerIteration" if task == "baum-welch" else "seconds"
    unit = " / iteration" if task == "baum-welch" else " (all 200 sequences)"
    for r in [ours] + [r for r in rows if r["task"] == task and r["impl"] != "gen4j"]:
        ratio = "—" if r is ours else f"{ours[key] / r[key]:.2f}"
        delta = "—" if r is ours else f"{abs(r['logLikelihood'] - ours['logLikelihood']):.1e}"
        print(f"| {task} | {r['impl']} | {r[key] * 1000:.1f} ms{unit} | {ratio} | {r['logLikelihood']:.4f} | {delta} |")
