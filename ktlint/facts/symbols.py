"""Qualified names of expressions, and which Keras or KerasTuner symbol they denote."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

import libcst as cst

from ktlint.parsing.scope import Scope

# Import roots that reach the Keras API. `tf_keras` is always Keras 2; the others follow the installed version.
KERAS_ROOTS = (
    "tf_keras",
    "keras",
    "tensorflow.keras",
    "tensorflow.python.keras",
    "tensorflow.compat.v2.keras",
    "tensorflow.compat.v1.keras",
)
KERAS_TUNER_ROOTS = ("keras_tuner", "kerastuner")
KERAS_AREAS = frozenset({"metrics", "losses", "callbacks", "layers", "models", "applications", "optimizers"})

BUILT_IN_TUNERS = frozenset({"RandomSearch", "Hyperband", "BayesianOptimization", "GridSearch", "Tuner"})
BUILT_IN_ORACLES = frozenset(
    {"RandomSearchOracle", "HyperbandOracle", "BayesianOptimizationOracle", "GridSearchOracle", "Oracle"}
)
SKLEARN_TUNERS = frozenset({"SklearnTuner", "Sklearn"})


@dataclass(frozen=True)
class KerasSymbol:
    """A public Keras name: `area` is metrics, losses, callbacks, layers, models ... or "" for top level."""

    area: str
    name: str
    # 2 when spelled through tf_keras, else None (the installed Keras decides).
    major: Optional[int]


def dotted_name(node: cst.BaseExpression) -> Optional[str]:
    if isinstance(node, cst.Name):
        return node.value
    if isinstance(node, cst.Attribute):
        inner = dotted_name(node.value)
        return f"{inner}.{node.attr.value}" if inner is not None else None
    return None


def qualified_name(node: cst.BaseExpression, scope: Scope) -> Optional[str]:
    """Return `node`'s dotted name with its first part replaced by what it was imported as."""
    dotted = dotted_name(node)
    if dotted is None:
        return None
    head, _, rest = dotted.partition(".")

    current: Optional[Scope] = scope
    while current is not None:
        if current.binds(head):
            # A local name shadows the import; a simple alias (`metrics = keras.metrics`) is followed once.
            value = current.value_of(head)
            if isinstance(value, (cst.Name, cst.Attribute)) and dotted_name(value) != dotted:
                inner = qualified_name(value, current)
                return f"{inner}.{rest}" if inner and rest else inner
            return None
        current = current.parent

    imported = scope.module.imports.get(head)
    if imported is None:
        return None
    return f"{imported}.{rest}" if rest else imported


def keras_symbol(qualified: Optional[str]) -> Optional[KerasSymbol]:
    """Classify a qualified name under one of the Keras import roots, or return None."""
    if not qualified:
        return None
    for root in KERAS_ROOTS:
        if qualified == root or qualified.startswith(root + "."):
            parts = qualified[len(root) + 1:].split(".") if qualified != root else []
            break
    else:
        return None
    if not parts:
        return None

    major = 2 if root == "tf_keras" else None
    area = next((part for part in parts[:-1] if part in KERAS_AREAS), "")
    return KerasSymbol(area=area, name=parts[-1], major=major)


def keras_tuner_symbol(qualified: Optional[str]) -> Optional[str]:
    """Return the last part of a name imported from keras_tuner (or the old kerastuner), else None."""
    if not qualified:
        return None
    for root in KERAS_TUNER_ROOTS:
        if qualified.startswith(root + "."):
            return qualified.rsplit(".", 1)[-1]
    return None


def string_value(node: Optional[cst.BaseExpression]) -> Optional[str]:
    """Return the value of a plain string literal (no f-string), else None."""
    if node is None:
        return None
    if isinstance(node, (cst.SimpleString, cst.ConcatenatedString)):
        value = node.evaluated_value
        return value if isinstance(value, str) else None
    return None


def int_value(node: Optional[cst.BaseExpression]) -> Optional[int]:
    if isinstance(node, cst.Integer):
        try:
            return int(node.evaluated_value)
        except ValueError:
            return None
    return None


def is_none(node: Optional[cst.BaseExpression]) -> bool:
    return isinstance(node, cst.Name) and node.value == "None"


def argument(call: cst.Call, keyword: str, position: Optional[int] = None) -> Optional[cst.Arg]:
    """Return the argument passed as `keyword=`, or at 0-based `position` before any keyword or star."""
    for arg in call.args:
        if arg.keyword is not None and arg.keyword.value == keyword:
            return arg
    if position is not None:
        index = 0
        for arg in call.args:
            if arg.keyword is not None or arg.star:
                break
            if index == position:
                return arg
            index += 1
    return None


def has_star_args(call: cst.Call) -> bool:
    return any(arg.star for arg in call.args)
