"""scikit-learn peer for the GMM benchmark: 50 EM iterations from the shared initial parameters.
Per covariance type the first fit (cold), then REPEATS fits (median, min, max): every side's policy.
Prints one JSON line per covariance type. Usage: /usr/bin/python3 benchmarks/gmm/sklearn_gmm.py DATA_DIR [REPEATS]"""
import json
import os
import sys
import time

import numpy as np
import sklearn
from sklearn.mixture import GaussianMixture
from threadpoolctl import threadpool_info

data = sys.argv[1]
repeats = int(sys.argv[2]) if len(sys.argv) > 2 else 3
x = np.load(os.path.join(data, "x.npy"))
weights = np.load(os.path.join(data, "init_weights.npy"))
means = np.load(os.path.join(data, "init_means.npy"))
ITER = 50

for cov in ["full", "diag"]:
    precisions = np.load(os.path.join(data, f"init_precisions_{cov}.npy"))
    times = []
    for _ in range(repeats + 1):                         # the first is the cold figure, the rest give the median
        # init_params="random" only makes the (overridden) initial responsibilities cheap; the given
        # weights, means and precisions are where EM starts. tol=0 runs exactly ITER iterations.
        gmm = GaussianMixture(n_components=len(weights), covariance_type=cov, tol=0, max_iter=ITER,
                              weights_init=weights, means_init=means, precisions_init=precisions,
                              init_params="random", random_state=0, reg_covar=1e-6)
        start = time.perf_counter()
        gmm.fit(x)
        times.append(time.perf_counter() - start)
    seconds = float(np.median(times[1:]))
    print(json.dumps({"impl": f"scikit-learn {sklearn.__version__}", "covariance": cov, "iterations": gmm.n_iter_,
                      "repeats": repeats, "coldSeconds": times[0], "seconds": seconds, "minSeconds": min(times[1:]),
                      "maxSeconds": max(times[1:]), "secondsPerIteration": seconds / ITER,
                      "threads": max(i.get("num_threads", 1) for i in threadpool_info()),
                      "meanLogLikelihood": float(gmm.score(x)),
                      "blas": [(i.get("internal_api"), i.get("architecture"), i.get("num_threads")) for i in threadpool_info()]}),
          flush=True)
