"""Small walks over one function body: the calls, returns and method calls it contains."""

from __future__ import annotations

from typing import Union

import libcst as cst


def calls_in(body: Union[cst.FunctionDef, cst.Module, cst.CSTNode], module=None) -> list[cst.Call]:
    """Return every call in `body` in source order, without entering nested functions or classes.

    With `module` (the ParsedModule holding `body`), one walk of the whole module serves every later
    request for the module or any function in it.
    """
    if module is not None and isinstance(body, (cst.Module, cst.FunctionDef)):
        index = module.__dict__.get("_calls_by_owner")
        if index is None:
            index = _index_calls(module.tree)
            module.__dict__["_calls_by_owner"] = index
        return index.get(id(body), [])

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


def _index_calls(tree: cst.Module) -> dict[int, list[cst.Call]]:
    """Group the calls of a module by the innermost function (or the module) that runs them."""
    index: dict[int, list[cst.Call]] = {id(tree): []}
    owners: list[int] = [id(tree)]

    class Indexer(cst.CSTVisitor):
        def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
            index[id(node)] = []
            owners.append(id(node))

        def leave_FunctionDef(self, original_node: cst.FunctionDef) -> None:
            owners.pop()

        def visit_ClassDef(self, node: cst.ClassDef) -> None:
            # Calls in a class body (outside methods) belong to no scope the pass reads.
            owners.append(-1)

        def leave_ClassDef(self, original_node: cst.ClassDef) -> None:
            owners.pop()

        def visit_Lambda(self, node: cst.Lambda) -> None:
            owners.append(-1)

        def leave_Lambda(self, original_node: cst.Lambda) -> None:
            owners.pop()

        def visit_Call(self, node: cst.Call) -> None:
            if owners[-1] != -1:
                index[owners[-1]].append(node)

    tree.visit(Indexer())
    return index


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
