"""Writes the HMM benchmark workload (design row 2) to benchmarks/out/hmm/: 200 sequences x 500 steps from a
4-state Gaussian HMM in D=8 with full covariances, and one set of initial parameters every implementation starts
Baum-Welch from. Usage: /usr/bin/python3 benchmarks/hmm/make_data.py [OUT_DIR]"""
import os
import sys

import numpy as np

K, D, SEQUENCES, LENGTH = 4, 8, 200, 500
out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "out", "hmm")
os.makedirs(out, exist_ok=True)
rng = np.random.default_rng(20261124)

start = rng.dirichlet(np.full(K, 3.0))
trans = 0.85 * np.eye(K) + 0.15 * rng.dirichlet(np.full(K, 1.0), size=K)
trans /= trans.sum(axis=1, keepdims=True)
means = rng.normal(0, 2.5, size=(K, D))
covs = []
for _ in range(K):
    a = rng.normal(0, 1, size=(D, D)) / np.sqrt(D)
    covs.append(a @ a.T + 0.5 * np.eye(D))
chol = [np.linalg.cholesky(c) for c in covs]

x = np.empty((SEQUENCES * LENGTH, D))
for s in range(SEQUENCES):
    z = rng.choice(K, p=start)
    for t in range(LENGTH):
        if t > 0:
            z = rng.choice(K, p=trans[z])
        x[s * LENGTH + t] = means[z] + chol[z] @ rng.normal(size=D)

init_start = np.full(K, 1.0 / K)
init_trans = np.full((K, K), 0.1 / (K - 1)) + np.eye(K) * (0.9 - 0.1 / (K - 1))
init_means = means + rng.normal(0, 1.0, size=(K, D))
init_covs = np.stack([np.eye(D) * 2.0 for _ in range(K)])

np.save(os.path.join(out, "x.npy"), x)
np.save(os.path.join(out, "lengths.npy"), np.full(SEQUENCES, LENGTH, dtype=np.int64))
np.save(os.path.join(out, "init_start.npy"), init_start)
np.save(os.path.join(out, "init_trans.npy"), init_trans)
np.save(os.path.join(out, "init_means.npy"), init_means)
np.save(os.path.join(out, "init_covariances.npy"), init_covs)
print(f"wrote {out}: {SEQUENCES} x {LENGTH} steps, D={D}, K={K}")
