"""Keras callbacks that watch a log key: EarlyStopping, ModelCheckpoint, ReduceLROnPlateau."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Optional

import libcst as cst

from ktlint.facts.symbols import argument, keras_symbol, qualified_name, string_value
from ktlint.parsing.module import ParsedModule
from ktlint.parsing.scope import Scope

if TYPE_CHECKING:
    from ktlint.parsing.project import Project

# Positions of `monitor` and `mode` in each constructor (identical in Keras 2 and Keras 3).
MONITORING_CALLBACKS = {
    "EarlyStopping": (0, 4),
    "ModelCheckpoint": (1, 5),
    "ReduceLROnPlateau": (0, 4),
}
DEFAULT_MONITOR = "val_loss"


@dataclass
class MonitorRef:
    """A monitoring callback with a literal (or default) monitor."""

    callback: str
    monitor: str
    # The literal mode, or None when the callback leaves it at "auto".
    mode: Optional[str]
    mode_known: bool
    call: cst.Call
    # The monitor string, or the call when the default monitor applies.
    node: cst.BaseExpression
    module: ParsedModule
    # The `mode=` value as written, when the call passes one.
    mode_node: Optional[cst.BaseExpression] = None


def callback_list(node: Optional[cst.BaseExpression], scope: Scope, project: "Project") -> Optional[list[MonitorRef]]:
    """Return the monitoring callbacks of a `callbacks=` value, or None when the list cannot be read."""
    if node is None:
        return []
    if isinstance(node, cst.Name):
        definition = project.resolve(node, scope)
        if definition is None:
            return None
        node, scope = definition.node, definition.scope
    if not isinstance(node, (cst.List, cst.Tuple)):
        return None

    refs: list[MonitorRef] = []
    for element in node.elements:
        if isinstance(element, cst.StarredElement):
            continue
        ref = monitor_ref(element.value, scope, project)
        if ref is not None:
            refs.append(ref)
    return refs


def monitor_ref(node: cst.BaseExpression, scope: Scope, project: "Project") -> Optional[MonitorRef]:
    if isinstance(node, cst.Name):
        definition = project.resolve(node, scope)
        if definition is None:
            return None
        node, scope = definition.node, definition.scope
    if not isinstance(node, cst.Call):
        return None
    symbol = keras_symbol(qualified_name(node.func, scope))
    if symbol is None or symbol.name not in MONITORING_CALLBACKS:
        return None

    monitor_position, mode_position = MONITORING_CALLBACKS[symbol.name]
    monitor_arg = argument(node, "monitor", monitor_position)
    if monitor_arg is None:
        if any(arg.star for arg in node.args):
            return None
        monitor, monitor_node = DEFAULT_MONITOR, node
    else:
        monitor = string_value(monitor_arg.value)
        monitor_node = monitor_arg.value
        if monitor is None:
            return None

    mode_arg = argument(node, "mode", mode_position)
    mode_known = True
    mode = None
    if mode_arg is not None:
        mode = string_value(mode_arg.value)
        mode_known = mode is not None
        if mode == "auto":
            mode = None
    elif any(arg.star for arg in node.args):
        mode_known = False
    return MonitorRef(
        callback=symbol.name, monitor=monitor, mode=mode, mode_known=mode_known,
        call=node, node=monitor_node, module=scope.module,
        mode_node=mode_arg.value if mode_arg is not None else None,
    )
