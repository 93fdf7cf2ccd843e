"""Walk the paths given on the command line and yield the Python files and notebooks to lint."""

from __future__ import annotations

import fnmatch
import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterator, Optional, Sequence

from ktlint.discovery.gitignore import GitIgnore

# Folders no one wants linted: version control, virtual environments, installed packages and build output.
DEFAULT_EXCLUDES = (
    ".bzr", ".direnv", ".eggs", ".git", ".hg", ".svn", ".venv", "venv", ".tox", ".nox", ".pyenv", ".pytype",
    "__pypackages__", "*.egg-info", "site-packages", "build", "dist", "__pycache__", "node_modules",
    ".mypy_cache", ".pytest_cache", ".ruff_cache", ".ipynb_checkpoints", "_build", "buck-out",
)
SOURCE_SUFFIXES = (".py", ".pyi", ".ipynb")

# folder -> (exclude patterns, folder of the pyproject.toml they came from or None)
ExcludesFor = Callable[[Path], "tuple[Sequence[str], Optional[Path]]"]


@dataclass
class Discovery:
    files: list[Path] = field(default_factory=list)
    # Paths named on the command line that do not exist.
    missing: list[Path] = field(default_factory=list)
    # "path: reason" for files and folders that exist but cannot be read or listed.
    unreadable: list[str] = field(default_factory=list)


class ExcludeMatcher:
    """Glob patterns compiled into two regexes: one for single path parts and one for whole paths."""

    def __init__(self, patterns: Sequence[str]) -> None:
        cleaned = [pattern.rstrip("/") for pattern in patterns if pattern.strip("/")]
        self.part = _alternation(fnmatch.translate(pattern) for pattern in cleaned)
        self.whole = _alternation(
            translated for pattern in cleaned for translated in (fnmatch.translate(pattern), fnmatch.translate(f"*/{pattern}"))
        )

    def excluded(self, relative: Path, anchored: Optional[Path] = None) -> bool:
        """Match the parts of `relative` and the whole of `relative` and `anchored` against the patterns.

        `relative` is the path below the folder being walked, so a folder passed explicitly is linted
        even when one of its parents (such as `build/`) matches. `anchored` is the path below the
        project root, so patterns with a slash such as `src/generated` match wherever the walk started.
        """
        if self.part is None:
            return False
        if any(self.part.match(part) for part in relative.parts):
            return True
        if self.whole.match(relative.as_posix()):
            return True
        return anchored is not None and self.whole.match(anchored.as_posix()) is not None

    def excluded_entry(self, name: str, relative: str, anchored: Optional[str]) -> bool:
        """Like `excluded`, for one folder entry whose parent folders were already checked while walking.

        `relative` and `anchored` are POSIX path strings; strings keep the walk free of Path objects.
        """
        if self.part is None:
            return False
        if self.part.match(name) or self.whole.match(relative):
            return True
        return anchored is not None and self.whole.match(anchored) is not None


def _alternation(translated) -> Optional[re.Pattern]:
    parts = list(translated)
    return re.compile("|".join(f"(?:{part})" for part in parts)) if parts else None


@lru_cache(maxsize=64)
def exclude_matcher(patterns: tuple[str, ...]) -> ExcludeMatcher:
    return ExcludeMatcher(patterns)


def is_excluded(path: Path, patterns: Sequence[str], root: Optional[Path] = None) -> bool:
    """Check a file named on the command line against the glob patterns.

    The path is matched relative to `root` (the project root) when it lies inside it, else relative to the
    current folder when it lies inside that, else as given. Folders above that point are not matched.
    """
    return exclude_matcher(tuple(patterns)).excluded(explicit_relative(path, root))


def explicit_relative(path: Path, root: Optional[Path]) -> Path:
    absolute = Path(os.path.abspath(path))
    for base in (root, Path.cwd()):
        if base is None:
            continue
        try:
            return absolute.relative_to(os.path.abspath(base))
        except ValueError:
            continue
    return path


def discover(
    paths: Sequence[Path],
    excludes: Sequence[str],
    force_exclude: bool = False,
    *,
    excludes_for: Optional[ExcludesFor] = None,
    respect_gitignore: bool = True,
) -> Discovery:
    """Find the files to lint.

    `excludes` applies everywhere unless `excludes_for` is given, which returns the patterns and project
    root for each folder (so a nested pyproject.toml's excludes apply below it). Files named explicitly
    are linted even when excluded or ignored by git, unless `force_exclude` is set. With it, the exclude
    patterns skip them too, but .gitignore does not, because git ignores only untracked files.
    """
    lookup = excludes_for or (lambda folder: (excludes, None))
    gitignore = GitIgnore() if respect_gitignore else None
    result = Discovery()
    seen: set[str] = set()
    for path in paths:
        try:
            exists = path.exists() or path.is_symlink()
            is_file = path.is_file() or (path.is_symlink() and not path.is_dir())
        except OSError as error:
            result.unreadable.append(f"{path}: {error.strerror or error}")
            continue
        if not exists:
            result.missing.append(path)
            continue
        if is_file:
            patterns, root = lookup(path.parent)
            if force_exclude and is_excluded(path, patterns, root):
                continue
            _add(result, seen, path)
            continue
        for file in _walk(path, lookup, gitignore, result.unreadable):
            _add(result, seen, file, resolve=False)
    return result


def _add(result: Discovery, seen: set[str], path: Path, resolve: bool = True) -> None:
    # Explicit paths are resolved so that `a.py` and `./link-to-a.py` count once. Walked files only get
    # an absolute path, because resolving every file of a large tree costs a system call per path part.
    try:
        key = os.path.realpath(path) if resolve else os.path.abspath(path)
    except (OSError, RuntimeError):
        key = os.path.abspath(path)
    if key not in seen:
        seen.add(key)
        result.files.append(path)


def _walk(root: Path, lookup: ExcludesFor, gitignore: Optional[GitIgnore], errors: list[str]) -> Iterator[Path]:
    # followlinks=False: a symlink to a folder is not entered, so symlink loops cannot recurse forever.
    root_text = os.fspath(root)
    # Settings change only where a pyproject.toml is, so other folders reuse their parent's lookup.
    inherited: dict[str, tuple[Sequence[str], Optional[Path]]] = {}
    def record(error: OSError) -> None:
        errors.append(f"{error.filename}: {error.strerror or error}")

    for folder, subfolders, files in os.walk(root_text, followlinks=False, onerror=record):
        parent = os.path.dirname(folder)
        if parent in inherited and "pyproject.toml" not in files:
            inherited[folder] = inherited[parent]
        else:
            inherited[folder] = lookup(Path(folder))
        patterns, project_root = inherited[folder]
        matcher = exclude_matcher(tuple(patterns))
        relative = _prefix(os.path.relpath(folder, root_text))
        below_root = _below(folder, project_root)
        anchored = _prefix(below_root) if below_root is not None else None
        ignored = gitignore.folder_matcher(Path(folder), walk_root=root) if gitignore is not None else None
        entry = _FolderEntries(matcher, relative, anchored, ignored)

        subfolders[:] = sorted(name for name in subfolders if not entry.skipped(name, True))
        for name in sorted(files):
            if name.endswith(SOURCE_SUFFIXES) and not entry.skipped(name, False):
                yield Path(folder, name)


@dataclass
class _FolderEntries:
    """The exclude and .gitignore tests for the entries of one folder being walked."""

    matcher: ExcludeMatcher
    # The folder below the walk root and below the project root, as "" or "a/b/" prefixes.
    relative: str
    anchored: Optional[str]
    ignored: Optional[Callable[[str, bool], bool]]

    def skipped(self, name: str, is_folder: bool) -> bool:
        anchored = self.anchored + name if self.anchored is not None else None
        if self.matcher.excluded_entry(name, self.relative + name, anchored):
            return True
        return self.ignored is not None and self.ignored(name, is_folder)


def _prefix(relative: str) -> str:
    """Turn a relative folder into a prefix for entry names: "" for the folder itself, else "a/b/"."""
    return "" if relative == "." else relative.replace(os.sep, "/") + "/"


def _below(folder: str, root: Optional[Path]) -> Optional[str]:
    """`folder` relative to `root`, or None when there is no root or the folder is outside it."""
    if root is None:
        return None
    absolute = os.path.abspath(folder)
    base = os.path.abspath(root)
    if absolute != base and not absolute.startswith(base.rstrip(os.sep) + os.sep):
        return None
    return os.path.relpath(absolute, base)
