"""Print probe results: a rich table per target, or JSON."""

from __future__ import annotations

import json
import os
import sys
from typing import Optional, TextIO

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from ktlint.probe.record import is_vector
from ktlint.probe.result import STATUS_ERROR, STATUS_OK, STATUS_PROBLEMS, ProbeResult

STATUS_ORDER = (STATUS_OK, STATUS_PROBLEMS, STATUS_ERROR)
EXIT_CODES = {STATUS_OK: 0, STATUS_PROBLEMS: 1, STATUS_ERROR: 2}
WIDTH = 120


def overall_status(results: list[ProbeResult]) -> str:
    return max((result.status for result in results), key=STATUS_ORDER.index, default=STATUS_ERROR)


def write_json(results: list[ProbeResult], stream: TextIO) -> None:
    """Write one target's result object, or {"status": the worst, "results": [...]} for several targets."""
    if len(results) == 1:
        document = results[0].to_json()
    else:
        document = {"status": overall_status(results), "results": [result.to_json() for result in results]}
    json.dump(document, stream, indent=2)
    stream.write("\n")


def make_console(stream: Optional[TextIO] = None, color: Optional[bool] = None) -> Console:
    # Off a terminal rich assumes 80 columns, too narrow for the objectives table.
    target = stream if stream is not None else sys.stdout
    is_terminal = getattr(target, "isatty", lambda: False)()
    width = None if is_terminal or os.environ.get("COLUMNS") else WIDTH
    return Console(file=stream, highlight=False, soft_wrap=True, force_terminal=color, no_color=color is False,
                   width=width)


def write_rich(results: list[ProbeResult], stream: TextIO, color: Optional[bool] = None,
               show_output: bool = False) -> None:
    console = make_console(stream, color)
    for result in results:
        render(result, console, show_output=show_output)


def render(result: ProbeResult, console: Console, show_output: bool = False) -> None:
    style = {STATUS_OK: "bold green", STATUS_PROBLEMS: "bold yellow", STATUS_ERROR: "bold red"}[result.status]
    version = result.versions.get("kerastuner_keras") or result.versions.get("keras")
    heading = f"[bold]{escape(result.target)}[/bold]: [{style}]{result.status}[/{style}]"
    if version:
        heading += f"  (Keras {escape(version)}, KerasTuner {escape(result.versions.get('keras-tuner', '?'))})"
    console.print(heading)
    if result.error:
        console.print(f"  [red]error[/red]: {escape(result.error)}")

    if result.objectives:
        console.print(_objective_table(result))
    if result.log_keys:
        console.print(f"  [cyan]log keys[/cyan]: {escape(_keys_with_shapes(result))}")
    elif result.status != STATUS_ERROR:
        reason = "the trial failed before Keras logged an epoch" if result.trial else "no trial ran"
        console.print(f"  [cyan]log keys[/cyan]: none ({reason})")
    if result.data:
        console.print(f"  [cyan]data[/cyan]: {result.data}" + ("" if result.validation else ", no validation data"))

    for fault in result.environment:
        console.print(f"  [bold red]environment[/bold red]: {escape(fault['message'])}")
        console.print(f"    [green]fix[/green]: {escape(fault['fix'])}")
    for diagnostic in result.diagnostics:
        console.print(
            f"  [bold]{escape(diagnostic.filename)}:{diagnostic.location.row}:{diagnostic.location.column}[/bold]: "
            f"[bold red]{diagnostic.code}[/bold red] {escape(diagnostic.message)}"
        )
        if diagnostic.help:
            console.print(f"    [green]help[/green]: {escape(diagnostic.help)}")
    for failure in result.failures:
        console.print(f"  [red]failure[/red]: {escape(failure)}")
    if result.trial:
        console.print(f"  [cyan]trial[/cyan]: {escape(_trial_summary(result.trial))}")
    for note in result.notes:
        console.print(f"  [dim]note[/dim]: {escape(note)}")
    if result.compare is not None:
        _render_compare(result.compare, console)
    if result.output and (show_output or result.status == STATUS_ERROR):
        console.print("  [dim]output of the user's code (last lines):[/dim]")
        console.print(escape(_indent(result.output.strip().splitlines()[-25:])))
    console.print()


def _objective_table(result: ProbeResult) -> Table:
    table = Table(show_edge=False, pad_edge=False, box=None, padding=(0, 2))
    for column in ("objective", "expected key", "found", "closest real keys", "direction", "fix"):
        table.add_column(column)
    for row in result.objectives:
        if row.found is None:
            found = "[dim]not reached[/dim]"
        elif row.found:
            found = "[green]yes[/green]" + (f" (shape {tuple(row.shape)})" if row.shape else "")
        else:
            found = "[red]no[/red]"
        direction = row.direction or "[red]cannot infer[/red]"
        code = f"[bold red]{row.code}[/bold red]: " if row.code else ""
        table.add_row(
            escape(row.name), escape(row.name), found, escape(", ".join(row.closest)) or "-",
            direction, code + escape(row.fix or "-"),
        )
    return table


def _keys_with_shapes(result: ProbeResult) -> str:
    parts = []
    for key in result.log_keys:
        shape = result.shapes.get(key) or []
        parts.append(f"{key} {tuple(shape)}" if is_vector(shape) else key)
    return ", ".join(parts)


def _render_compare(compare: dict, console: Console) -> None:
    status = compare.get("status")
    if status == "agrees":
        console.print("  [cyan]compare[/cyan]: the static pass predicts exactly these keys")
    elif status == "differs":
        console.print("  [cyan]compare[/cyan]: [yellow]the static pass predicts other keys[/yellow]")
        if compare["predicted_only"]:
            console.print(f"    predicted, never logged: {escape(', '.join(compare['predicted_only']))}")
        if compare["measured_only"]:
            console.print(f"    logged, not predicted: {escape(', '.join(compare['measured_only']))}")
    else:
        console.print(f"  [cyan]compare[/cyan]: {escape(status or '')}: {escape(compare.get('reason', ''))}")


def _trial_summary(trial: dict) -> str:
    status = trial.get("status", "")
    text = status
    if status == "INVALID":
        # KerasTuner retries an INVALID trial max_retries_per_trial times (0 by default), then marks it FAILED.
        text += " (a search marks it FAILED and goes on with the next trial)"
    elif status == "FATAL":
        text += " (KerasTuner raises this out of search(), which ends the search)"
    lines = [line for line in (trial.get("message") or "").splitlines() if line.strip()]
    if lines:
        text += f": {lines[-1].strip()}"
    return text


def _indent(lines: list[str]) -> str:
    return "\n".join("    " + line for line in lines)
