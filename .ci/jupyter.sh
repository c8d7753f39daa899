#!/usr/bin/env bash
# The Jupyter kernel and the files ae writes for NumPy, ArviZ and PyTorch users, checked with the Python
# packages those users have: a virtual environment in .venv-ci (jupyter_client, ipykernel, nbclient,
# nbformat, numpy, safetensors), the kernel of jupyter/ installed into it for the release `ae`, then
# the tests of Tests/python. Called by .ci/run after the release build.
set -euo pipefail
cd "$(dirname "$0")/.."
ae="$PWD/.build/release/ae"

[ -x .venv-ci/bin/python ] || python3 -m venv .venv-ci
# --no-compile: Python compiles only the modules the tests import, on first use (halves the install).
.venv-ci/bin/pip install -q --no-compile --disable-pip-version-check \
    jupyter_client ipykernel nbclient nbformat numpy safetensors ./jupyter
.venv-ci/bin/python -m ae_kernel.install --sys-prefix --ae "$ae"
AE_EXECUTABLE="$ae" .venv-ci/bin/python -m unittest discover -s Tests/python -t Tests/python
