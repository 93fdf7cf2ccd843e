"""Discovery: default excludes, .gitignore files while walking folders, and `--force-exclude`."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from integrations_support import BAD_OBJECTIVE, run_ktlint

from ktlint.discovery.files import DEFAULT_EXCLUDES, discover
from ktlint.discovery.gitignore import GitIgnore, parse_line


def write(path, text=BAD_OBJECTIVE):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def found(root, *paths, **options):
    """Files that discovery returns for `paths` (default: the folder) when run from `root`."""
    previous = os.getcwd()
    os.chdir(root)
    try:
        files = discover([Path(path) for path in (paths or (".",))], DEFAULT_EXCLUDES, **options).files
    finally:
        os.chdir(previous)
    return sorted(file.as_posix() for file in files)


def reported(result) -> list[str]:
    return sorted({line.split(":")[0] for line in result.stdout.splitlines() if ": KT" in line})


def git_init(folder):
    subprocess.run(["git", "init", "-q"], cwd=folder, check=True)


@pytest.mark.parametrize(
    ("pattern", "path", "is_folder", "expected"),
    [
        ("*.py", "a/b/c.py", False, True),
        ("/build", "build", True, True),
        ("/build", "src/build", True, False),
        ("build/", "src/build", True, True),
        ("build/", "src/build", False, False),
        ("doc/frotz", "doc/frotz", True, True),
        ("doc/frotz", "a/doc/frotz", True, False),
        ("**/foo", "a/b/foo", False, True),
        ("**/foo", "foo", False, True),
        ("abc/**", "abc/x/y.py", False, True),
        ("a/**/b", "a/b", False, True),
        ("a/**/b", "a/x/y/b", False, True),
        ("a/**/b", "ab/b", False, False),
        ("foo*bar", "foo/bar", False, False),
        ("gen_?.py", "gen_1.py", False, True),
        ("[!a]x.py", "bx.py", False, True),
        ("[!a]x.py", "ax.py", False, False),
        ("\\#notes.py", "#notes.py", False, True),
        ("\\!important.py", "!important.py", False, True),
        ("trailing.py   ", "trailing.py", False, True),
    ],
)
def test_gitignore_pattern(pattern, path, is_folder, expected):
    compiled = parse_line(pattern)
    matched = bool(compiled.regex.match(path)) and (is_folder or not compiled.folders_only)
    assert matched is expected


def test_gitignore_comments_and_blank_lines():
    assert parse_line("# a comment") is None
    assert parse_line("   ") is None
    assert parse_line("!keep.py").negated


def test_walk_respects_gitignore_in_repository(tmp_path):
    git_init(tmp_path)
    write(tmp_path / ".gitignore", "# scratch work\nscratch/\n*_generated.py\n/top_only.py\n")
    write(tmp_path / "search.py")
    write(tmp_path / "scratch" / "search.py")
    write(tmp_path / "models" / "search_generated.py")
    write(tmp_path / "top_only.py")
    write(tmp_path / "models" / "top_only.py")
    result = run_ktlint([".", "--output-format", "concise"], tmp_path)
    assert reported(result) == ["models/top_only.py", "search.py"]


def test_parent_gitignore_applies_to_walked_subfolder(tmp_path):
    git_init(tmp_path)
    write(tmp_path / ".gitignore", "experiments/old/\n")
    write(tmp_path / "experiments" / "old" / "search.py")
    write(tmp_path / "experiments" / "new" / "search.py")
    result = run_ktlint(["experiments", "--output-format", "concise"], tmp_path)
    assert reported(result) == ["experiments/new/search.py"]


def test_negation_and_deeper_gitignore(tmp_path):
    git_init(tmp_path)
    write(tmp_path / ".gitignore", "*.py\n!keep.py\n")
    write(tmp_path / "sub" / ".gitignore", "!*.py\nskip.py\n")
    write(tmp_path / "dropped.py")
    write(tmp_path / "keep.py")
    write(tmp_path / "sub" / "search.py")
    write(tmp_path / "sub" / "skip.py")
    assert found(tmp_path) == ["keep.py", "sub/search.py"]


def test_file_in_ignored_folder_stays_ignored(tmp_path):
    git_init(tmp_path)
    write(tmp_path / ".gitignore", "out/\n!out/keep.py\n")
    write(tmp_path / "out" / "keep.py")
    assert found(tmp_path) == []


def test_double_star_patterns(tmp_path):
    git_init(tmp_path)
    write(tmp_path / ".gitignore", "**/tmp_*/**\nnotebooks/**/draft.py\n")
    write(tmp_path / "a" / "tmp_run" / "x.py")
    write(tmp_path / "notebooks" / "a" / "b" / "draft.py")
    write(tmp_path / "notebooks" / "draft.py")
    write(tmp_path / "a" / "x.py")
    assert found(tmp_path) == ["a/x.py"]


def test_info_exclude_is_read(tmp_path):
    git_init(tmp_path)
    write(tmp_path / ".git" / "info" / "exclude", "private.py\n")
    write(tmp_path / "private.py")
    write(tmp_path / "public.py")
    assert found(tmp_path) == ["public.py"]


def test_gitignore_outside_repository_applies_below_walk_root(tmp_path):
    write(tmp_path / "project" / ".gitignore", "ignored.py\n")
    write(tmp_path / "project" / "ignored.py")
    write(tmp_path / "project" / "search.py")
    assert found(tmp_path / "project") == ["search.py"]


def test_gitignore_does_not_apply_to_explicit_files(tmp_path):
    git_init(tmp_path)
    write(tmp_path / ".gitignore", "ignored.py\n")
    write(tmp_path / "ignored.py")
    assert found(tmp_path, "ignored.py") == ["ignored.py"]
    assert found(tmp_path, "ignored.py", force_exclude=True) == ["ignored.py"]


def test_gitignore_can_be_turned_off(tmp_path):
    git_init(tmp_path)
    write(tmp_path / ".gitignore", "ignored.py\n")
    write(tmp_path / "ignored.py")
    assert found(tmp_path, respect_gitignore=False) == ["ignored.py"]


def test_gitignore_matcher_unit(tmp_path):
    git_init(tmp_path)
    write(tmp_path / ".gitignore", "logs/\n")
    ignore = GitIgnore()
    assert ignore.matches(tmp_path / "logs", is_folder=True)
    assert not ignore.matches(tmp_path / "logs", is_folder=False)


def test_default_excludes(tmp_path):
    for folder in (".venv", "build", "site-packages", "__pycache__", "pkg.egg-info", ".ipynb_checkpoints"):
        write(tmp_path / folder / "search.py")
    write(tmp_path / "search.py")
    assert found(tmp_path) == ["search.py"]


def test_explicit_folder_inside_excluded_folder_is_walked(tmp_path):
    write(tmp_path / "build" / "lib" / "search.py")
    assert found(tmp_path, "build/lib") == ["build/lib/search.py"]


def test_explicit_excluded_file_linted_without_force_exclude(tmp_path):
    write(tmp_path / "build" / "search.py")
    result = run_ktlint(["build/search.py", "--output-format", "concise"], tmp_path)
    assert reported(result) == ["build/search.py"]


def test_force_exclude_skips_explicit_excluded_file(tmp_path):
    write(tmp_path / "pyproject.toml", '[tool.ktlint]\nextend-exclude = ["generated"]\n')
    write(tmp_path / "build" / "search.py")
    write(tmp_path / "generated" / "search.py")
    write(tmp_path / "search.py")
    result = run_ktlint(["build/search.py", "generated/search.py", "search.py", "--force-exclude",
                         "--output-format", "concise"], tmp_path)
    assert reported(result) == ["search.py"]


def test_force_exclude_ignores_folders_above_project(tmp_path):
    # A project checked out under a folder named `build` is still linted when its files are named.
    project = tmp_path / "build" / "project"
    write(project / "pyproject.toml", "[tool.ktlint]\n")
    write(project / "search.py")
    result = run_ktlint([str(project / "search.py"), "--force-exclude", "--output-format", "concise"], tmp_path)
    assert result.returncode == 1, result.stdout


def test_command_line_extend_exclude(tmp_path):
    write(tmp_path / "a" / "search.py")
    write(tmp_path / "b" / "search.py")
    result = run_ktlint([".", "--extend-exclude", "a", "--output-format", "concise"], tmp_path)
    assert reported(result) == ["b/search.py"]


def test_missing_path_exits_2(tmp_path):
    result = run_ktlint(["nowhere.py"], tmp_path)
    assert result.returncode == 2
    assert "nowhere.py: no such file or folder" in result.stderr


def test_symlink_loop_does_not_hang(tmp_path):
    write(tmp_path / "pkg" / "search.py")
    os.symlink(tmp_path / "pkg", tmp_path / "pkg" / "loop")
    assert found(tmp_path) == ["pkg/search.py"]
