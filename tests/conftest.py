"""Shared helpers: lint source text through the real engine, without importing Keras."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


@pytest.fixture
def lint_source(tmp_path):
    """Write `code` to a file and lint it for one Keras major; return the diagnostics."""
    from ktlint.engine import Input, lint

    def run(code: str, keras: int = 3, name: str = "example.py"):
        path = tmp_path / name
        path.write_text(code, encoding="utf-8")
        return lint([Input(path)], majors=(keras,)).diagnostics

    return run
