"""Optimisation directions: the one KerasTuner infers for a string objective, and the one a metric needs."""

from __future__ import annotations

import re
from typing import Optional

from ktlint.keys.tables import tables

# Words of a metric name that mark a score to maximise or an error to minimise. A name gets a sense only
# when every word is one of these or a neutral modifier, so `accuracy_drop` or `neg_f1` get none.
HIGHER_IS_BETTER = frozenset({
    "accuracy", "acc", "auc", "precision", "recall", "f1", "fbeta", "f2", "iou", "miou", "io", "u", "r2",
    "sensitivity", "specificity", "correlation", "similarity", "kappa", "mcc", "ndcg", "dice", "jaccard",
    "coefficient", "coef", "hit", "hits", "rate", "true", "positives", "negatives",
})
LOWER_IS_BETTER = frozenset({
    "loss", "error", "mse", "mae", "rmse", "mape", "msle", "crossentropy", "hinge", "poisson", "divergence",
    "logcosh", "perplexity", "bce", "distance", "squared", "absolute", "percentage", "logarithmic", "false",
})
NEUTRAL_WORDS = frozenset({
    "score", "mean", "avg", "average", "macro", "micro", "weighted", "binary", "categorical", "sparse", "top",
    "k", "1", "2", "3", "5", "at", "metric", "custom", "my", "m", "root", "log", "cosine", "kl", "roc", "pr",
    "class", "multi", "label", "multilabel", "sample", "samples", "global", "per", "total",
})


_FALSE_COUNTS = re.compile(r"^false_(positives|negatives)$")
_TRUE_COUNTS = re.compile(r"^true_(positives|negatives)$")


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
    words = [word for word in base.split("_") if word]
    if not words or any(word not in HIGHER_IS_BETTER | LOWER_IS_BETTER | NEUTRAL_WORDS for word in words):
        return None
    higher = any(word in HIGHER_IS_BETTER - {"true", "positives", "negatives", "rate", "u", "io"} for word in words)
    higher = higher or "io" in words
    lower = any(word in LOWER_IS_BETTER - {"false", "squared", "absolute", "percentage", "logarithmic"} for word in words)
    lower = lower or ("mean" in words and bool({"squared", "absolute"} & set(words)))
    if higher and not lower:
        return "max"
    if lower and not higher:
        return "min"
    return None


def sense_from_keras_direction(direction: Optional[str]) -> Optional[str]:
    """Map a Keras 3 metric's `_direction` ("up"/"down") to an objective direction."""
    return {"up": "max", "down": "min"}.get(direction or "")
