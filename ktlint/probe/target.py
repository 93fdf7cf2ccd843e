"""Load a `module:Attr` or `path/to/file.py:Attr` target and turn the attribute into a hypermodel."""

from __future__ import annotations

import importlib.util
import os
import sys
from typing import Any, Optional

from ktlint.probe.intercept import ProbeStop


class TargetError(Exception):
    """The target cannot be loaded or is not a hypermodel; the message names it and the fix."""


def load_module(path: Optional[str], module: Optional[str], cwd: str) -> tuple[Any, Optional[BaseException], bool]:
    """Execute a module like Python would, and keep it even when its top-level code raises.

    Returns (module, the exception its top-level code raised or None, whether it stopped at search()).
    The file's folder (for a path) or the working directory (for a module name) goes first on sys.path,
    as with `python file.py` and `python -m module`.
    """
    if path is not None:
        path = os.path.abspath(os.path.join(cwd, path))
        if not os.path.isfile(path):
            raise TargetError(f"file not found: {path}")
        sys.path.insert(0, os.path.dirname(path))
        spec = importlib.util.spec_from_file_location(_module_name(path), path)
    else:
        sys.path.insert(0, cwd)
        try:
            spec = importlib.util.find_spec(module)
        except (ImportError, ValueError) as error:
            raise TargetError(f"cannot import module {module!r} from {cwd}: {error}") from error
        if spec is None:
            raise TargetError(f"module {module!r} not found from {cwd}; run the probe from the folder that contains it")
    if spec is None or spec.loader is None:
        raise TargetError(f"cannot load {path or module!r} as a Python module")

    loaded = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = loaded
    try:
        spec.loader.exec_module(loaded)
    except ProbeStop:
        return loaded, None, True
    except Exception as error:
        return loaded, error, False
    return loaded, None, False


def _module_name(path: str) -> str:
    stem = os.path.splitext(os.path.basename(path))[0]
    if stem.isidentifier() and stem not in sys.modules:
        return stem
    return f"_ktlint_probe_{abs(hash(path))}"


def resolve_attribute(module: Any, dotted: str, label: str, stopped_at_search: bool) -> Any:
    value = module
    for part in dotted.split("."):
        if not hasattr(value, part):
            hint = ""
            if stopped_at_search:
                hint = " (the module calls search() before defining it, and the probe stops there)"
            raise TargetError(f"{label} has no attribute {dotted!r}{hint}")
        value = getattr(value, part)
    return value


def hypermodel_argument(value: Any, name: str, keras_tuner: Any) -> Any:
    """Return what a tuner accepts as `hypermodel`: a HyperModel instance or a build function."""
    if isinstance(value, type) and issubclass(value, keras_tuner.HyperModel):
        try:
            return value()
        except TypeError as error:
            raise TargetError(
                f"{name} needs constructor arguments ({error}); point the probe at an instance, as module:INSTANCE"
            ) from error
    if isinstance(value, keras_tuner.HyperModel) or callable(value):
        return value
    raise TargetError(f"{name} is a {type(value).__name__}, not a HyperModel subclass, instance or build function")
