"""`ktlint probe` argument errors: reported as status "error" with exit code 2, before any child starts."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from probe_fixtures.support import CASES, environment

SCRIPT = str(CASES / "c02_acc_alias.py")


def _probe(args, tmp_path):
    return subprocess.run([sys.executable, "-m", "ktlint", "probe", "--output-format", "json", *args],
                          cwd=tmp_path, env=environment(), capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["not_a_target"], "use module:Attr, path/to/file.py:Attr or script.py"),
        (["missing.py"], "script not found: missing.py"),
        (["missing.py:build"], "file not found: missing.py"),
        (["pkg.mod:build", "--objective", "val_auc:sideways"], "invalid objective direction 'sideways'"),
        (["pkg.mod:3build"], "invalid attribute '3build'"),
        ([SCRIPT, "--objective", "val_acc"], "--objective and --data apply to module:Attr targets"),
        ([SCRIPT, SCRIPT, "--", "--epochs", "3"], "give exactly one script.py target"),
    ],
    ids=["no-form", "missing-script", "missing-file", "bad-direction", "bad-attribute", "script-objective",
         "script-arguments"],
)
def test_usage_error_is_json_error(args, message, tmp_path):
    completed = _probe(args, tmp_path)
    document = json.loads(completed.stdout)
    assert completed.returncode == 2
    assert document["status"] == "error"
    assert message in document["error"]


def test_help_lists_forms(tmp_path):
    completed = subprocess.run([sys.executable, "-m", "ktlint", "probe", "--help"], cwd=tmp_path, env=environment(),
                               capture_output=True, text=True, timeout=60)
    assert completed.returncode == 0
    assert "module:Attr" in completed.stdout
    assert "--timeout" in completed.stdout
