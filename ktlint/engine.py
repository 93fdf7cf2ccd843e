"""Run the static pass: read, pre-filter, parse, find tuners, analyse keys, run the rules."""

from __future__ import annotations

import io
import re
import tokenize
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Optional, Sequence

from ktlint.analysis import analyse_tuner
from ktlint.diagnostics import Diagnostic, Edit, Location
from ktlint.facts.tuner import find_tuners
from ktlint.parsing.module import ParsedModule, ParseFailure, parse_module
from ktlint.parsing.notebook import NotebookError, NotebookSource, read_notebook, split_lines
from ktlint.parsing.project import Project
from ktlint.parsing.source import Source, SourceError, decode_source
from ktlint.rules import ALL_RULES, rule_by_code
from ktlint.rules.base import Context

# A file is parsed only when its bytes mention KerasTuner; other files are read again only when a
# tuner file imports them.
MENTIONS_KERAS_TUNER = re.compile(rb"keras_tuner|kerastuner")
_CODES = r"[A-Z]+[0-9]+(?:[\s,]+[A-Z]+[0-9]+)*"
NOQA = re.compile(rf"#\s*noqa(?::\s*(?P<codes>{_CODES}))?", re.IGNORECASE)
# Only ktlint's own file-level comment counts: the ruff and flake8 file-level comments are meant for those tools.
FILE_NOQA = re.compile(rf"#\s*ktlint\s*:\s*noqa\b(?::\s*(?P<codes>{_CODES}))?", re.IGNORECASE)


@dataclass
class Input:
    """One file to lint; `data` is given for stdin, else the file is read from disk."""

    path: Path
    data: Optional[bytes] = None


@dataclass
class LintResult:
    diagnostics: list[Diagnostic] = field(default_factory=list)
    files_checked: int = 0
    files_parsed: int = 0
    sources: dict[str, Source] = field(default_factory=dict)
    # Bugs in ktlint met while checking; the run goes on and exits with 2.
    internal_errors: list[str] = field(default_factory=list)
    # Files that `--fix` could not write back.
    write_failures: list[str] = field(default_factory=list)


def lint(inputs: Sequence[Input], majors: tuple[int, ...], selected: Optional[set[str]] = None) -> LintResult:
    """Lint the inputs; `selected` limits the rule codes that run (None runs all)."""
    result = LintResult()
    project = Project(loader=_loader)
    linted: list[ParsedModule] = []

    for item in inputs:
        result.files_checked += 1
        module = _read_and_parse(item, result, project)
        if module is not None:
            linted.append(module)

    tuners = []
    for module in list(linted):
        try:
            for tuner in find_tuners(module, project):
                tuners.append(analyse_tuner(tuner, majors, project))
        except Exception as error:  # noqa: BLE001 - one file's internal error must not stop the run
            result.internal_errors.append(f"{module.path}: {type(error).__name__}: {error}")
    _add_imported_inputs(inputs, linted, project, result)

    context = Context(project=project, majors=majors, linted=linted, tuners=tuners)
    for rule in ALL_RULES:
        if rule.code == "KT001" or (selected is not None and rule.code not in selected):
            continue
        try:
            result.diagnostics.extend(rule.check(context))
        except Exception as error:  # noqa: BLE001 - report the failing rule and keep the others
            result.internal_errors.append(f"rule {rule.code}: {type(error).__name__}: {error}")

    # Diagnostics can sit in imported modules; their text gives the report a frame and noqa comments.
    for module in project.modules():
        result.sources.setdefault(str(module.path), module.source)
    result.diagnostics = _deduplicate(d for d in result.diagnostics if _is_selected(d, selected))
    noqa = _NoqaComments(result.sources)
    result.diagnostics = [d for d in result.diagnostics if not noqa.suppresses(d)]
    result.diagnostics = [_locate_in_cell(d, result.sources) for d in result.diagnostics]
    result.diagnostics.sort(key=Diagnostic.sort_key)
    return result


def _add_imported_inputs(inputs: Sequence[Input], linted: list[ParsedModule], project: Project, result: LintResult) -> None:
    """Lint the inputs that the pre-filter skipped but a tuner file imported, such as a models.py."""
    given = {}
    for item in inputs:
        if item.data is None:
            try:
                given[item.path.resolve()] = item.path
            except OSError:
                continue
    seen = {id(module) for module in linted}
    for module in project.modules():
        path = given.get(module.path.resolve())
        if path is None or id(module) in seen:
            continue
        # Report it under the path it was given as, like every other input.
        module.path = path
        module.source.path = path
        linted.append(module)
        result.sources[str(path)] = module.source
        result.files_parsed += 1


def _read_and_parse(item: Input, result: LintResult, project: Project) -> Optional[ParsedModule]:
    path = item.path
    try:
        data = item.data if item.data is not None else path.read_bytes()
    except OSError as error:
        result.diagnostics.append(_file_error(path, f"Cannot read the file: {error.strerror or error}"))
        return None
    if not MENTIONS_KERAS_TUNER.search(data):
        return None

    if path.suffix == ".ipynb":
        try:
            source = read_notebook(path, data)
        except NotebookError as error:
            result.diagnostics.append(_file_error(path, error.message, Location(error.row, error.column)))
            return None
        if source is None:
            # A notebook whose kernel is another language.
            return None
    else:
        try:
            source = decode_source(path, data)
        except SourceError as error:
            result.diagnostics.append(_file_error(path, str(error).split(": ", 1)[-1]))
            return None
    result.sources[str(path)] = source

    try:
        module = parse_module(source)
    except ParseFailure as failure:
        rule = rule_by_code("KT001")
        location = Location(failure.row, failure.column)
        result.diagnostics.append(
            Diagnostic(code=rule.code, name=rule.name, message=f"Syntax error: {failure.message}" if failure.syntax else failure.message,
                       filename=str(path), location=location, end_location=location)
        )
        return None
    result.files_parsed += 1
    project.add(module)
    return module


def _loader(path: Path) -> ParsedModule:
    from ktlint.parsing.source import read_source

    return parse_module(read_source(path))


def _file_error(path: Path, message: str, location: Optional[Location] = None) -> Diagnostic:
    rule = rule_by_code("KT001")
    location = location or Location(1, 1)
    return Diagnostic(code=rule.code, name=rule.name, message=message, filename=str(path),
                      location=location, end_location=location)


def _is_selected(diagnostic: Diagnostic, selected: Optional[set[str]]) -> bool:
    return selected is None or diagnostic.code in selected


def _deduplicate(diagnostics) -> list[Diagnostic]:
    seen = set()
    unique = []
    for diagnostic in diagnostics:
        key = (diagnostic.filename, diagnostic.code, diagnostic.location, diagnostic.message)
        if key not in seen:
            seen.add(key)
            unique.append(diagnostic)
    return unique


def _comments_by_row(text: str) -> dict[int, str]:
    """Map each row to the text of the comment on it; a file that does not tokenize keeps every line."""
    comments: dict[int, str] = {}
    try:
        for token in tokenize.generate_tokens(io.StringIO(text).readline):
            if token.type == tokenize.COMMENT:
                comments[token.start[0]] = token.string
    except (tokenize.TokenError, SyntaxError):
        return dict(enumerate(split_lines(text), start=1))
    return comments


class _NoqaComments:
    """`# ktlint: noqa[: KT101]` anywhere in a file and `# noqa[: KT101]` on a diagnostic's first line.

    Rows are module rows, so this runs before notebook diagnostics are mapped to their cells.
    """

    def __init__(self, sources: dict[str, Source]) -> None:
        self._sources = sources
        self._lines: dict[str, list[str]] = {}
        # filename -> None when nothing is suppressed file-wide, "ALL" for a bare comment, else the codes.
        self._file_codes: dict[str, object] = {}

    def _load(self, filename: str) -> list[str]:
        if filename not in self._lines:
            source = self._sources[filename]
            lines = split_lines(source.text)
            codes: object = None
            comments: Optional[dict[int, str]] = None
            for row, line in enumerate(lines, start=1):
                if "noqa" not in line.lower() or FILE_NOQA.search(line) is None:
                    continue
                # Only a real comment counts, not the same words inside a string literal.
                if comments is None:
                    comments = _comments_by_row(source.text)
                match = FILE_NOQA.search(comments.get(row, ""))
                if match is None:
                    continue
                if match.group("codes") is None:
                    codes = "ALL"
                    break
                codes = (codes if isinstance(codes, set) else set()) | _code_set(match.group("codes"))
            self._lines[filename] = lines
            self._file_codes[filename] = codes
        return self._lines[filename]

    def suppresses(self, diagnostic: Diagnostic) -> bool:
        if diagnostic.filename not in self._sources:
            return False
        lines = self._load(diagnostic.filename)
        file_codes = self._file_codes[diagnostic.filename]
        if file_codes == "ALL" or (isinstance(file_codes, set) and diagnostic.code in file_codes):
            return True
        row = diagnostic.location.row
        if not 1 <= row <= len(lines):
            return False
        match = NOQA.search(lines[row - 1])
        if match is None:
            return False
        codes = match.group("codes")
        if codes is None:
            return True
        return diagnostic.code in _code_set(codes)


def _code_set(codes: str) -> set[str]:
    return {code.upper() for code in re.split(r"[\s,]+", codes) if code}


def _locate_in_cell(diagnostic: Diagnostic, sources: dict[str, Source]) -> Diagnostic:
    """Give a notebook diagnostic its cell and cell-relative rows; leave other diagnostics alone.

    A fix is kept only when all of its edits fall in the diagnostic's cell and none touches a row that
    was masked (IPython syntax), since the fix is applied to the cell's original text.
    """
    source = sources.get(diagnostic.filename)
    if not isinstance(source, NotebookSource) or diagnostic.cell is not None:
        return diagnostic
    cell, start = source.locate(diagnostic.location)
    end_cell, end = source.locate(diagnostic.end_location)
    if end_cell.index != cell.index:
        end = Location(cell.row_count, len(source.cell_lines(cell.index)[-1]) + 1 if cell.row_count else 1)

    fix = diagnostic.fix
    if fix is not None:
        edits = []
        for edit in fix.edits:
            edit_cell, edit_start = source.locate(edit.location)
            edit_end_cell, edit_end = source.locate(edit.end_location)
            touches_mask = any(row in edit_cell.masked_rows for row in range(edit_start.row, edit_end.row + 1))
            if edit_cell.index != cell.index or edit_end_cell.index != cell.index or touches_mask:
                edits = None
                break
            edits.append(Edit(edit.content, edit_start, edit_end))
        fix = replace(fix, edits=tuple(edits)) if edits else None
    return replace(diagnostic, cell=cell.index, location=start, end_location=end, fix=fix)
