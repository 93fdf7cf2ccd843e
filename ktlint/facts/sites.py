"""Every compile call and every Keras metric construction in a module, tuner or not."""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

import libcst as cst

from ktlint.facts.calls import calls_in
from ktlint.facts.hypermodel import CompileCall, read_compile_call
from ktlint.facts.symbols import KerasSymbol, argument, keras_symbol, qualified_name
from ktlint.parsing.module import ParsedModule
from ktlint.parsing.scope import Scope, all_scopes

if TYPE_CHECKING:
    from ktlint.parsing.project import Project


def scopes_of(module: ParsedModule) -> list[Scope]:
    return all_scopes(module)


def compile_sites(module: ParsedModule, project: "Project") -> Iterator[CompileCall]:
    """Yield each `.compile(...)` call that passes `metrics=` or `weighted_metrics=`."""
    for scope in scopes_of(module):
        for call in calls_in(scope.node, scope.module):
            func = call.func
            if not (isinstance(func, cst.Attribute) and func.attr.value == "compile"):
                continue
            if argument(call, "metrics") is None and argument(call, "weighted_metrics") is None:
                continue
            yield read_compile_call(call, scope, project)


def keras_constructions(module: ParsedModule, areas: tuple[str, ...]) -> Iterator[tuple[cst.Call, KerasSymbol]]:
    """Yield calls of Keras classes in the given areas (metrics, losses, callbacks ...)."""
    for scope in scopes_of(module):
        for call in calls_in(scope.node, scope.module):
            symbol = keras_symbol(qualified_name(call.func, scope))
            if symbol is not None and symbol.area in areas and symbol.name[:1].isupper():
                yield call, symbol
