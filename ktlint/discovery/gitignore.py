"""Read .gitignore files and decide whether git would ignore a path, for skipping files while walking folders.

The syntax follows gitignore(5). Supported: blank lines, `#` comments, the `\\#` and `\\!` escapes,
trailing spaces (unless escaped) and `!` negation. A trailing `/` matches folders only, and a leading
or middle `/` anchors the pattern to the folder of its .gitignore. Globs are `*`, `?`, `[...]` classes
and `**` (leading `**/`, trailing `/**` and middle `/**/`). As in git, a deeper .gitignore overrides a
higher one and the last matching line of a file wins. A file inside an ignored folder stays ignored
even if a later `!` pattern names it.

Files read: `.gitignore` in the repository root (the nearest folder above with a `.git` entry), in every
folder between the root and each walked folder, in the walked folders themselves, and
`.git/info/exclude`. Without a repository, only the .gitignore files of the walked folders are read.
The global `core.excludesFile` is not read.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Optional


@dataclass(frozen=True)
class IgnorePattern:
    regex: re.Pattern
    negated: bool
    folders_only: bool


def _translate_glob(body: str) -> str:
    """Translate the glob part of one gitignore line (without `!` and trailing `/`) to a regex."""
    out = []
    i = 0
    n = len(body)
    while i < n:
        char = body[i]
        if char == "\\" and i + 1 < n:
            out.append(re.escape(body[i + 1]))
            i += 2
        elif char == "*":
            if body.startswith("**", i):
                at_start = i == 0 or body[i - 1] == "/"
                at_end = i + 2 == n or body[i + 2] == "/"
                if at_start and at_end:
                    if i + 2 == n:
                        # `foo/**` matches everything inside foo; a bare `**` matches everything.
                        out.append(".*")
                        i += 2
                    else:
                        # `**/` matches zero or more folders.
                        out.append("(?:[^/]+/)*")
                        i += 3
                    continue
                # Other runs of asterisks are ordinary asterisks.
                while i < n and body[i] == "*":
                    i += 1
                out.append("[^/]*")
                continue
            out.append("[^/]*")
            i += 1
        elif char == "?":
            out.append("[^/]")
            i += 1
        elif char == "[":
            end = _class_end(body, i)
            if end is None:
                out.append(re.escape(char))
                i += 1
                continue
            inner = body[i + 1:end]
            negate = inner[:1] in ("!", "^")
            if negate:
                inner = inner[1:]
            # Every `]` left inside is literal; `[` and a leading `^` must not start regex syntax.
            inner = inner.replace("[", "\\[").replace("]", "\\]")
            if not negate and inner.startswith("^"):
                inner = "\\" + inner
            out.append(f"[^/{inner}]" if negate else f"[{inner}]")
            i = end + 1
        else:
            out.append(re.escape(char))
            i += 1
    return "".join(out)


def _class_end(body: str, start: int) -> Optional[int]:
    """Index of the `]` that closes the class opened at `start`, or None when it is not closed."""
    i = start + 1
    if i < len(body) and body[i] in ("!", "^"):
        i += 1
    if i < len(body) and body[i] == "]":
        i += 1
    while i < len(body):
        if body[i] == "]":
            return i
        i += 1
    return None


def parse_line(line: str) -> Optional[IgnorePattern]:
    """Compile one line of a .gitignore file; return None for blank lines and comments."""
    line = line.rstrip("\r\n")
    # Trailing spaces are dropped unless the last one is escaped with a backslash.
    stripped = line.rstrip(" ")
    if stripped.endswith("\\") and len(stripped) < len(line):
        stripped += " "
    line = stripped
    if not line or line.startswith("#"):
        return None

    negated = line.startswith("!")
    # `!` starts a negation; `\\!` and `\\#` are a literal `!` or `#` at the start of a name.
    if negated or line.startswith(("\\!", "\\#")):
        line = line[1:]

    folders_only = line.endswith("/") and not line.endswith("\\/")
    if folders_only:
        line = line.rstrip("/")
    if not line:
        return None

    # A slash at the start or in the middle anchors the pattern to the .gitignore's folder.
    anchored = "/" in line
    line = line.lstrip("/")
    body = _translate_glob(line)
    prefix = "" if anchored or line.startswith("**/") else "(?:[^/]+/)*"
    return IgnorePattern(re.compile(f"{prefix}{body}\\Z", re.DOTALL), negated, folders_only)


def parse_file(path: Path) -> list[IgnorePattern]:
    """Compile the patterns of one ignore file; a missing or unreadable file has none."""
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return []
    patterns = []
    for line in text.splitlines():
        pattern = parse_line(line)
        if pattern is not None:
            patterns.append(pattern)
    return patterns


class GitIgnore:
    """Decide whether the .gitignore files above a folder ignore its entries.

    Folders are handled as absolute path strings, because a walk of a large tree calls this once per
    folder and Path objects cost more than the matching. Patterns are read once per folder and kept for the
    life of the object, so one object serves one run.
    """

    def __init__(self) -> None:
        self._patterns: dict[str, list[IgnorePattern]] = {}
        self._roots: dict[str, Optional[str]] = {}
        self._chains: dict[tuple[str, Optional[str]], list[tuple[str, list[IgnorePattern]]]] = {}

    def _folder_patterns(self, folder: str) -> list[IgnorePattern]:
        if folder not in self._patterns:
            self._patterns[folder] = parse_file(Path(folder, ".gitignore"))
        return self._patterns[folder]

    def _root_of(self, folder: str) -> Optional[str]:
        """Find the repository root: the nearest folder at or above `folder` with a `.git` folder or file."""
        if folder not in self._roots:
            parent = os.path.dirname(folder)
            if os.path.lexists(os.path.join(folder, ".git")):
                self._roots[folder] = folder
            elif parent == folder:
                self._roots[folder] = None
            else:
                self._roots[folder] = self._root_of(parent)
        return self._roots[folder]

    def _chain(self, folder: str, top: str) -> list[tuple[str, list[IgnorePattern]]]:
        """(prefix, patterns) for each ignore file from `folder` up to `top`, deepest first.

        `prefix` is `folder` relative to the ignore file's folder (with a trailing slash, or empty), so
        `prefix + name` is the path that file's patterns match.
        """
        key = (folder, top)
        if key in self._chains:
            return self._chains[key]
        chain = []
        patterns = self._folder_patterns(folder)
        if patterns:
            chain.append(("", patterns))
        parent = os.path.dirname(folder)
        if folder != top and parent != folder:
            name = os.path.basename(folder) + "/"
            chain.extend((prefix + name, parent_patterns) for prefix, parent_patterns in self._chain(parent, top))
        else:
            exclude = self._info_exclude(top)
            if exclude:
                chain.append(("", exclude))
        self._chains[key] = chain
        return chain

    def _info_exclude(self, root: str) -> list[IgnorePattern]:
        """Patterns of `.git/info/exclude`, which rank below every .gitignore of the repository."""
        key = os.path.join(root, ".git", "info")
        if key not in self._patterns:
            is_repository = os.path.isdir(os.path.join(root, ".git"))
            self._patterns[key] = parse_file(Path(key, "exclude")) if is_repository else []
        return self._patterns[key]

    def folder_matcher(self, folder: Path, walk_root: Optional[Path] = None) -> Callable[[str, bool], bool]:
        """Return a test `(name, is_folder) -> ignored` for the entries of one folder.

        Parent folders are not checked: a walker that skips ignored folders never reaches their files.
        Outside a repository only the .gitignore files from `walk_root` (default: `folder`) down count.
        """
        folder_text = os.path.abspath(folder)
        top = self._root_of(folder_text)
        if top is None:
            top = os.path.abspath(walk_root) if walk_root is not None else folder_text
            if folder_text != top and not folder_text.startswith(top.rstrip(os.sep) + os.sep):
                top = folder_text
        chain = self._chain(folder_text, top)
        if not chain:
            return _nothing_ignored

        def is_ignored(name: str, is_folder: bool) -> bool:
            for prefix, patterns in chain:
                relative = prefix + name
                for pattern in reversed(patterns):
                    if pattern.folders_only and not is_folder:
                        continue
                    if pattern.regex.match(relative):
                        return not pattern.negated
            return False

        return is_ignored

    def matches(self, path: Path, is_folder: bool, walk_root: Optional[Path] = None) -> bool:
        """True when `path` itself is ignored by the patterns of the folders above it."""
        absolute = os.path.abspath(path)
        return self.folder_matcher(Path(os.path.dirname(absolute)), walk_root)(os.path.basename(absolute), is_folder)


def _nothing_ignored(name: str, is_folder: bool) -> bool:
    return False
