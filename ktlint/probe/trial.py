"""Run one trial of a tuner that the probe drives itself, with KerasTuner's own trial code."""

from __future__ import annotations

from typing import Any

from ktlint.probe.intercept import Intercept, TrialDone

TRIAL_ID = "0"


def objective_argument(entries: list[dict], keras_tuner: Any) -> Any:
    """Build a tuner's `objective=` from [{"name", "direction"}]: a plain string when no direction is given.

    A plain string lets KerasTuner infer the direction itself, and fail to, exactly as in a real run.
    """
    built = []
    for entry in entries:
        if entry.get("direction"):
            built.append(keras_tuner.Objective(entry["name"], entry["direction"]))
        else:
            built.append(entry["name"])
    return built[0] if len(built) == 1 else built


def run_one_trial(tuner: Any, args: tuple, kwargs: dict, intercept: Intercept) -> None:
    """Run `tuner`'s trial code once with the default hyperparameter values, outside its oracle's loop.

    The trial goes through `_try_run_and_update_trial`, so KerasTuner builds the model, calls the
    HyperModel's `fit`, checks the return value and reports the metrics to the oracle as in a search.
    """
    try:
        from keras_tuner.src.engine import trial as trial_module
    except ImportError:
        from keras_tuner.engine import trial as trial_module

    hyperparameters = tuner.oracle.get_space()
    running = trial_module.TrialStatus.RUNNING
    trial = trial_module.Trial(hyperparameters=hyperparameters, trial_id=TRIAL_ID, status=running)
    tuner.oracle.trials[trial.trial_id] = trial

    intercept.start_search(tuner, kwargs, None)
    try:
        tuner.on_search_begin()
        tuner.on_trial_begin(trial)
        tuner._try_run_and_update_trial(trial, *args, **kwargs)
    except TrialDone:
        return
    except Exception as error:
        intercept.observation.record_exception(error, "trial")
