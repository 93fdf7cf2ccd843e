"""A JSON array of diagnostics, shaped like Ruff's JSON output plus `objective` and `log_keys`."""

from __future__ import annotations

import json
from typing import TextIO

from ktlint.diagnostics import Diagnostic


def write_json(diagnostics: list[Diagnostic], stream: TextIO) -> None:
    json.dump([diagnostic.to_json() for diagnostic in diagnostics], stream, indent=2)
    stream.write("\n")
