"""Describe live KerasTuner objects as JSON: a tuner's objectives and overrides, its hypermodel, callbacks."""

from __future__ import annotations

import inspect
import os
from typing import Any, Optional

from ktlint.probe.frames import is_user_file


def requested_project(arguments: dict) -> dict:
    """Describe the project folder the user's tuner would use, and what constructing it there would do."""
    directory = arguments.get("directory") or "."
    project_name = arguments.get("project_name") or "untitled_project"
    overwrite = bool(arguments.get("overwrite", False))
    path = os.path.abspath(os.path.join(os.fspath(directory), str(project_name)))
    exists = os.path.isdir(path)
    trials = 0
    if exists:
        try:
            trials = sum(1 for name in os.listdir(path) if name.startswith("trial_"))
        except OSError:
            pass
    return {
        "path": path,
        "overwrite": overwrite,
        "exists": exists,
        "reloads": exists and not overwrite and os.path.exists(os.path.join(path, "tuner0.json")),
        "trials": trials,
    }


def describe_tuner(tuner: Any) -> dict:
    """Describe a constructed tuner: objectives with the directions KerasTuner uses, hypermodel, overrides."""
    oracle = getattr(tuner, "oracle", None)
    objective = getattr(oracle, "objective", None)
    return {
        "objectives": objective_entries(objective),
        "objective_kind": objective_kind(objective),
        "hypermodel": describe_hypermodel(getattr(tuner, "hypermodel", None)),
        "overrides": {
            "Tuner.run_trial()": user_override(type(tuner), "run_trial"),
            "HyperModel.fit()": user_override(type(getattr(tuner, "hypermodel", None)), "fit"),
        },
        "max_trials": getattr(oracle, "max_trials", None),
        "executions_per_trial": getattr(tuner, "executions_per_trial", None),
    }


def objective_kind(objective: Any) -> str:
    name = type(objective).__name__
    if name == "MultiObjective":
        return "multi"
    if name == "DefaultObjective":
        return "default"
    return "single"


def objective_entries(objective: Any) -> list[dict]:
    """List each objective's name and the direction KerasTuner will use ("min", "max" or what the user gave)."""
    if objective is None:
        return []
    if objective_kind(objective) == "multi":
        return [{"name": str(item.name), "direction": _plain(item.direction)} for item in objective.objectives]
    return [{"name": str(objective.name), "direction": _plain(objective.direction)}]


def _plain(value: Any) -> Any:
    return value if isinstance(value, (str, type(None))) else repr(value)


def describe_hypermodel(hypermodel: Any) -> Optional[dict]:
    """Describe where the build function or HyperModel class is defined, for messages and `--compare`."""
    if hypermodel is None:
        return None
    build = getattr(hypermodel, "build", None)
    if type(hypermodel).__name__ != "DefaultHyperModel" and build is None and callable(hypermodel):
        # A build function before KerasTuner wraps it in a DefaultHyperModel.
        build = hypermodel
    if build is hypermodel or (type(hypermodel).__name__ == "DefaultHyperModel" and build is not None):
        code = getattr(build, "__code__", None)
        return {
            "kind": "function",
            "name": getattr(build, "__name__", repr(build)),
            "qualname": getattr(build, "__qualname__", ""),
            "file": code.co_filename if code else None,
            "line": code.co_firstlineno if code else None,
        }
    cls = type(hypermodel)
    file, line = None, None
    try:
        file = inspect.getsourcefile(cls)
        line = inspect.getsourcelines(cls)[1]
    except (OSError, TypeError):
        pass
    return {"kind": "class", "name": cls.__name__, "qualname": cls.__qualname__, "file": file, "line": line}


def user_override(cls: Optional[type], name: str) -> Optional[dict]:
    """Return where the user's code defines `name` in `cls`'s MRO, or None when KerasTuner's own is used."""
    if cls is None:
        return None
    for klass in cls.__mro__:
        if name not in klass.__dict__:
            continue
        function = klass.__dict__[name]
        code = getattr(function, "__code__", None)
        if code is None or not is_user_file(code.co_filename):
            return None
        return {"file": code.co_filename, "line": code.co_firstlineno, "function": f"{klass.__name__}.{name}"}
    return None


def monitors_of(callbacks: list) -> list[dict]:
    """List the `monitor` of each callback that has one (EarlyStopping, ModelCheckpoint, ReduceLROnPlateau)."""
    found = []
    for callback in callbacks:
        monitor = getattr(callback, "monitor", None)
        if isinstance(monitor, str):
            mode = _plain(getattr(callback, "mode", None))
            found.append({"callback": type(callback).__name__, "monitor": monitor, "mode": mode})
    return found
