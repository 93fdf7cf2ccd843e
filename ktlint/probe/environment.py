"""Faults of the installation, not of the user's code, that make every KerasTuner trial fail.

The checks run in the process that imported KerasTuner. `fault_from_exception` reads a recorded
exception and runs anywhere, because the parent classifies the child's exceptions without Keras.
"""

from __future__ import annotations

import importlib.util
import sys
from importlib import metadata
from typing import Any, Optional

TENSORBOARD_MISSING = "tensorboard-missing"
LEGACY_KERAS_MODEL = "legacy-keras-model"
SCIPY_MISSING = "scipy-missing"
PACKAGE_MISSING = "package-missing"
# Import names of the packages a tuning script needs, and the distribution that provides each.
REQUIRED_PACKAGES = {
    "keras_tuner": "keras-tuner", "kerastuner": "keras-tuner", "tensorflow": "tensorflow", "keras": "keras",
    "tf_keras": "tf-keras",
}


def installed_version(distribution: str) -> Optional[str]:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return None


def versions(keras: Any = None) -> dict:
    """Return the versions that decide which keys Keras logs and how KerasTuner behaves."""
    found = {"python": sys.version.split()[0], "interpreter": sys.executable}
    for distribution in ("tensorflow", "keras", "tf-keras", "keras-tuner", "tensorboard"):
        version = installed_version(distribution)
        if version:
            found[distribution] = version
    if keras is not None:
        # KerasTuner's Keras: Keras 3, or tf.keras on a TensorFlow 2.15 and earlier install.
        found["kerastuner_keras"] = keras_version(keras)
        backend = getattr(getattr(keras, "config", None), "backend", None)
        found["backend"] = backend() if callable(backend) else "tensorflow"
    return found


def keras_version(keras: Any) -> str:
    """Return a Keras module's version, also for TensorFlow 2.15's `tf.keras`, which has no `__version__`."""
    version = getattr(keras, "__version__", None)
    if version:
        return str(version)
    name = getattr(keras, "__name__", "")
    package = sys.modules.get("tf_keras" if name.startswith("tf_keras") else "keras")
    return str(getattr(package, "__version__", "") or installed_version("keras") or "")


def keras_major(keras: Any) -> Optional[int]:
    version = keras_version(keras)
    try:
        return int(version.split(".")[0])
    except ValueError:
        return None


def check_environment(keras: Any) -> list[dict]:
    """Find installation faults before any trial runs."""
    faults = []
    found = versions(keras)
    if found.get("backend") == "tensorflow" and not _importable("tensorboard"):
        faults.append(tensorboard_missing(found))
    # NOTE: TF_USE_LEGACY_KERAS=1 alone is no fault, because `import keras` still builds Keras 3 models;
    # a tf_keras model is reported from the FatalTypeError of the trial that builds it.
    return faults


def _importable(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):
        return False


def tensorboard_missing(found: dict) -> dict:
    return {
        "fault": TENSORBOARD_MISSING,
        "message": (
            f"KerasTuner {found.get('keras-tuner', '')} imports `tensorboard` at the start of every trial on the "
            f"TensorFlow backend, and TensorFlow {found.get('tensorflow', '')} does not install it: every trial "
            "fails with `ModuleNotFoundError: No module named 'tensorboard'`"
        ),
        "fix": "Install it: `pip install tensorboard`",
    }


def legacy_keras_model(found: dict) -> dict:
    return {
        "fault": LEGACY_KERAS_MODEL,
        "message": (
            f"KerasTuner runs on Keras {found.get('kerastuner_keras') or found.get('keras', '3')} here, because it "
            "always imports `keras`, so it rejects models built with tf_keras (`tf.keras` under "
            "TF_USE_LEGACY_KERAS=1): every trial fails with `FatalTypeError: Expected the model-building function "
            "... to return a valid Keras Model instance`"
        ),
        "fix": (
            "Build the model with `import keras` (Keras 3) and unset TF_USE_LEGACY_KERAS, or use an environment "
            "with TensorFlow 2.15 and Keras 2"
        ),
    }


def fault_from_exception(exception: dict, found: dict) -> Optional[dict]:
    """Return the installation fault a recorded exception shows, or None for a fault of the code."""
    message = exception.get("message", "")
    if exception.get("type") == "ModuleNotFoundError" and "tensorboard" in message:
        return tensorboard_missing(found)
    if "to return a valid Keras Model instance" in message and ("tf_keras" in message or "keras.src.engine" in message):
        return legacy_keras_model(found)
    if "Please install scipy" in message:
        return {
            "fault": SCIPY_MISSING,
            "message": "KerasTuner's BayesianOptimization needs scipy, which is not installed: constructing the "
            "tuner raises `ImportError`",
            "fix": "Install it: `pip install keras-tuner[bayesian]` (or `pip install scipy`)",
        }
    if exception.get("type") == "ModuleNotFoundError":
        missing = message.partition("No module named ")[2].strip("'\" ").split(".")[0]
        if missing in REQUIRED_PACKAGES:
            return {
                "fault": PACKAGE_MISSING,
                "message": f"`{missing}` is not installed for {found.get('interpreter', 'this interpreter')}",
                "fix": f"Install it: `pip install {REQUIRED_PACKAGES[missing]}`, or pass --python with the "
                "interpreter of the environment that has it",
            }
    return None
