"""One line per diagnostic: `path:row:col: CODE message`."""

from __future__ import annotations

from typing import TextIO

from ktlint.diagnostics import Diagnostic


def position(diagnostic: Diagnostic) -> str:
    cell = f"cell {diagnostic.cell}:" if diagnostic.cell is not None else ""
    return f"{diagnostic.filename}:{cell}{diagnostic.location.row}:{diagnostic.location.column}"


def write_concise(diagnostics: list[Diagnostic], stream: TextIO) -> None:
    for diagnostic in diagnostics:
        fixable = " [*]" if diagnostic.fix and diagnostic.fix.applicability == "safe" else ""
        stream.write(f"{position(diagnostic)}: {diagnostic.code}{fixable} {diagnostic.message}\n")
