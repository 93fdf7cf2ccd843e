"""A parsed module: the libcst tree, node positions, imports and top-level definitions."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

import ast

import libcst as cst
from libcst.metadata import CodeRange, MetadataWrapper, PositionProvider

from ktlint.parsing.source import Source


@dataclass
class ParsedModule:
    """One module of the project with everything the fact collectors look up by name."""

    path: Path
    source: Source
    tree: cst.Module
    # Local name -> qualified name, for every import in the file (module level or nested).
    imports: dict[str, str] = field(default_factory=dict)
    functions: dict[str, cst.FunctionDef] = field(default_factory=dict)
    classes: dict[str, cst.ClassDef] = field(default_factory=dict)

    _positions: Optional[dict] = None

    def position(self, node: cst.CSTNode) -> Optional[CodeRange]:
        # Positions cost a full code generation pass, so they are computed only for modules that report.
        if self._positions is None:
            # unsafe_skip_copy: the tree is never mutated, so libcst's default deep copy is wasted time.
            wrapper = MetadataWrapper(self.tree, unsafe_skip_copy=True)
            self._positions = dict(wrapper.resolve(PositionProvider))
        return self._positions.get(node)

    def code(self, node: cst.CSTNode) -> str:
        return self.tree.code_for_node(node)


# Deeper code is reported instead of parsed: libcst's recursion would overflow the stack.
MAX_NESTING = 150


class ParseFailure(Exception):
    """libcst rejected the file; `row` and `column` are 1-based."""

    def __init__(self, message: str, row: int, column: int, syntax: bool = True):
        super().__init__(message)
        self.message = message
        self.row = row
        self.column = column
        # False when the code is valid Python that ktlint declines to parse.
        self.syntax = syntax


def parse_module(source: Source, text: Optional[str] = None) -> ParsedModule:
    """Parse `text` (default: the file's text) and index its imports and top-level definitions."""
    code = source.text if text is None else text
    _check_with_python_parser(code)
    try:
        tree = cst.parse_module(code)
    except cst.ParserSyntaxError as error:
        raise ParseFailure(error.message, error.raw_line, error.raw_column + 1) from None
    except RecursionError:
        raise ParseFailure("nesting too deep for the parser", 1, 1) from None

    module = ParsedModule(path=source.path, source=source, tree=tree)

    # One walk indexes imports, scopes and calls; imported here because scope.py builds on this module.
    from ktlint.parsing.scope import module_scope

    module_scope(module)
    for statement in tree.body:
        if isinstance(statement, cst.FunctionDef):
            module.functions[statement.name.value] = statement
        elif isinstance(statement, cst.ClassDef):
            module.classes[statement.name.value] = statement
    return module


def _check_with_python_parser(code: str) -> None:
    """Reject what CPython rejects, with its message and position, and code nested too deep for libcst.

    libcst's parser and visitors recurse once per nesting level, so a long `a + b + ...` chain can
    exhaust the stack and crash the process. CPython's own parser handles such code, so its tree is
    measured first.
    """
    try:
        tree = ast.parse(code)
    except SyntaxError as error:
        raise ParseFailure(error.msg, error.lineno or 1, max(error.offset or 1, 1)) from None
    except (RecursionError, MemoryError, ValueError) as error:
        raise ParseFailure(f"the file cannot be parsed ({type(error).__name__}: {error})", 1, 1, syntax=False) from None

    # Depth of the AST, counted level by level without recursion.
    level: list[ast.AST] = [tree]
    depth = 0
    while level:
        depth += 1
        if depth > MAX_NESTING:
            line = getattr(level[0], "lineno", 1)
            raise ParseFailure(
                f"Code nested more than {MAX_NESTING} levels deep is not checked; split the expression", line, 1,
                syntax=False,
            )
        below: list[ast.AST] = []
        for node in level:
            for field_name in node._fields:
                value = getattr(node, field_name, None)
                if isinstance(value, list):
                    below.extend(item for item in value if isinstance(item, ast.AST))
                elif isinstance(value, ast.AST):
                    below.append(value)
        level = below


def collect_imports(tree: cst.Module) -> dict[str, str]:
    """Map each imported local name to its qualified name; relative imports keep their leading dots."""
    collector = _ImportCollector()
    tree.visit(collector)
    return collector.names


class _ImportCollector(cst.CSTVisitor):
    def __init__(self) -> None:
        self.names: dict[str, str] = {}

    def visit_Import(self, node: cst.Import) -> None:
        for alias in node.names:
            full = _dotted(alias.name)
            if alias.asname is not None:
                self.names[_dotted(alias.asname.name)] = full
            else:
                # `import a.b.c` binds `a`.
                head = full.split(".")[0]
                self.names.setdefault(head, head)

    def visit_ImportFrom(self, node: cst.ImportFrom) -> None:
        if isinstance(node.names, cst.ImportStar):
            return
        base = "." * len(node.relative) + (_dotted(node.module) if node.module is not None else "")
        for alias in node.names:
            name = _dotted(alias.name)
            local = _dotted(alias.asname.name) if alias.asname is not None else name
            separator = "" if base.endswith(".") or not base else "."
            self.names[local] = f"{base}{separator}{name}"


def _dotted(node: cst.BaseExpression) -> str:
    if isinstance(node, cst.Name):
        return node.value
    if isinstance(node, cst.Attribute):
        return f"{_dotted(node.value)}.{node.attr.value}"
    return ""
