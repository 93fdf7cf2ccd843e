#!/usr/bin/env bash
# Install everything the tests need into two virtual environments and run the whole suite.
#   .venv         Keras 3 (TensorFlow 2.21), KerasTuner, the static pass, pytest, pre-commit, ruff
#   .venv-keras2  Keras 2 (TensorFlow 2.15.1 bundles keras 2.15), KerasTuner: the probe's Keras 2 path
#                 and the Keras 2 name table are tested with this interpreter.
# Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3}

if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e ".[probe,test]"

if [ ! -x .venv-keras2/bin/python ]; then
  "$PYTHON" -m venv .venv-keras2
fi
.venv-keras2/bin/python -m pip install --quiet --upgrade pip
.venv-keras2/bin/python -m pip install --quiet "tensorflow==2.15.1" "keras-tuner==1.4.8" scipy -e .

export KTLINT_KERAS2_PYTHON="$PWD/.venv-keras2/bin/python"
exec .venv/bin/python -m pytest "$@"
