"""The log key one metric entry gets in a given Keras major version."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

import libcst as cst

from ktlint.facts import metrics as kinds
from ktlint.facts.metrics import MetricRef
from ktlint.facts.symbols import argument, is_none
from ktlint.keys.naming import function_metric_name, to_snake_case
from ktlint.keys.tables import tables

VECTOR_CLASSES = ("F1Score", "FBetaScore")


@dataclass
class MetricKey:
    """The predicted key of one metric; `key` is None when unknown or when Keras rejects the metric."""

    ref: MetricRef
    key: Optional[str] = None
    rejected: Optional[str] = None
    # The instance takes its name from a per-process counter (auc, auc_1, ...).
    auto_named: bool = False
    # Keras 3's `_direction` of the metric: "up", "down" or None.
    direction: Optional[str] = None
    # F1Score/FBetaScore with average=None: one value per output unit.
    vector: bool = False
    # The minimum number of units of the output the metric is applied to, when known.
    units: Optional[int] = None

    @property
    def known(self) -> bool:
        return self.key is not None


def metric_key(ref: MetricRef, major: int) -> MetricKey:
    table = tables(major)
    result = MetricKey(ref=ref)

    if ref.kind == kinds.STRING:
        result.key, result.rejected = table.string_key(ref.identifier)
        entry = table.string_metrics.get(ref.identifier) or {}
        if result.key is not None:
            result.direction = entry.get("direction") if major >= 3 else _string_direction(ref.identifier)
        return result

    if ref.kind in (kinds.KERAS_CLASS, kinds.KERAS_LOSS_CLASS):
        is_metric = ref.kind == kinds.KERAS_CLASS
        entry = table.metric_class(ref.identifier) if is_metric else table.loss_class(ref.identifier)
        if entry is None:
            area = "metrics" if is_metric else "losses"
            result.rejected = f"`keras.{area}.{ref.identifier}` does not exist in Keras {table.keras_version}"
            return result
        name, name_unknown = ref.name_argument(entry.get("params"))
        if name_unknown:
            return result
        result.key = name if name is not None else entry.get("default_name")
        result.auto_named = name is None and bool(entry.get("auto_named"))
        result.direction = entry.get("direction") or _direction_from_other_version(ref.identifier, major)
        result.vector = is_metric and ref.identifier in VECTOR_CLASSES and _average_is_none(ref.call)
        return result

    if ref.kind == kinds.KERAS_FUNCTION:
        function_name = table.function_name(ref.identifier)
        if function_name is None:
            result.rejected = f"`keras.metrics.{ref.identifier}` does not exist in Keras {table.keras_version}"
            return result
        result.key = function_metric_name(function_name, major)
        return result

    if ref.kind == kinds.FUNCTION:
        renamed = ref.renamed or ""
        if renamed.startswith(kinds.DUNDER_PREFIX):
            result.key = function_metric_name(renamed[len(kinds.DUNDER_PREFIX):], major)
        else:
            result.key = renamed or function_metric_name(ref.identifier, major)
        return result

    if ref.kind == kinds.LAMBDA:
        # Keras 3 snake_cases `<lambda>` to `lambda`; Keras 2 keeps it.
        result.key = "lambda" if major >= 3 else "<lambda>"
        return result

    if ref.kind == kinds.PARTIAL:
        result.key = "partial"
        return result

    if ref.kind == kinds.USER_CLASS:
        return _user_class_key(ref, major, result)
    return result


def _user_class_key(ref: MetricRef, major: int, result: MetricKey) -> MetricKey:
    naming = ref.naming
    name, name_unknown = ref.name_argument()
    if name_unknown or naming is None:
        return result
    if name is not None:
        result.key = name
        return result
    if naming.unknown:
        return result
    if naming.literal is not None:
        result.key = naming.literal
        return result
    base = tables(major).metric_class(naming.keras_base) if naming.keras_base else None
    if base is not None and not base.get("auto_named") and base.get("default_name"):
        # A subclass of a class with a literal default name (F1Score) keeps that name.
        result.key = base["default_name"]
        result.direction = base.get("direction")
        return result
    result.key = to_snake_case(naming.class_name, major)
    result.auto_named = True
    if base is not None:
        result.direction = base.get("direction")
    return result


def _average_is_none(call: Optional[cst.Call]) -> bool:
    if call is None:
        return False
    average = argument(call, "average", 0)
    if average is None:
        return not any(arg.star == "**" for arg in call.args)
    return is_none(average.value)


def _direction_from_other_version(class_name: str, major: int) -> Optional[str]:
    # Keras 2 metrics carry no `_direction`; the Keras 3 class of the same name gives the metric's sense.
    other = tables(3 if major == 2 else 2).metric_class(class_name) or {}
    return other.get("direction")


def _string_direction(identifier: str) -> Optional[str]:
    """Return the sense of a metric string for Keras 2, which records no `_direction`, from Keras 3's table."""
    entry = tables(3).string_metrics.get(identifier) or {}
    if entry.get("direction"):
        return entry["direction"]
    if identifier.lower() in ("accuracy", "acc"):
        return "up"
    for major in (3, 2):
        table = tables(major)
        for class_name, entry in table.metric_classes.items():
            if identifier in (class_name, to_snake_case(class_name, 3), entry.get("default_name")):
                if entry.get("direction"):
                    return entry["direction"]
    return None
