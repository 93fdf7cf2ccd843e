"""The probe on re-created public cases: the same found / not found and rule codes as a real run, and the
same log keys as a real, unpatched fit, on Keras 3 and on Keras 2.

What a real run does (KerasTuner 1.4.8 on Keras 3.15 and on Keras 2.15) is written next to each case.
"""

from __future__ import annotations

import json
import subprocess
from dataclasses import dataclass, field
from typing import Optional

import pytest
from probe_fixtures.support import (
    CASES,
    FIXTURES,
    INTERPRETERS,
    codes,
    environment,
    found,
    results_by_name,
    run_json,
)


@dataclass(frozen=True)
class Expected:
    codes: tuple[str, ...]
    # Objective -> whether KerasTuner receives a value for it (None: the run fails before any trial).
    found: dict = field(default_factory=dict)
    status: str = "problems"
    # Text that a failure no rule explains must contain.
    failure: Optional[str] = None


def same(expected: Expected) -> dict[int, Expected]:
    return {3: expected, 2: expected}


EXPECTED = {
    # Every trial fails with KeyError: 'val_accuracy'; the model logs val_acc.
    "c02_acc_alias": same(Expected(("KT101",), {"val_accuracy": False})),
    # KeyError: 'accuracy', then RuntimeError after three failed trials.
    "c04_objective_metric_not_compiled": same(Expected(("KT101",), {"accuracy": False})),
    # KeyError: 'val_categorical_accuracy'; the key is val_species_categorical_accuracy.
    "c07_multi_output_prefix": same(Expected(("KT101",), {"val_categorical_accuracy": False})),
    # Keras 3: KeyError: 'val_hit_rate'. Keras 2: ValueError inside fit, before any epoch is logged.
    "c10_metrics_dict_as_rename": {
        3: Expected(("KT101",), {"val_hit_rate": False}),
        2: Expected((), {"val_hit_rate": None}, failure="do not correspond to any Model output"),
    },
    # KeyError: 'val_f1'; the function logs val_f1_macro_est.
    "c14_custom_fn_name_mismatch": same(Expected(("KT101",), {"val_f1": False})),
    # KeyError: 'val_miou'; the subclass logs val_mean_io_u_score.
    "c15_metric_subclass_default_name": same(Expected(("KT101",), {"val_miou": False})),
    # KeyError: 'val_accuracy': search() gets no validation data.
    "c17_val_objective_no_validation": same(Expected(("KT102",), {"val_accuracy": False})),
    # FatalTypeError: The return value of Tuner.run_trial() is None.
    "c18_run_trial_no_return": same(Expected(("KT106",), {"val_accuracy": False})),
    # ValueError: Could not infer optimization direction, raised by the tuner constructor.
    "c21_direction_uninferable_custom_string": same(Expected(("KT103",), {"val_f1": None})),
    # Runs, minimising an F1 score and (second tuner) an AUC.
    "c22_wrong_explicit_direction": same(Expected(("KT104", "KT104"), {"val_f1_score": True})),
    # ValueError: The truth value of an array with more than one element is ambiguous.
    "c24_f1score_vector": same(Expected(("KT105",), {"val_f1_score": True})),
    # KeyError: 'val_score'.
    "c28_score_objective_on_keras_tuner": same(Expected(("KT101",), {"val_score": False})),
    # ValueError: Could not infer optimization direction, for the entry "val_pr_gap".
    "c29_multi_objective_list": same(Expected(("KT103",), {"val_pr_gap": None})),
    # Keras 3: EarlyStopping raises ValueError at the end of the epoch. Keras 2: it only warns.
    "c30_callback_monitor_mismatch": {
        3: Expected(("KT301", "KT302"), {"val_categorical_accuracy": True}),
        2: Expected(("KT301",), {"val_categorical_accuracy": True}),
    },
    # Runs: the check must fit a batch, not read metrics_names after compile().
    "c31_metrics_names_before_fit": same(Expected((), {"val_precision": True}, status="ok")),
}


@pytest.fixture(scope="module", params=INTERPRETERS)
def case_run(request, tmp_path_factory):
    """Probe every case in one child process, and fit every case's model for real in another."""
    python = request.param
    cwd = tmp_path_factory.mktemp("cases")
    scripts = sorted(str(path) for path in CASES.glob("*.py"))
    exit_code, document = run_json(python, scripts, cwd)
    reference = subprocess.run(
        [python, str(FIXTURES / "real_fit.py"), *scripts], cwd=cwd, env=environment(),
        capture_output=True, text=True, timeout=900,
    )
    real = {}
    for line in reference.stdout.splitlines():
        if line.startswith('{"path"'):
            item = json.loads(line)
            real[item["path"].rsplit("/", 1)[-1][:-3]] = item
    return {"python": python, "exit_code": exit_code, "results": results_by_name(document), "real": real,
            "reference_stderr": reference.stderr}


def _major(case_run) -> int:
    results = case_run["results"]
    return int(next(iter(results.values()))["keras_version"].split(".")[0])


@pytest.mark.keras
@pytest.mark.parametrize("case", sorted(EXPECTED))
def test_case_codes_and_found(case_run, case):
    expected = EXPECTED[case][_major(case_run)]
    result = case_run["results"][case]
    assert result["status"] == expected.status, result
    assert codes(result) == sorted(expected.codes), result["diagnostics"]
    for name, value in expected.found.items():
        assert found(result).get(name, "missing") == value, result["objectives"]
    if expected.failure:
        assert any(expected.failure in failure for failure in result["failures"]), result["failures"]


@pytest.mark.keras
@pytest.mark.parametrize("case", sorted(EXPECTED))
def test_case_keys_match_real_fit(case_run, case):
    real = case_run["real"].get(case)
    assert real is not None, case_run["reference_stderr"][-3000:]
    result = case_run["results"][case]
    assert result["log_keys"] == (real["keys"] or []), (real, result["log_keys"])


@pytest.mark.keras
def test_cases_exit_code_is_problems(case_run):
    # At least one case has problems and none is an error, so the whole call exits with 1.
    assert case_run["exit_code"] == 1


@pytest.mark.keras
def test_every_case_has_expectation():
    assert sorted(path.stem for path in CASES.glob("*.py")) == sorted(EXPECTED)
