"""Plots the seconds per EM iteration against rows from scale.sh's JSON lines.
Usage: /usr/bin/python3 benchmarks/spark/plot_scale.py RAW.txt OUT.png"""
import json
import sys

import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt

runs = [json.loads(line) for line in open(sys.argv[1]) if line.startswith("{")]
rows = [r["rows"] / 1e6 for r in runs]
median = [r["medianIterationSeconds"] for r in runs]
low = [min(r["iterationSeconds"]) for r in runs]
high = [max(r["iterationSeconds"]) for r in runs]
fig, ax = plt.subplots(figsize=(5, 3.4), dpi=100)
ax.errorbar(rows, median, yerr=[[m - l for m, l in zip(median, low)], [h - m for m, h in zip(median, high)]],
            marker="o", capsize=3, label="gen4j on a Spark standalone cluster (2 cores), 1 GB driver")
ax.plot([0, rows[-1]], [0, median[-1]], ":", color="grey", label="proportional to rows")
ax.set_xlabel("rows (millions), 16 columns")
ax.set_ylabel("seconds per EM iteration")
ax.set_title("GMM EM, K = 8, full covariance")
ax.legend(fontsize=8)
ax.grid(alpha=0.3)
fig.tight_layout()
fig.savefig(sys.argv[2])
