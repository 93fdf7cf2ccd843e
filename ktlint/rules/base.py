"""The rule interface: a code, a name, a document, examples that double as tests, and a check."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Iterable, Optional

import libcst as cst

from ktlint.diagnostics import Diagnostic, Edit, Fix, Location
from ktlint.parsing.module import ParsedModule

if TYPE_CHECKING:
    from ktlint.analysis import TunerAnalysis
    from ktlint.parsing.project import Project


@dataclass(frozen=True)
class Example:
    """A small program for a rule's document and tests; `keras` is the major version it targets."""

    code: str
    keras: str = "3"
    # For invalid examples: how many diagnostics of the rule it gets.
    count: int = 1


@dataclass
class Context:
    """Input of every rule: the analysed tuners and the modules whose diagnostics are reported."""

    project: "Project"
    majors: tuple[int, ...]
    linted: list[ParsedModule]
    tuners: list["TunerAnalysis"]
    diagnostics: list[Diagnostic] = field(default_factory=list)

    def is_linted(self, module: ParsedModule) -> bool:
        return any(module is other for other in self.linted)

    @property
    def keras_label(self) -> str:
        return " and ".join(f"Keras {major}" for major in self.majors)


class Rule:
    code: str = ""
    name: str = ""
    summary: str = ""
    # Markdown sections of the rule's document, without the examples (they come from the lists below).
    what_it_does: str = ""
    why_is_this_bad: str = ""
    known_problems: str = ""
    fix_safety: str = ""
    invalid: tuple[Example, ...] = ()
    valid: tuple[Example, ...] = ()

    def check(self, context: Context) -> Iterable[Diagnostic]:
        raise NotImplementedError

    def diagnostic(
        self,
        module: ParsedModule,
        node: cst.CSTNode,
        message: str,
        *,
        fix: Optional[Fix] = None,
        help: Optional[str] = None,
        objective: Optional[str] = None,
        log_keys: Optional[Iterable[str]] = None,
        keras_version: Optional[str] = None,
    ) -> Diagnostic:
        start, end = node_span(module, node)
        return Diagnostic(
            code=self.code,
            name=self.name,
            message=message,
            filename=str(module.path),
            location=start,
            end_location=end,
            fix=fix,
            help=help,
            objective=objective,
            log_keys=sorted(log_keys) if log_keys is not None else None,
            keras_version=keras_version,
        )


def node_span(module: ParsedModule, node: cst.CSTNode) -> tuple[Location, Location]:
    position = module.position(node)
    if position is None:
        return Location(1, 1), Location(1, 1)
    return (
        Location(position.start.line, position.start.column + 1),
        Location(position.end.line, position.end.column + 1),
    )


def replace_node(module: ParsedModule, node: cst.CSTNode, content: str, message: str, applicability: str = "safe") -> Fix:
    """Build a fix that replaces the source text of `node` with `content`."""
    start, end = node_span(module, node)
    return Fix(message=message, edits=(Edit(content, start, end),), applicability=applicability)


def insert_at(location: Location, content: str) -> Edit:
    return Edit(content, location, location)


def code_list(keys: Iterable[str], limit: int = 12) -> str:
    """Format keys as a short backticked list for messages."""
    ordered = sorted(keys)
    shown = ", ".join(f"`{key}`" for key in ordered[:limit])
    if len(ordered) > limit:
        shown += f" and {len(ordered) - limit} more"
    return shown or "no keys"
