"""`ktlint.preflight(tuner, ...)` in a notebook-like session: same check, tuner project untouched."""

from __future__ import annotations

import json
import subprocess

import pytest
from probe_fixtures.support import FIXTURES, INTERPRETERS, environment


@pytest.fixture(scope="module", params=INTERPRETERS)
def session(request, tmp_path_factory):
    completed = subprocess.run(
        [request.param, str(FIXTURES / "preflight_session.py")], cwd=tmp_path_factory.mktemp("notebook"),
        env=environment(), capture_output=True, text=True, timeout=600,
    )
    assert completed.returncode == 0, completed.stderr[-3000:]
    lines = completed.stdout.strip().splitlines()
    return {"printed": "\n".join(lines[:-1]), "facts": json.loads(lines[-1])}


@pytest.mark.keras
def test_preflight_finds_missing_objective(session):
    facts = session["facts"]
    assert facts["status"] == "problems"
    assert facts["codes"] == ["KT101"]
    assert facts["log_keys"] == ["acc", "loss", "val_acc", "val_loss"]


@pytest.mark.keras
def test_preflight_prints_rich_report(session):
    assert "KT101" in session["printed"]
    assert "val_acc" in session["printed"]


@pytest.mark.keras
def test_preflight_leaves_project_untouched(session):
    assert session["facts"]["unchanged"] is True


@pytest.mark.keras
def test_preflight_strict_raises(session):
    assert session["facts"]["strict"] == "problems"


@pytest.mark.keras
def test_preflight_passes_correct_tuner(session):
    assert session["facts"]["good_status"] == "ok"
    assert session["facts"]["good_found"] == [True]


@pytest.mark.keras
def test_preflight_removes_its_patches(session):
    assert session["facts"]["epochs"] == 2
    assert session["facts"]["trials"] == 2
