"""`ktlint probe module:Attr` and `file.py:Attr`: objectives from --objective or the static pass, data made
up from the model or given with --data, and the JSON shape."""

from __future__ import annotations

import pytest
from probe_fixtures.support import (
    INTERPRETERS,
    TARGETS,
    codes,
    found,
    results_by_name,
    run_json,
)

ZOO = str(TARGETS / "zoo.py")
# Attribute -> the train keys Keras logs for it (the val_ keys follow from the synthesized validation data).
SYNTHESIZED = {
    "build_binary": ["accuracy", "auc", "loss"],
    "build_sparse": ["loss", "sparse_categorical_accuracy"],
    "build_categorical": ["categorical_accuracy", "loss"],
    "build_regression": ["loss", "mae"],
    "build_two_outputs": ["label_accuracy", "label_loss", "loss", "score_loss"],
    "build_dict_inputs": ["binary_accuracy", "loss"],
    "ReturningHyperModel": ["accuracy", "auc", "loss"],
    "hypermodel_instance": ["accuracy", "auc", "loss"],
}
DIAGNOSTIC_FIELDS = {"code", "name", "message", "filename", "location", "end_location", "fix", "help", "objective",
                     "log_keys", "keras_version"}


@pytest.fixture(scope="module", params=INTERPRETERS)
def python(request):
    return request.param


@pytest.fixture(scope="module")
def synthesized(python, tmp_path_factory):
    targets = [f"{ZOO}:{name}" for name in [*SYNTHESIZED, "build_without_input", "DictWithoutObjective"]]
    return run_json(python, ["--objective", "val_loss", *targets], tmp_path_factory.mktemp("zoo"))


@pytest.mark.keras
@pytest.mark.parametrize("attribute", sorted(SYNTHESIZED))
def test_synthesized_data_logs_keys(synthesized, attribute):
    result = results_by_name(synthesized[1])[f"{ZOO}:{attribute}"]
    train = SYNTHESIZED[attribute]
    assert result["status"] == "ok", result
    assert result["data"] == "synthesized"
    assert result["log_keys"] == sorted(train + [f"val_{key}" for key in train])
    assert found(result) == {"val_loss": True}


@pytest.mark.keras
def test_model_without_input_asks_for_data(synthesized):
    result = results_by_name(synthesized[1])[f"{ZOO}:build_without_input"]
    assert result["status"] == "error"
    assert "--data" in result["error"]


@pytest.mark.keras
def test_fit_dict_without_objective_is_kt106(synthesized):
    result = results_by_name(synthesized[1])[f"{ZOO}:DictWithoutObjective"]
    assert codes(result) == ["KT106"]
    assert found(result) == {"val_loss": False}
    assert result["diagnostics"][0]["location"]["row"] > 1


@pytest.mark.keras
def test_json_shape(synthesized):
    exit_code, document = synthesized
    assert exit_code == 2
    assert document["status"] == "error"
    for result in document["results"]:
        assert result["status"] in ("ok", "problems", "error")
        assert result["log_keys"] == sorted(result["log_keys"])
        for objective in result["objectives"]:
            assert {"name", "direction", "found"} <= set(objective)
        for diagnostic in result["diagnostics"]:
            assert set(diagnostic) == DIAGNOSTIC_FIELDS
        assert (result["error"] is not None) == (result["status"] == "error")


@pytest.mark.keras
def test_module_form_and_static_objective(python):
    # Run from the targets folder, as `python -m` would find the modules there.
    exit_code, document = run_json(
        python, ["tuning:build_sensor", "tuning.py:build_sensor", "zoo:build_binary", "zoo:no_such_model",
                 "no_such_module:build"], TARGETS,
    )
    results = results_by_name(document)
    for target in ("tuning:build_sensor", "tuning.py:build_sensor"):
        result = results[target]
        assert result["status"] == "ok", result
        assert result["objectives"] == [{
            "name": "val_binary_accuracy", "expected_key": "val_binary_accuracy", "direction": "max", "found": True,
            "shape": [], "closest": [], "code": None, "fix": None,
        }]
    assert "pass --objective" in results["zoo:build_binary"]["error"]
    assert "no attribute 'no_such_model'" in results["zoo:no_such_model"]["error"]
    assert "no_such_module" in results["no_such_module:build"]["error"]
    assert exit_code == 2


@pytest.mark.keras
@pytest.mark.parametrize(
    ("objective", "data", "expected_codes", "expected_found", "direction"),
    [
        ("val_auc:min", "datasets:with_validation", ["KT104"], True, "min"),
        ("val_auc:max", "datasets:without_validation", ["KT102"], False, "max"),
        ("val_loss", "datasets:as_search_arguments", [], True, "min"),
        ("val_auc_custom", "datasets:with_validation", ["KT103"], None, None),
    ],
    ids=["wrong-direction", "no-validation", "search-arguments", "direction-unknown"],
)
def test_objective_and_data_options(python, objective, data, expected_codes, expected_found, direction):
    exit_code, result = run_json(python, ["zoo:build_binary", "--objective", objective, "--data", data], TARGETS)
    name = objective.split(":")[0]
    assert codes(result) == expected_codes, result
    assert found(result) == {name: expected_found}
    assert result["objectives"][0]["direction"] == direction
    assert exit_code == (1 if expected_codes else 0)
    if expected_found is not None:
        assert result["data"] == "given"


@pytest.mark.keras
def test_plain_val_auc_direction_by_version(python):
    # KerasTuner infers "max" for the plain string "val_auc" on Keras 3, and nothing on Keras 2, where
    # keras.metrics.deserialize("auc") fails and the tuner constructor raises ValueError.
    _, result = run_json(python, ["zoo:build_binary", "--objective", "val_auc", "--data", "datasets:with_validation"],
                         TARGETS)
    if result["keras_version"].startswith("3."):
        assert codes(result) == []
        assert result["objectives"][0]["direction"] == "max"
    else:
        assert codes(result) == ["KT103"]
        assert result["objectives"][0]["direction"] is None
