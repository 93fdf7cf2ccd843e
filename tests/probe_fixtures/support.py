"""Helpers for the probe tests: run `ktlint probe` in a subprocess with the Keras 3 or the Keras 2 interpreter.

Only the standard library and pytest are imported here, so collecting the tests never loads TensorFlow.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Optional

import pytest

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).resolve().parent
CASES = FIXTURES / "cases"
TARGETS = FIXTURES / "targets"
KERAS2_PYTHON = os.environ.get("KTLINT_KERAS2_PYTHON")
SKIP_KERAS2 = "KTLINT_KERAS2_PYTHON is not set: it names the interpreter of a TensorFlow 2.15 / Keras 2 environment"
# Upper bound for one CLI call over many targets; each target also has its own --timeout.
CALL_TIMEOUT = 900

INTERPRETERS = [
    pytest.param(sys.executable, id="keras3"),
    pytest.param(KERAS2_PYTHON, id="keras2", marks=pytest.mark.skipif(not KERAS2_PYTHON, reason=SKIP_KERAS2)),
]


def environment(extra: Optional[dict] = None) -> dict:
    """This environment, with the repository importable by an interpreter that does not install ktlint."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(part for part in (str(ROOT), env.get("PYTHONPATH", "")) if part)
    env.update(extra or {})
    return env


def run_cli(python: str, args: list[str], cwd: Path, extra_env: Optional[dict] = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [python, "-m", "ktlint", "probe", *args],
        cwd=cwd, env=environment(extra_env), capture_output=True, text=True, timeout=CALL_TIMEOUT,
    )


def run_json(python: str, args: list[str], cwd: Path, extra_env: Optional[dict] = None) -> tuple[int, dict]:
    """Run the probe with JSON output; return (exit code, the JSON document)."""
    completed = run_cli(python, ["--output-format", "json", *args], cwd, extra_env)
    assert completed.stdout.strip(), f"no JSON output; stderr:\n{completed.stderr[-3000:]}"
    return completed.returncode, json.loads(completed.stdout)


def results_by_name(document: dict) -> dict[str, dict]:
    """Map each script's file stem, and each module:Attr or file.py:Attr target as given, to its result."""
    results = document["results"] if "results" in document else [document]
    mapped = {}
    for result in results:
        target = result["target"]
        mapped[Path(target).stem if target.endswith(".py") else target] = result
    return mapped


def codes(result: dict) -> list[str]:
    return sorted(diagnostic["code"] for diagnostic in result["diagnostics"])


def found(result: dict) -> dict[str, Optional[bool]]:
    return {objective["name"]: objective["found"] for objective in result["objectives"]}


def tree_snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` with its bytes, to prove the probe left it unchanged."""
    snapshot = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            snapshot[str(path.relative_to(folder))] = path.read_bytes()
        elif path.is_dir():
            snapshot[str(path.relative_to(folder)) + "/"] = b""
    return snapshot
