"""Tuner constructions, their objectives and the search() calls made on them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Optional

import libcst as cst

from ktlint.facts.calls import calls_in, class_method, returns_in
from ktlint.facts.callbacks import MonitorRef, callback_list
from ktlint.facts.sites import scopes_of
from ktlint.facts.hypermodel import FitFacts, Hypermodel, fit_facts, resolve_hypermodel, search_validation
from ktlint.facts.symbols import (
    BUILT_IN_ORACLES,
    BUILT_IN_TUNERS,
    SKLEARN_TUNERS,
    argument,
    keras_symbol,
    keras_tuner_symbol,
    qualified_name,
    string_value,
)
from ktlint.parsing.module import ParsedModule
from ktlint.parsing.scope import Scope, function_scope

if TYPE_CHECKING:
    from ktlint.parsing.project import Project


@dataclass
class ObjectiveEntry:
    """One objective: a plain string (direction inferred by KerasTuner) or `kt.Objective(name, direction)`."""

    name: str
    node: cst.BaseExpression
    module: ParsedModule
    # The whole entry: the string, or the Objective call.
    entry: cst.BaseExpression
    explicit: bool = False
    direction: Optional[str] = None
    direction_node: Optional[cst.BaseExpression] = None
    in_list: bool = False
    # False when the objective comes from a constant: the constant may have other users, so no fix edits it.
    direct: bool = True


@dataclass
class TunerClass:
    """The tuner's class: a built-in KerasTuner tuner, or project subclasses of one."""

    built_in: str
    # Project subclasses from the constructed class up to the built-in one, with their scopes.
    subclasses: list[tuple[cst.ClassDef, Scope]] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.subclasses[0][0].name.value if self.subclasses else self.built_in

    def method(self, name: str) -> Optional[tuple[cst.FunctionDef, ParsedModule]]:
        for class_def, scope in self.subclasses:
            method = class_method(class_def, name)
            if method is not None:
                return method, scope.module
        return None


@dataclass
class SearchCall:
    call: cst.Call
    scope: Scope
    validation: Optional[bool]
    callbacks: Optional[list[MonitorRef]]

    @property
    def module(self) -> ParsedModule:
        return self.scope.module


@dataclass
class Tuner:
    """One tuner construction with everything linked to it."""

    call: cst.Call
    scope: Scope
    tuner_class: TunerClass
    # None when the objective is not given or cannot be read.
    objectives: Optional[list[ObjectiveEntry]]
    objective_given: bool
    hypermodel: Optional[Hypermodel]
    searches: list[SearchCall] = field(default_factory=list)
    run_trial: Optional[FitFacts] = None

    @property
    def module(self) -> ParsedModule:
        return self.scope.module


def tuner_class(func: cst.BaseExpression, scope: Scope, project: "Project", depth: int = 0) -> Optional[TunerClass]:
    """Return the tuner class `func` names, following project subclasses; None if it is not a tuner."""
    if isinstance(func, cst.Attribute):
        last = func.attr.value
    elif isinstance(func, cst.Name):
        last = func.value
    else:
        return None
    # Classes are CapWords by convention; skipping other calls saves resolving every call in the module.
    if not last[:1].isupper():
        return None
    qualified = qualified_name(func, scope)
    name = keras_tuner_symbol(qualified)
    if name is not None:
        if name in BUILT_IN_TUNERS:
            return TunerClass(built_in=name)
        return None
    if depth > 6 or keras_symbol(qualified) is not None:
        return None
    definition = project.resolve(func, scope)
    if definition is None or not definition.is_class:
        return None
    for base in definition.node.bases:
        found = tuner_class(base.value, definition.scope, project, depth + 1)
        if found is not None:
            found.subclasses.insert(0, (definition.node, definition.scope))
            return found
    return None


def find_tuners(module: ParsedModule, project: "Project") -> list[Tuner]:
    """Find every tuner construction in `module` and link its hypermodel, objective and searches."""
    tuners: list[Tuner] = []
    scopes = scopes_of(module)
    for scope in scopes:
        for call in calls_in(scope.node, scope.module):
            found = tuner_class(call.func, scope, project)
            if found is None or found.built_in in SKLEARN_TUNERS:
                continue
            tuners.append(_tuner(call, scope, found, project))

    for scope in scopes:
        for call in calls_in(scope.node, scope.module):
            if not (isinstance(call.func, cst.Attribute) and call.func.attr.value == "search"):
                continue
            target = _tuner_for_receiver(call.func.value, scope, tuners, project)
            if target is None:
                continue
            callbacks_arg = argument(call, "callbacks")
            callbacks = callback_list(callbacks_arg.value if callbacks_arg else None, scope, project)
            target.searches.append(
                SearchCall(call=call, scope=scope, validation=search_validation(call, scope, project), callbacks=callbacks)
            )
    return tuners


def _tuner(call: cst.Call, scope: Scope, found: TunerClass, project: "Project") -> Tuner:
    # Built-in tuners take (hypermodel, objective, ...) in that order; Tuner takes (oracle, hypermodel, ...).
    own_init = any(class_method(class_def, "__init__") is not None for class_def, _ in found.subclasses)
    is_base = found.built_in == "Tuner"
    # A subclass with its own __init__ may reorder parameters, so only keywords are read then.
    if own_init:
        hypermodel_position, objective_position, oracle_position = None, None, None
    elif is_base:
        hypermodel_position, objective_position, oracle_position = 1, None, 0
    else:
        hypermodel_position, objective_position, oracle_position = 0, 1, None

    hypermodel_arg = argument(call, "hypermodel", hypermodel_position)
    objective_arg = argument(call, "objective", objective_position)
    oracle_arg = argument(call, "oracle", oracle_position)

    objectives: Optional[list[ObjectiveEntry]] = None
    objective_given = objective_arg is not None
    if objective_arg is not None:
        objectives = objective_entries(objective_arg.value, scope, project)
    elif oracle_arg is not None:
        objective_given = True
        objectives = _oracle_objectives(oracle_arg.value, scope, project)

    tuner = Tuner(
        call=call,
        scope=scope,
        tuner_class=found,
        objectives=objectives,
        objective_given=objective_given,
        hypermodel=resolve_hypermodel(hypermodel_arg.value if hypermodel_arg else None, scope, project),
    )
    run_trial = found.method("run_trial")
    if run_trial is not None:
        tuner.run_trial = fit_facts(run_trial[0], run_trial[1], project)
    return tuner


def _oracle_objectives(node: cst.BaseExpression, scope: Scope, project: "Project") -> Optional[list[ObjectiveEntry]]:
    if isinstance(node, cst.Name):
        definition = project.resolve(node, scope)
        if definition is None:
            return None
        node, scope = definition.node, definition.scope
    if not isinstance(node, cst.Call):
        return None
    if keras_tuner_symbol(qualified_name(node.func, scope)) not in BUILT_IN_ORACLES:
        return None
    objective = argument(node, "objective", 0)
    return objective_entries(objective.value, scope, project) if objective is not None else None


def objective_entries(
    node: cst.BaseExpression, scope: Scope, project: "Project", in_list: bool = False, depth: int = 0,
    direct: bool = True,
) -> Optional[list[ObjectiveEntry]]:
    """Read an objective argument: a string, kt.Objective(...), a list of them, or a constant naming one."""
    if depth > 4:
        return None
    text = string_value(node)
    if text is not None:
        return [ObjectiveEntry(name=text, node=node, module=scope.module, entry=node, in_list=in_list, direct=direct)]

    if isinstance(node, (cst.List, cst.Tuple)) and not in_list:
        entries: list[ObjectiveEntry] = []
        for element in node.elements:
            if isinstance(element, cst.StarredElement):
                return None
            found = objective_entries(element.value, scope, project, in_list=True, depth=depth + 1, direct=direct)
            if found is None:
                return None
            entries.extend(found)
        return entries

    if isinstance(node, cst.Call) and keras_tuner_symbol(qualified_name(node.func, scope)) == "Objective":
        name_arg = argument(node, "name", 0)
        direction_arg = argument(node, "direction", 1)
        name = string_value(name_arg.value) if name_arg else None
        if name is None:
            return None
        direction = string_value(direction_arg.value) if direction_arg else None
        return [
            ObjectiveEntry(
                name=name,
                node=name_arg.value,
                module=scope.module,
                entry=node,
                explicit=True,
                direction=direction,
                direction_node=direction_arg.value if direction_arg else None,
                in_list=in_list,
                direct=direct,
            )
        ]

    if isinstance(node, (cst.Name, cst.Attribute)):
        definition = project.resolve(node, scope)
        if definition is not None and not definition.is_function and not definition.is_class:
            return objective_entries(definition.node, definition.scope, project, in_list, depth + 1, direct=False)
    return None


def _tuner_for_receiver(
    node: cst.BaseExpression, scope: Scope, tuners: list[Tuner], project: "Project", depth: int = 0
) -> Optional[Tuner]:
    """Find the tuner construction a `search()` receiver refers to: a variable, `self.tuner`, or a
    project function that builds and returns the tuner."""
    if depth > 4:
        return None
    if isinstance(node, cst.Call):
        found = next((tuner for tuner in tuners if tuner.call is node), None)
        if found is not None:
            return found
        definition = project.resolve(node.func, scope)
        if definition is not None and definition.is_function:
            returned = [ret.value for ret in returns_in(definition.node) if ret.value is not None]
            if len(returned) == 1:
                inner_scope = function_scope(definition.module, definition.node)
                return _tuner_for_receiver(returned[0], inner_scope, tuners, project, depth + 1)
        return None
    if not isinstance(node, (cst.Name, cst.Attribute)):
        return None
    definition = project.resolve(node, scope)
    if definition is None or definition.is_function or definition.is_class:
        return None
    if definition.node is node:
        return None
    return _tuner_for_receiver(definition.node, definition.scope, tuners, project, depth + 1)
