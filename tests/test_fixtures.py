"""Run the static pass on the fixture corpus and compare each fixture's codes with fixtures/expected.tsv.

Each row of expected.tsv names a fixture file, or a cross-file folder whose .py files are linted together,
the Keras major version to check against, and the exact sorted list of codes (`-` for none). The pass runs
in this process through `ktlint.engine.lint`; it must never import TensorFlow or Keras.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from ktlint.engine import Input, lint

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
EXPECTED = FIXTURES / "expected.tsv"
# Folders whose files are each a fixture of their own; a crossfile_* folder is one fixture.
CORPUS_FOLDERS = ("cases", "kinds", "clean", "seed")
FIXTURE_SUFFIXES = (".py", ".ipynb")


def read_expected() -> list[tuple[str, int, list[str]]]:
    """Parse expected.tsv into (path, Keras major, codes) rows."""
    rows = []
    for number, line in enumerate(EXPECTED.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        assert len(fields) == 3, f"expected.tsv line {number}: want path<TAB>keras<TAB>codes, got {line!r}"
        path, major, codes = fields
        rows.append((path, int(major), [] if codes == "-" else codes.split(",")))
    return rows


def fixture_inputs(target: Path) -> list[Input]:
    """Return one file, or every .py file of a cross-file folder so that they are linted together."""
    files = sorted(target.rglob("*.py")) if target.is_dir() else [target]
    return [Input(path=file) for file in files]


def describe(diagnostics) -> str:
    """Format diagnostics one per line as path:row:column: code message, for assertion messages."""
    if not diagnostics:
        return "  (no diagnostics)"
    lines = []
    for diagnostic in diagnostics:
        path = Path(diagnostic.filename)
        if path.is_relative_to(FIXTURES):
            path = path.relative_to(FIXTURES)
        cell = f"[cell {diagnostic.cell}]" if diagnostic.cell is not None else ""
        lines.append(f"  {path}{cell}:{diagnostic.location.row}:{diagnostic.location.column}: "
                     f"{diagnostic.code} {diagnostic.message}")
    return "\n".join(lines)


ROWS = read_expected()


@pytest.mark.parametrize(
    ("path", "major", "expected"),
    [pytest.param(path, major, codes, id=f"{path}-keras{major}") for path, major, codes in ROWS],
)
def test_fixture_gets_expected_codes(path: str, major: int, expected: list[str]) -> None:
    target = FIXTURES / path
    assert target.exists(), f"expected.tsv names {path}, which does not exist"

    result = lint(fixture_inputs(target), majors=(major,))
    actual = sorted(diagnostic.code for diagnostic in result.diagnostics)

    assert actual == sorted(expected), (
        f"{path} on Keras {major}: expected {','.join(sorted(expected)) or '-'}, "
        f"got {','.join(actual) or '-'}\n{describe(result.diagnostics)}"
    )


def test_every_fixture_has_an_expectation() -> None:
    listed = {path for path, _, _ in ROWS}
    missing = set()
    for folder in CORPUS_FOLDERS:
        for file in sorted((FIXTURES / folder).rglob("*")):
            if file.suffix not in FIXTURE_SUFFIXES:
                continue
            parts = file.relative_to(FIXTURES).parts
            crossfile = [index for index, part in enumerate(parts[:-1]) if part.startswith("crossfile_")]
            key = "/".join(parts[: crossfile[0] + 1]) if crossfile else "/".join(parts)
            if key not in listed:
                missing.add(key)
    assert not missing, f"fixtures without a row in expected.tsv: {sorted(missing)}"


def test_every_fixture_has_a_keras3_row() -> None:
    keras3 = {path for path, major, _ in ROWS if major == 3}
    assert keras3 == {path for path, _, _ in ROWS}


def test_static_pass_never_imports_tensorflow_or_keras() -> None:
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from ktlint.engine import Input, lint\n"
        f"files = sorted(f for f in Path({str(FIXTURES)!r}).rglob('*') if f.suffix in {FIXTURE_SUFFIXES!r})\n"
        "for major in (3, 2):\n"
        "    lint([Input(path=file) for file in files], majors=(major,))\n"
        "loaded = sorted(name for name in sys.modules if name.split('.')[0] in ('tensorflow', 'keras', 'tf_keras'))\n"
        "print(' '.join(loaded))\n"
    )
    completed = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.strip() == "", f"the static pass imported: {completed.stdout.strip()}"


def run_cli(*arguments: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "ktlint", *arguments], cwd=ROOT, capture_output=True, text=True,
                          timeout=300)


def test_cli_reports_nothing_on_the_clean_project() -> None:
    completed = run_cli("fixtures/clean", "--keras-version", "3", "--output-format", "json")
    assert completed.returncode == 0, f"exit {completed.returncode}\n{completed.stdout}\n{completed.stderr}"
    assert json.loads(completed.stdout) == []


def test_cli_exits_1_on_the_cases() -> None:
    completed = run_cli("fixtures/cases", "--keras-version", "3")
    assert completed.returncode == 1, f"exit {completed.returncode}\n{completed.stdout}\n{completed.stderr}"
