"""Optimisation directions: the one KerasTuner infers for a string objective, and the one a metric needs."""

from __future__ import annotations

import re
from typing import Optional

from ktlint.keys.tables import tables

# Tokens of a metric name that mark a score to maximise or an error to minimise. A name with tokens of
# both kinds (`f1_loss`) or of neither gets no sense, so no direction is checked for it.
HIGHER_IS_BETTER = frozenset({
    "accuracy", "acc", "auc", "precision", "recall", "f1", "fbeta", "f2", "iou", "io", "r2", "sensitivity",
    "specificity", "correlation", "similarity", "kappa", "mcc", "ndcg", "hit", "hits",
})
LOWER_IS_BETTER = frozenset({
    "loss", "error", "mse", "mae", "rmse", "mape", "msle", "crossentropy", "hinge", "poisson", "divergence",
    "logcosh", "perplexity", "bce", "distance",
})
_FALSE_COUNTS = re.compile(r"(^|_)false_(positives|negatives)(_|$)")
_TRUE_COUNTS = re.compile(r"(^|_)true_(positives|negatives)(_|$)")


def strip_objective_prefix(name: str) -> str:
    """Remove one `val_` then one `weighted_` prefix, as KerasTuner does before inferring a direction."""
    if name.startswith("val_"):
        name = name[len("val_"):]
    if name.startswith("weighted_"):
        name = name[len("weighted_"):]
    return name


def kerastuner_direction(objective: str, major: int) -> Optional[str]:
    """Return what KerasTuner 1.4 infers for a plain-string objective: "min", "max", None or "error:<Type>"."""
    base = strip_objective_prefix(objective)
    # keras_tuner.src.engine.metrics_tracking.infer_metric_direction special-cases these spellings.
    if base in ("loss", "crossentropy", "ce"):
        return "min"
    if base == "acc":
        return "max"
    return tables(major).objective_directions.get(base)


def sense_from_name(key: str) -> Optional[str]:
    """Guess whether a log key is a score ("max") or an error ("min") from its words; None when unsure."""
    base = key[len("val_"):] if key.startswith("val_") else key
    base = re.sub(r"_\d+$", "", base).lower()
    if _FALSE_COUNTS.search(base):
        return "min"
    if _TRUE_COUNTS.search(base):
        return "max"
    tokens = set(base.split("_"))
    higher = bool(tokens & HIGHER_IS_BETTER)
    lower = bool(tokens & LOWER_IS_BETTER) or "mean_squared" in base or "mean_absolute" in base
    if higher and not lower:
        return "max"
    if lower and not higher:
        return "min"
    return None


def sense_from_keras_direction(direction: Optional[str]) -> Optional[str]:
    """Map a Keras 3 metric's `_direction` ("up"/"down") to an objective direction."""
    return {"up": "max", "down": "min"}.get(direction or "")
