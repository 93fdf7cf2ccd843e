"""GitHub Actions workflow commands: one `::error` annotation per diagnostic, shown on the pull request.

Format (https://docs.github.com/actions/using-workflows/workflow-commands-for-github-actions):
`::error title=ktlint (KT101),file=PATH,line=R,col=C,endLine=R,endColumn=C::KT101 message`.
Property values escape `%`, CR, LF, `:` and `,`; the message escapes `%`, CR and LF.

A notebook's rows are cell-relative and would point at the wrong lines of the .ipynb JSON, so its
annotations are file-level (no line or column) and the message starts with `cell N:ROW:COL:`.
"""

from __future__ import annotations

from typing import TextIO

from ktlint.diagnostics import Diagnostic


def write_github(diagnostics: list[Diagnostic], stream: TextIO) -> None:
    stream.writelines(annotation(diagnostic) + "\n" for diagnostic in diagnostics)


def annotation(diagnostic: Diagnostic) -> str:
    properties = [("title", f"ktlint ({diagnostic.code})"), ("file", diagnostic.filename)]
    message = f"{diagnostic.code} {diagnostic.message}"
    if diagnostic.cell is None:
        properties += [
            ("line", str(diagnostic.location.row)),
            ("col", str(diagnostic.location.column)),
            ("endLine", str(diagnostic.end_location.row)),
            ("endColumn", str(diagnostic.end_location.column)),
        ]
    else:
        position = f"cell {diagnostic.cell}:{diagnostic.location.row}:{diagnostic.location.column}"
        message = f"{diagnostic.code} {position}: {diagnostic.message}"
    rendered = ",".join(f"{key}={_escape_property(value)}" for key, value in properties)
    return f"::error {rendered}::{_escape_data(message)}"


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")
