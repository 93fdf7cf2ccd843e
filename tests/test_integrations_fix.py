"""`--fix`, `--unsafe-fixes` and `--diff` on real files: the edits, encodings, line endings and exit codes."""

from __future__ import annotations

import codecs
import os
import stat

from integrations_support import (
    BAD_OBJECTIVE,
    DIRECTION_UNKNOWN,
    GOOD_OBJECTIVE,
    NOT_SCALAR,
    THREE_SAFE_FIXES,
    THREE_SAFE_FIXES_FIXED,
    codes_of,
    run_ktlint,
)


def test_fix_applies_three_safe_fixes(tmp_path):
    path = tmp_path / "search.py"
    path.write_text(THREE_SAFE_FIXES, encoding="utf-8")
    result = run_ktlint(["search.py", "--fix"], tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Fixed 3 errors." in result.stderr
    assert "All checks passed!" in result.stdout
    assert path.read_text(encoding="utf-8") == THREE_SAFE_FIXES_FIXED


def test_fix_second_run_is_clean(tmp_path):
    path = tmp_path / "search.py"
    path.write_text(THREE_SAFE_FIXES, encoding="utf-8")
    run_ktlint(["search.py", "--fix"], tmp_path)
    again = run_ktlint(["search.py", "--fix"], tmp_path)
    assert again.returncode == 0
    assert "Fixed" not in again.stderr
    assert path.read_text(encoding="utf-8") == THREE_SAFE_FIXES_FIXED


def test_fix_wraps_direction_unknown_objective(tmp_path):
    path = tmp_path / "search.py"
    path.write_text(DIRECTION_UNKNOWN, encoding="utf-8")
    before = run_ktlint(["search.py", "--output-format", "concise"], tmp_path)
    assert codes_of(before.stdout) == ["KT103"]
    # The direction of a custom `f1` is only guessed from its name, so the wrap is an unsafe fix.
    safe_only = run_ktlint(["search.py", "--fix"], tmp_path)
    assert safe_only.returncode == 1, safe_only.stdout
    assert path.read_text(encoding="utf-8") == DIRECTION_UNKNOWN
    result = run_ktlint(["search.py", "--fix", "--unsafe-fixes"], tmp_path)
    assert result.returncode == 0, result.stdout
    assert 'objective=kt.Objective("val_f1", "max")' in path.read_text(encoding="utf-8")


def test_unsafe_fix_needs_flag(tmp_path):
    path = tmp_path / "search.py"
    path.write_text(NOT_SCALAR, encoding="utf-8")

    safe_only = run_ktlint(["search.py", "--fix"], tmp_path)
    assert safe_only.returncode == 1
    assert path.read_text(encoding="utf-8") == NOT_SCALAR
    assert "KT105" in safe_only.stdout
    assert "--unsafe-fixes" in safe_only.stdout

    unsafe = run_ktlint(["search.py", "--fix", "--unsafe-fixes"], tmp_path)
    assert unsafe.returncode == 0, unsafe.stdout
    assert 'keras.metrics.F1Score(average="macro")' in path.read_text(encoding="utf-8")


def test_diff_prints_and_writes_nothing(tmp_path):
    path = tmp_path / "search.py"
    path.write_text(THREE_SAFE_FIXES, encoding="utf-8")
    result = run_ktlint(["search.py", "--diff"], tmp_path)
    assert result.returncode == 1
    assert result.stdout.startswith("--- a/search.py\n+++ b/search.py\n@@ ")
    assert '-tuner = kt.RandomSearch(build, objective="val_Accuracy", max_trials=3)' in result.stdout
    assert '+tuner = kt.RandomSearch(build, objective="val_accuracy", max_trials=3)' in result.stdout
    assert "Would fix 3 errors." in result.stderr
    assert path.read_text(encoding="utf-8") == THREE_SAFE_FIXES


def test_diff_clean_file_exits_zero(tmp_path):
    (tmp_path / "search.py").write_text(GOOD_OBJECTIVE, encoding="utf-8")
    result = run_ktlint(["search.py", "--diff"], tmp_path)
    assert result.returncode == 0
    assert result.stdout == ""


def test_diff_with_unsafe_fixes(tmp_path):
    (tmp_path / "search.py").write_text(NOT_SCALAR, encoding="utf-8")
    assert run_ktlint(["search.py", "--diff"], tmp_path).stdout == ""
    result = run_ktlint(["search.py", "--diff", "--unsafe-fixes"], tmp_path)
    assert '+    model.compile(optimizer="adam", loss="categorical_crossentropy", metrics=[keras.metrics.F1Score(average="macro")])' in result.stdout


def test_fix_keeps_crlf_line_endings(tmp_path):
    path = tmp_path / "search.py"
    path.write_bytes(THREE_SAFE_FIXES.replace("\n", "\r\n").encode("utf-8"))
    result = run_ktlint(["search.py", "--fix"], tmp_path)
    assert result.returncode == 0, result.stdout
    assert path.read_bytes() == THREE_SAFE_FIXES_FIXED.replace("\n", "\r\n").encode("utf-8")


def test_fix_keeps_utf8_bom(tmp_path):
    path = tmp_path / "search.py"
    path.write_bytes(codecs.BOM_UTF8 + ("# café\n" + THREE_SAFE_FIXES).encode("utf-8"))
    result = run_ktlint(["search.py", "--fix"], tmp_path)
    assert result.returncode == 0, result.stdout
    assert path.read_bytes() == codecs.BOM_UTF8 + ("# café\n" + THREE_SAFE_FIXES_FIXED).encode("utf-8")


def test_fix_keeps_latin1_coding_cookie(tmp_path):
    path = tmp_path / "search.py"
    header = "# -*- coding: latin-1 -*-\n# été à Zürich\n"
    path.write_bytes((header + THREE_SAFE_FIXES).encode("latin-1"))
    result = run_ktlint(["search.py", "--fix"], tmp_path)
    assert result.returncode == 0, result.stdout
    assert path.read_bytes() == (header + THREE_SAFE_FIXES_FIXED).encode("latin-1")


def test_fix_rows_after_form_feed(tmp_path):
    # str.splitlines() treats \f as a line break but Python and libcst do not; rows must not shift.
    path = tmp_path / "search.py"
    source = THREE_SAFE_FIXES.replace("import keras\n", "import keras\n\f\n", 1)
    path.write_text(source, encoding="utf-8")
    result = run_ktlint(["search.py", "--fix"], tmp_path)
    assert result.returncode == 0, result.stdout
    assert path.read_text(encoding="utf-8") == THREE_SAFE_FIXES_FIXED.replace("import keras\n", "import keras\n\f\n", 1)


def test_fix_keeps_file_mode_and_leaves_no_temporary(tmp_path):
    path = tmp_path / "search.py"
    path.write_text(BAD_OBJECTIVE, encoding="utf-8")
    os.chmod(path, 0o640)
    run_ktlint(["search.py", "--fix"], tmp_path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["search.py"]


def test_fix_reports_what_is_left(tmp_path):
    path = tmp_path / "search.py"
    # KT101 is fixed; the unfixable KT105 stays and sets the exit code.
    path.write_text(NOT_SCALAR + BAD_OBJECTIVE.split("\n\n\ntuner =")[0].split("import keras_tuner as kt\n")[1]
                    .replace("def build", "def build2")
                    + '\n\ntuner2 = kt.RandomSearch(build2, objective="val_Accuracy", max_trials=3)\n',
                    encoding="utf-8")
    result = run_ktlint(["search.py", "--fix", "--output-format", "concise"], tmp_path)
    assert result.returncode == 1
    assert "Fixed 1 error." in result.stderr
    assert codes_of(result.stdout) == ["KT105"]


def test_fix_in_two_files_of_one_project(tmp_path):
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'x'\n", encoding="utf-8")
    (tmp_path / "model.py").write_text(BAD_OBJECTIVE.split("\n\n\ntuner =")[0] + "\n", encoding="utf-8")
    (tmp_path / "search.py").write_text(
        'import keras_tuner as kt\n\nfrom model import build\n\n'
        'tuner = kt.RandomSearch(build, objective="val_Accuracy", max_trials=3)\n', encoding="utf-8")
    result = run_ktlint([".", "--fix"], tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert 'objective="val_accuracy"' in (tmp_path / "search.py").read_text(encoding="utf-8")
