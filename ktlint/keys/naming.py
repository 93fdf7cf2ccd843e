"""Keras's own snake_case conversion, which differs slightly between Keras 3 and Keras 2."""

from __future__ import annotations

import re

_WORD_START = re.compile("(.)([A-Z][a-z]+)")
_CASE_CHANGE = re.compile("([a-z])([A-Z])")


def to_snake_case(name: str, major: int) -> str:
    """Convert a class or function name the way Keras names metrics after it."""
    if major >= 3:
        # Keras 3 (keras/src/utils/naming.py) first drops every non-word character.
        name = re.sub(r"\W+", "", name)
    name = _WORD_START.sub(r"\1_\2", name)
    name = _CASE_CHANGE.sub(r"\1_\2", name).lower()
    if major < 3 and name.startswith("_"):
        # Keras 2 (generic_utils.to_snake_case) keeps private names from starting with an underscore.
        name = "private" + name
    return name


def function_metric_name(name: str, major: int) -> str:
    """Return the log key of a plain function passed as a metric: snake_cased in Keras 3 only."""
    return to_snake_case(name, major) if major >= 3 else name
