"""Pick the logged key an objective most likely meant, and report whether the match is clear enough to fix."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Iterable, Optional


@dataclass(frozen=True)
class Match:
    key: str
    # True when the match is clear enough to rename the objective automatically.
    clear: bool


_SPELLING_GROUPS = (
    ("acc", "accuracy"),
    ("mae", "mean_absolute_error"),
    ("mse", "mean_squared_error"),
    ("mape", "mean_absolute_percentage_error"),
    ("msle", "mean_squared_logarithmic_error"),
    ("rmse", "root_mean_squared_error"),
    ("bce", "binary_crossentropy"),
    ("kld", "kl_divergence", "kullback_leibler_divergence"),
    ("logcosh", "log_cosh", "log_cosh_error"),
    ("f1", "f1_score"),
    ("fbeta", "fbeta_score", "f_beta_score"),
    ("r2", "r2_score"),
    ("iou", "io_u", "miou", "mean_io_u"),
)
# Spelling -> the other spellings of the same metric.
SPELLINGS = {
    spelling: set(group) - {spelling} for group in _SPELLING_GROUPS for spelling in group
}


def _split(key: str) -> tuple[bool, str]:
    return (True, key[4:]) if key.startswith("val_") else (False, key)


def closest_key(name: str, keys: Iterable[str]) -> Optional[Match]:
    """Return the key of `keys` closest to the objective `name`, preferring the same train/val side."""
    keys = sorted(set(keys))
    if not keys:
        return None
    is_val, base = _split(name)
    same_side = [key for key in keys if _split(key)[0] == is_val] or keys

    lowered = [key for key in same_side if key.lower() == name.lower()]
    if len(lowered) == 1:
        return Match(lowered[0], clear=True)

    # Keras's short and long spellings of one metric: `mae` and `mean_absolute_error`.
    aliases = SPELLINGS.get(base.lower(), set())
    spelled = [key for key in same_side if _split(key)[1].lower() in aliases]
    if len(spelled) == 1:
        return Match(spelled[0], clear=True)

    # A missing output prefix: `val_accuracy` against `val_out_a_accuracy`.
    prefixed = [key for key in same_side if _split(key)[1].endswith("_" + base)]
    if prefixed:
        return Match(prefixed[0], clear=len(prefixed) == 1)

    # One spelling contains the other: `acc` and `accuracy`, `f1` and `f1_macro_est`.
    related = [
        key for key in same_side
        if _split(key)[1].startswith(base) or base.startswith(_split(key)[1])
        or (len(base) >= 3 and any(word.startswith(base) for word in _split(key)[1].split("_")))
    ]
    related = [key for key in related if _split(key)[1] not in ("loss",) or base.startswith("loss")]
    if related:
        best = max(related, key=lambda key: difflib.SequenceMatcher(None, base, _split(key)[1]).ratio())
        return Match(best, clear=len(related) == 1)

    # An abbreviation built from the starts of the key's words: `miou` for `mean_io_u_score`.
    abbreviated = [key for key in same_side if _abbreviates(base, _split(key)[1].split("_"))]
    if abbreviated:
        return Match(abbreviated[0], clear=False)

    scored = sorted(
        ((difflib.SequenceMatcher(None, base, _split(key)[1]).ratio(), key) for key in same_side),
        reverse=True,
    )
    ratio, best = scored[0]
    if ratio < 0.6:
        return None
    runner_up = scored[1][0] if len(scored) > 1 else 0.0
    return Match(best, clear=ratio >= 0.8 and ratio - runner_up >= 0.1)


def _abbreviates(short: str, words: list[str]) -> bool:
    """True when `short` is the concatenation of non-empty prefixes of consecutive leading words."""
    if not short or len(short) < 2:
        return False

    def match(position: int, index: int) -> bool:
        if position == len(short):
            return index >= 2
        if index == len(words):
            return False
        word = words[index]
        for length in range(min(len(word), len(short) - position), 0, -1):
            if short[position:position + length] == word[:length] and match(position + length, index + 1):
                return True
        return False

    return match(0, 0)
