"""The probe leaves the user's folder and tuner project byte-identical, and turns hangs, crashes and
sys.exit() into clear errors."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time

import pytest
from probe_fixtures.support import (
    CASES,
    FIXTURES,
    INTERPRETERS,
    ROOT,
    codes,
    environment,
    results_by_name,
    run_json,
    tree_snapshot,
)

ISOLATION = FIXTURES / "isolation"


def _existing_project(folder):
    """Lay out a KerasTuner project as a finished search leaves it."""
    project = folder / "proj" / "churn"
    (project / "trial_0").mkdir(parents=True)
    (project / "tuner0.json").write_text("{}")
    (project / "oracle.json").write_text('{"ongoing_trials": {}, "tuner_ids": []}')
    (project / "trial_0" / "trial.json").write_text('{"trial_id": "0", "status": "COMPLETED"}')
    (project / "trial_0" / "checkpoint.weights.h5").write_bytes(b"\x89HDF\r\n\x1a\n old weights")


@pytest.mark.keras
@pytest.mark.parametrize("python", INTERPRETERS)
def test_project_and_folder_unchanged(python, tmp_path):
    for name in ("overwrite_existing_project.py", "reload_existing_project.py", "helpers.py"):
        shutil.copy(ISOLATION / name, tmp_path / name)
    _existing_project(tmp_path)
    before = tree_snapshot(tmp_path)

    exit_code, document = run_json(python, ["overwrite_existing_project.py", "reload_existing_project.py"], tmp_path)

    assert tree_snapshot(tmp_path) == before
    results = results_by_name(document)
    overwrite, reload = results["overwrite_existing_project"], results["reload_existing_project"]
    assert overwrite["status"] == "ok", overwrite
    assert reload["status"] == "ok", reload
    assert any("deletes the existing project" in note for note in overwrite["notes"]), overwrite["notes"]
    assert any("reloads" in note for note in reload["notes"]), reload["notes"]
    assert exit_code == 0


@pytest.mark.keras
def test_hang_is_timeout_error(tmp_path):
    shutil.copy(ISOLATION / "sleeps.py", tmp_path / "sleeps.py")
    started = time.monotonic()

    exit_code, document = run_json(sys.executable, ["sleeps.py", "--timeout", "3"], tmp_path)

    assert time.monotonic() - started < 60
    assert exit_code == 2
    assert document["status"] == "error"
    assert "timeout of 3 s" in document["error"]


@pytest.mark.keras
def test_crash_exit_and_failure_are_errors(tmp_path):
    names = ["crashes.py", "exits.py", "never_searches.py", "fails_before_search.py", "helpers.py"]
    for name in names:
        shutil.copy(ISOLATION / name, tmp_path / name)

    # The crash ends the first child; the probe starts another one for the other scripts.
    exit_code, document = run_json(sys.executable, names[:-1], tmp_path)

    results = results_by_name(document)
    assert exit_code == 2
    assert "exited with code 9" in results["crashes"]["error"]
    assert "sys.exit(4)" in results["exits"]["error"]
    assert "without calling search()" in results["never_searches"]["error"]
    assert "FileNotFoundError" in results["fails_before_search"]["error"]
    for result in results.values():
        assert result["status"] == "error", result


@pytest.mark.keras
@pytest.mark.parametrize("python", INTERPRETERS)
def test_missing_tensorboard_is_environment_fault(python, tmp_path):
    # sitecustomize in that folder hides tensorboard, as TensorFlow 2.21 without the package does.
    hide = str(FIXTURES / "hide_tensorboard")
    exit_code, document = run_json(
        python, [str(CASES / "c31_metrics_names_before_fit.py")], tmp_path,
        extra_env={"PYTHONPATH": f"{hide}:{ROOT}"},
    )
    assert exit_code == 1
    assert [fault["fault"] for fault in document["environment"]] == ["tensorboard-missing"]
    assert "pip install tensorboard" in document["environment"][0]["fix"]
    assert codes(document) == []


@pytest.mark.keras
def test_parent_imports_no_tensorflow(tmp_path):
    code = (
        "import sys, io, contextlib\n"
        "from ktlint.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    status = main(['probe', sys.argv[1], '--output-format', 'json'])\n"
        "heavy = sorted(n for n in sys.modules if n.split('.')[0] in ('tensorflow', 'keras', 'keras_tuner'))\n"
        "print(status, heavy)\n"
    )
    completed = subprocess.run(
        [sys.executable, "-c", code, str(CASES / "c02_acc_alias.py")], cwd=tmp_path, env=environment(),
        capture_output=True, text=True, timeout=600,
    )
    assert completed.stdout.strip().splitlines()[-1] == "1 []", completed.stderr[-2000:]


@pytest.mark.keras
def test_graph_mode_logs_same_keys(tmp_path):
    script = str(CASES / "c22_wrong_explicit_direction.py")
    _, eager = run_json(sys.executable, [script], tmp_path)
    _, graph = run_json(sys.executable, [script, "--graph"], tmp_path)
    assert graph["log_keys"] == eager["log_keys"]
    assert json.dumps(graph["objectives"]) == json.dumps(eager["objectives"])


@pytest.mark.keras
def test_script_arguments_after_double_dash(tmp_path):
    for name in ("argv_objective.py", "helpers.py"):
        shutil.copy(ISOLATION / name, tmp_path / name)
    exit_code, document = run_json(sys.executable, ["argv_objective.py", "--", "--objective", "val_loss"], tmp_path)
    assert exit_code == 0, document
    assert [objective["name"] for objective in document["objectives"]] == ["val_loss"]
