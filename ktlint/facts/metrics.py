"""Entries of `compile(metrics=...)`: strings, Keras classes, functions, lambdas and user Metric subclasses."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Optional

import libcst as cst

from ktlint.facts.symbols import argument, is_none, keras_symbol, qualified_name, string_value
from ktlint.parsing.module import ParsedModule
from ktlint.parsing.scope import Scope, function_scope

if TYPE_CHECKING:
    from ktlint.parsing.project import Project

# Kinds of metric entries.
STRING = "string"
KERAS_CLASS = "keras_class"
KERAS_LOSS_CLASS = "keras_loss_class"
KERAS_FUNCTION = "keras_function"
FUNCTION = "function"
LAMBDA = "lambda"
PARTIAL = "partial"
USER_CLASS = "user_class"
UNKNOWN = "unknown"
# Marks a MetricRef.renamed value that came from `__name__` rather than `.name`.
DUNDER_PREFIX = "__name__:"


@dataclass
class UserMetricNaming:
    """Default instance name of a user's Metric subclass when `name=` is not passed."""

    class_name: str
    # A literal default (`def __init__(self, name="f1")` or `super().__init__(name="f1")`).
    literal: Optional[str] = None
    # The built-in Keras class it inherits from, whose naming applies when it sets none itself.
    keras_base: Optional[str] = None
    unknown: bool = False


@dataclass
class MetricRef:
    """One metric entry, resolved as far as the source allows."""

    kind: str
    node: cst.BaseExpression
    module: ParsedModule
    identifier: Optional[str] = None
    call: Optional[cst.Call] = None
    # Scope of the function where an instance is created; None when created at module level.
    created_in: Optional[cst.FunctionDef] = None
    naming: Optional[UserMetricNaming] = None
    # `fn.name = "..."` set on a user function.
    renamed: Optional[str] = None
    major_hint: Optional[int] = None

    def name_argument(self, params: Optional[list] = None) -> tuple[Optional[str], bool]:
        """Return (literal name=, False), or (None, True) when a name is passed but is not a literal."""
        if self.call is None:
            return None, False
        position = None
        if params:
            positional = [p["name"] for p in params if p["kind"] == "positional_or_keyword"]
            position = positional.index("name") if "name" in positional else None
        arg = argument(self.call, "name", position)
        if arg is None:
            if any(a.star == "**" for a in self.call.args):
                return None, True
            return None, False
        if is_none(arg.value):
            return None, False
        value = string_value(arg.value)
        return (value, False) if value is not None else (None, True)


def metric_ref(node: cst.BaseExpression, scope: Scope, project: "Project", depth: int = 0) -> MetricRef:
    """Describe one metric expression found in `scope`."""
    module = scope.module
    created_in = scope.node if isinstance(scope.node, cst.FunctionDef) else None

    text = string_value(node)
    if text is not None:
        return MetricRef(kind=STRING, node=node, module=module, identifier=text)
    if isinstance(node, cst.Lambda):
        return MetricRef(kind=LAMBDA, node=node, module=module)
    if isinstance(node, cst.Call):
        return _call_ref(node, scope, project, created_in)
    if not isinstance(node, (cst.Name, cst.Attribute)) or depth > 4:
        return MetricRef(kind=UNKNOWN, node=node, module=module)

    symbol = keras_symbol(qualified_name(node, scope))
    if symbol is not None:
        if symbol.area in ("metrics", "losses") and symbol.name[:1].islower():
            return MetricRef(kind=KERAS_FUNCTION, node=node, module=module, identifier=symbol.name,
                             major_hint=symbol.major)
        return MetricRef(kind=UNKNOWN, node=node, module=module)

    definition = project.resolve(node, scope)
    if definition is None:
        return MetricRef(kind=UNKNOWN, node=node, module=module)
    if definition.is_function:
        name = definition.node.name.value
        return MetricRef(kind=FUNCTION, node=node, module=module, identifier=name,
                         renamed=_function_rename(definition.module, name))
    if isinstance(definition.node, (cst.Call, cst.Lambda)) or string_value(definition.node) is not None:
        # A variable bound to an instance (`auc = keras.metrics.AUC()`): the entry is that instance.
        inner = metric_ref(definition.node, definition.scope, project, depth + 1)
        return inner
    return MetricRef(kind=UNKNOWN, node=node, module=module)


def _call_ref(call: cst.Call, scope: Scope, project: "Project", created_in) -> MetricRef:
    module = scope.module
    qualified = qualified_name(call.func, scope)
    symbol = keras_symbol(qualified)
    if symbol is not None:
        if symbol.area == "losses" and symbol.name[:1].isupper():
            return MetricRef(kind=KERAS_LOSS_CLASS, node=call, module=module, identifier=symbol.name, call=call,
                             created_in=created_in, major_hint=symbol.major)
        if symbol.area == "metrics" and symbol.name[:1].isupper():
            return MetricRef(kind=KERAS_CLASS, node=call, module=module, identifier=symbol.name, call=call,
                             created_in=created_in, major_hint=symbol.major)
        return MetricRef(kind=UNKNOWN, node=call, module=module, call=call)

    if qualified in ("functools.partial", "functools.update_wrapper", "functools.wraps"):
        # A partial's key is `partial`; update_wrapper copies __name__, which is left to the runtime probe.
        kind = PARTIAL if qualified == "functools.partial" else UNKNOWN
        return MetricRef(kind=kind, node=call, module=module, call=call)

    definition = project.resolve(call.func, scope)
    if definition is not None and definition.is_class:
        naming = user_metric_naming(definition.node, definition.scope, project)
        if naming is None:
            return MetricRef(kind=UNKNOWN, node=call, module=module, call=call)
        return MetricRef(kind=USER_CLASS, node=call, module=module, identifier=definition.node.name.value,
                         call=call, created_in=created_in, naming=naming)
    return MetricRef(kind=UNKNOWN, node=call, module=module, call=call)


def user_metric_naming(class_def: cst.ClassDef, scope: Scope, project: "Project", depth: int = 0) -> Optional[UserMetricNaming]:
    """Work out the default instance name of a project class derived from a Keras metric; None if not one."""
    name = class_def.name.value
    if depth > 6:
        return UserMetricNaming(class_name=name, unknown=True)

    base_naming: Optional[UserMetricNaming] = None
    is_metric = False
    for base in class_def.bases:
        symbol = keras_symbol(qualified_name(base.value, scope))
        if symbol is not None and symbol.area == "metrics":
            is_metric = True
            if symbol.name not in ("Metric", "Mean", "Sum", "Reduce"):
                base_naming = UserMetricNaming(class_name=name, keras_base=symbol.name)
            break
        definition = project.resolve(base.value, scope)
        if definition is not None and definition.is_class:
            inherited = user_metric_naming(definition.node, definition.scope, project, depth + 1)
            if inherited is not None:
                is_metric = True
                base_naming = UserMetricNaming(
                    class_name=name, literal=inherited.literal, keras_base=inherited.keras_base,
                    unknown=inherited.unknown,
                )
                break
    if not is_metric:
        return None

    init = _method(class_def, "__init__")
    if init is None:
        return base_naming or UserMetricNaming(class_name=name)

    naming = UserMetricNaming(class_name=name, keras_base=base_naming.keras_base if base_naming else None)
    init_scope = function_scope(scope.module, init)
    name_param = init_scope.parameters.get("name", "absent")
    if name_param != "absent":
        literal = string_value(name_param) if name_param is not None else None
        if literal is not None:
            naming.literal = literal
            return naming
        if name_param is not None and not is_none(name_param):
            naming.unknown = True
            return naming

    super_call = _super_init_call(init)
    if super_call is None:
        naming.unknown = True
        return naming
    passed = argument(super_call, "name")
    if passed is not None:
        literal = string_value(passed.value)
        if literal is not None:
            naming.literal = literal
        elif not (isinstance(passed.value, cst.Name) and passed.value.value == "name"):
            naming.unknown = True
        return naming
    # `super().__init__(**kwargs)` without a name: the base class names the instance.
    if base_naming is not None:
        naming.literal = base_naming.literal
        naming.unknown = base_naming.unknown
    return naming


def _method(class_def: cst.ClassDef, name: str) -> Optional[cst.FunctionDef]:
    body = class_def.body.body if isinstance(class_def.body, cst.IndentedBlock) else []
    for statement in body:
        if isinstance(statement, cst.FunctionDef) and statement.name.value == name:
            return statement
    return None


def _super_init_call(init: cst.FunctionDef) -> Optional[cst.Call]:
    found: list[cst.Call] = []

    class Finder(cst.CSTVisitor):
        def visit_Call(self, node: cst.Call) -> None:
            func = node.func
            if isinstance(func, cst.Attribute) and func.attr.value == "__init__":
                target = func.value
                if isinstance(target, cst.Call) and isinstance(target.func, cst.Name) and target.func.value == "super":
                    found.append(node)
                elif isinstance(target, (cst.Name, cst.Attribute)):
                    found.append(node)

    init.body.visit(Finder())
    return found[0] if found else None


def _function_rename(module: ParsedModule, function_name: str) -> Optional[str]:
    """Return the literal of `function_name.name = "..."` at module level; Keras prefers it over __name__.

    A literal assigned to `__name__` comes back with DUNDER_PREFIX, because Keras 3 snake_cases it.
    """
    found_dunder: Optional[str] = None
    for statement in module.tree.body:
        if not isinstance(statement, cst.SimpleStatementLine):
            continue
        for small in statement.body:
            if not isinstance(small, cst.Assign):
                continue
            for target in small.targets:
                node = target.target
                if (
                    isinstance(node, cst.Attribute)
                    and isinstance(node.value, cst.Name)
                    and node.value.value == function_name
                    and node.attr.value in ("name", "__name__")
                ):
                    value = string_value(small.value)
                    if value is not None and node.attr.value == "name":
                        return value
                    if value is not None:
                        found_dunder = value
    return None if found_dunder is None else DUNDER_PREFIX + found_dunder
