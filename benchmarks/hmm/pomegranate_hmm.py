"""pomegranate peer for the HMM benchmark: 20 Baum-Welch iterations from the shared initial parameters, then the
forward log-likelihood and the Viterbi path of every sequence. One JSON line per task.
Usage: /usr/bin/python3 benchmarks/hmm/pomegranate_hmm.py DATA_DIR REPEATS THREADS

The policy is the gen4j side's (Gen4jHmmBenchmark.java): each task runs once untimed-for-the-median (its time is
reported as "cold", the first call) and then REPEATS times (median, min, max). The model is built from the shared
initial parameters outside the timed region before every fit (fit changes it in place). THREADS: n_jobs of fit,
and for forward and Viterbi the sequences are split over that many joblib threads (pomegranate scores one sequence
per call); run.sh also caps numpy's BLAS at THREADS.

pomegranate 0.14's fit(max_iterations=20) runs 21 E-steps and applies 20 M-steps (its first M-step has no
statistics yet), so it ends on the same parameters as 20 iterations elsewhere."""
import json
import os
import sys
import time

import numpy as np
import pomegranate
from joblib import Parallel, delayed
from pomegranate import HiddenMarkovModel, MultivariateGaussianDistribution

data = sys.argv[1]
repeats = int(sys.argv[2])
threads = int(sys.argv[3])
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


def timed(task, prepare=lambda: None):
    """The first call (cold), then REPEATS calls: seconds of each, and the last result."""
    times, result = [], None
    for _ in range(repeats + 1):
        argument = prepare()
        t0 = time.perf_counter()
        result = task(argument)
        times.append(time.perf_counter() - t0)
    return times[0], times[1:], result


def over_sequences(score):
    if threads == 1:
        return [score(s) for s in sequences]
    parts = np.array_split(np.arange(len(sequences)), threads)
    results = Parallel(n_jobs=threads, prefer="threads")(delayed(lambda p: [score(sequences[i]) for i in p])(p) for p in parts)
    return [value for part in results for value in part]


def report(task, cold, warm, log_likelihood, iterations=0):
    row = {"impl": f"pomegranate {pomegranate.__version__}", "task": task, "threads": threads, "repeats": repeats,
           "coldSeconds": cold, "seconds": float(np.median(warm)), "minSeconds": min(warm), "maxSeconds": max(warm),
           "logLikelihood": log_likelihood}
    if iterations:
        row["iterations"] = iterations
        row["secondsPerIteration"] = row["seconds"] / iterations
    print(json.dumps(row), flush=True)


def fit(model):
    model.fit(sequences, max_iterations=ITER, stop_threshold=float("-inf"), n_jobs=threads, algorithm="baum-welch")
    return model


cold, warm, model = timed(fit, build)
report("baum-welch", cold, warm, float(sum(model.log_probability(s) for s in sequences)), ITER)
cold, warm, values = timed(lambda _: over_sequences(model.log_probability))
report("forward", cold, warm, float(sum(values)))
cold, warm, paths = timed(lambda _: over_sequences(lambda s: model.viterbi(s)[0]))
report("viterbi", cold, warm, float(sum(paths)))
