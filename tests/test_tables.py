"""Tests for the Keras name tables in ktlint/keys/data.

The regeneration tests run scripts/generate_tables.py in a subprocess, once
per Keras major version, and compare its output with the committed file byte
for byte. Each took 70 to 100 s on a 2-core CPU. The interpreter for a major
version is the first of these whose installed keras has that major: the
Python running pytest, .venv/bin/python and .venv-keras2/bin/python in the
repository. When $KTLINT_KERAS2_PYTHON is set, it is the only interpreter
tried for Keras 2. A test is skipped only when no interpreter has its major.

The other tests read the committed JSON and check facts measured on
Keras 3.15.1 and Keras 2.15.0. This module never imports keras or
tensorflow itself.
"""

import functools
import importlib.metadata
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPOSITORY = Path(__file__).resolve().parents[1]
DATA_DIRECTORY = REPOSITORY / "ktlint" / "keys" / "data"
GENERATOR = REPOSITORY / "scripts" / "generate_tables.py"
REPOSITORY_PYTHONS = (
    REPOSITORY / ".venv" / "bin" / "python",
    REPOSITORY / ".venv-keras2" / "bin" / "python",
)
KERAS2_PYTHON_VARIABLE = "KTLINT_KERAS2_PYTHON"
GENERATOR_TIMEOUT_SECONDS = 900
DIFF_LINE_LIMIT = 20

TOP_LEVEL_KEYS = {
    "versions",
    "major",
    "string_metrics",
    "metric_classes",
    "loss_classes",
    "metric_functions",
    "loss_functions",
    "objective_directions",
    "callbacks",
}
KERAS_VERSION_QUERY = "import importlib.metadata as m; print(m.version('keras'))"


def table_path(major):
    return DATA_DIRECTORY / f"keras{major}.json"


@functools.cache
def load_table(major):
    return json.loads(table_path(major).read_text(encoding="utf-8"))


def keras_version_of(python):
    """Return the keras version installed for an interpreter, or None."""
    if Path(python) == Path(sys.executable):
        try:
            return importlib.metadata.version("keras")
        except importlib.metadata.PackageNotFoundError:
            return None
    try:
        result = subprocess.run(
            [str(python), "-c", KERAS_VERSION_QUERY],
            capture_output=True,
            check=False,
            text=True,
            timeout=60,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    if result.returncode != 0:
        return None
    return result.stdout.strip()


def major_of(version):
    return int(version.split(".")[0]) if version else None


@functools.cache
def find_python(major):
    """Return (python, None) for the interpreter to use, or (None, reason)."""
    configured = os.environ.get(KERAS2_PYTHON_VARIABLE)
    if major == 2 and configured:
        version = keras_version_of(configured)
        if major_of(version) != 2:
            found = f"keras {version}" if version else "no keras version could be read"
            pytest.fail(
                f"{KERAS2_PYTHON_VARIABLE}={configured} must be a Python "
                f"interpreter with Keras 2 installed, but {found}"
            )
        return configured, None
    candidates = [Path(sys.executable), *REPOSITORY_PYTHONS]
    for python in candidates:
        if python.exists() and major_of(keras_version_of(python)) == major:
            return str(python), None
    tried = ", ".join(str(python) for python in candidates)
    return None, f"no Python interpreter with Keras {major} found (tried {tried})"


def short_json(value, limit=120):
    text = json.dumps(value, sort_keys=True)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def describe_differences(committed, generated):
    """List the entries that differ between two tables, one line each."""
    missing = object()
    lines = []
    for table in sorted(set(committed) | set(generated)):
        old = committed.get(table, missing)
        new = generated.get(table, missing)
        if old == new:
            continue
        if not (isinstance(old, dict) and isinstance(new, dict)):
            lines.append(
                f"{table}: committed {short_json(old)}, generated {short_json(new)}"
            )
            continue
        for key in sorted(set(old) | set(new)):
            old_entry = old.get(key, missing)
            new_entry = new.get(key, missing)
            if old_entry == new_entry:
                continue
            old_text = "(absent)" if old_entry is missing else short_json(old_entry)
            new_text = "(absent)" if new_entry is missing else short_json(new_entry)
            lines.append(
                f"{table}[{key!r}]: committed {old_text}, generated {new_text}"
            )
    if not lines:
        return ["the data is equal but the bytes differ (formatting)"]
    if len(lines) > DIFF_LINE_LIMIT:
        hidden = len(lines) - DIFF_LINE_LIMIT
        lines = lines[:DIFF_LINE_LIMIT] + [f"... and {hidden} more differing entries"]
    return lines


@pytest.mark.keras
@pytest.mark.parametrize("major", [3, 2])
def test_generated_table_matches_committed(major, tmp_path):
    python, skip_reason = find_python(major)
    if python is None:
        pytest.skip(skip_reason)
    output = tmp_path / f"keras{major}.json"
    command = [python, str(GENERATOR), "--output", str(output)]
    result = subprocess.run(
        command,
        cwd=REPOSITORY,
        capture_output=True,
        check=False,
        text=True,
        timeout=GENERATOR_TIMEOUT_SECONDS,
    )
    assert result.returncode == 0, (
        f"{' '.join(command)} exited with {result.returncode}:\n"
        + "\n".join(result.stderr.splitlines()[-20:])
    )

    committed_bytes = table_path(major).read_bytes()
    generated_bytes = output.read_bytes()
    if committed_bytes != generated_bytes:
        differences = describe_differences(
            json.loads(committed_bytes), json.loads(generated_bytes)
        )
        relative_path = table_path(major).relative_to(REPOSITORY)
        pytest.fail(
            f"{relative_path} is out of date for the Keras installed for "
            f"{python}:\n  "
            + "\n  ".join(differences)
            + f"\nRegenerate it with: {python} scripts/generate_tables.py "
            f"--output {relative_path}"
        )


@pytest.mark.keras
def test_generator_rejects_wrong_output_name(tmp_path):
    python, skip_reason = find_python(3)
    if python is None:
        pytest.skip(skip_reason)
    output = tmp_path / "keras2.json"
    result = subprocess.run(
        [python, str(GENERATOR), "--output", str(output)],
        cwd=REPOSITORY,
        capture_output=True,
        check=False,
        text=True,
        timeout=GENERATOR_TIMEOUT_SECONDS,
    )
    assert result.returncode == 2
    assert "must be named keras3.json" in result.stderr
    assert not output.exists()


@pytest.mark.parametrize("major", [3, 2])
def test_table_has_schema_keys(major):
    table = load_table(major)
    assert set(table) == TOP_LEVEL_KEYS
    assert table["major"] == major
    assert table["versions"]["keras"].startswith(f"{major}.")
    assert set(table["versions"]) == {"keras", "tensorflow", "keras_tuner"}


@pytest.mark.parametrize("major", [3, 2])
def test_string_metric_entries_are_key_or_rejected(major):
    for text, entry in load_table(major)["string_metrics"].items():
        assert set(entry) in ({"key", "direction"}, {"rejected"}), text


@pytest.mark.parametrize("major", [3, 2])
def test_objective_directions_use_known_values(major):
    for name, direction in load_table(major)["objective_directions"].items():
        known = direction in ("max", "min", None)
        assert known or direction.startswith("error:"), name


@pytest.mark.parametrize("major", [3, 2])
def test_both_tables_use_same_candidates(major):
    table = load_table(major)
    assert set(table["string_metrics"]) == set(table["objective_directions"])


def test_auc_string_key_keras3_keeps_spelling():
    assert load_table(3)["string_metrics"]["AUC"] == {"key": "AUC", "direction": "up"}
    assert load_table(3)["string_metrics"]["auc"] == {"key": "auc", "direction": "up"}


def test_auc_string_key_keras2_uses_default_name():
    assert load_table(2)["string_metrics"]["AUC"] == {"key": "auc", "direction": None}


def test_keras2_rejects_snake_case_auc():
    entry = load_table(2)["string_metrics"]["auc"]
    assert entry == {"rejected": "TypeError: 'str' object is not callable"}


@pytest.mark.parametrize("major", [3, 2])
def test_accuracy_aliases_keep_spelling(major):
    string_metrics = load_table(major)["string_metrics"]
    for text in ("accuracy", "Accuracy", "ACC", "acc"):
        assert string_metrics[text]["key"] == text


def test_crossentropy_alias_only_in_keras2():
    assert load_table(2)["string_metrics"]["crossentropy"]["key"] == "crossentropy"
    assert "rejected" in load_table(3)["string_metrics"]["crossentropy"]


@pytest.mark.parametrize("major", [3, 2])
def test_metric_class_naming(major):
    classes = load_table(major)["metric_classes"]
    assert classes["F1Score"]["default_name"] == "f1_score"
    assert classes["FBetaScore"]["default_name"] == "fbeta_score"
    assert classes["AUC"]["auto_named"] is True
    assert classes["F1Score"]["auto_named"] is False
    assert classes["F1Score"]["vector_valued"] is True
    assert classes["AUC"]["vector_valued"] is False


def test_kl_divergence_default_name_differs():
    assert (
        load_table(3)["metric_classes"]["KLDivergence"]["default_name"]
        == "kl_divergence"
    )
    expected = "kullback_leibler_divergence"
    assert load_table(2)["metric_classes"]["KLDivergence"]["default_name"] == expected


def test_iou_requires_constructor_args():
    params = load_table(3)["metric_classes"]["IoU"]["params"]
    required = [param["name"] for param in params if param["required"]]
    assert required == ["num_classes", "target_class_ids"]


def test_keras3_objective_directions():
    directions = load_table(3)["objective_directions"]
    assert directions["f1_score"] == "min"
    assert directions["auc"] == "max"
    assert directions["fbeta_score"] is None
    assert directions["mean_io_u"] == "error:TypeError"


def test_keras2_objective_directions():
    directions = load_table(2)["objective_directions"]
    assert directions["auc"] is None
    assert directions["AUC"] == "max"
    assert directions["fbeta_score"] is None
    assert directions["top_k_categorical_accuracy"] == "min"


@pytest.mark.parametrize("major", [3, 2])
def test_callback_monitor_default(major):
    callbacks = load_table(major)["callbacks"]
    assert set(callbacks) == {"EarlyStopping", "ModelCheckpoint", "ReduceLROnPlateau"}
    for name, entry in callbacks.items():
        assert entry["monitor_default"] == "val_loss", name
