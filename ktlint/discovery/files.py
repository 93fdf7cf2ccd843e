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


def _alternation(translated) -> Optional[re.Pattern]:
    parts = list(translated)
    return re.compile("|".join(f"(?:{part})" for part in parts)) if parts else None


@lru_cache(maxsize=64)
def exclude_matcher(patterns: tuple[str, ...]) -> ExcludeMatcher:
    return ExcludeMatcher(patterns)


def is_excluded(path: Path, patterns: Sequence[str], root: Optional[Path] = None) -> bool:
    """Check a file named on the command line against the glob patterns.

    The path is matched relative to `root` (the project root) when it lies inside it, else relative to the
    current folder when it lies inside that, else as given; folders above that point are not matched.
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
    are linted even when excluded or ignored by git, unless `force_exclude` is set; then the exclude
    patterns (not .gitignore, which git applies only to untracked files) skip them too.
    """
    lookup = excludes_for or (lambda folder: (excludes, None))
    gitignore = GitIgnore() if respect_gitignore else None
    result = Discovery()
    seen: set[Path] = set()
    for path in paths:
        if not path.exists() and not path.is_symlink():
            result.missing.append(path)
            continue
        if path.is_file() or (path.is_symlink() and not path.is_dir()):
            patterns, root = lookup(path.parent)
            if force_exclude and is_excluded(path, patterns, root):
                continue
            _add(result, seen, path)
            continue
        for file in _walk(path, lookup, gitignore):
            _add(result, seen, file)
    return result


def _add(result: Discovery, seen: set[Path], path: Path) -> None:
    try:
        key = path.resolve()
    except (OSError, RuntimeError):
        key = path.absolute()
    if key not in seen:
        seen.add(key)
        result.files.append(path)


def _walk(root: Path, lookup: ExcludesFor, gitignore: Optional[GitIgnore]) -> Iterator[Path]:
    # followlinks=False: a symlink to a folder is not entered, so symlink loops cannot recurse forever.
    for folder, subfolders, files in os.walk(root, followlinks=False, onerror=lambda error: None):
        folder_path = Path(folder)
        relative = folder_path.relative_to(root)
        patterns, project_root = lookup(folder_path)
        matcher = exclude_matcher(tuple(patterns))
        anchored = _below(folder_path, project_root)
        ignored = gitignore.folder_matcher(folder_path, walk_root=root) if gitignore is not None else None

        def skipped(name: str, is_folder: bool) -> bool:
            if matcher.excluded(relative / name, anchored / name if anchored is not None else None):
                return True
            return ignored is not None and ignored(name, is_folder)

        subfolders[:] = sorted(name for name in subfolders if not skipped(name, True))
        for name in sorted(files):
            if name.endswith(SOURCE_SUFFIXES) and not skipped(name, False):
                yield folder_path / name


def _below(folder: Path, root: Optional[Path]) -> Optional[Path]:
    """`folder` relative to `root`, or None when there is no root or the folder is outside it."""
    if root is None:
        return None
    try:
        return Path(os.path.abspath(folder)).relative_to(os.path.abspath(root))
    except ValueError:
        return None
