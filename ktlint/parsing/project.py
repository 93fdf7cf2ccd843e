"""Cross-module lookups: find a project module by import name and the definition a name refers to."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Optional, Union

import libcst as cst

from ktlint.parsing.module import ParseFailure, ParsedModule, parse_module
from ktlint.parsing.scope import Scope, all_scopes, function_scope, module_scope
from ktlint.parsing.source import SourceError, read_source

# Files that mark the top of a project: imports resolve from there as well as from the file's folder.
PROJECT_MARKERS = ("pyproject.toml", "setup.py", "setup.cfg", ".git")
# Re-export chains (`from .a import b` in __init__.py) are followed this deep.
MAX_HOPS = 8


@dataclass(frozen=True)
class Definition:
    """Target of a name: a function, a class or an assigned value, with the scope it lives in."""

    module: ParsedModule
    node: Union[cst.FunctionDef, cst.ClassDef, cst.BaseExpression]
    scope: Scope

    @property
    def is_function(self) -> bool:
        return isinstance(self.node, cst.FunctionDef)

    @property
    def is_class(self) -> bool:
        return isinstance(self.node, cst.ClassDef)


def find_project_root(path: Path) -> Path:
    """Return the nearest folder above `path` holding a project marker, or the file's own folder."""
    folder = path.parent.resolve()
    for candidate in (folder, *folder.parents):
        if any((candidate / marker).exists() for marker in PROJECT_MARKERS):
            return candidate
    return folder


class Project:
    """Parsed modules of one run, loaded on demand and cached by resolved path."""

    def __init__(self, loader: Optional[Callable[[Path], ParsedModule]] = None) -> None:
        self._modules: dict[Path, Optional[ParsedModule]] = {}
        self._loader = loader or _load_from_disk
        self._module_files: dict[tuple[Path, str], Optional[Path]] = {}

    def modules(self) -> list[ParsedModule]:
        """Return every module parsed so far, whether named on the command line or imported."""
        return [module for module in self._modules.values() if module is not None]

    def add(self, module: ParsedModule) -> None:
        self._modules[module.path.resolve()] = module

    def load(self, path: Path) -> Optional[ParsedModule]:
        """Return the parsed module at `path`, or None when it cannot be read or parsed."""
        key = path.resolve()
        if key not in self._modules:
            try:
                self._modules[key] = self._loader(path)
            except (SourceError, ParseFailure, OSError, RecursionError):
                self._modules[key] = None
        return self._modules[key]

    def find_module_file(self, dotted: str, importer: ParsedModule) -> Optional[Path]:
        """Find the file of module `dotted` imported from `importer`; leading dots make it relative."""
        cache_key = (importer.path.parent, dotted)
        if cache_key in self._module_files:
            return self._module_files[cache_key]

        level = len(dotted) - len(dotted.lstrip("."))
        parts = [part for part in dotted.lstrip(".").split(".") if part]
        if level:
            base = importer.path.parent
            for _ in range(level - 1):
                base = base.parent
            bases = [base]
        else:
            root = find_project_root(importer.path)
            bases = [importer.path.parent]
            for parent in importer.path.parent.resolve().parents:
                if root != parent and root not in parent.parents:
                    break
                bases.append(parent)
            bases.append(root / "src")

        found = None
        for base in bases:
            candidate = base.joinpath(*parts) if parts else base
            for file in (candidate.with_suffix(".py") if parts else None, candidate / "__init__.py"):
                if file is not None and file.is_file():
                    found = file
                    break
            if found:
                break
        self._module_files[cache_key] = found
        return found

    def lookup(self, qualified: str, importer: ParsedModule, hops: int = 0) -> Optional[Definition]:
        """Resolve a qualified name imported by `importer` to its definition inside the project."""
        if hops > MAX_HOPS:
            return None
        level = len(qualified) - len(qualified.lstrip("."))
        parts = qualified.lstrip(".").split(".")
        # Try the longest module prefix first: `pkg.models.build` may be module pkg.models, attribute build.
        for split in range(len(parts) - 1, -1, -1):
            module_name = "." * level + ".".join(parts[:split])
            if not module_name.strip("."):
                if not level:
                    continue
            file = self.find_module_file(module_name, importer)
            if file is None:
                continue
            module = self.load(file)
            if module is None:
                return None
            rest = parts[split:]
            if len(rest) != 1:
                return None
            return self.attribute(module, rest[0], hops + 1)
        return None

    def attribute(self, module: ParsedModule, name: str, hops: int = 0) -> Optional[Definition]:
        """Return what top-level `name` of `module` is bound to, following re-exports."""
        scope = module_scope(module)
        if name in module.functions:
            return Definition(module, module.functions[name], scope)
        if name in module.classes:
            return Definition(module, module.classes[name], scope)
        value = scope.value_of(name)
        if value is not None:
            return Definition(module, value, scope)
        if name in module.imports:
            return self.lookup(module.imports[name], module, hops + 1)
        return None

    def resolve_name(self, name: str, scope: Scope) -> Optional[Definition]:
        """Follow a bare name from `scope` outwards to its definition in the project."""
        current: Optional[Scope] = scope
        while current is not None:
            if name in current.local_functions:
                return Definition(current.module, current.local_functions[name], current)
            if name in current.local_classes:
                return Definition(current.module, current.local_classes[name], current)
            if current.binds(name):
                value = current.value_of(name)
                return Definition(current.module, value, current) if value is not None else None
            current = current.parent

        module = scope.module
        if name in module.imports:
            return self.lookup(module.imports[name], module)
        return None

    def resolve(self, node: cst.BaseExpression, scope: Scope, depth: int = 0) -> Optional[Definition]:
        """Follow names and attribute chains until a function, class or non-name value is reached."""
        if depth > MAX_HOPS:
            return None
        definition: Optional[Definition] = None
        if isinstance(node, cst.Name):
            definition = self.resolve_name(node.value, scope)
        elif isinstance(node, cst.Attribute):
            definition = self._resolve_attribute(node, scope)
        else:
            return Definition(scope.module, node, scope)

        if definition is not None and isinstance(definition.node, (cst.Name, cst.Attribute)):
            return self.resolve(definition.node, definition.scope, depth + 1)
        return definition

    def _resolve_attribute(self, node: cst.Attribute, scope: Scope) -> Optional[Definition]:
        # `module.name` chains of project modules are followed, and `self.name` set once in a method
        # of the same class; other attributes of objects are not.
        if isinstance(node.value, cst.Name) and node.value.value == "self":
            return self._self_attribute(node.attr.value, scope)
        dotted = _dotted(node)
        if dotted is None:
            return None
        head, _, rest = dotted.partition(".")
        if scope.binds(head) or head not in scope.module.imports:
            return None
        return self.lookup(f"{scope.module.imports[head]}.{rest}", scope.module)

    def _self_attribute(self, name: str, scope: Scope) -> Optional[Definition]:
        if not isinstance(scope.node, cst.FunctionDef):
            return None
        class_def = _enclosing_class(scope.module.tree, scope.node)
        if class_def is None:
            return None
        found = []
        for statement in class_def.body.body if isinstance(class_def.body, cst.IndentedBlock) else []:
            if isinstance(statement, cst.FunctionDef):
                method_scope = function_scope(scope.module, statement)
                found += [(value, method_scope) for value in method_scope.self_attributes.get(name, [])]
        # A subclass or outside code that also sets the attribute makes its value unknown.
        writers = sum(other.attribute_targets.get(name, 0) for other in all_scopes(scope.module))
        if len(found) != 1 or writers != 1:
            return None
        value, method_scope = found[0]
        return Definition(scope.module, value, method_scope)

    def scope_of(self, module: ParsedModule, function: Optional[cst.FunctionDef]) -> Scope:
        return function_scope(module, function) if function is not None else module_scope(module)


def _enclosing_class(tree: cst.Module, function: cst.FunctionDef) -> Optional[cst.ClassDef]:
    """Return the top-level class whose body defines `function` as a method."""
    for statement in tree.body:
        if isinstance(statement, cst.ClassDef) and isinstance(statement.body, cst.IndentedBlock):
            if any(item is function for item in statement.body.body):
                return statement
    return None


def _load_from_disk(path: Path) -> ParsedModule:
    return parse_module(read_source(path))


def _dotted(node: cst.BaseExpression) -> Optional[str]:
    if isinstance(node, cst.Name):
        return node.value
    if isinstance(node, cst.Attribute):
        inner = _dotted(node.value)
        return f"{inner}.{node.attr.value}" if inner is not None else None
    return None
