"""Apply the edits of fixes to source text, show them as a diff, or write them back atomically."""

from __future__ import annotations

import difflib
import errno
import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from ktlint.diagnostics import Diagnostic, Edit, Location
from ktlint.parsing.notebook import NotebookSource
from ktlint.parsing.source import Source

_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")


def offset(text: str, location: Location, line_starts: list[int]) -> int:
    """Convert a 1-based row and column to an index into `text`."""
    row = min(max(location.row, 1), len(line_starts))
    return min(line_starts[row - 1] + location.column - 1, len(text))


def line_starts_of(text: str) -> list[int]:
    """Offsets where each row starts; rows end at \r\n, \r or \n, as libcst counts them."""
    starts = [0]
    for line in split_lines_keepends(text):
        starts.append(starts[-1] + len(line))
    return starts


def split_lines_keepends(text: str) -> list[str]:
    # str.splitlines also breaks at \f, \v, \x1c-\x1e, \x85 and \u2028, which would shift every later row.
    return [match.group(0) for match in _LINE.finditer(text) if match.group(0)]


def fixable(diagnostic: Diagnostic, unsafe: bool) -> bool:
    fix = diagnostic.fix
    return fix is not None and (fix.applicability == "safe" or unsafe)


def apply_edits(text: str, edits: list[Edit]) -> tuple[str, int]:
    """Apply non-overlapping edits; return the new text and how many edits were applied."""
    starts = line_starts_of(text)
    spans = sorted(
        ((offset(text, edit.location, starts), offset(text, edit.end_location, starts), edit.content) for edit in edits),
        key=lambda span: (span[0], span[1]),
    )
    result = []
    cursor = 0
    applied = 0
    for start, end, content in spans:
        if start < cursor:
            # Overlapping edits: keep the first, and the next pass of --fix applies the rest.
            continue
        result.append(text[cursor:start])
        result.append(content)
        cursor = end
        applied += 1
    result.append(text[cursor:])
    return "".join(result), applied


@dataclass
class FixedFile:
    """The result of applying fixes to one file: the text to write and how to show the change."""

    source: Source
    # The new file text: Python source, or the notebook's JSON.
    text: str
    applied: int
    # For notebooks: cell index -> (old cell text, new cell text), for the diff.
    cells: dict = field(default_factory=dict)

    def data(self) -> bytes:
        return self.source.encode(self.text)

    def diff(self) -> str:
        name = str(self.source.path)
        if not self.cells:
            return _diff(self.source.text, self.text, name, name)
        return "".join(
            _diff(old, new, f"{name}:cell {index}", f"{name}:cell {index}")
            for index, (old, new) in sorted(self.cells.items())
        )


def fixed_sources(diagnostics: list[Diagnostic], sources: dict[str, Source], unsafe: bool) -> dict[str, FixedFile]:
    """Return filename -> FixedFile for the files the fixes change.

    Notebook fixes are applied to each cell's original text. The notebook is written back only when its
    JSON can be reproduced exactly (see NotebookSource.rewrite), and is otherwise left unchanged.
    """
    edits_by_file: dict[str, dict[Optional[int], list[Edit]]] = {}
    counts: dict[str, int] = {}
    for diagnostic in diagnostics:
        if fixable(diagnostic, unsafe):
            by_cell = edits_by_file.setdefault(diagnostic.filename, {})
            by_cell.setdefault(diagnostic.cell, []).extend(diagnostic.fix.edits)
            counts[diagnostic.filename] = counts.get(diagnostic.filename, 0) + 1

    changed = {}
    for filename, by_cell in edits_by_file.items():
        source = sources.get(filename)
        if source is None:
            continue
        if isinstance(source, NotebookSource):
            fixed = _fixed_notebook(source, by_cell, counts[filename])
        else:
            text, applied = apply_edits(source.text, by_cell.get(None, []))
            fixed = FixedFile(source, text, min(applied, counts[filename])) if text != source.text else None
        if fixed is not None:
            changed[filename] = fixed
    return changed


def _fixed_notebook(source: NotebookSource, by_cell: dict, count: int) -> Optional[FixedFile]:
    cells = {}
    applied = 0
    for index, edits in by_cell.items():
        cell = source.cell(index) if index is not None else None
        if cell is None:
            continue
        text, done = apply_edits(cell.text, edits)
        if text != cell.text:
            cells[index] = (cell.text, text)
            applied += done
    if not cells:
        return None
    notebook = source.rewrite({index: new for index, (_, new) in cells.items()})
    if notebook is None:
        return None
    return FixedFile(source, notebook, min(applied, count), cells)


def unified_diff(source: Source, new_text: str) -> str:
    name = str(source.path)
    return _diff(source.text, new_text, name, name)


def _diff(old: str, new: str, old_name: str, new_name: str) -> str:
    old_lines = split_lines_keepends(old)
    new_lines = split_lines_keepends(new)
    lines = list(difflib.unified_diff(old_lines, new_lines, fromfile=f"a/{old_name}", tofile=f"b/{new_name}"))
    # A last line without a newline would run into the next hunk header.
    return "".join(line if line.endswith(("\n", "\r")) else line + "\n\\ No newline at end of file\n" for line in lines)


def write_atomically(path: Path, data: bytes) -> None:
    """Write through a temporary file in the same folder and rename it over the original.

    A symlink is followed, so the link stays a link and its target gets the fix. A file the user may not
    write is left alone (OSError), even when its folder would let a rename replace it.
    """
    path = Path(os.path.realpath(path))
    if path.exists() and not os.access(path, os.W_OK):
        raise PermissionError(errno.EACCES, "the file is read-only", str(path))
    folder = path.parent
    stat = path.stat() if path.exists() else None
    mode = stat.st_mode & 0o7777 if stat is not None else None
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".ktlint", dir=folder)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        if mode is not None:
            os.chmod(temporary, mode)
        if stat is not None and hasattr(os, "geteuid") and os.geteuid() == 0:
            # Only root can give the new file the original owner back.
            os.chown(temporary, stat.st_uid, stat.st_gid)
        os.replace(temporary, path)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise
