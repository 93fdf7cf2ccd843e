"""SARIF 2.1.0 output, the format GitHub code scanning uploads (github/codeql-action/upload-sarif).

Every rule is listed in `tool.driver.rules` with its summary, description and help text from the rule
class, and each result points at its rule by `ruleId` and `ruleIndex`. File paths inside the current
folder are written as URIs relative to `%SRCROOT%`, which code scanning resolves against the
repository checkout. Other paths become absolute `file://` URIs. Columns count Unicode code points,
as ktlint's do, which the run states with `columnKind`.

A notebook has no rows of its own in SARIF: its results carry cell-relative rows, the cell in
`properties.cell`, and "cell N: " at the start of the message text.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import TextIO
from urllib.parse import quote

from ktlint import __version__
from ktlint.diagnostics import Diagnostic
from ktlint.rules import ALL_RULES
from ktlint.rules.base import Rule
from ktlint.rules.docs import render_rule

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
SARIF_VERSION = "2.1.0"


def write_sarif(diagnostics: list[Diagnostic], stream: TextIO) -> None:
    json.dump(sarif_log(diagnostics), stream, indent=2)
    stream.write("\n")


def sarif_log(diagnostics: list[Diagnostic]) -> dict:
    indexes = {rule.code: index for index, rule in enumerate(ALL_RULES)}
    return {
        "$schema": SCHEMA_URI,
        "version": SARIF_VERSION,
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "ktlint",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "rules": [_rule_descriptor(rule) for rule in ALL_RULES],
                    }
                },
                "columnKind": "unicodeCodePoints",
                "originalUriBaseIds": {"%SRCROOT%": {"uri": Path.cwd().as_uri() + "/"}},
                "results": [_result(diagnostic, indexes) for diagnostic in diagnostics],
            }
        ],
    }


def _rule_descriptor(rule: Rule) -> dict:
    help_text = f"{rule.why_is_this_bad}\n\nFix safety: {rule.fix_safety}"
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": f"{rule.summary}."},
        "fullDescription": {"text": rule.what_it_does},
        "help": {"text": help_text, "markdown": render_rule(rule)},
        "defaultConfiguration": {"level": "error"},
        "properties": {"tags": ["kerastuner", "keras"]},
    }


def _result(diagnostic: Diagnostic, indexes: dict[str, int]) -> dict:
    message = diagnostic.message
    if diagnostic.cell is not None:
        message = f"cell {diagnostic.cell}: {message}"

    result = {
        "ruleId": diagnostic.code,
        "level": "error",
        "message": {"text": message},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": _artifact_location(diagnostic.filename),
                    "region": {
                        "startLine": diagnostic.location.row,
                        "startColumn": diagnostic.location.column,
                        "endLine": diagnostic.end_location.row,
                        "endColumn": diagnostic.end_location.column,
                    },
                }
            }
        ],
    }
    if diagnostic.code in indexes:
        result["ruleIndex"] = indexes[diagnostic.code]

    properties = {}
    if diagnostic.cell is not None:
        properties["cell"] = diagnostic.cell
    if diagnostic.objective is not None:
        properties["objective"] = diagnostic.objective
    if diagnostic.log_keys is not None:
        properties["logKeys"] = diagnostic.log_keys
    if diagnostic.keras_version is not None:
        properties["kerasVersion"] = diagnostic.keras_version
    if diagnostic.help:
        properties["help"] = diagnostic.help
    if properties:
        result["properties"] = properties
    return result


def _artifact_location(filename: str) -> dict:
    path = Path(filename)
    absolute = Path(os.path.abspath(path))
    try:
        relative = absolute.relative_to(Path.cwd())
    except ValueError:
        return {"uri": absolute.as_uri()}
    return {"uri": quote(relative.as_posix()), "uriBaseId": "%SRCROOT%"}
