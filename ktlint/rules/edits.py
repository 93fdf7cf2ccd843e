"""Source edits shared by several rules' fixes."""

from __future__ import annotations

from typing import Optional

import libcst as cst

from ktlint.diagnostics import Fix, Location
from ktlint.facts.tuner import ObjectiveEntry
from ktlint.parsing.module import ParsedModule
from ktlint.rules.base import insert_at, node_span, replace_node


def quoted(value: str, like: Optional[cst.BaseExpression] = None) -> str:
    """Quote `value` with the same quote character as the literal it replaces."""
    quote = '"'
    if isinstance(like, cst.SimpleString) and like.quote in ("'", "'''"):
        quote = "'"
    return f"{quote}{value}{quote}"


def objective_constructor(module: ParsedModule) -> Optional[str]:
    """Return how this module can spell `keras_tuner.Objective`, or None when it imports neither."""
    for local, qualified in module.imports.items():
        if qualified in ("keras_tuner.Objective", "kerastuner.Objective"):
            return local
    for local, qualified in module.imports.items():
        if qualified in ("keras_tuner", "kerastuner"):
            return f"{local}.Objective"
    return None


def rename_objective(entry: ObjectiveEntry, new_name: str) -> Optional[Fix]:
    if not entry.direct:
        return None
    return replace_node(
        entry.module, entry.node, quoted(new_name, entry.node), f"Rename the objective to `{new_name}`"
    )


def wrap_objective(entry: ObjectiveEntry, direction: str, applicability: str = "safe") -> Optional[Fix]:
    """Replace a plain-string objective with `kt.Objective(name, direction)` where the tuner gets it."""
    constructor = objective_constructor(entry.module)
    if constructor is None or entry.explicit or not entry.direct:
        return None
    name = quoted(entry.name, entry.node)
    content = f"{constructor}({name}, {quoted(direction, entry.node)})"
    return replace_node(
        entry.module, entry.node, content, f'Use `{constructor}("{entry.name}", "{direction}")`', applicability
    )


def append_argument(module: ParsedModule, call: cst.Call, text: str, message: str, applicability: str = "safe") -> Fix:
    """Add `text` as the last argument of `call`, before its closing parenthesis."""
    _, end = node_span(module, call)
    # `end` is just past the closing parenthesis, so one column back inserts before it.
    closing = Location(end.row, end.column - 1)
    if not call.args:
        separator = ""
    elif isinstance(call.args[-1].comma, cst.Comma):
        separator = " "
    else:
        separator = ", "
    return Fix(message=message, edits=(insert_at(closing, separator + text),), applicability=applicability)
