"""Small walks over one function body: the calls, returns and method calls it contains."""

from __future__ import annotations

from typing import Union

import libcst as cst

from ktlint.parsing.scope import calls_by_owner


def calls_in(body: Union[cst.FunctionDef, cst.Module, cst.CSTNode], module=None) -> list[cst.Call]:
    """Return every call in `body` in source order, without entering nested functions or classes.

    With `module` (the ParsedModule holding `body`), one walk of the whole module serves every later
    request for the module or any function in it.
    """
    if module is not None and isinstance(body, (cst.Module, cst.FunctionDef)):
        return calls_by_owner(module).get(id(body), [])

    found: list[cst.Call] = []
    root = body

    class Finder(cst.CSTVisitor):
        def visit_FunctionDef(self, node: cst.FunctionDef) -> bool:
            return node is root

        def visit_ClassDef(self, node: cst.ClassDef) -> bool:
            return False

        def visit_Lambda(self, node: cst.Lambda) -> bool:
            return False

        def visit_Call(self, node: cst.Call) -> None:
            found.append(node)

    body.visit(Finder())
    return found


def method_calls(body, method: str, module=None) -> list[cst.Call]:
    """Return the calls of the form `<anything>.method(...)` in `body`."""
    return [
        call
        for call in calls_in(body, module)
        if isinstance(call.func, cst.Attribute) and call.func.attr.value == method
    ]


def returns_in(function: cst.FunctionDef) -> list[cst.Return]:
    found: list[cst.Return] = []

    class Finder(cst.CSTVisitor):
        def visit_FunctionDef(self, node: cst.FunctionDef) -> bool:
            return node is function

        def visit_ClassDef(self, node: cst.ClassDef) -> bool:
            return False

        def visit_Lambda(self, node: cst.Lambda) -> bool:
            return False

        def visit_Return(self, node: cst.Return) -> None:
            found.append(node)

    function.visit(Finder())
    return found


def is_generator(function: cst.FunctionDef) -> bool:
    found = []

    class Finder(cst.CSTVisitor):
        def visit_FunctionDef(self, node: cst.FunctionDef) -> bool:
            return node is function

        def visit_Lambda(self, node: cst.Lambda) -> bool:
            return False

        def visit_Yield(self, node: cst.Yield) -> None:
            found.append(node)

    function.visit(Finder())
    return bool(found)


def class_method(class_def: cst.ClassDef, name: str):
    body = class_def.body.body if isinstance(class_def.body, cst.IndentedBlock) else []
    for statement in body:
        if isinstance(statement, cst.FunctionDef) and statement.name.value == name:
            return statement
    return None
