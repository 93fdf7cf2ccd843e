"""Name tables measured from real Keras by scripts/generate_tables.py, one JSON file per major version."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Optional

class KerasTables:
    """Lookups into one version's table."""

    def __init__(self, data: dict) -> None:
        self.data = data
        self.major: int = data["major"]
        self.string_metrics: dict = data["string_metrics"]
        self.metric_classes: dict = data["metric_classes"]
        self.loss_classes: dict = data["loss_classes"]
        self.metric_functions: dict = data["metric_functions"]
        self.loss_functions: dict = data["loss_functions"]
        self.objective_directions: dict = data["objective_directions"]
        self.callbacks: dict = data["callbacks"]

    @property
    def keras_version(self) -> str:
        return self.data["versions"]["keras"]

    def string_key(self, identifier: str) -> tuple[Optional[str], Optional[str]]:
        """Return (key, None) for an accepted metric string, or (None, reason) for one Keras rejects."""
        lowered = identifier.lower()
        # Both versions name these after the string as written, whatever the model's output shape.
        if lowered in ("accuracy", "acc") or (self.major < 3 and lowered in ("crossentropy", "ce")):
            return identifier, None
        entry = self.string_metrics.get(identifier)
        if entry is None:
            return None, f"`{identifier}` is not a metric identifier Keras {self.major} knows"
        if "key" in entry:
            return entry["key"], None
        return None, entry["rejected"]

    def metric_class(self, name: str) -> Optional[dict]:
        return self.metric_classes.get(name)

    def loss_class(self, name: str) -> Optional[dict]:
        return self.loss_classes.get(name)

    def function_name(self, attribute: str) -> Optional[str]:
        """Return the __name__ of keras.metrics.<attribute> or keras.losses.<attribute> when it is a function."""
        return self.metric_functions.get(attribute) or self.loss_functions.get(attribute)


@lru_cache(maxsize=None)
def tables(major: int) -> KerasTables:
    text = resources.files("ktlint.keys").joinpath("data", f"keras{major}.json").read_text(encoding="utf-8")
    return KerasTables(json.loads(text))
