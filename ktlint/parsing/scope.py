"""Name bindings of a module or function body, for following a name to the value assigned to it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional, Union

import libcst as cst

from ktlint.parsing.module import ParsedModule, _ImportCollector

# Methods that change a list or dict in place: a name they are called on no longer has one known value.
MUTATING_METHODS = frozenset({"append", "extend", "insert", "update", "pop", "remove", "clear", "setdefault", "add"})

Body = Union[cst.Module, cst.FunctionDef]


@dataclass
class Scope:
    """Bindings of one body; `parent` is the module scope of a function scope."""

    module: ParsedModule
    node: Body
    parent: Optional["Scope"] = None
    assignments: dict[str, list[cst.BaseExpression]] = field(default_factory=dict)
    # Names bound by something other than a plain assignment (loops, with, augmented assignment ...).
    opaque: set[str] = field(default_factory=set)
    mutated: set[str] = field(default_factory=set)
    parameters: dict[str, Optional[cst.BaseExpression]] = field(default_factory=dict)
    local_functions: dict[str, cst.FunctionDef] = field(default_factory=dict)
    local_classes: dict[str, cst.ClassDef] = field(default_factory=dict)
    # Names declared `global` or `nonlocal`: assigning them changes an outer binding.
    declared_outer: set[str] = field(default_factory=set)
    # How often this body assigns `<anything>.<name>`, to tell when `self.<name>` has other writers.
    attribute_targets: dict[str, int] = field(default_factory=dict)
    # Values assigned to `self.<name>` in this body, for following attributes set in __init__.
    self_attributes: dict[str, list[cst.BaseExpression]] = field(default_factory=dict)

    def value_of(self, name: str) -> Optional[cst.BaseExpression]:
        """Return the one value `name` is bound to in this scope, or None when that is not certain."""
        if name in self.opaque or name in self.mutated or name in self.parameters:
            return None
        values = self.assignments.get(name)
        if values is not None:
            return values[0] if len(values) == 1 else None
        return None

    def binds(self, name: str) -> bool:
        return (
            name in self.assignments
            or name in self.opaque
            or name in self.parameters
            or name in self.local_functions
            or name in self.local_classes
        )


def module_scope(module: ParsedModule) -> Scope:
    return _index(module).scopes[id(module.tree)]


def function_scope(module: ParsedModule, function: cst.FunctionDef) -> Scope:
    index = _index(module)
    scope = index.scopes.get(id(function))
    if scope is None:
        # A function node that is not part of this module's tree: index it on its own.
        scope = Scope(module=module, node=function, parent=index.scopes[id(module.tree)])
        _add_parameters(scope, function)
        body = function.body.body if isinstance(function.body, cst.IndentedBlock) else [function.body]
        _BindingCollector(scope).collect(body)
        index.scopes[id(function)] = scope
    return scope


def all_scopes(module: ParsedModule) -> list[Scope]:
    """The module scope followed by every function scope, in source order."""
    return list(_index(module).scopes.values())


def calls_by_owner(module: ParsedModule) -> dict[int, list[cst.Call]]:
    """Calls grouped by the id of the innermost function (or the module) that runs them."""
    return _index(module).calls


@dataclass
class _ModuleIndex:
    scopes: dict[int, Scope]
    calls: dict[int, list[cst.Call]]


def _index(module: ParsedModule) -> _ModuleIndex:
    index = module.__dict__.get("_index")
    if index is None:
        index = _ModuleIndexer(module).run()
        module.__dict__["_index"] = index
    return index


def _add_parameters(scope: Scope, function: cst.FunctionDef) -> None:
    params = function.params
    for param in (*params.posonly_params, *params.params, *params.kwonly_params):
        scope.parameters[param.name.value] = param.default
    for star in (params.star_arg, params.star_kwarg):
        if isinstance(star, cst.Param):
            scope.parameters[star.name.value] = None


class _BindingCollector(cst.CSTVisitor):
    """Record bindings of one body without entering nested functions, classes or lambdas."""

    def __init__(self, scope: Scope) -> None:
        self.scope = scope

    def collect(self, statements) -> None:
        for statement in statements:
            statement.visit(self)

    def visit_FunctionDef(self, node: cst.FunctionDef) -> bool:
        self.scope.local_functions[node.name.value] = node
        return False

    def visit_ClassDef(self, node: cst.ClassDef) -> bool:
        self.scope.local_classes[node.name.value] = node
        return False

    def visit_Lambda(self, node: cst.Lambda) -> bool:
        return False

    def visit_Assign(self, node: cst.Assign) -> None:
        for target in node.targets:
            self._bind(target.target, node.value)

    def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
        if node.value is not None:
            self._bind(node.target, node.value)

    def visit_NamedExpr(self, node: cst.NamedExpr) -> None:
        self._bind(node.target, node.value)

    def visit_AugAssign(self, node: cst.AugAssign) -> None:
        if isinstance(node.target, cst.Name):
            self.scope.mutated.add(node.target.value)

    def visit_For(self, node: cst.For) -> None:
        self._make_opaque(node.target)

    def visit_CompFor(self, node: cst.CompFor) -> bool:
        # Comprehension variables live in their own scope in Python 3.
        return True

    def visit_WithItem(self, node: cst.WithItem) -> None:
        if node.asname is not None:
            self._make_opaque(node.asname.name)

    def visit_Global(self, node: cst.Global) -> None:
        for item in node.names:
            self.scope.opaque.add(item.name.value)
            self.scope.declared_outer.add(item.name.value)

    def visit_Nonlocal(self, node: cst.Nonlocal) -> None:
        for item in node.names:
            self.scope.opaque.add(item.name.value)
            self.scope.declared_outer.add(item.name.value)

    def visit_Call(self, node: cst.Call) -> None:
        func = node.func
        if (
            isinstance(func, cst.Attribute)
            and isinstance(func.value, cst.Name)
            and func.attr.value in MUTATING_METHODS
        ):
            self.scope.mutated.add(func.value.value)

    def _bind(self, target: cst.BaseExpression, value: cst.BaseExpression) -> None:
        if isinstance(target, cst.Name):
            self.scope.assignments.setdefault(target.value, []).append(value)
        elif isinstance(target, (cst.Tuple, cst.List)):
            values = value.elements if isinstance(value, (cst.Tuple, cst.List)) else None
            if values is not None and len(values) == len(target.elements):
                for element, value_element in zip(target.elements, values):
                    self._bind(element.value, value_element.value)
            else:
                for element in target.elements:
                    self._make_opaque(element.value)
        elif isinstance(target, cst.Subscript) and isinstance(target.value, cst.Name):
            self.scope.mutated.add(target.value.value)
        elif isinstance(target, cst.Attribute):
            self.scope.attribute_targets[target.attr.value] = self.scope.attribute_targets.get(target.attr.value, 0) + 1
            if isinstance(target.value, cst.Name) and target.value.value == "self":
                self.scope.self_attributes.setdefault(target.attr.value, []).append(value)

    def _make_opaque(self, target: cst.BaseExpression) -> None:
        if isinstance(target, cst.Name):
            self.scope.opaque.add(target.value)
        elif isinstance(target, (cst.Tuple, cst.List)):
            for element in target.elements:
                self._make_opaque(element.value)
        elif isinstance(target, cst.StarredElement):
            self._make_opaque(target.value)


class _ModuleIndexer(_BindingCollector, _ImportCollector):
    """One walk of a module that records the bindings of every scope and groups calls by scope.

    Bindings and calls in class bodies and lambdas belong to no scope the pass reads. Each function gets
    its own scope, whose parent is the nearest enclosing function, or the module for methods and
    top-level functions.
    """

    def __init__(self, module: ParsedModule) -> None:
        self.module = module
        root = Scope(module=module, node=module.tree)
        _BindingCollector.__init__(self, root)
        _ImportCollector.__init__(self)
        self.index = _ModuleIndex(scopes={id(module.tree): root}, calls={id(module.tree): []})
        # The scope receiving bindings and calls; None inside class bodies and lambdas.
        self.stack: list[Optional[Scope]] = [root]

    def run(self) -> _ModuleIndex:
        self.module.tree.visit(self)
        self.module.imports = self.names

        # `METRICS.append(...)` inside a function changes the module's METRICS list.
        for scope in self.index.scopes.values():
            local = set(scope.assignments) | set(scope.parameters) | (scope.opaque - scope.declared_outer)
            for name in (scope.mutated - local) | scope.declared_outer:
                outer = scope.parent
                while outer is not None and not outer.binds(name):
                    outer = outer.parent
                if outer is not None:
                    outer.mutated.add(name)
        return self.index

    @property
    def current(self) -> Optional[Scope]:
        return self.stack[-1]

    def visit_FunctionDef(self, node: cst.FunctionDef) -> bool:
        if self.current is not None:
            self.current.local_functions[node.name.value] = node
        # Python skips class bodies when resolving names, so the parent is the nearest function or the module.
        parent = next(scope for scope in reversed(self.stack) if scope is not None)
        scope = Scope(module=self.module, node=node, parent=parent)
        _add_parameters(scope, node)
        self.index.scopes[id(node)] = scope
        self.index.calls[id(node)] = []
        self.stack.append(scope)
        return True

    def leave_FunctionDef(self, original_node: cst.FunctionDef) -> None:
        self.stack.pop()

    def visit_ClassDef(self, node: cst.ClassDef) -> bool:
        if self.current is not None:
            self.current.local_classes[node.name.value] = node
        self.stack.append(None)
        return True

    def leave_ClassDef(self, original_node: cst.ClassDef) -> None:
        self.stack.pop()

    def visit_Lambda(self, node: cst.Lambda) -> bool:
        self.stack.append(None)
        return True

    def leave_Lambda(self, original_node: cst.Lambda) -> None:
        self.stack.pop()

    def visit_Call(self, node: cst.Call) -> None:
        scope = self.current
        if scope is None:
            return
        self.index.calls[id(scope.node)].append(node)
        self.scope = scope
        super().visit_Call(node)

    def on_visit(self, node: cst.CSTNode) -> bool:
        # Point the binding handlers of _BindingCollector at the current scope, or skip them.
        scope = self.current
        if scope is None:
            if isinstance(node, (cst.FunctionDef, cst.ClassDef, cst.Lambda, cst.Import, cst.ImportFrom)):
                return super().on_visit(node)
            return True
        self.scope = scope
        return super().on_visit(node)
