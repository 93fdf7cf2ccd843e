"""The hypermodel a tuner gets: its build function, the compile calls in it and its fit override."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Optional

import libcst as cst

from ktlint.facts.calls import calls_in, class_method, method_calls, returns_in
from ktlint.facts.callbacks import MonitorRef, callback_list
from ktlint.facts.model import UNKNOWN_OUTPUTS, Outputs, outputs_of
from ktlint.facts.symbols import argument, has_star_args, keras_symbol, keras_tuner_symbol, qualified_name, string_value
from ktlint.parsing.module import ParsedModule
from ktlint.parsing.scope import Scope, function_scope

if TYPE_CHECKING:
    from ktlint.parsing.project import Project

# Kinds of value a fit or run_trial override returns.
RETURNS_HISTORY = "history"
RETURNS_NONE = "none"
RETURNS_DICT = "dict"
RETURNS_VALUE = "value"
RETURNS_UNKNOWN = "unknown"
# Returns the history on some paths and falls off the end (None) on others.
RETURNS_SOMETIMES_NONE = "sometimes-none"
# HyperModel.fit returning its `model` argument instead of the history.
RETURNS_MODEL = "model"

# Project helpers called from build are searched for compile calls this deep.
MAX_HELPER_DEPTH = 2


@dataclass
class CompileCall:
    call: cst.Call
    scope: Scope
    outputs: Outputs
    loss: Optional[cst.BaseExpression] = None
    metrics: Optional[cst.BaseExpression] = None
    weighted_metrics: Optional[cst.BaseExpression] = None
    # False when arguments are passed in a way the pass cannot read (`**kwargs`, positional metrics).
    readable: bool = True

    @property
    def module(self) -> ParsedModule:
        return self.scope.module


@dataclass
class FitFacts:
    """Facts about a `fit` or `run_trial` override: validation data, callbacks and return value."""

    function: cst.FunctionDef
    scope: Scope
    returns: str = RETURNS_UNKNOWN
    returned_keys: Optional[list[str]] = None
    return_node: Optional[cst.CSTNode] = None
    # True: passes validation itself; False: calls fit without it; None: forwards search()'s arguments.
    validation: Optional[bool] = None
    callbacks: Optional[list[MonitorRef]] = field(default_factory=list)
    # Names sent with `self.oracle.update_trial(trial_id, {...})`, when literal.
    reported_keys: Optional[list[str]] = None
    report_node: Optional[cst.CSTNode] = None
    builds_in_loop: bool = False
    # True when a helper method called on self reports to the oracle.
    reports_through_helper: bool = False


@dataclass
class Hypermodel:
    module: ParsedModule
    build: Optional[cst.FunctionDef]
    build_scope: Optional[Scope]
    class_def: Optional[cst.ClassDef] = None
    fit: Optional[FitFacts] = None
    compiles: list[CompileCall] = field(default_factory=list)
    # False when compile calls may exist that the pass did not see.
    compiles_complete: bool = True


def resolve_hypermodel(
    node: Optional[cst.BaseExpression], scope: Scope, project: "Project", allow_class: bool = False
) -> Optional[Hypermodel]:
    """Follow the tuner's hypermodel argument to a build function or HyperModel subclass in the project.

    A tuner needs a HyperModel instance; `allow_class` also accepts the class itself, as the probe does.
    """
    if node is None:
        return None
    if isinstance(node, cst.Call):
        qualified = qualified_name(node.func, scope)
        if qualified == "functools.partial" and node.args:
            return resolve_hypermodel(node.args[0].value, scope, project)
        definition = project.resolve(node.func, scope)
        if definition is not None and definition.is_class:
            return _class_hypermodel(definition.node, definition.scope, project)
        return None
    if not isinstance(node, (cst.Name, cst.Attribute)):
        return None

    definition = project.resolve(node, scope)
    if definition is None:
        return None
    if definition.is_function:
        return _function_hypermodel(definition.node, definition.scope.module, project)
    if definition.is_class and allow_class:
        return _class_hypermodel(definition.node, definition.scope, project)
    if isinstance(definition.node, cst.Call):
        return resolve_hypermodel(definition.node, definition.scope, project)
    return None


def _function_hypermodel(function: cst.FunctionDef, module: ParsedModule, project: "Project") -> Hypermodel:
    scope = function_scope(module, function)
    hypermodel = Hypermodel(module=module, build=function, build_scope=scope)
    hypermodel.compiles, hypermodel.compiles_complete = compile_calls(scope, project)
    return hypermodel


def _class_hypermodel(class_def: cst.ClassDef, scope: Scope, project: "Project") -> Optional[Hypermodel]:
    """Find build and fit on a HyperModel subclass, looking through project base classes."""
    build, build_module = _find_method(class_def, scope, project, "build")
    if build is None:
        return None
    hypermodel = _function_hypermodel(build, build_module, project)
    hypermodel.class_def = class_def
    fit, fit_module = _find_method(class_def, scope, project, "fit")
    if fit is not None:
        hypermodel.fit = fit_facts(fit, fit_module, project)
    return hypermodel


def _find_method(class_def: cst.ClassDef, scope: Scope, project: "Project", name: str, depth: int = 0):
    method = class_method(class_def, name)
    if method is not None:
        return method, scope.module
    if depth > 6:
        return None, None
    for base in class_def.bases:
        if keras_tuner_symbol(qualified_name(base.value, scope)) is not None:
            continue
        definition = project.resolve(base.value, scope)
        if definition is not None and definition.is_class:
            found, module = _find_method(definition.node, definition.scope, project, name, depth + 1)
            if found is not None:
                return found, module
    return None, None


def compile_calls(scope: Scope, project: "Project", depth: int = 0) -> tuple[list[CompileCall], bool]:
    """Return the compile calls in a build function and the project helpers it calls."""
    found: list[CompileCall] = []
    complete = True
    for call in calls_in(scope.node, scope.module):
        func = call.func
        if isinstance(func, cst.Attribute) and func.attr.value == "compile":
            found.append(read_compile_call(call, scope, project))
            continue
        if isinstance(func, cst.Attribute) and func.attr.value == "add_metric":
            # Keras 2 logs metrics added by the model or its layers under names that compile() does not list.
            complete = False
            continue
        if depth >= MAX_HELPER_DEPTH or not isinstance(func, (cst.Name, cst.Attribute)):
            continue
        if keras_symbol(qualified_name(func, scope)) is not None:
            continue
        definition = project.resolve(func, scope)
        if definition is not None and definition.is_function:
            helper_scope = function_scope(definition.module, definition.node)
            more, more_complete = compile_calls(helper_scope, project, depth + 1)
            found.extend(more)
            complete = complete and more_complete
    if not found:
        complete = False
    return found, complete


def read_compile_call(call: cst.Call, scope: Scope, project: "Project") -> CompileCall:
    receiver = call.func.value if isinstance(call.func, cst.Attribute) else None
    outputs = outputs_of(receiver, scope, project) if receiver is not None else UNKNOWN_OUTPUTS
    positional = [arg for arg in call.args if arg.keyword is None and not arg.star]

    compile_call = CompileCall(call=call, scope=scope, outputs=outputs)
    # compile's third positional parameter differs between Keras 3 (loss_weights) and Keras 2 (metrics).
    compile_call.readable = len(positional) <= 2 and not any(arg.star == "**" for arg in call.args)
    loss = argument(call, "loss", 1)
    metrics = argument(call, "metrics")
    weighted = argument(call, "weighted_metrics")
    compile_call.loss = loss.value if loss is not None else None
    compile_call.metrics = metrics.value if metrics is not None else None
    compile_call.weighted_metrics = weighted.value if weighted is not None else None
    return compile_call


def fit_facts(function: cst.FunctionDef, module: ParsedModule, project: "Project") -> FitFacts:
    """Describe a HyperModel.fit or Tuner.run_trial override."""
    scope = function_scope(module, function)
    facts = FitFacts(function=function, scope=scope)
    facts.returns, facts.returned_keys, facts.return_node = _classify_returns(function, scope)

    fit_calls = method_calls(function, "fit", module)
    forwarding = [call for call in method_calls(function, "run_trial", module) if _is_super_call(call)]
    if fit_calls:
        facts.validation, facts.callbacks = _fit_call_facts(fit_calls, scope, project)
    elif forwarding:
        facts.validation, facts.callbacks = None, []

    for call in method_calls(function, "update_trial", module):
        report = argument(call, "metrics", 1)
        if report is not None and isinstance(report.value, cst.Dict):
            facts.reported_keys = _dict_keys(report.value)
            facts.report_node = report.value
    facts.builds_in_loop = _builds_in_loop(function)
    facts.reports_through_helper = _helper_reports(function, module)
    return facts


def _helper_reports(function: cst.FunctionDef, module: ParsedModule) -> bool:
    """True when `function` calls a method of its own class that calls `update_trial`."""
    helpers = {
        call.func.attr.value
        for call in calls_in(function, module)
        if isinstance(call.func, cst.Attribute)
        and isinstance(call.func.value, cst.Name)
        and call.func.value.value == "self"
    }
    if not helpers:
        return False
    for statement in module.tree.body:
        if not isinstance(statement, cst.ClassDef) or not isinstance(statement.body, cst.IndentedBlock):
            continue
        if not any(item is function for item in statement.body.body):
            continue
        for name in helpers:
            method = class_method(statement, name)
            if method is not None and method_calls(method, "update_trial", module):
                return True
    return False


def _fit_call_facts(fit_calls: list[cst.Call], scope: Scope, project: "Project"):
    validation: Optional[bool] = False
    callbacks: Optional[list[MonitorRef]] = []
    for call in fit_calls:
        if argument(call, "validation_data") is not None or argument(call, "validation_split") is not None:
            validation = True
        elif any(arg.star for arg in call.args) and validation is False:
            validation = None
        passed = argument(call, "callbacks")
        if passed is not None:
            found = callback_list(passed.value, scope, project)
            callbacks = None if found is None or callbacks is None else callbacks + found
    return validation, callbacks


def _classify_returns(function: cst.FunctionDef, scope: Scope):
    returns = returns_in(function)
    values = [ret.value for ret in returns if ret.value is not None and not _is_none_literal(ret.value)]
    if not values:
        node = returns[0] if returns else function.name
        return RETURNS_NONE, None, node

    kinds = set()
    keys: Optional[list[str]] = None
    model_parameter = _model_parameter(function)
    for value in values:
        if isinstance(value, cst.Name) and value.value == model_parameter:
            kinds.add(RETURNS_MODEL)
            continue
        resolved = value
        if isinstance(value, cst.Name):
            bound = scope.value_of(value.value)
            resolved = bound if bound is not None else value
        if isinstance(resolved, cst.Call) and isinstance(resolved.func, cst.Attribute) and resolved.func.attr.value in (
            "fit",
            "run_trial",
        ):
            kinds.add(RETURNS_HISTORY)
        elif isinstance(resolved, cst.Dict):
            kinds.add(RETURNS_DICT)
            keys = _dict_keys(resolved)
        elif isinstance(resolved, (cst.Float, cst.Integer, cst.Subscript, cst.BinaryOperation, cst.UnaryOperation)):
            kinds.add(RETURNS_VALUE)
        else:
            kinds.add(RETURNS_UNKNOWN)
    if len(kinds) == 1:
        kind = kinds.pop()
        if kind == RETURNS_HISTORY and _falls_through(function.body):
            # `return model.fit(...)` on some paths and nothing on others.
            return RETURNS_SOMETIMES_NONE, None, function.name
        return kind, keys, values[0]
    return RETURNS_UNKNOWN, None, values[0]


def _model_parameter(function: cst.FunctionDef) -> Optional[str]:
    """Name of HyperModel.fit's model parameter: fit(self, hp, model, *args, **kwargs)."""
    params = [*function.params.posonly_params, *function.params.params]
    if function.name.value == "fit" and len(params) >= 3 and params[0].name.value == "self":
        return params[2].name.value
    return None


def _falls_through(block: cst.BaseSuite) -> bool:
    """Return True when control can reach the end of `block` without return or raise.

    Only if/else chains are followed. Loops, try and with count as ending in a return, so the check
    stays silent where it cannot be sure.
    """
    statements = block.body if isinstance(block, cst.IndentedBlock) else []
    if not statements:
        return True
    last = statements[-1]
    if isinstance(last, cst.SimpleStatementLine):
        return not any(isinstance(small, (cst.Return, cst.Raise)) for small in last.body)
    if isinstance(last, cst.If):
        if _falls_through(last.body):
            return True
        orelse = last.orelse
        if orelse is None:
            return True
        if isinstance(orelse, cst.If):
            return _falls_through(cst.IndentedBlock(body=[orelse]))
        return _falls_through(orelse.body)
    return False


def _dict_keys(node: cst.Dict) -> Optional[list[str]]:
    keys = []
    for element in node.elements:
        if not isinstance(element, cst.DictElement):
            return None
        key = string_value(element.key)
        if key is None:
            return None
        keys.append(key)
    return keys


def _is_none_literal(node: cst.BaseExpression) -> bool:
    return isinstance(node, cst.Name) and node.value == "None"


def _is_super_call(call: cst.Call) -> bool:
    target = call.func.value if isinstance(call.func, cst.Attribute) else None
    return isinstance(target, cst.Call) and isinstance(target.func, cst.Name) and target.func.value == "super"


def _builds_in_loop(function: cst.FunctionDef) -> bool:
    """True when `build(` is called inside a loop without `clear_session()` in the same loop."""
    found = []

    class Finder(cst.CSTVisitor):
        def _check(self, loop) -> None:
            names = [c.func.attr.value for c in calls_in(loop) if isinstance(c.func, cst.Attribute)]
            if "build" in names and "clear_session" not in names:
                found.append(loop)

        def visit_For(self, node: cst.For) -> None:
            self._check(node)

        def visit_While(self, node: cst.While) -> None:
            self._check(node)

    function.visit(Finder())
    return bool(found)


def _constant(node: cst.BaseExpression, scope: Optional[Scope], project: Optional["Project"]) -> cst.BaseExpression:
    """Follow a name such as VAL_SPLIT to the literal bound to it, when there is one."""
    if scope is None or project is None or not isinstance(node, cst.Name):
        return node
    definition = project.resolve(node, scope)
    if definition is not None and isinstance(definition.node, (cst.Integer, cst.Float, cst.Name)):
        return definition.node
    return node


def search_validation(call: cst.Call, scope: Optional[Scope] = None, project: Optional["Project"] = None) -> Optional[bool]:
    """Return whether a search()/fit() call passes validation data; None when it cannot be determined."""
    data = argument(call, "validation_data")
    if data is not None:
        return not _is_none_literal(_constant(data.value, scope, project))
    split = argument(call, "validation_split")
    if split is not None:
        value = _constant(split.value, scope, project)
        if isinstance(value, (cst.Integer, cst.Float)):
            return float(value.evaluated_value) > 0
        return None if not _is_none_literal(value) else False
    positional = [arg for arg in call.args if arg.keyword is None and not arg.star]
    # fit(x, y, batch_size, epochs, verbose, callbacks, validation_split, validation_data, ...)
    if has_star_args(call) or len(positional) > 6:
        return None
    return False
