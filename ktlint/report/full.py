"""The default human format: a source frame under each diagnostic, rendered with rich."""

from __future__ import annotations

from typing import Optional, TextIO

from rich.console import Console
from rich.markup import escape
from rich.text import Text

from ktlint.diagnostics import Diagnostic
from ktlint.parsing.notebook import NotebookSource, split_lines
from ktlint.parsing.source import Source
from ktlint.report.concise import position

CONTEXT_LINES = 1


def write_full(diagnostics: list[Diagnostic], sources: dict[str, Source], stream: TextIO, color: Optional[bool] = None) -> None:
    console = Console(file=stream, highlight=False, soft_wrap=True, force_terminal=color, no_color=color is False)
    for diagnostic in diagnostics:
        fixable = " [*]" if diagnostic.fix and diagnostic.fix.applicability == "safe" else ""
        console.print(
            f"[bold]{escape(position(diagnostic))}[/bold]: [bold red]{diagnostic.code}[/bold red]"
            f"{escape(fixable)} {escape(diagnostic.message)}"
        )
        source = sources.get(diagnostic.filename)
        if source is not None:
            console.print(_frame(diagnostic, source))
        if diagnostic.objective:
            console.print(f"  [cyan]objective[/cyan]: {escape(diagnostic.objective)}")
        if diagnostic.log_keys is not None:
            console.print(f"  [cyan]log keys[/cyan]: {escape(', '.join(diagnostic.log_keys) or '(none)')}")
        if diagnostic.fix is not None:
            label = "fix" if diagnostic.fix.applicability == "safe" else "unsafe fix"
            console.print(f"  [green]{label}[/green]: {escape(diagnostic.fix.message)}")
        elif diagnostic.help:
            console.print(f"  [green]help[/green]: {escape(diagnostic.help)}")
        console.print()


def _frame(diagnostic: Diagnostic, source: Source) -> Text:
    if diagnostic.cell is not None and isinstance(source, NotebookSource):
        lines = source.cell_lines(diagnostic.cell)
    else:
        lines = split_lines(source.text)
    row = diagnostic.location.row
    first = max(1, row - CONTEXT_LINES)
    last = min(len(lines), max(row, diagnostic.end_location.row if diagnostic.end_location.row - row < 4 else row))
    width = len(str(last))
    frame = Text()
    for number in range(first, last + 1):
        line = lines[number - 1] if number - 1 < len(lines) else ""
        frame.append(f"  {number:>{width}} | ", style="blue")
        frame.append(line + "\n")
        if number == row:
            start = diagnostic.location.column
            end = diagnostic.end_location.column if diagnostic.end_location.row == row else len(line) + 1
            frame.append(f"  {' ' * width} | ", style="blue")
            frame.append(" " * (start - 1) + "^" * max(1, end - start) + "\n", style="bold red")
    return frame
