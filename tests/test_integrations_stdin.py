"""`ktlint - --stdin-filename PATH`: source from stdin, reported and configured under the given name."""

from __future__ import annotations

import json

from integrations_support import (
    BAD_OBJECTIVE,
    GOOD_OBJECTIVE,
    THREE_SAFE_FIXES,
    THREE_SAFE_FIXES_FIXED,
    run_ktlint,
)
from test_integrations_notebook import write_search_notebook


def test_stdin_filename_in_output(tmp_path):
    result = run_ktlint(["-", "--stdin-filename", "models/search.py", "--output-format", "concise"], tmp_path,
                        stdin=BAD_OBJECTIVE.encode("utf-8"))
    assert result.returncode == 1
    assert result.stdout.startswith("models/search.py:15:42: KT101")


def test_stdin_without_filename_reports_dash(tmp_path):
    result = run_ktlint(["-", "--output-format", "json"], tmp_path, stdin=BAD_OBJECTIVE.encode("utf-8"))
    assert json.loads(result.stdout)[0]["filename"] == "-"


def test_stdin_filename_alone_reads_stdin(tmp_path):
    result = run_ktlint(["--stdin-filename", "search.py", "--output-format", "concise"], tmp_path,
                        stdin=BAD_OBJECTIVE.encode("utf-8"))
    assert result.stdout.startswith("search.py:15:42: KT101")


def test_stdin_clean_source(tmp_path):
    result = run_ktlint(["-", "--stdin-filename", "search.py"], tmp_path, stdin=GOOD_OBJECTIVE.encode("utf-8"))
    assert result.returncode == 0
    assert "All checks passed!" in result.stdout


def test_stdin_per_file_ignores_use_filename(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.ktlint.per-file-ignores]\n"experiments/*" = ["KT101"]\n',
                                             encoding="utf-8")
    ignored = run_ktlint(["-", "--stdin-filename", "experiments/search.py"], tmp_path,
                         stdin=BAD_OBJECTIVE.encode("utf-8"))
    assert ignored.returncode == 0, ignored.stdout
    reported = run_ktlint(["-", "--stdin-filename", "src/search.py"], tmp_path, stdin=BAD_OBJECTIVE.encode("utf-8"))
    assert reported.returncode == 1


def test_stdin_nearest_config_of_filename(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "pyproject.toml").write_text('[tool.ktlint]\nignore = ["KT1"]\n', encoding="utf-8")
    result = run_ktlint(["-", "--stdin-filename", "sub/search.py"], tmp_path, stdin=BAD_OBJECTIVE.encode("utf-8"))
    assert result.returncode == 0, result.stdout


def test_stdin_force_exclude_uses_filename(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.ktlint]\nextend-exclude = ["generated"]\n', encoding="utf-8")
    arguments = ["-", "--stdin-filename", "generated/search.py"]
    assert run_ktlint(arguments, tmp_path, stdin=BAD_OBJECTIVE.encode("utf-8")).returncode == 1
    assert run_ktlint([*arguments, "--force-exclude"], tmp_path, stdin=BAD_OBJECTIVE.encode("utf-8")).returncode == 0


def test_stdin_fix_prints_fixed_source(tmp_path):
    result = run_ktlint(["-", "--stdin-filename", "search.py", "--fix"], tmp_path,
                        stdin=THREE_SAFE_FIXES.encode("utf-8"))
    assert result.returncode == 0, result.stderr
    assert result.stdout == THREE_SAFE_FIXES_FIXED
    assert "Fixed 3 errors." in result.stderr
    assert not (tmp_path / "search.py").exists()


def test_stdin_fix_clean_source_echoed(tmp_path):
    result = run_ktlint(["-", "--stdin-filename", "search.py", "--fix"], tmp_path, stdin=GOOD_OBJECTIVE.encode("utf-8"))
    assert result.returncode == 0
    assert result.stdout == GOOD_OBJECTIVE


def test_stdin_diff(tmp_path):
    result = run_ktlint(["-", "--stdin-filename", "search.py", "--diff"], tmp_path, stdin=BAD_OBJECTIVE.encode("utf-8"))
    assert result.returncode == 1
    assert "+tuner = kt.RandomSearch(build, objective=\"val_accuracy\", max_trials=3)" in result.stdout


def test_stdin_notebook(tmp_path):
    path = write_search_notebook(tmp_path)
    result = run_ktlint(["-", "--stdin-filename", "search.ipynb", "--output-format", "concise"], tmp_path.parent,
                        stdin=path.read_bytes())
    assert result.stdout.startswith("search.ipynb:cell 5:2:42: KT101")


def test_stdin_with_other_paths_exits_2(tmp_path):
    (tmp_path / "a.py").write_text(GOOD_OBJECTIVE, encoding="utf-8")
    result = run_ktlint(["a.py", "--stdin-filename", "b.py"], tmp_path)
    assert result.returncode == 2
    assert "--stdin-filename" in result.stderr
