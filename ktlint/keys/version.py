"""Keras major versions to check against, from the option, the configuration or the installed packages."""

from __future__ import annotations

import os
from importlib import metadata
from typing import Optional


def _installed(distribution: str) -> Optional[str]:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return None


def _major(version: Optional[str]) -> Optional[int]:
    if not version:
        return None
    try:
        return int(version.split(".")[0])
    except ValueError:
        return None


def _minor(version: str) -> int:
    try:
        return int(version.split(".")[1])
    except (IndexError, ValueError):
        return 0


def detect_keras_majors() -> tuple[int, ...]:
    """Read installed package versions without importing them; return (2,), (3,) or (3, 2) when unknown."""
    keras_version = _installed("keras")
    tensorflow_version = _installed("tensorflow") or _installed("tensorflow-cpu")

    # TF_USE_LEGACY_KERAS=1 makes tf.keras resolve to tf_keras (Keras 2) on TensorFlow 2.16 and later.
    if os.environ.get("TF_USE_LEGACY_KERAS", "").lower() in ("1", "true") and _installed("tf-keras"):
        return (2,)
    major = _major(keras_version)
    if major is not None:
        return (3,) if major >= 3 else (2,)
    if tensorflow_version and _major(tensorflow_version) == 2:
        # TensorFlow 2.15 and earlier bundle Keras 2; 2.16 and later depend on Keras 3.
        return (2,) if _minor(tensorflow_version) <= 15 else (3,)
    return (3, 2)


def parse_keras_version(value: str) -> tuple[int, ...]:
    """Turn the option value auto, 2 or 3 into the majors to check; raise ValueError otherwise."""
    value = str(value).strip().lower()
    if value == "auto":
        return detect_keras_majors()
    if value in ("2", "3"):
        return (int(value),)
    raise ValueError(f"invalid keras-version {value!r}: use auto, 2 or 3")
