"""The pre-commit hook, run by the real `pre-commit` tool against a temporary git repository.

pre-commit clones the hook repository at a commit, so the test copies this checkout's working tree
to a temporary folder, commits it, and points `.pre-commit-config.yaml` at that commit. Installing the
hook builds ktlint in pre-commit's own virtualenv, which needs the package index (or pip's cache) for
libcst and rich. The hook environment is built once per test session.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT
from integrations_support import BAD_OBJECTIVE, GOOD_OBJECTIVE

PRE_COMMIT = Path(sys.executable).with_name("pre-commit")
# Folders of the working tree that the hook repository does not need (and that are large).
NOT_COPIED = (".git", ".venv", ".venv-keras2", "__pycache__", ".pytest_cache", ".ktlint_cache", "build", "dist",
              "*.egg-info")

pytestmark = pytest.mark.skipif(not PRE_COMMIT.exists(), reason="pre-commit is not installed next to this Python")


def git(cwd: Path, *args: str) -> str:
    environment = dict(os.environ, GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.invalid",
                       GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@example.invalid")
    completed = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, env=environment, check=True)
    return completed.stdout.strip()


def pre_commit(cwd: Path, home: Path, *args: str) -> subprocess.CompletedProcess:
    environment = dict(os.environ, PRE_COMMIT_HOME=str(home), NO_COLOR="1")
    # The hook runs in pre-commit's virtualenv, not in this interpreter's environment.
    environment.pop("PYTHONPATH", None)
    environment.pop("VIRTUAL_ENV", None)
    return subprocess.run([str(PRE_COMMIT), *args, "--color", "never"], cwd=cwd, capture_output=True, text=True,
                          env=environment, timeout=900, check=False)


@pytest.fixture(scope="session")
def hook_repository(tmp_path_factory) -> tuple[Path, str, Path]:
    """A committed copy of this working tree, its HEAD sha, and a PRE_COMMIT_HOME with the hook installed."""
    base = tmp_path_factory.mktemp("precommit")
    repository = base / "ktlint-hook"
    shutil.copytree(ROOT, repository, ignore=shutil.ignore_patterns(*NOT_COPIED))
    git(repository, "init", "-q")
    git(repository, "add", "-A")
    git(repository, "commit", "-q", "-m", "hook under test")
    sha = git(repository, "rev-parse", "HEAD")
    home = base / "pre-commit-home"

    project = _project(base / "warmup", repository, sha)
    installed = pre_commit(project, home, "install-hooks")
    assert installed.returncode == 0, installed.stdout + installed.stderr
    return repository, sha, home


def _project(folder: Path, repository: Path, sha: str, args: str = "") -> Path:
    folder.mkdir(parents=True)
    git(folder, "init", "-q")
    hook_args = f"\n        args: {args}" if args else ""
    (folder / ".pre-commit-config.yaml").write_text(
        f"repos:\n"
        f"  - repo: {repository}\n"
        f"    rev: {sha}\n"
        f"    hooks:\n"
        f"      - id: ktlint{hook_args}\n",
        encoding="utf-8",
    )
    (folder / "pyproject.toml").write_text('[tool.ktlint]\nkeras-version = "3"\n', encoding="utf-8")
    return folder


def test_hook_manifest_fields():
    manifest = (ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    for line in ("- id: ktlint", "entry: ktlint", "language: python", "types_or: [python, jupyter]",
                 "require_serial: true", "args: [--force-exclude]"):
        assert line in manifest


def test_hook_fails_then_passes_after_fix(hook_repository, tmp_path):
    repository, sha, home = hook_repository
    project = _project(tmp_path / "project", repository, sha)
    (project / "search.py").write_text(BAD_OBJECTIVE, encoding="utf-8")
    git(project, "add", "-A")

    failing = pre_commit(project, home, "run", "--all-files")
    assert failing.returncode == 1, failing.stdout + failing.stderr
    assert "KT101" in failing.stdout
    assert "search.py:15:42" in failing.stdout

    (project / "search.py").write_text(GOOD_OBJECTIVE, encoding="utf-8")
    git(project, "add", "-A")
    passing = pre_commit(project, home, "run", "--all-files")
    assert passing.returncode == 0, passing.stdout + passing.stderr
    assert "Passed" in passing.stdout


def test_hook_checks_notebooks(hook_repository, tmp_path):
    from test_integrations_notebook import notebook_json

    repository, sha, home = hook_repository
    project = _project(tmp_path / "project", repository, sha)
    (project / "search.ipynb").write_text(notebook_json([["import keras", "import keras_tuner as kt"],
                                                         BAD_OBJECTIVE.splitlines()[2:]]), encoding="utf-8")
    git(project, "add", "-A")

    result = pre_commit(project, home, "run", "--all-files")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "search.ipynb:cell 2:" in result.stdout


def test_hook_force_exclude_skips_excluded_files(hook_repository, tmp_path):
    repository, sha, home = hook_repository
    project = _project(tmp_path / "project", repository, sha)
    (project / "pyproject.toml").write_text('[tool.ktlint]\nkeras-version = "3"\nextend-exclude = ["generated"]\n',
                                            encoding="utf-8")
    (project / "generated").mkdir()
    (project / "generated" / "search.py").write_text(BAD_OBJECTIVE, encoding="utf-8")
    git(project, "add", "-A")

    # pre-commit names the file explicitly; --force-exclude (the hook's default argument) skips it.
    result = pre_commit(project, home, "run", "--all-files")
    assert result.returncode == 0, result.stdout + result.stderr


def test_hook_fix_argument_rewrites_file(hook_repository, tmp_path):
    repository, sha, home = hook_repository
    project = _project(tmp_path / "project", repository, sha, args="[--force-exclude, --fix]")
    (project / "search.py").write_text(BAD_OBJECTIVE, encoding="utf-8")
    git(project, "add", "-A")

    # pre-commit fails a hook that changed files, and the file now contains the fix.
    result = pre_commit(project, home, "run", "--all-files")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "files were modified by this hook" in result.stdout
    assert (project / "search.py").read_text(encoding="utf-8") == GOOD_OBJECTIVE
