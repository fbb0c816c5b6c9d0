#!/usr/bin/env bash
# Runs the notebooks with Jupyter and the gen4j kernel and saves each with its outputs (pictures included), which is
# what the repository shows. Usage: bash notebooks/run.sh [NOTEBOOK...]      (default: every notebook here)
# Needs Jupyter's nbconvert: apt install jupyter-nbconvert python3-nbclient (Debian).
set -euo pipefail
cd "$(dirname "$0")/.."
./gen4j notebook install --prefix target/jupyter >/dev/null
[ $# -gt 0 ] || set -- notebooks/*.ipynb
for notebook in "$@"; do
  JUPYTER_PATH="$PWD/target/jupyter/share/jupyter" jupyter nbconvert --to notebook --execute --inplace \
    --ExecutePreprocessor.kernel_name=gen4j --ExecutePreprocessor.timeout=-1 "$notebook"
done
