"""Bad input gives a clear diagnostic or message, never a crash or a stopped run."""

from __future__ import annotations

import codecs
import json
import os
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from conftest import ROOT

GOOD = '''import keras
import keras_tuner as kt


def build(hp):
    model = keras.Sequential([keras.Input(shape=(3,)), keras.layers.Dense(1, activation="sigmoid")])
    model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["acc"])
    return model


tuner = kt.RandomSearch(build, objective="val_accuracy", max_trials=2)
'''


def run_ktlint(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "ktlint", *args], capture_output=True, text=True, cwd=cwd, timeout=600
    )


def lint_json(*paths: Path) -> tuple[int, list[dict]]:
    result = run_ktlint(*map(str, paths), "--keras-version", "3", "--output-format", "json")
    assert result.returncode in (0, 1), result.stderr
    return result.returncode, json.loads(result.stdout)


def test_syntax_error_is_diagnostic_and_run_goes_on(tmp_path):
    broken = tmp_path / "broken.py"
    broken.write_text("import keras_tuner as kt\ntuner = kt.RandomSearch(build, objective='val_loss'\n")
    good = tmp_path / "good.py"
    good.write_text(GOOD)
    code, items = lint_json(broken, good)
    assert code == 1
    assert [(Path(i["filename"]).name, i["code"]) for i in items] == [("broken.py", "KT001"), ("good.py", "KT101")]
    assert items[0]["message"].startswith("Syntax error")
    assert items[0]["location"]["row"] >= 2


def test_crlf_file_keeps_positions(tmp_path):
    path = tmp_path / "crlf.py"
    path.write_bytes(GOOD.replace("\n", "\r\n").encode())
    _, items = lint_json(path)
    assert [i["code"] for i in items] == ["KT101"]
    assert items[0]["location"] == {"row": 11, "column": 42}


def test_bom_file_is_read(tmp_path):
    path = tmp_path / "bom.py"
    path.write_bytes(codecs.BOM_UTF8 + GOOD.encode())
    _, items = lint_json(path)
    assert [i["code"] for i in items] == ["KT101"]


def test_latin1_cookie_file_is_read(tmp_path):
    path = tmp_path / "latin.py"
    path.write_bytes(("# -*- coding: latin-1 -*-\n# caf\xe9\n" + GOOD).encode("latin-1"))
    _, items = lint_json(path)
    assert [i["code"] for i in items] == ["KT101"]


def test_undecodable_file_is_diagnostic(tmp_path):
    path = tmp_path / "bad_bytes.py"
    path.write_bytes(b"import keras_tuner\nname = '\xff\xfe'\n")
    code, items = lint_json(path)
    assert code == 1
    assert [i["code"] for i in items] == ["KT001"]
    assert "utf-8" in items[0]["message"]


def test_binary_file_is_diagnostic(tmp_path):
    path = tmp_path / "blob.py"
    path.write_bytes(b"keras_tuner\x00\x01\x02")
    _, items = lint_json(path)
    assert [i["code"] for i in items] == ["KT001"]
    assert "NUL" in items[0]["message"]


def test_empty_file_is_clean(tmp_path):
    path = tmp_path / "empty.py"
    path.write_text("")
    assert lint_json(path) == (0, [])


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read files without read permission")
def test_unreadable_file_is_diagnostic(tmp_path):
    path = tmp_path / "secret.py"
    path.write_text(GOOD)
    path.chmod(0)
    _, items = lint_json(path)
    assert [i["code"] for i in items] == ["KT001"]


def test_symlink_loop_does_not_hang(tmp_path):
    folder = tmp_path / "project"
    folder.mkdir()
    (folder / "good.py").write_text(GOOD)
    (folder / "loop").symlink_to(folder, target_is_directory=True)
    (folder / "dangling.py").symlink_to(tmp_path / "missing.py")
    result = run_ktlint(str(folder), "--keras-version", "3", "--output-format", "concise")
    assert result.returncode == 1, result.stderr
    assert "good.py" in result.stdout
    assert "Traceback" not in result.stderr


def test_missing_path_exits_2_and_lints_the_rest(tmp_path):
    good = tmp_path / "good.py"
    good.write_text(GOOD)
    result = run_ktlint(str(tmp_path / "nope.py"), str(good), "--output-format", "concise")
    assert result.returncode == 2
    assert "nope.py: no such file or folder" in result.stderr
    assert "KT101" in result.stdout


def test_large_real_code_base_has_no_crash():
    # The standard library and the installed packages (TensorFlow, Keras and KerasTuner sources among them).
    trees = [sysconfig.get_paths()["stdlib"], sysconfig.get_paths()["purelib"]]
    result = run_ktlint(*trees, "--exclude", "__nothing__", "--output-format", "json", "--exit-zero")
    assert result.returncode == 0, result.stderr[-3000:]
    assert "internal error" not in result.stderr
    assert "Traceback" not in result.stderr
    json.loads(result.stdout)
