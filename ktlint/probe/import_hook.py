"""Run a callback right after `keras_tuner` is imported, wherever the import comes from."""

from __future__ import annotations

import importlib.abc
import sys
from typing import Callable


class KerasTunerImportHook(importlib.abc.MetaPathFinder):
    """Call `on_import` right after `keras_tuner` is imported, by the user's code or by the probe.

    Installing the patches on import, not before the user's code runs, keeps a script's own
    `os.environ["KERAS_BACKEND"] = ...` or `TF_USE_LEGACY_KERAS` in force, as in a real run.
    """

    def __init__(self, on_import: Callable[[], None]) -> None:
        self.on_import = on_import

    def find_spec(self, fullname, path=None, target=None):
        if fullname != "keras_tuner":
            return None
        spec = None
        for finder in sys.meta_path:
            if finder is self or not hasattr(finder, "find_spec"):
                continue
            spec = finder.find_spec(fullname, path, target)
            if spec is not None:
                break
        if spec is None or spec.loader is None:
            return spec
        spec.loader = _CallbackLoader(spec.loader, self._loaded)
        return spec

    def _loaded(self) -> None:
        if self in sys.meta_path:
            sys.meta_path.remove(self)
        self.on_import()


class _CallbackLoader(importlib.abc.Loader):
    def __init__(self, loader, callback: Callable[[], None]) -> None:
        self._loader = loader
        self._callback = callback

    def create_module(self, spec):
        return self._loader.create_module(spec)

    def exec_module(self, module):
        self._loader.exec_module(module)
        self._callback()

    def __getattr__(self, name):
        return getattr(self._loader, name)
