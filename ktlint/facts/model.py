"""The output structure of the model a build function compiles: how many outputs, their names and units."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Optional

import libcst as cst

from ktlint.facts.symbols import argument, int_value, keras_symbol, qualified_name, string_value
from ktlint.parsing.scope import Scope, function_scope

if TYPE_CHECKING:
    from ktlint.parsing.project import Project


@dataclass(frozen=True)
class Output:
    """One model output: its layer name and unit count when literal."""

    name: Optional[str] = None
    # The smallest number of units the output layer can have (a literal, or the least hp.Choice value).
    units: Optional[int] = None


@dataclass(frozen=True)
class Outputs:
    """The model's outputs; `known` is False when the structure could not be read from the source."""

    outputs: tuple[Output, ...] = ()
    # Keys of the dict a functional model returns (`keras.Model(inp, {"a": ..., "b": ...})`).
    dict_keys: Optional[tuple[str, ...]] = None
    known: bool = False
    # A project subclass of keras.Model: its train_step or compute_metrics may log any keys.
    custom: bool = False

    @property
    def count(self) -> Optional[int]:
        return len(self.outputs) if self.known else None


UNKNOWN_OUTPUTS = Outputs()


def outputs_of(node: cst.BaseExpression, scope: Scope, project: "Project", depth: int = 0) -> Outputs:
    """Read the output structure of the model that `node` (usually the compile receiver) refers to."""
    if depth > 6:
        return UNKNOWN_OUTPUTS
    if isinstance(node, cst.Name):
        value = _single_assignment(scope, node.value)
        if value is None:
            return UNKNOWN_OUTPUTS
        return outputs_of(value, scope, project, depth + 1)
    if not isinstance(node, cst.Call):
        return UNKNOWN_OUTPUTS

    symbol = keras_symbol(qualified_name(node.func, scope))
    if symbol is not None:
        if symbol.name == "Sequential":
            return Outputs(outputs=(Output(units=_sequential_units(node, scope)),), known=True)
        if symbol.name in ("Model", "Functional"):
            outputs_arg = argument(node, "outputs", 1)
            if outputs_arg is None:
                return UNKNOWN_OUTPUTS
            return _functional_outputs(outputs_arg.value, scope, project, depth)
        if symbol.area == "applications":
            return Outputs(outputs=(Output(),), known=True)
        return UNKNOWN_OUTPUTS

    # A project helper that builds the model: read what it returns.
    definition = project.resolve(node.func, scope)
    if definition is not None and definition.is_class:
        return Outputs(custom=True)
    if definition is not None and definition.is_function:
        returned = _returned_expression(definition.node)
        if returned is not None:
            return outputs_of(returned, function_scope(definition.module, definition.node), project, depth + 1)
    return UNKNOWN_OUTPUTS


def _functional_outputs(node: cst.BaseExpression, scope: Scope, project: "Project", depth: int) -> Outputs:
    if isinstance(node, cst.Name):
        value = _single_assignment(scope, node.value)
        if isinstance(value, (cst.List, cst.Tuple, cst.Dict)):
            node = value
    if isinstance(node, (cst.List, cst.Tuple)):
        if any(isinstance(element, cst.StarredElement) for element in node.elements):
            return UNKNOWN_OUTPUTS
        outputs = tuple(_layer_output(element.value, scope) for element in node.elements)
        return Outputs(outputs=outputs, known=True)
    if isinstance(node, cst.Dict):
        keys = []
        outputs = []
        for element in node.elements:
            if not isinstance(element, cst.DictElement) or string_value(element.key) is None:
                return UNKNOWN_OUTPUTS
            keys.append(string_value(element.key))
            outputs.append(_layer_output(element.value, scope))
        return Outputs(outputs=tuple(outputs), dict_keys=tuple(keys), known=True)
    # Anything else is one tensor.
    return Outputs(outputs=(_layer_output(node, scope),), known=True)


def _layer_output(node: cst.BaseExpression, scope: Scope, depth: int = 0) -> Output:
    """Read name= and units from `Dense(3, name="species")(x)`, following a local variable."""
    if depth > 4:
        return Output()
    if isinstance(node, cst.Name):
        value = _single_assignment(scope, node.value)
        return _layer_output(value, scope, depth + 1) if value is not None else Output()
    if isinstance(node, cst.Call) and isinstance(node.func, cst.Call):
        layer = node.func
        name_arg = argument(layer, "name")
        return Output(
            name=string_value(name_arg.value) if name_arg is not None else None,
            units=_units(layer, scope),
        )
    return Output()


def _units(layer: cst.Call, scope: Scope) -> Optional[int]:
    symbol = keras_symbol(qualified_name(layer.func, scope))
    if symbol is None or symbol.name != "Dense":
        return None
    units = argument(layer, "units", 0)
    if units is None:
        return None
    literal = int_value(units.value)
    if literal is not None:
        return literal
    return _least_choice(units.value)


def _least_choice(node: cst.BaseExpression) -> Optional[int]:
    """Return the least value of `hp.Choice(name, [4, 8])` or the minimum of `hp.Int(name, 2, 8)`."""
    if not (isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute)):
        return None
    method = node.func.attr.value
    if method == "Choice":
        values = argument(node, "values", 1)
        if values is not None and isinstance(values.value, (cst.List, cst.Tuple)):
            numbers = [int_value(element.value) for element in values.value.elements]
            if numbers and all(number is not None for number in numbers):
                return min(numbers)
    if method == "Int":
        low = argument(node, "min_value", 1)
        return int_value(low.value) if low is not None else None
    return None


def _sequential_units(call: cst.Call, scope: Scope) -> Optional[int]:
    layers = argument(call, "layers", 0)
    last: Optional[cst.BaseExpression] = None
    if layers is not None and isinstance(layers.value, (cst.List, cst.Tuple)) and layers.value.elements:
        last = layers.value.elements[-1].value
    # `model.add(...)` calls come after construction; the last one in the body is the output layer.
    added = _last_add_argument(scope)
    if added is not None:
        last = added
    if isinstance(last, cst.Call):
        return _units(last, scope)
    return None


def _last_add_argument(scope: Scope) -> Optional[cst.BaseExpression]:
    found: list[cst.BaseExpression] = []

    class Finder(cst.CSTVisitor):
        def visit_FunctionDef(self, node: cst.FunctionDef) -> bool:
            return node is scope.node

        def visit_Call(self, node: cst.Call) -> None:
            if isinstance(node.func, cst.Attribute) and node.func.attr.value == "add" and node.args:
                found.append(node.args[0].value)

    scope.node.visit(Finder())
    return found[-1] if found else None


def _single_assignment(scope: Scope, name: str) -> Optional[cst.BaseExpression]:
    # Unlike Scope.value_of, `model.add(...)` does not make the model's construction unknown.
    current: Optional[Scope] = scope
    while current is not None:
        if name in current.opaque or name in current.parameters:
            return None
        values = current.assignments.get(name)
        if values is not None:
            return values[0] if len(values) == 1 else None
        current = current.parent
    return None


def _returned_expression(function: cst.FunctionDef) -> Optional[cst.BaseExpression]:
    returns: list[cst.Return] = []

    class Finder(cst.CSTVisitor):
        def visit_FunctionDef(self, node: cst.FunctionDef) -> bool:
            return node is function

        def visit_Lambda(self, node: cst.Lambda) -> bool:
            return False

        def visit_Return(self, node: cst.Return) -> None:
            returns.append(node)

    function.visit(Finder())
    if len(returns) == 1 and returns[0].value is not None:
        return returns[0].value
    return None
