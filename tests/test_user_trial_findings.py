"""Faults a first user trial found in the static pass, each pinned by a test."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

HEADER = '''import keras
import keras_tuner as kt
'''
SEQUENTIAL = '''
def build(hp):
    model = keras.Sequential([keras.Input(shape=(4,)), keras.layers.Dense(1, activation="sigmoid")])
    model.compile(optimizer="adam", loss="binary_crossentropy", metrics={metrics})
    return model
'''


def codes(diagnostics) -> list[str]:
    return [d.code for d in diagnostics]


def run_ktlint(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "ktlint", *args], capture_output=True, text=True, cwd=cwd)


def test_weighted_key_follows_output_prefix(lint_source):
    code = HEADER + '''
def build(hp):
    inputs = keras.Input(shape=(4,))
    a = keras.layers.Dense(1, activation="sigmoid", name="a")(inputs)
    b = keras.layers.Dense(1, activation="sigmoid", name="b")(inputs)
    model = keras.Model(inputs, [a, b])
    model.compile(optimizer="adam", loss="binary_crossentropy",
                  metrics={"a": ["accuracy"]}, weighted_metrics={"a": ["accuracy"]})
    return model


tuner = kt.RandomSearch(build, objective=kt.Objective("val_a_weighted_accuracy", "max"))
'''
    assert lint_source(code, keras=3) == []
    assert lint_source(code, keras=2) == []


def test_second_unnamed_auc_gets_suffix(lint_source):
    code = HEADER + SEQUENTIAL.format(metrics='[keras.metrics.AUC(), keras.metrics.AUC(curve="PR")]')
    code += 'tuner = kt.RandomSearch(build, objective=kt.Objective("val_auc_1", "max"))\n'
    assert lint_source(code, keras=3) == []
    assert lint_source(code, keras=2) == []


def test_mode_fix_replaces_existing_mode(lint_source):
    code = HEADER + '''

def f1(y_true, y_pred):
    return keras.ops.mean(y_pred)
''' + SEQUENTIAL.format(metrics="[f1]") + '''
stop = keras.callbacks.EarlyStopping(monitor="val_f1", mode="auto")
tuner = kt.RandomSearch(build, objective=kt.Objective("val_f1", "max"))
tuner.search(x, y, validation_split=0.2, callbacks=[stop])
'''
    [diagnostic] = lint_source(code, keras=3)
    assert diagnostic.code == "KT302"
    assert diagnostic.fix.applicability == "unsafe"
    assert [edit.content for edit in diagnostic.fix.edits] == ['"max"']


def test_constant_objective_gets_no_fix(lint_source):
    code = HEADER + 'OBJECTIVE = "val_accuracy"\n' + SEQUENTIAL.format(metrics='["acc"]')
    code += "tuner = kt.RandomSearch(build, objective=OBJECTIVE)\n"
    [diagnostic] = lint_source(code)
    assert diagnostic.code == "KT101"
    assert diagnostic.fix is None


def test_name_with_other_words_has_no_sense(lint_source):
    code = HEADER + '''

def accuracy_drop(y_true, y_pred):
    return keras.ops.mean(y_pred)
''' + SEQUENTIAL.format(metrics="[accuracy_drop]")
    code += 'tuner = kt.RandomSearch(build, objective=kt.Objective("val_accuracy_drop", "min"))\n'
    assert lint_source(code) == []


def test_fix_repeats_until_stable(tmp_path):
    path = tmp_path / "search.py"
    path.write_text(
        HEADER + SEQUENTIAL.format(metrics="[keras.metrics.F1Score(threshold=0.5)]")
        + 'tuner = kt.RandomSearch(build, objective="val_F1_score")\n',
        encoding="utf-8",
    )
    result = run_ktlint("search.py", "--fix", "--keras-version", "3", cwd=tmp_path)
    assert result.returncode == 0, result.stdout
    assert 'objective=kt.Objective("val_f1_score", "max")' in path.read_text(encoding="utf-8")


def test_deep_expression_is_reported_not_crashed(tmp_path):
    path = tmp_path / "deep.py"
    path.write_text("import keras_tuner\nx = " + " + ".join(["1"] * 2000) + "\n", encoding="utf-8")
    result = run_ktlint("deep.py", "--output-format", "concise", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    assert "KT001" in result.stdout
    assert "Traceback" not in result.stderr


def test_noqa_words_in_string_do_not_count(lint_source):
    code = HEADER + 'NOTE = "write # ktlint: noqa to skip a file"\n' + SEQUENTIAL.format(metrics='["acc"]')
    code += 'tuner = kt.RandomSearch(build, objective="val_accuracy")\n'
    assert codes(lint_source(code)) == ["KT101"]


def test_list_changed_in_function_is_unknown(lint_source):
    code = HEADER + '''METRICS = ["accuracy"]


def add_auc():
    METRICS.append(keras.metrics.AUC(name="auc"))
''' + SEQUENTIAL.format(metrics="METRICS") + '''
add_auc()
tuner = kt.RandomSearch(build, objective=kt.Objective("val_auc", "max"))
'''
    assert lint_source(code) == []


def test_nested_function_sees_enclosing_names(lint_source):
    code = HEADER + '''METRICS = ["accuracy"]


def main():
    METRICS = [keras.metrics.AUC(name="auc")]

    def build(hp):
        model = keras.Sequential([keras.Input(shape=(4,)), keras.layers.Dense(1, activation="sigmoid")])
        model.compile(optimizer="adam", loss="binary_crossentropy", metrics=METRICS)
        return model

    return kt.RandomSearch(build, objective=kt.Objective("val_auc", "max"))
'''
    assert lint_source(code) == []


def test_attribute_set_by_subclass_is_unknown(lint_source):
    code = HEADER + '''

class Base(kt.HyperModel):
    def __init__(self):
        self.metric_list = ["accuracy"]

    def build(self, hp):
        model = keras.Sequential([keras.Input(shape=(4,)), keras.layers.Dense(1, activation="sigmoid")])
        model.compile(optimizer="adam", loss="binary_crossentropy", metrics=self.metric_list)
        return model


class WithAuc(Base):
    def __init__(self):
        self.metric_list = [keras.metrics.AUC(name="auc")]


tuner = kt.RandomSearch(WithAuc(), objective=kt.Objective("val_auc", "max"))
'''
    assert lint_source(code) == []


def test_dunder_name_renames_function_metric(lint_source):
    code = HEADER + '''

def f1(y_true, y_pred):
    return keras.ops.mean(y_pred)


f1.__name__ = "f1_score"
''' + SEQUENTIAL.format(metrics="[f1]")
    code += 'tuner = kt.RandomSearch(build, objective=kt.Objective("val_f1_score", "max"))\n'
    assert lint_source(code) == []


def test_add_metric_turns_prediction_off(lint_source):
    code = HEADER + '''

def build(hp):
    inputs = keras.Input(shape=(4,))
    outputs = keras.layers.Dense(1, activation="sigmoid")(inputs)
    model = keras.Model(inputs, outputs)
    model.add_metric(outputs, name="activation_mean")
    model.compile(optimizer="adam", loss="binary_crossentropy")
    return model


tuner = kt.RandomSearch(build, objective=kt.Objective("val_activation_mean", "min"))
'''
    assert lint_source(code, keras=2) == []


def test_run_trial_reporting_through_helper(lint_source):
    code = HEADER + SEQUENTIAL.format(metrics='["accuracy"]') + '''

class ReportingTuner(kt.RandomSearch):
    def run_trial(self, trial, *args, **kwargs):
        history = super().run_trial(trial, *args, **kwargs)
        self._report(trial, history)

    def _report(self, trial, history):
        self.oracle.update_trial(trial.trial_id, {"val_accuracy": 1.0})


tuner = ReportingTuner(build, objective=kt.Objective("val_accuracy", "max"))
'''
    assert lint_source(code) == []


def test_fix_through_symlink_keeps_link(tmp_path):
    real = tmp_path / "real.py"
    real.write_text(HEADER + SEQUENTIAL.format(metrics='["acc"]')
                    + 'tuner = kt.RandomSearch(build, objective="val_accuracy")\n', encoding="utf-8")
    link = tmp_path / "link.py"
    link.symlink_to(real)
    result = run_ktlint("link.py", "--fix", "--keras-version", "3", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert link.is_symlink()
    assert 'objective="val_acc"' in real.read_text(encoding="utf-8")


@pytest.mark.skipif(os.geteuid() == 0, reason="root can list a folder without read permission")
def test_unreadable_folder_exits_2(tmp_path):
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0)
    try:
        result = run_ktlint(str(folder), cwd=ROOT)
    finally:
        folder.chmod(0o755)
    assert result.returncode == 2
    assert "check its permissions" in result.stderr


def test_bare_string_metrics(lint_source):
    code = HEADER + SEQUENTIAL.format(metrics='"accuracy"')
    code += 'tuner = kt.RandomSearch(build, objective="val_accuracy")\n'
    assert codes(lint_source(code, keras=3)) == ["KT201"]
    # Keras 2 reads a bare string as a one-element list, so the key is logged.
    assert lint_source(code, keras=2) == []


def test_validation_split_constant_zero(lint_source):
    code = HEADER + "VAL_SPLIT = 0.0\n" + SEQUENTIAL.format(metrics='["accuracy"]')
    code += 'tuner = kt.RandomSearch(build, objective="val_accuracy")\n'
    code += "tuner.search(x, y, validation_split=VAL_SPLIT)\n"
    assert codes(lint_source(code)) == ["KT102"]


def test_search_on_factory_and_attribute_tuners(lint_source):
    code = HEADER + SEQUENTIAL.format(metrics='["accuracy"]') + '''

def make_tuner():
    return kt.RandomSearch(build, objective="val_accuracy")


class Runner:
    def __init__(self):
        self.tuner = kt.RandomSearch(build, objective="val_accuracy")

    def run(self, x, y):
        self.tuner.search(x, y, epochs=1)


tuner = make_tuner()
tuner.search(x, y)
'''
    assert codes(lint_source(code)) == ["KT102", "KT102"]


FIT_OVERRIDE = HEADER + '''

class Classifier(kt.HyperModel):
    def build(self, hp):
        model = keras.Sequential([keras.Input(shape=(4,)), keras.layers.Dense(1, activation="sigmoid")])
        model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
        return model

    def fit(self, hp, model, *args, **kwargs):
{body}


tuner = kt.RandomSearch(Classifier(), objective="val_accuracy")
'''


def test_fit_returning_model(lint_source):
    body = "        model.fit(*args, **kwargs)\n        return model"
    [diagnostic] = lint_source(FIT_OVERRIDE.format(body=body))
    assert diagnostic.code == "KT106"
    assert "returns the model" in diagnostic.message


def test_fit_returning_history_on_one_branch(lint_source):
    body = '        if hp.Boolean("large_batch"):\n            return model.fit(*args, batch_size=64, **kwargs)'
    [diagnostic] = lint_source(FIT_OVERRIDE.format(body=body))
    assert diagnostic.code == "KT106"
    assert "on some paths" in diagnostic.message


def test_fit_returning_history_on_every_branch(lint_source):
    body = (
        '        if hp.Boolean("large_batch"):\n            return model.fit(*args, batch_size=64, **kwargs)\n'
        "        else:\n            return model.fit(*args, **kwargs)"
    )
    assert lint_source(FIT_OVERRIDE.format(body=body)) == []


def test_short_spelling_is_suggested(lint_source):
    code = HEADER + SEQUENTIAL.format(metrics='["mae"]')
    code += 'tuner = kt.RandomSearch(build, objective=kt.Objective("val_mean_absolute_error", "min"))\n'
    [diagnostic] = lint_source(code)
    assert diagnostic.code == "KT101"
    assert "`val_mae`" in diagnostic.message
    assert [edit.content for edit in diagnostic.fix.edits] == ['"val_mae"']


def test_empty_select_is_usage_error(tmp_path):
    result = run_ktlint(".", "--select", "", cwd=tmp_path)
    assert result.returncode == 2
    assert "--select is empty" in result.stderr


def test_dict_for_list_objective_needs_multi_objective(lint_source):
    code = HEADER + SEQUENTIAL.format(metrics='["accuracy"]') + '''

class DictTuner(kt.RandomSearch):
    def run_trial(self, trial, *args, **kwargs):
        history = super().run_trial(trial, *args, **kwargs)
        return {"val_loss": 0.5, "val_accuracy": 0.5}


tuner = DictTuner(build, objective=["val_loss", kt.Objective("val_accuracy", "max")])
'''
    [diagnostic] = lint_source(code)
    assert diagnostic.code == "KT106"
    assert "`multi_objective`" in diagnostic.message
