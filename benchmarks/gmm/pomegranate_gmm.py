"""pomegranate peer for the GMM benchmark: 50 EM iterations from the shared initial parameters.
Per covariance type the first fit (cold), then REPEATS fits (median, min, max): every side's policy.
Prints one JSON line per covariance type. Usage: /usr/bin/python3 benchmarks/gmm/pomegranate_gmm.py DATA_DIR [REPEATS]

pomegranate 0.14's GeneralMixtureModel.fit(max_iterations=50) makes 51 passes: the first only computes
statistics (its M-step has nothing to apply yet), so it ends after 50 M-steps, as the other implementations do.
It uses 2 threads (n_jobs=2) over 2 batches."""
import json
import os
import sys
import time

import numpy as np
import pomegranate
from pomegranate import (GeneralMixtureModel, IndependentComponentsDistribution,
                         MultivariateGaussianDistribution, NormalDistribution)

data = sys.argv[1]
repeats = int(sys.argv[2]) if len(sys.argv) > 2 else 3
x = np.load(os.path.join(data, "x.npy"))
weights = np.load(os.path.join(data, "init_weights.npy"))
means = np.load(os.path.join(data, "init_means.npy"))
ITER = 50


def build(cov):
    precisions = np.load(os.path.join(data, f"init_precisions_{cov}.npy"))
    if cov == "full":
        dists = [MultivariateGaussianDistribution(means[k], np.linalg.inv(precisions[k])) for k in range(len(weights))]
    else:
        dists = [IndependentComponentsDistribution([NormalDistribution(means[k, i], 1 / np.sqrt(precisions[k, i]))
                                                    for i in range(means.shape[1])]) for k in range(len(weights))]
    return GeneralMixtureModel(dists, weights=weights.copy())


for cov in ["full", "diag"]:
    times = []
    for _ in range(repeats + 1):                         # the first is the cold figure, the rest give the median
        model = build(cov)
        start = time.perf_counter()
        model.fit(x, max_iterations=ITER, stop_threshold=float("-inf"), n_jobs=2, batch_size=len(x) // 2 + 1)
        times.append(time.perf_counter() - start)
    seconds = float(np.median(times[1:]))
    print(json.dumps({"impl": f"pomegranate {pomegranate.__version__}", "covariance": cov, "iterations": ITER,
                      "repeats": repeats, "coldSeconds": times[0], "seconds": seconds, "minSeconds": min(times[1:]),
                      "maxSeconds": max(times[1:]), "secondsPerIteration": seconds / ITER, "threads": 2,
                      "meanLogLikelihood": float(np.mean(model.log_probability(x)))}), flush=True)
