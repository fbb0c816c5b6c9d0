"""pomegranate peer for the HMM benchmark: 20 Baum-Welch iterations from the shared initial parameters, then the
forward log-likelihood and the Viterbi path of every sequence. One JSON line per task.
Usage: /usr/bin/python3 benchmarks/hmm/pomegranate_hmm.py DATA_DIR [REPEATS]

pomegranate 0.14's fit(max_iterations=20) runs 21 E-steps and applies 20 M-steps (its first M-step has no
statistics yet), so it ends on the same parameters as 20 iterations elsewhere. n_jobs=2 threads."""
import json
import os
import sys
import time

import numpy as np
import pomegranate
from pomegranate import HiddenMarkovModel, MultivariateGaussianDistribution

data = sys.argv[1]
repeats = int(sys.argv[2]) if len(sys.argv) > 2 else 3
x = np.load(os.path.join(data, "x.npy"))
lengths = np.load(os.path.join(data, "lengths.npy"))
sequences = np.split(x, np.cumsum(lengths)[:-1])
start = np.load(os.path.join(data, "init_start.npy"))
trans = np.load(os.path.join(data, "init_trans.npy"))
means = np.load(os.path.join(data, "init_means.npy"))
covs = np.load(os.path.join(data, "init_covariances.npy"))
ITER = 20


def build():
    dists = [MultivariateGaussianDistribution(means[k], covs[k]) for k in range(len(start))]
    return HiddenMarkovModel.from_matrix(trans, dists, start)


def median_time(task):
    times, result = [], None
    for _ in range(repeats):
        t0 = time.perf_counter()
        result = task()
        times.append(time.perf_counter() - t0)
    return float(np.median(times)), result


def fit():
    model = build()
    model.fit(sequences, max_iterations=ITER, stop_threshold=float("-inf"), n_jobs=2, algorithm="baum-welch")
    return model


seconds, model = median_time(fit)
total = float(sum(model.log_probability(s) for s in sequences))
impl = f"pomegranate {pomegranate.__version__}"
print(json.dumps({"impl": impl, "task": "baum-welch", "iterations": ITER, "seconds": seconds,
                  "secondsPerIteration": seconds / ITER, "logLikelihood": total}), flush=True)

seconds, values = median_time(lambda: [model.log_probability(s) for s in sequences])
print(json.dumps({"impl": impl, "task": "forward", "seconds": seconds, "logLikelihood": float(sum(values))}), flush=True)

seconds, paths = median_time(lambda: [model.viterbi(s)[0] for s in sequences])
print(json.dumps({"impl": impl, "task": "viterbi", "seconds": seconds, "logLikelihood": float(sum(paths))}), flush=True)
