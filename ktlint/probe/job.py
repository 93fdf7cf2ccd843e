"""Run one probe job in the child process: a script up to its first search(), or a module:Attr target.

Several jobs can share one child to pay for the TensorFlow import once. Each job clears the Keras session
first, which resets the counters behind `auc_1`-style names, and restores sys.argv, sys.path, the
environment, the working directory and the user's modules afterwards.
"""

from __future__ import annotations

import contextlib
import os
import runpy
import sys
import traceback
from typing import Any, Callable, Optional

from ktlint.probe import environment
from ktlint.probe.data import DataError, search_arguments, synthesize
from ktlint.probe.describe import describe_hypermodel
from ktlint.probe.frames import is_user_file
from ktlint.probe.intercept import MODE_DIRECT, MODE_IMPORT, MODE_SCRIPT, Intercept, ProbeStop, kerastuner_parts
from ktlint.probe.record import Observation
from ktlint.probe.target import TargetError, hypermodel_argument, load_module, resolve_attribute
from ktlint.probe.trial import objective_argument, run_one_trial

# Reads the objectives the parent found with the static pass for a job index.
ObjectiveSource = Callable[[int], Optional[dict]]


def run_job(job: dict, intercept: Intercept, static_objectives: ObjectiveSource,
            install_error: Callable[[], Optional[str]]) -> dict:
    """Run one job with the patches active; return its observation as JSON."""
    observation = Observation(job["form"])
    with isolated_process_state(job["cwd"]):
        _clear_keras_session()
        try:
            if job["form"] == "script":
                _run_script(job, observation, intercept)
            else:
                _run_target(job, observation, intercept, static_objectives)
        except TargetError as error:
            observation.probe_error = str(error)
        except DataError as error:
            observation.probe_error = f"cannot make data for the probe: {error}"
        except Exception:
            observation.probe_error = "internal error in the probe:\n" + traceback.format_exc()
        finally:
            intercept.end()
        _describe_installation(observation, install_error())
    return observation.to_json()


def _run_script(job: dict, observation: Observation, intercept: Intercept) -> None:
    path = os.path.abspath(os.path.join(job["cwd"], job["path"]))
    if not os.path.isfile(path):
        raise TargetError(f"script not found: {path}")
    intercept.begin(observation, MODE_SCRIPT)
    sys.argv = [path] + list(job.get("argv") or [])
    sys.path.insert(0, os.path.dirname(path))
    try:
        runpy.run_path(path, run_name="__main__")
        observation.stopped = "end"
    except ProbeStop:
        observation.stopped = "search"
    except SystemExit as error:
        observation.stopped = "exit"
        observation.exit_code = error.code
    except Exception as error:
        observation.record_exception(error, "script")
        observation.stopped = "exception"


def _run_target(job: dict, observation: Observation, intercept: Intercept,
                static_objectives: ObjectiveSource) -> None:
    label = job.get("path") or job.get("module")
    observation.target = {"label": f"{label}:{job['attribute']}", "attribute": job["attribute"]}

    # Import the module like the script form runs a script: tuners go to the temporary directory and
    # the first search() ends the import, so everything defined before it is available.
    intercept.begin(observation, MODE_IMPORT)
    module, import_error, stopped = load_module(job.get("path"), job.get("module"), job["cwd"])
    value = resolve_attribute(module, job["attribute"], label, stopped)
    if import_error is not None:
        observation.notes.append(
            f"The module raised {type(import_error).__name__} at import time, after defining "
            f"{job['attribute']}: {import_error}"
        )
    try:
        import keras_tuner
    except ImportError as error:
        raise TargetError(
            f"KerasTuner cannot be imported by {sys.executable} ({error}); `pip install keras-tuner`"
        ) from error

    objectives, source = _objectives(job, static_objectives, intercept, value)
    observation.target["objective_source"] = source
    if not objectives:
        raise TargetError(
            f"no objective for {job['attribute']}: the static pass found no tuner that uses it; "
            "pass --objective NAME[:min|max]"
        )

    intercept.set_mode(MODE_DIRECT)
    hypermodel = hypermodel_argument(value, job["attribute"], keras_tuner)
    observation.hypermodel = describe_hypermodel(hypermodel)
    try:
        tuner = keras_tuner.RandomSearch(
            hypermodel, objective=objective_argument(objectives, keras_tuner), max_trials=1, project_name="probe"
        )
    except Exception as error:
        # The objective's direction is inferred before BaseTuner.__init__, so this may be the first record.
        observation.record_exception(error, "construct")
        return

    observation.searched_tuner = intercept.tuner_index(tuner)
    args, kwargs = _search_data(job, observation, intercept, tuner)
    intercept.set_mode(MODE_DIRECT)
    run_one_trial(tuner, args, kwargs, intercept)


def _objectives(job: dict, static_objectives: ObjectiveSource, intercept: Intercept,
                value: Any) -> tuple[list[dict], dict]:
    """Pick the objective: --objective, else the static pass's tuner, else a tuner the module built."""
    if job.get("objectives"):
        return job["objectives"], {"kind": "option"}
    found = static_objectives(job["index"]) or {}
    if found.get("objectives"):
        return found["objectives"], {"kind": "static", "location": found.get("location")}
    for index, tuner in enumerate(intercept.tuner_objects()):
        if tuner is None or not _uses(tuner, value):
            continue
        record = intercept.observation.tuners[index]
        entries = [{"name": item["name"], "direction": item["direction"]} for item in record.get("objectives", [])]
        if entries and record.get("objective_kind") != "default":
            return entries, {"kind": "runtime", "location": record.get("location")}
    return [], {"kind": "none", "static_error": found.get("error")}


def _uses(tuner: Any, value: Any) -> bool:
    hypermodel = getattr(tuner, "hypermodel", None)
    if hypermodel is value or getattr(hypermodel, "build", None) is value:
        return True
    return isinstance(value, type) and isinstance(hypermodel, value)


def _search_data(job: dict, observation: Observation, intercept: Intercept, tuner: Any) -> tuple[tuple, dict]:
    """search() arguments: from the --data function, else made up from the model with validation data."""
    if job.get("data"):
        spec = job["data"]
        intercept.set_mode(MODE_IMPORT)
        module, error, stopped = load_module(spec.get("path"), spec.get("module"), job["cwd"])
        if error is not None:
            raise TargetError(f"the --data module raised {type(error).__name__}: {error}")
        label = spec.get("path") or spec.get("module")
        function = resolve_attribute(module, spec["attribute"], label, stopped)
        try:
            returned = function()
        except Exception as error:
            raise TargetError(f"the --data function {label}:{spec['attribute']} raised "
                              f"{type(error).__name__}: {error}") from error
        observation.data = "given"
        return search_arguments(returned)

    # Build once more with the default values to read the input and output shapes and the loss.
    try:
        model = tuner.hypermodel.build(tuner.oracle.get_space())
    except Exception as error:
        raise DataError(f"building the model to read its shapes raised {type(error).__name__}: {error}") from error
    x, y = synthesize(model, seed=0)
    x_val, y_val = synthesize(model, seed=1)
    observation.data = "synthesized"
    return (x, y), {"validation_data": (x_val, y_val)}


def _describe_installation(observation: Observation, install_error: Optional[str]) -> None:
    if install_error:
        observation.probe_error = observation.probe_error or install_error
    if "keras_tuner" not in sys.modules:
        observation.versions = environment.versions()
        return
    try:
        keras = kerastuner_parts()[-1]
    except ImportError:
        keras = None
    observation.versions = environment.versions(keras)
    observation.keras_major = environment.keras_major(keras) if keras is not None else None
    if keras is not None:
        observation.environment = environment.check_environment(keras)


def _clear_keras_session() -> None:
    keras = sys.modules.get("keras")
    if keras is None:
        return
    with contextlib.suppress(Exception):
        keras.backend.clear_session()


@contextlib.contextmanager
def isolated_process_state(cwd: str):
    """Restore what the user's code may change in the process: argv, path, environment, cwd, modules."""
    argv = list(sys.argv)
    path = list(sys.path)
    environ = dict(os.environ)
    modules = set(sys.modules)
    previous_cwd = os.getcwd()
    os.chdir(cwd)
    try:
        yield
    finally:
        sys.argv = argv
        sys.path[:] = path
        os.chdir(previous_cwd)
        if dict(os.environ) != environ:
            os.environ.clear()
            os.environ.update(environ)
        for name in set(sys.modules) - modules:
            module = sys.modules.get(name)
            file = getattr(module, "__file__", None)
            if file is not None and is_user_file(file):
                sys.modules.pop(name, None)
