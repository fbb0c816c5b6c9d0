"""The peer of `gen4j fit gmm --data faithful --components 2`, as a user runs it: a whole Python process that
imports numpy and scikit-learn, reads the CSV, fits a 2-component full-covariance mixture and writes the model."""
import pickle
import sys

import numpy as np
from sklearn.mixture import GaussianMixture

x = np.loadtxt(sys.argv[1], delimiter=",", skiprows=1)
gmm = GaussianMixture(n_components=2, covariance_type="full", random_state=42).fit(x)
with open(sys.argv[2], "wb") as f:
    pickle.dump(gmm, f)
print("mean log-likelihood", gmm.score(x))
