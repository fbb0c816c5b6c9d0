"""Writes the GMM benchmark workload (design row 1) to benchmarks/out/gmm/:
N=100,000 points in D=16 from a K=8 mixture, and one set of initial parameters that every implementation
starts EM from (so all do the same work and must end at the same log-likelihood).

Usage: /usr/bin/python3 benchmarks/gmm/make_data.py [OUT_DIR]
"""
import os
import sys

import numpy as np

N, D, K = 100_000, 16, 8
out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "out", "gmm")
os.makedirs(out, exist_ok=True)
rng = np.random.default_rng(20261124)

true_means = rng.normal(0, 4, size=(K, D))
true_covs = []
for _ in range(K):
    a = rng.normal(0, 1, size=(D, D)) / np.sqrt(D)
    true_covs.append(a @ a.T + 0.3 * np.eye(D))
weights = rng.dirichlet(np.full(K, 5.0))
labels = rng.choice(K, size=N, p=weights)
x = np.empty((N, D))
for k in range(K):
    idx = labels == k
    x[idx] = rng.multivariate_normal(true_means[k], true_covs[k], size=idx.sum())

# A deliberately rough start: perturbed means, uniform weights, isotropic precisions.
init_means = true_means + rng.normal(0, 1.5, size=(K, D))
init_weights = np.full(K, 1.0 / K)
variance = x.var(axis=0).mean() / 4
init_prec_full = np.stack([np.eye(D) / variance for _ in range(K)])
init_prec_diag = np.full((K, D), 1.0 / variance)

np.save(os.path.join(out, "x.npy"), x)
np.save(os.path.join(out, "init_weights.npy"), init_weights)
np.save(os.path.join(out, "init_means.npy"), init_means)
np.save(os.path.join(out, "init_precisions_full.npy"), init_prec_full)
np.save(os.path.join(out, "init_precisions_diag.npy"), init_prec_diag)
print(f"wrote {out}: x {x.shape}, K={K}")
