"""Sources and a runner shared by the tests/test_integrations_*.py files.

The runner starts `python -m ktlint` as a subprocess, as a user or a tool would, with the Keras major
fixed to 3 unless a test passes its own `--keras-version` or sets `keras-version` in a pyproject.toml.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Optional, Sequence

from conftest import ROOT

# One objective fault: `val_Accuracy` is never logged (KT101, safely fixed to `val_accuracy`).
BAD_OBJECTIVE = '''import keras
import keras_tuner as kt


def build(hp):
    model = keras.Sequential([
        keras.Input(shape=(4,)),
        keras.layers.Dense(hp.Int("units", 4, 16, step=4), activation="relu"),
        keras.layers.Dense(1, activation="sigmoid"),
    ])
    model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
    return model


tuner = kt.RandomSearch(build, objective="val_Accuracy", max_trials=3)
'''
GOOD_OBJECTIVE = BAD_OBJECTIVE.replace('"val_Accuracy"', '"val_accuracy"')

# Three safe fixes: KT202 (thresholds= -> threshold=), KT101 (rename) and KT104 (wrap in kt.Objective).
THREE_SAFE_FIXES = '''import keras
import keras_tuner as kt


def build(hp):
    model = keras.Sequential([
        keras.Input(shape=(4,)),
        keras.layers.Dense(hp.Int("units", 4, 16, step=4), activation="relu"),
        keras.layers.Dense(1, activation="sigmoid"),
    ])
    model.compile(optimizer="adam", loss="binary_crossentropy",
                  metrics=["accuracy", keras.metrics.F1Score(thresholds=0.5)])
    return model


tuner = kt.RandomSearch(build, objective="val_Accuracy", max_trials=3)
tuner2 = kt.RandomSearch(build, objective="val_f1_score", max_trials=3)
'''
THREE_SAFE_FIXES_FIXED = (
    THREE_SAFE_FIXES.replace("F1Score(thresholds=0.5)", "F1Score(threshold=0.5)")
    .replace('objective="val_Accuracy"', 'objective="val_accuracy"')
    .replace('objective="val_f1_score"', 'objective=kt.Objective("val_f1_score", "max")')
)

# KT103: KerasTuner cannot infer the direction of the custom metric `val_f1`; the fix wraps it.
DIRECTION_UNKNOWN = '''import keras
import keras_tuner as kt


def f1(y_true, y_pred):
    return keras.ops.mean(y_true * y_pred)


def build(hp):
    model = keras.Sequential([
        keras.Input(shape=(6,)),
        keras.layers.Dense(hp.Int("units", 4, 8, step=4), activation="relu"),
        keras.layers.Dense(1, activation="sigmoid"),
    ])
    model.compile(optimizer="adam", loss="binary_crossentropy", metrics=[f1])
    return model


tuner = kt.RandomSearch(build, objective="val_f1", max_trials=3)
'''

# KT105: F1Score with average=None on a 4-unit output; adding average="macro" is an unsafe fix.
NOT_SCALAR = '''import keras
import keras_tuner as kt


def build(hp):
    model = keras.Sequential([
        keras.Input(shape=(12,)),
        keras.layers.Dense(hp.Int("units", 8, 24, step=8), activation="relu"),
        keras.layers.Dense(4, activation="softmax"),
    ])
    model.compile(optimizer="adam", loss="categorical_crossentropy", metrics=[keras.metrics.F1Score()])
    return model


tuner = kt.RandomSearch(build, objective=kt.Objective("val_f1_score", "max"), max_trials=3)
'''


def run_ktlint(
    args: Sequence[str],
    cwd: Path,
    stdin: Optional[bytes] = None,
    keras_version: Optional[str] = "3",
    env: Optional[dict] = None,
) -> subprocess.CompletedProcess:
    """Run `python -m ktlint ARGS` in `cwd`; stdout and stderr are decoded as UTF-8."""
    command = [sys.executable, "-m", "ktlint", *args]
    if keras_version is not None and not any(arg.startswith("--keras-version") for arg in args):
        command += ["--keras-version", keras_version]
    environment = dict(os.environ, PYTHONPATH=str(ROOT), NO_COLOR="1", **(env or {}))
    completed = subprocess.run(command, cwd=cwd, input=stdin if stdin is not None else b"", capture_output=True,
                               env=environment, timeout=120, check=False)
    completed.stdout = completed.stdout.decode("utf-8", errors="replace")
    completed.stderr = completed.stderr.decode("utf-8", errors="replace")
    return completed


def codes_of(output: str) -> list[str]:
    """Rule codes of `--output-format concise` lines, in order."""
    codes = []
    for line in output.splitlines():
        if ": KT" in line:
            codes.append(line.split(": ", 1)[1].split()[0])
    return codes
