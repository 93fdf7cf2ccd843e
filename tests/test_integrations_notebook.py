"""Jupyter notebooks: code cells linted as one module, positions per cell, broken JSON, fixes written back."""

from __future__ import annotations

import json
from pathlib import Path

from integrations_support import BAD_OBJECTIVE, run_ktlint

from ktlint.diagnostics import Location
from ktlint.parsing.notebook import mask_ipython, read_notebook

BUILD = BAD_OBJECTIVE.split("\n\n\ntuner =")[0].split("import keras_tuner as kt\n", 1)[1].strip("\n")


def notebook_json(cells: list, sort_keys: bool = True, indent: int = 1, language: str = "python") -> str:
    """Serialise cells the way Jupyter does; a cell is a list of lines (code) or ("markdown", lines)."""
    built = []
    for cell in cells:
        kind, lines = ("code", cell) if isinstance(cell, list) else cell
        source = [line + "\n" for line in lines[:-1]] + lines[-1:]
        entry = {"cell_type": kind, "metadata": {}, "source": source}
        if kind == "code":
            entry.update(execution_count=None, outputs=[])
        built.append(entry)
    document = {
        "cells": built,
        "metadata": {"kernelspec": {"display_name": language, "language": language, "name": language},
                     "language_info": {"name": language}},
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    return json.dumps(document, indent=indent, sort_keys=sort_keys, ensure_ascii=False) + "\n"


def write_search_notebook(folder: Path, name: str = "search.ipynb", **options) -> Path:
    """Cells: 1 markdown, 2 imports with a %pip magic, 3 a %%bash cell, 4 the build function,
    5 a shell line, then the tuner with the KT101 fault on row 2 column 42."""
    path = folder / name
    path.write_text(notebook_json([
        ("markdown", ["# Search"]),
        ["%pip install keras-tuner", "import keras", "import keras_tuner as kt"],
        ["%%bash", "echo not python"],
        BUILD.splitlines(),
        ["!nvidia-smi", 'tuner = kt.RandomSearch(build, objective="val_Accuracy", max_trials=3)'],
    ], **options), encoding="utf-8")
    return path


def test_notebook_text_position_names_cell(tmp_path):
    write_search_notebook(tmp_path)
    result = run_ktlint(["search.ipynb", "--output-format", "concise"], tmp_path)
    assert result.returncode == 1, result.stderr
    assert result.stdout.splitlines()[0].startswith("search.ipynb:cell 5:2:42: KT101 [*] Objective `val_Accuracy`")


def test_notebook_full_format_frames_cell_lines(tmp_path):
    write_search_notebook(tmp_path)
    result = run_ktlint(["search.ipynb"], tmp_path)
    assert "search.ipynb:cell 5:2:42: KT101" in result.stdout
    assert '2 | tuner = kt.RandomSearch(build, objective="val_Accuracy", max_trials=3)' in result.stdout
    assert "1 | !nvidia-smi" in result.stdout


def test_notebook_json_has_cell_and_relative_location(tmp_path):
    write_search_notebook(tmp_path)
    result = run_ktlint(["search.ipynb", "--output-format", "json"], tmp_path)
    [item] = json.loads(result.stdout)
    assert item["code"] == "KT101"
    assert item["cell"] == 5
    assert item["location"] == {"row": 2, "column": 42}
    assert item["end_location"] == {"row": 2, "column": 56}
    assert item["fix"]["edits"][0]["location"] == {"row": 2, "column": 42}


def test_notebook_clean_passes(tmp_path):
    path = write_search_notebook(tmp_path)
    path.write_text(path.read_text(encoding="utf-8").replace("val_Accuracy", "val_accuracy"), encoding="utf-8")
    result = run_ktlint(["search.ipynb"], tmp_path)
    assert result.returncode == 0, result.stdout
    assert "All checks passed!" in result.stdout


def test_notebook_found_when_walking_folder(tmp_path):
    write_search_notebook(tmp_path)
    checkpoints = tmp_path / ".ipynb_checkpoints"
    checkpoints.mkdir()
    write_search_notebook(checkpoints, "search-checkpoint.ipynb")
    result = run_ktlint([".", "--output-format", "concise"], tmp_path)
    assert [line.split(":")[0] for line in result.stdout.splitlines() if "KT101" in line] == ["search.ipynb"]


def test_broken_notebook_json_is_one_kt001(tmp_path):
    (tmp_path / "broken.ipynb").write_text('{"cells": [{"cell_type": "code", "source": "import keras_tuner"}',
                                           encoding="utf-8")
    result = run_ktlint(["broken.ipynb", "--output-format", "json"], tmp_path)
    items = json.loads(result.stdout)
    assert len(items) == 1
    assert items[0]["code"] == "KT001"
    assert "not valid JSON" in items[0]["message"]
    assert "cell" not in items[0]
    assert result.returncode == 1


def test_notebook_without_cells_list_is_kt001(tmp_path):
    (tmp_path / "old.ipynb").write_text(json.dumps({"worksheets": [], "nbformat": 3, "x": "keras_tuner"}),
                                        encoding="utf-8")
    result = run_ktlint(["old.ipynb", "--output-format", "concise"], tmp_path)
    assert "old.ipynb:1:1: KT001 Notebook is in nbformat 3" in result.stdout


def test_notebook_syntax_error_points_into_cell(tmp_path):
    (tmp_path / "typo.ipynb").write_text(notebook_json([
        ["import keras_tuner as kt"],
        ["x = 1", "tuner = kt.RandomSearch(build, objective='val_loss'"],
    ]), encoding="utf-8")
    result = run_ktlint(["typo.ipynb", "--output-format", "json"], tmp_path)
    [item] = json.loads(result.stdout)
    assert item["code"] == "KT001"
    assert item["cell"] == 2


def test_notebook_in_other_language_is_skipped(tmp_path):
    (tmp_path / "r.ipynb").write_text(notebook_json([["library(keras_tuner)", "x <- 1 +"]], language="R"),
                                      encoding="utf-8")
    result = run_ktlint(["r.ipynb"], tmp_path)
    assert result.returncode == 0, result.stdout


def test_notebook_fix_writes_cell_back(tmp_path):
    path = write_search_notebook(tmp_path)
    before = path.read_text(encoding="utf-8")
    result = run_ktlint(["search.ipynb", "--fix"], tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Fixed 1 error." in result.stderr
    after = path.read_text(encoding="utf-8")
    # Only the one source line changed; outputs, metadata and formatting are kept byte for byte.
    assert after == before.replace('objective=\\"val_Accuracy\\"', 'objective=\\"val_accuracy\\"')
    assert after != before
    assert run_ktlint(["search.ipynb"], tmp_path).returncode == 0


def test_notebook_diff_shows_cell_and_writes_nothing(tmp_path):
    path = write_search_notebook(tmp_path)
    before = path.read_bytes()
    result = run_ktlint(["search.ipynb", "--diff"], tmp_path)
    assert result.returncode == 1
    assert "--- a/search.ipynb:cell 5" in result.stdout
    assert '+tuner = kt.RandomSearch(build, objective="val_accuracy", max_trials=3)' in result.stdout
    assert path.read_bytes() == before


def test_notebook_fix_skipped_when_json_not_reproducible(tmp_path):
    # indent=2 without sorted keys is reproducible, so make it unreproducible with an odd separator.
    path = write_search_notebook(tmp_path)
    odd = path.read_text(encoding="utf-8").replace('": ', '" : ')
    path.write_text(odd, encoding="utf-8")
    result = run_ktlint(["search.ipynb", "--fix"], tmp_path)
    assert result.returncode == 1
    assert "fixes not applied" in result.stderr
    assert path.read_text(encoding="utf-8") == odd


def test_notebook_fix_keeps_other_writer_format(tmp_path):
    path = write_search_notebook(tmp_path, indent=2, sort_keys=False)
    before = path.read_text(encoding="utf-8")
    result = run_ktlint(["search.ipynb", "--fix"], tmp_path)
    assert result.returncode == 0, result.stderr
    assert path.read_text(encoding="utf-8") == before.replace("val_Accuracy", "val_accuracy")


def test_noqa_in_notebook_cell(tmp_path):
    path = write_search_notebook(tmp_path)
    path.write_text(path.read_text(encoding="utf-8").replace("max_trials=3)", "max_trials=3)  # noqa: KT101"),
                    encoding="utf-8")
    assert run_ktlint(["search.ipynb"], tmp_path).returncode == 0


def test_mask_keeps_rows_and_python_lines():
    lines = [
        "%matplotlib inline",
        "import numpy as np",
        "!pip install \\",
        "    keras-tuner",
        "x = (a",
        "     % b)",
        "files = !ls",
        's = """',
        "%not a magic inside a string",
        '"""',
        "for i in range(3):",
        "    %time f(i)",
        "np.mean?",
        "print('100%')",
    ]
    masked, rows = mask_ipython(lines)
    assert len(masked) == len(lines)
    assert rows == [1, 3, 4, 7, 12, 13]
    assert masked[4:6] == lines[4:6]
    assert masked[8] == lines[8]
    assert masked[11] == "    pass"


def test_read_notebook_maps_rows_to_cells(tmp_path):
    path = write_search_notebook(tmp_path)
    source = read_notebook(path, path.read_bytes())
    assert [cell.index for cell in source.cells] == [2, 4, 5]
    module_rows = source.text.splitlines()
    tuner_row = module_rows.index('tuner = kt.RandomSearch(build, objective="val_Accuracy", max_trials=3)') + 1
    cell, location = source.locate(Location(tuner_row, 9))
    assert cell.index == 5
    assert location == Location(2, 9)
