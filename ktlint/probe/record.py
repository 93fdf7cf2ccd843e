"""What one probe saw: tuners, fits, log keys and value shapes, the trial's outcome and every exception.

An `Observation` is filled in by the patches of intercept.py while the user's code runs, then sent to the
parent as JSON. It stores facts only; findings.py decides what they mean.
"""

from __future__ import annotations

import re
import sys
import traceback
from typing import Any, Optional

from ktlint.probe.frames import traceback_frames

# Lines of a KerasTuner trial message (a formatted traceback) kept in the result.
MESSAGE_LINES = 40
# "F1Score.__init__() got an unexpected keyword argument ..." and "... missing 1 required ...".
CONSTRUCTOR = re.compile(r"(\w+)\.__init__\(\) (?:got an unexpected keyword|missing \d+ required)")


class Observation:
    """Facts recorded while one probe job runs; `to_json()` is what the child sends to the parent."""

    def __init__(self, form: str) -> None:
        self.form = form
        self.versions: dict[str, str] = {}
        self.keras_major: Optional[int] = None
        self.environment: list[dict] = []
        # Every tuner constructed while the user's code ran, in order (see describe.describe_tuner).
        self.tuners: list[dict] = []
        # Index into `tuners` of the tuner whose trial ran.
        self.searched_tuner: Optional[int] = None
        self.search: Optional[dict] = None
        # One entry per model.fit() call inside the trial.
        self.fits: list[dict] = []
        # What run_trial() and HyperModel.fit() returned, keyed by KerasTuner's name for the function.
        self.results: dict[str, dict] = {}
        # Keys of the metrics dict KerasTuner passed to Oracle.update_trial(), when it got that far.
        self.reported: Optional[list[str]] = None
        self.trial: Optional[dict] = None
        self.exceptions: list[dict] = []
        self.compile_location: Optional[dict] = None
        self.hypermodel: Optional[dict] = None
        self.target: Optional[dict] = None
        self.data: Optional[str] = None
        # How a script ended: "search" (the probe stopped it), "end", "exit" or "exception".
        self.stopped: Optional[str] = None
        self.exit_code: Any = None
        self.notes: list[str] = []
        self.probe_error: Optional[str] = None
        self._recorded: list[BaseException] = []

    def record_exception(self, error: BaseException, phase: str) -> None:
        """Store an exception once, with the phase where it was first seen (innermost wins)."""
        if any(error is seen for seen in self._recorded):
            return
        self._recorded.append(error)
        self.exceptions.append({
            "phase": phase,
            "type": type(error).__name__,
            "module": type(error).__module__,
            "message": _message(error),
            "frames": traceback_frames(error.__traceback__),
            "details": exception_details(error),
            "traceback": "".join(traceback.format_exception(type(error), error, error.__traceback__))[-6000:],
        })

    def to_json(self) -> dict:
        return {
            "form": self.form,
            "versions": self.versions,
            "keras_major": self.keras_major,
            "environment": self.environment,
            "tuners": self.tuners,
            "searched_tuner": self.searched_tuner,
            "search": self.search,
            "fits": self.fits,
            "results": self.results,
            "reported": self.reported,
            "trial": self.trial,
            "exceptions": self.exceptions,
            "compile_location": self.compile_location,
            "hypermodel": self.hypermodel,
            "target": self.target,
            "data": self.data,
            "stopped": self.stopped,
            "exit_code": self.exit_code if isinstance(self.exit_code, (int, str, type(None))) else repr(self.exit_code),
            "notes": self.notes,
            "probe_error": self.probe_error,
        }


def exception_details(error: BaseException) -> dict:
    """Facts that only the live exception shows: the objective being inferred, the area of a Keras class."""
    details: dict = {}
    tb = error.__traceback__
    while tb is not None:
        frame = tb.tb_frame
        if frame.f_code.co_name == "infer_metric_direction":
            metric = frame.f_locals.get("metric")
            if isinstance(metric, str):
                details["metric"] = metric
        tb = tb.tb_next

    match = CONSTRUCTOR.search(str(error))
    if match:
        area = keras_area(match.group(1))
        if area:
            details["keras_area"] = area
    return details


def keras_area(class_name: str) -> Optional[str]:
    """Return "metrics", "losses" or "layers" when an imported Keras defines `class_name` there."""
    for module_name in ("keras", "tf_keras"):
        keras = sys.modules.get(module_name)
        if keras is None:
            continue
        for area in ("metrics", "losses", "layers"):
            if hasattr(getattr(keras, area, None), class_name):
                return area
    return None


def _message(error: BaseException) -> str:
    # KeyError's str() is the repr of the key; keep it, because KerasTuner's KeyError names the objective.
    text = str(error)
    return text if len(text) < 4000 else text[:4000] + " ..."


def value_shape(value: Any) -> list[int]:
    """Return the shape of a logged value: [] for a scalar, [4] for one value per class of four."""
    shape = getattr(value, "shape", None)
    if shape is None:
        return []
    return [int(dim) if dim is not None else -1 for dim in shape]


def is_vector(shape: list[int]) -> bool:
    """Return True when a value contains more than one number; KerasTuner accepts a (1,) array as a scalar."""
    size = 1
    for dim in shape:
        size *= max(dim, 0)
    return size > 1


def metric_directions(model: Any) -> dict[str, Optional[str]]:
    """Map each compiled metric's name to its Keras 3 `_direction` ("up", "down" or None).

    Keras 3 keeps the compiled metrics in a `CompileMetrics` container; Keras 2 metrics have no
    `_direction`, so every value is None there.
    """
    found: dict[str, Optional[str]] = {}
    pending = list(getattr(model, "metrics", None) or [])
    while pending:
        metric = pending.pop()
        is_container = type(metric).__name__ in ("CompileMetrics", "MetricsList")
        inner = getattr(metric, "metrics", None) if is_container else None
        if inner:
            pending.extend(inner)
            continue
        name = getattr(metric, "name", None)
        if isinstance(name, str):
            found[name] = getattr(metric, "_direction", None)
    return found


def recorder_class(keras: Any) -> type:
    """Build the log-recording callback on the Keras that KerasTuner uses (Keras 3 or Keras 2)."""

    class LogRecorder(keras.callbacks.Callback):
        """Record the epoch logs, and stop training after the first batch.

        The probe puts it first in the callback list, so it reads the logs before a user callback or
        KerasTuner's checkpoint callback can raise at the end of the epoch.
        """

        def __init__(self, fit: dict) -> None:
            super().__init__()
            self.fit = fit

        def on_train_batch_end(self, batch, logs=None):
            self.fit["batches"] += 1
            self.model.stop_training = True

        def on_epoch_end(self, epoch, logs=None):
            logs = logs or {}
            for key, value in logs.items():
                self.fit["shapes"][str(key)] = value_shape(value)
            self.fit["keys"] = sorted(self.fit["shapes"])
            self.fit["metric_directions"] = metric_directions(self.model)

    return LogRecorder


def new_fit_record(location: Optional[dict], validation: bool, monitors: list[dict]) -> dict:
    return {
        "location": location,
        "validation": validation,
        "monitors": monitors,
        "keys": [],
        "shapes": {},
        "metric_directions": {},
        "batches": 0,
    }


def summarize_results(results: Any) -> dict:
    """Describe a run_trial() or HyperModel.fit() return value the way KerasTuner sorts it."""
    if isinstance(results, list):
        return {"kind": "list", "items": [summarize_results(item) for item in results]}
    if results is None:
        return {"kind": "none"}
    if isinstance(results, bool):
        return {"kind": "other", "type": "bool"}
    # KerasTuner accepts Python and NumPy numbers (np.floating); a NumPy scalar has shape ().
    numpy_scalar = hasattr(results, "dtype") and getattr(results, "shape", None) == ()
    if isinstance(results, (int, float)) or numpy_scalar:
        return {"kind": "number"}
    if isinstance(results, dict):
        return {"kind": "dict", "keys": sorted(str(key) for key in results)}
    history = getattr(results, "history", None)
    if isinstance(history, dict):
        return {"kind": "history", "keys": sorted(str(key) for key in history)}
    return {"kind": "other", "type": type(results).__name__}


def trial_record(trial: Any) -> dict:
    """Describe a KerasTuner Trial: id, status, message (the end of a traceback), metrics, hyperparameters."""
    message = getattr(trial, "message", None) or ""
    lines = message.strip().splitlines()
    metrics = getattr(getattr(trial, "metrics", None), "metrics", None) or {}
    return {
        "id": str(getattr(trial, "trial_id", "")),
        "status": str(getattr(trial, "status", "")),
        "message": "\n".join(lines[-MESSAGE_LINES:]),
        "metrics": sorted(str(name) for name in metrics),
        "hyperparameters": _plain_values(getattr(getattr(trial, "hyperparameters", None), "values", {})),
    }


def _plain_values(values: dict) -> dict:
    plain = {}
    for name, value in (values or {}).items():
        plain[str(name)] = value if isinstance(value, (int, float, str, bool, type(None))) else repr(value)
    return plain
