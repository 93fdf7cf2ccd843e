"""How recorded observations become rule codes and environment faults, without running Keras.

These cover exceptions this machine cannot produce for real, such as a tf_keras model under a Keras 3
KerasTuner (tf_keras is not installed here), with the messages KerasTuner 1.4.8 and Keras 3.15 raise.
"""

from __future__ import annotations

from ktlint.probe.findings import evaluate

VERSIONS = {"keras-tuner": "1.4.8", "tensorflow": "2.21.0", "kerastuner_keras": "3.15.1", "backend": "tensorflow"}


def observation(**fields):
    base = {
        "form": "script", "versions": VERSIONS, "keras_major": 3, "environment": [], "tuners": [],
        "searched_tuner": None, "search": None, "fits": [], "results": {}, "reported": None, "trial": None,
        "exceptions": [], "compile_location": None, "hypermodel": None, "target": None, "data": None,
        "stopped": "search", "exit_code": None, "notes": [], "probe_error": None,
    }
    base.update(fields)
    return base


def tuner(name="val_accuracy", direction="max"):
    return {"index": 0, "class": "RandomSearch", "constructed": True, "location": {"file": "train.py", "line": 9},
            "objectives": [{"name": name, "direction": direction}], "objective_kind": "single",
            "overrides": {}, "requested_project": {}}


def exception(kind, message, phase="trial", frames=(), details=None):
    return {"phase": phase, "type": kind, "module": "builtins", "message": message, "frames": list(frames),
            "details": details or {}, "traceback": ""}


def fit(keys, validation=True, monitors=()):
    return {"location": {"file": "train.py", "line": 12}, "validation": validation, "monitors": list(monitors),
            "keys": sorted(keys), "shapes": {key: [] for key in keys}, "metric_directions": {}, "batches": 1}


def test_legacy_keras_model_is_environment_fault():
    message = ("Expected the model-building function, or HyperModel.build() to return a valid Keras Model "
               "instance. Received: <tf_keras.src.engine.sequential.Sequential object at 0x7f> of type "
               "<class 'tf_keras.src.engine.sequential.Sequential'>.")
    result = evaluate(observation(tuners=[tuner()], searched_tuner=0, trial={"status": "FATAL", "message": ""},
                                  exceptions=[exception("FatalTypeError", message)]), "train.py")
    assert [fault["fault"] for fault in result.environment] == ["legacy-keras-model"]
    assert "import keras" in result.environment[0]["fix"]
    assert result.failures == []
    assert result.status == "problems"


def test_missing_tensorboard_is_environment_fault():
    result = evaluate(observation(tuners=[tuner()], searched_tuner=0, trial={"status": "INVALID", "message": ""},
                                  exceptions=[exception("ModuleNotFoundError", "No module named 'tensorboard'")]),
                      "train.py")
    assert [fault["fault"] for fault in result.environment] == ["tensorboard-missing"]
    assert result.objectives[0].found is None


def test_rejected_metric_identifier_is_kt201():
    result = evaluate(observation(
        tuners=[tuner()], searched_tuner=0, trial={"status": "INVALID", "message": ""},
        compile_location={"file": "train.py", "line": 5, "column": 5},
        exceptions=[exception("ValueError", "Could not interpret metric identifier: f1", phase="fit")],
    ), "train.py")
    assert [diagnostic.code for diagnostic in result.diagnostics] == ["KT201"]
    assert result.diagnostics[0].location.row == 5
    assert "`f1`" in result.diagnostics[0].message


def test_bad_metric_keyword_is_kt202():
    frames = [{"file": "train.py", "line": 3, "function": "<module>", "user": True},
              {"file": "/site-packages/keras_tuner/x.py", "line": 1, "function": "__init__", "user": False},
              {"file": "train.py", "line": 7, "function": "build", "user": True}]
    result = evaluate(observation(
        stopped="exception",
        exceptions=[exception("TypeError", "F1Score.__init__() got an unexpected keyword argument 'thresholds'",
                              phase="construct", frames=frames, details={"keras_area": "metrics"})],
    ), "train.py")
    assert [diagnostic.code for diagnostic in result.diagnostics] == ["KT202"]
    assert result.diagnostics[0].location.row == 7
    assert result.status == "problems"


def test_val_objective_without_validation_is_kt102_only():
    result = evaluate(observation(
        tuners=[tuner()], searched_tuner=0, fits=[fit(["accuracy", "loss"], validation=False)],
        results={"Tuner.run_trial()": {"kind": "list", "items": [{"kind": "history", "keys": ["accuracy", "loss"]}]}},
        trial={"status": "INVALID", "message": "KeyError: 'val_accuracy'"},
        exceptions=[exception("KeyError", "'val_accuracy'", frames=[{"function": "get_value", "user": False}])],
    ), "train.py")
    assert [diagnostic.code for diagnostic in result.diagnostics] == ["KT102"]
    assert result.failures == []


def test_missing_key_has_closest_and_fix():
    result = evaluate(observation(
        tuners=[tuner()], searched_tuner=0, fits=[fit(["acc", "loss", "val_acc", "val_loss"])],
        results={"Tuner.run_trial()": {"kind": "history", "keys": ["acc", "loss", "val_acc", "val_loss"]}},
        trial={"status": "INVALID", "message": ""},
    ), "train.py")
    row = result.objectives[0]
    assert (row.found, row.closest[0], row.code) == (False, "val_acc", "KT101")
    assert result.diagnostics[0].log_keys == ["acc", "loss", "val_acc", "val_loss"]


def test_explicit_direction_against_metric_is_kt104():
    result = evaluate(observation(
        tuners=[tuner("val_auc", "min")], searched_tuner=0, fits=[fit(["auc", "loss", "val_auc", "val_loss"])],
        results={"Tuner.run_trial()": {"kind": "history", "keys": ["auc", "loss", "val_auc", "val_loss"]}},
        reported=["auc", "loss", "val_auc", "val_loss"], trial={"status": "COMPLETED", "message": ""},
    ), "train.py")
    assert [diagnostic.code for diagnostic in result.diagnostics] == ["KT104"]
    assert result.objectives[0].found is True


def test_clean_trial_is_ok():
    result = evaluate(observation(
        tuners=[tuner()], searched_tuner=0, fits=[fit(["accuracy", "loss", "val_accuracy", "val_loss"])],
        reported=["accuracy", "loss", "val_accuracy", "val_loss"], trial={"status": "COMPLETED", "message": ""},
    ), "train.py")
    assert result.status == "ok"
    assert result.diagnostics == []
