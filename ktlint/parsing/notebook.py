"""Read a Jupyter notebook (.ipynb, nbformat 4) as one Python module, and write edited cells back.

The code cells are joined in order into one module so that names defined in one cell resolve in the
next. IPython syntax that libcst cannot parse is masked line for line, so module rows map back to
cell rows and columns stay unchanged:

- a line magic (`%time fit()`), a shell line (`!pip install x`), help (`obj?`, `?obj`) and an
  assignment from either (`files = !ls`) become `pass` with the same indentation, together with the
  lines a trailing backslash continues them onto;
- a cell that starts with a cell magic (`%%bash`) is left out, since its body is not Python.

Lines inside brackets and multi-line strings are never masked, so `x = (a\\n % b)` stays Python.
"""

from __future__ import annotations

import codecs
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from ktlint.diagnostics import Location
from ktlint.parsing.source import Source

MASK = "pass"
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
# `files = !ls` and `timing = %timeit -o f()`: a plain target list, `=`, then a magic or shell escape.
_MAGIC_ASSIGNMENT = re.compile(r"^[A-Za-z_][\w.,\s\[\]()*]*?=\s*[%!]")
_HELP = re.compile(r"^\?{1,2}\S|^[\w.\[\]()]+\?{1,2}\s*$")


class NotebookError(Exception):
    """A notebook that cannot be read; `row` and `column` point into the JSON text (1-based)."""

    def __init__(self, message: str, row: int = 1, column: int = 1):
        super().__init__(message)
        self.message = message
        self.row = row
        self.column = column


@dataclass
class Cell:
    """A code cell that is part of the module: its 1-based index among all cells and its module rows."""

    index: int
    text: str
    first_row: int
    row_count: int
    # Cell-relative rows replaced by a placeholder because they hold IPython syntax.
    masked_rows: frozenset = frozenset()


@dataclass
class NotebookSource(Source):
    """A notebook read as one module: `text` is the masked module, `cells` maps its rows to cells."""

    raw: str = ""
    document: dict = field(default_factory=dict)
    cells: list = field(default_factory=list)

    def cell(self, index: int) -> Optional[Cell]:
        for cell in self.cells:
            if cell.index == index:
                return cell
        return None

    def locate(self, location: Location) -> tuple[Cell, Location]:
        """Map a module location to its cell and the cell-relative location.

        A row past the last cell (such as a syntax error at the end of the module) maps to the last
        row of the last cell.
        """
        row = location.row
        for cell in self.cells:
            if cell.first_row <= row < cell.first_row + cell.row_count:
                return cell, Location(row - cell.first_row + 1, location.column)
        if not self.cells:
            return Cell(index=1, text="", first_row=1, row_count=0), Location(1, 1)
        last = self.cells[-1]
        lines = split_lines(last.text)
        return last, Location(last.row_count, len(lines[-1]) + 1 if lines else 1)

    def cell_lines(self, index: int) -> list[str]:
        cell = self.cell(index)
        return split_lines(cell.text) if cell is not None else []

    def rewrite(self, cell_texts: dict[int, str]) -> Optional[str]:
        """Return the notebook JSON with the given cells' sources replaced, or None when that is unsafe.

        It is unsafe when re-serialising the unchanged notebook does not reproduce the file exactly
        (another writer's indentation, key order or escaping), since the rewrite would then touch
        every line of the file.
        """
        options = _serialisation_of(self.raw, self.document)
        if options is None:
            return None
        document = json.loads(self.raw)
        for index, text in cell_texts.items():
            cell = document["cells"][index - 1]
            if isinstance(cell.get("source"), list):
                cell["source"] = text.splitlines(keepends=True)
            else:
                cell["source"] = text
        return _dump(document, options, self.raw)

    def encode(self, text: str) -> bytes:
        data = text.encode("utf-8")
        if self.has_bom and not data.startswith(codecs.BOM_UTF8):
            data = codecs.BOM_UTF8 + data
        return data


def split_lines(text: str) -> list[str]:
    """Split on \\r\\n, \\r and \\n only, as libcst counts rows (str.splitlines also splits on \\f and others)."""
    lines = _LINE_BREAK.split(text)
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def read_notebook(path: Path, data: bytes) -> Optional[NotebookSource]:
    """Parse notebook bytes; return None for a notebook in another language, raise NotebookError when broken."""
    has_bom = data.startswith(codecs.BOM_UTF8)
    if has_bom:
        data = data[len(codecs.BOM_UTF8):]
    try:
        raw = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise NotebookError(f"Notebook is not valid UTF-8 ({error.reason} at byte {error.start}); save it again from Jupyter") from None
    try:
        document = json.loads(raw)
    except json.JSONDecodeError as error:
        raise NotebookError(f"Notebook is not valid JSON: {error.msg}; the file may be truncated or hold a merge conflict",
                            error.lineno, error.colno) from None
    cells = _cells_of(document)
    if not _is_python(document):
        return None

    module_lines: list[str] = []
    parts: list[Cell] = []
    for index, cell in enumerate(cells, 1):
        if cell.get("cell_type") != "code":
            continue
        source = cell.get("source", "")
        text = "".join(source) if isinstance(source, list) else source
        if not text.strip() or text.lstrip().startswith("%%"):
            continue
        lines = split_lines(text)
        masked, masked_rows = mask_ipython(lines)
        parts.append(Cell(index=index, text=text, first_row=len(module_lines) + 1, row_count=len(lines),
                          masked_rows=frozenset(masked_rows)))
        module_lines.extend(masked)

    module = "".join(line + "\n" for line in module_lines)
    return NotebookSource(path=path, text=module, encoding="utf-8", has_bom=has_bom, raw=raw, document=document,
                          cells=parts)


def _cells_of(document) -> list:
    if not isinstance(document, dict):
        raise NotebookError("Notebook JSON is not an object; expected nbformat 4 with a \"cells\" list")
    if "cells" not in document:
        if "worksheets" in document:
            raise NotebookError("Notebook is in nbformat 3, which is not supported; convert it with "
                                "`jupyter nbconvert --to notebook --nbformat 4`")
        raise NotebookError("Notebook has no \"cells\" list; expected nbformat 4")
    cells = document["cells"]
    if not isinstance(cells, list):
        raise NotebookError("Notebook \"cells\" is not a list; expected nbformat 4")
    for index, cell in enumerate(cells, 1):
        if not isinstance(cell, dict):
            raise NotebookError(f"Notebook cell {index} is not an object")
        source = cell.get("source", "")
        if not (isinstance(source, str) or (isinstance(source, list) and all(isinstance(s, str) for s in source))):
            raise NotebookError(f"Notebook cell {index} has a \"source\" that is neither a string nor a list of strings")
    return cells


def _is_python(document: dict) -> bool:
    """False only when the notebook's metadata names another language (R, Julia, ...)."""
    metadata = document.get("metadata")
    if not isinstance(metadata, dict):
        return True
    for table, key in (("language_info", "name"), ("kernelspec", "language")):
        entry = metadata.get(table)
        if isinstance(entry, dict) and isinstance(entry.get(key), str) and entry[key]:
            return entry[key].lower() == "python"
    return True


def mask_ipython(lines: list[str]) -> tuple[list[str], list[int]]:
    """Replace IPython-only lines with `pass`; return the lines and the 1-based rows that were masked."""
    out: list[str] = []
    masked: list[int] = []
    state = _ScanState()
    continuing_magic: Optional[str] = None
    for row, line in enumerate(lines, 1):
        if continuing_magic is not None:
            out.append(continuing_magic + MASK)
            masked.append(row)
            if not line.rstrip().endswith("\\"):
                continuing_magic = None
            continue
        if state.at_statement_start and _is_ipython_line(line):
            indent = line[: len(line) - len(line.lstrip())]
            out.append(indent + MASK)
            masked.append(row)
            if line.rstrip().endswith("\\"):
                continuing_magic = indent
            continue
        state.scan(line)
        out.append(line)
    return out, masked


def _is_ipython_line(line: str) -> bool:
    stripped = line.strip()
    if not stripped or stripped.startswith("#"):
        return False
    if stripped[0] in "%!":
        return True
    if _HELP.match(stripped):
        return True
    return _MAGIC_ASSIGNMENT.match(stripped) is not None


class _ScanState:
    """Just enough of Python's tokenizer to tell whether the next line starts a statement."""

    def __init__(self) -> None:
        self.depth = 0
        self.string: Optional[str] = None  # closing quote of a string still open at the end of a line
        self.backslash = False

    @property
    def at_statement_start(self) -> bool:
        return self.depth == 0 and self.string is None and not self.backslash

    def scan(self, line: str) -> None:
        i = 0
        n = len(line)
        self.backslash = False
        while i < n:
            char = line[i]
            if self.string is not None:
                if char == "\\":
                    i += 2
                    continue
                if line.startswith(self.string, i):
                    i += len(self.string)
                    self.string = None
                    continue
                i += 1
                continue
            if char == "#":
                return
            if char in "([{":
                self.depth += 1
            elif char in ")]}":
                self.depth = max(0, self.depth - 1)
            elif char in "'\"":
                triple = line[i:i + 3]
                self.string = triple if triple in ('"""', "'''") else char
                i += len(self.string)
                continue
            elif char == "\\" and i == n - 1:
                self.backslash = True
            i += 1
        # A single-quoted string ends at the end of the line unless a backslash continues it.
        if self.string in ("'", '"') and not line.endswith("\\"):
            self.string = None


def _serialisation_of(raw: str, document: dict) -> Optional[dict]:
    """Find json.dumps options that reproduce `raw` exactly, or None."""
    match = re.search(r"\n( +)\S", raw)
    indents = [len(match.group(1))] if match else [1]
    for indent in indents:
        for sort_keys in (True, False):
            for ensure_ascii in (False, True):
                options = {"indent": indent, "sort_keys": sort_keys, "ensure_ascii": ensure_ascii,
                           "separators": (",", ": ")}
                if _dump(document, options, raw) == raw:
                    return options
    return None


def _dump(document: dict, options: dict, raw: str) -> str:
    text = json.dumps(document, **options)
    return text + "\n" if raw.endswith("\n") else text
