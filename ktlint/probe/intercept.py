"""Patch KerasTuner and Keras at the library level so that a search runs one recorded trial on one batch.

The patches leave the user's code and KerasTuner's logic alone and change only where and how long things
run (checked against KerasTuner 1.4.8, `keras_tuner/src/engine/base_tuner.py` and `tuner.py`):

* `BaseTuner.__init__` gets a fresh folder under the probe's temporary directory, so `overwrite=True`
  cannot delete the user's project and `overwrite=False` cannot reload its old trials.
* `BaseTuner._try_run_and_update_trial` raises `TrialDone` once the first trial has been scored, which
  ends KerasTuner's real search loop after one trial.
* `Model.fit` runs one epoch of one training batch and one validation batch, with a callback that
  records every log key first in the callback list.
* `BaseTuner._run_and_update_trial`, `tuner_utils.validate_trial_results` and `Oracle.update_trial` are
  wrapped only to record the exception, the return value and the metrics KerasTuner itself checks.
"""

from __future__ import annotations

import functools
import gc
import inspect
import os
from typing import Any, Callable, Optional

from ktlint.probe.describe import describe_tuner, monitors_of, objective_entries, requested_project
from ktlint.probe.frames import caller_frame
from ktlint.probe.record import (
    Observation,
    new_fit_record,
    recorder_class,
    summarize_results,
    trial_record,
)

# The user's code runs until its first search(), which runs one trial, and then the code stops.
MODE_SCRIPT = "script"
# A module is being imported to reach a target attribute: search() stops the import at once.
MODE_IMPORT = "import"
# The probe drives one trial itself (module:Attr targets and ktlint.preflight).
MODE_DIRECT = "direct"

# Callback attributes that name a file or folder the callback writes to, in Keras 3 and Keras 2.
# NOTE: a callback that derives other paths from these in its constructor still writes to the old place.
CALLBACK_PATH_ATTRIBUTES = ("filepath", "filename", "log_dir", "backup_dir")


class ProbeStop(BaseException):
    """Ends the user's code at its first `search()`.

    It derives from BaseException so that an `except Exception:` in the user's code lets it through.
    """


class TrialDone(BaseException):
    """Ends KerasTuner's search loop right after the first trial."""


class Intercept:
    """The patches, and the observation they write to while a probe job runs."""

    def __init__(self, temp_dir: str, eager: bool = True, freeze_gc: bool = False) -> None:
        self.temp_dir = temp_dir
        # KerasTuner calls gc.collect() before each build, which scans every object TensorFlow's import
        # allocated: 0.4 s of a 0.8 s trial on TensorFlow 2.21 (2-core CPU). Freezing those objects first
        # is safe in the short-lived child, not in the user's own process.
        self.freeze_gc = freeze_gc
        # A one-batch fit runs about 3x faster eagerly (0.2 s against 0.6 s on Keras 3.15, 2-core CPU) and
        # logs the same keys. `--graph` runs it as a tf.function, like a real trial.
        self.eager = eager
        self.observation: Optional[Observation] = None
        self.mode: Optional[str] = None
        self.installed = False
        # (owner, attribute name, original value, whether the owner defined it itself)
        self._patches: list[tuple[Any, str, Any, bool]] = []
        # Live tuner objects of the current job, index-aligned with observation.tuners.
        self._tuners: list[Any] = []
        self._in_trial = False
        self._searched = False
        self._recorder: Optional[type] = None
        self._redirects = 0

    @property
    def active(self) -> bool:
        return self.observation is not None

    def begin(self, observation: Observation, mode: str) -> None:
        self.observation = observation
        self.mode = mode
        self._tuners = []
        self._in_trial = False
        self._searched = False

    def set_mode(self, mode: str) -> None:
        self.mode = mode

    def end(self) -> None:
        self.observation = None
        self.mode = None
        self._tuners = []

    def tuner_objects(self) -> list[Any]:
        return list(self._tuners)

    def adopt_tuner(self, tuner: Any, location: Optional[dict]) -> int:
        """Record a tuner built outside the patched constructor (ktlint.preflight's copy of a live tuner)."""
        record = {"index": len(self.observation.tuners), "class": type(tuner).__name__, "location": location,
                  "constructed": True}
        record.update(describe_tuner(tuner))
        self.observation.tuners.append(record)
        self._tuners.append(tuner)
        return record["index"]

    # Installing and removing the patches.

    def install(self) -> None:
        """Patch the imported KerasTuner and its Keras; `keras_tuner` must be importable."""
        if self.installed:
            return
        base_tuner, tuner_class, oracle_class, tuner_utils, keras = kerastuner_parts()
        self._recorder = recorder_class(keras)
        try:
            self._patch(base_tuner, "__init__", self._wrap_tuner_init)
            self._patch(base_tuner, "search", self._wrap_search)
            self._patch(base_tuner, "_try_run_and_update_trial", self._wrap_try_run)
            self._patch(base_tuner, "_run_and_update_trial", self._wrap_run)
            self._patch(tuner_utils, "validate_trial_results", self._wrap_validate_results)
            self._patch(oracle_class, "update_trial", self._wrap_update_trial)
            if hasattr(tuner_class, "_get_tensorboard_dir"):
                self._patch(tuner_class, "_get_tensorboard_dir", self._wrap_tensorboard_dir)
            self._patch(keras.Model, "fit", self._wrap_fit)
            self._patch(keras.Model, "compile", self._wrap_compile)
        except AttributeError:
            self.uninstall()
            raise
        self.installed = True

    def uninstall(self) -> None:
        """Restore every patched attribute (ktlint.preflight runs in the user's own process)."""
        for owner, name, original, own in reversed(self._patches):
            if own:
                setattr(owner, name, original)
            else:
                # The attribute was inherited (Keras 3's Model.compile comes from Trainer).
                delattr(owner, name)
        self._patches = []
        self.installed = False

    def _patch(self, owner: Any, name: str, wrap: Callable[[Any], Any]) -> None:
        own = name in vars(owner)
        original = vars(owner)[name] if own else getattr(owner, name)
        self._patches.append((owner, name, original, own))
        setattr(owner, name, wrap(original))

    # Tuner construction: redirect the project folder and describe the tuner.

    def _wrap_tuner_init(self, original):
        signature = inspect.signature(original)
        intercept = self

        @functools.wraps(original)
        def __init__(tuner, *args, **kwargs):
            if not intercept.active:
                return original(tuner, *args, **kwargs)
            observation = intercept.observation
            bound = signature.bind(tuner, *args, **kwargs)
            arguments = bound.arguments
            index = len(observation.tuners)
            record = {
                "index": index,
                "class": type(tuner).__name__,
                "location": caller_frame(),
                "constructed": False,
                "requested_project": requested_project(arguments),
                # Known before the constructor builds the model, which may raise.
                "objectives": objective_entries(getattr(arguments.get("oracle"), "objective", None)),
            }
            observation.tuners.append(record)
            intercept._tuners.append(None)

            # A fresh folder per tuner: there is nothing to reload and nothing of the user's to delete.
            arguments["directory"] = os.path.join(intercept.temp_dir, "tuners", str(index))
            arguments["overwrite"] = False
            try:
                original(*bound.args, **bound.kwargs)
            except Exception as error:
                observation.record_exception(error, "construct")
                raise
            record["constructed"] = True
            record.update(describe_tuner(tuner))
            intercept._tuners[index] = tuner

        return __init__

    # The search loop: one trial, then stop.

    def _wrap_search(self, original):
        intercept = self

        @functools.wraps(original)
        def search(tuner, *args, **kwargs):
            if not intercept.active:
                return original(tuner, *args, **kwargs)
            observation = intercept.observation
            if intercept.mode == MODE_IMPORT:
                observation.notes.append("The module calls search() at import time; the probe stopped there")
                raise ProbeStop("search")
            if intercept._searched:
                raise ProbeStop("search")

            intercept.start_search(tuner, kwargs, caller_frame(("search",)))
            try:
                original(tuner, *args, **kwargs)
            except TrialDone:
                pass
            except Exception as error:
                observation.record_exception(error, "search")
            if observation.trial is None and not observation.exceptions:
                observation.notes.append("search() returned without running a trial")
            if intercept.mode == MODE_SCRIPT:
                raise ProbeStop("search")
            return None

        return search

    def start_search(self, tuner: Any, search_kwargs: dict, location: Optional[dict]) -> None:
        """Mark `tuner` as the one whose trial the probe runs."""
        observation = self.observation
        self._searched = True
        observation.searched_tuner = self.tuner_index(tuner)
        observation.search = {
            "location": location,
            "arguments": sorted(search_kwargs),
            "validation": search_kwargs.get("validation_data") is not None
            or bool(search_kwargs.get("validation_split")),
        }

    def tuner_index(self, tuner: Any) -> Optional[int]:
        for index, known in enumerate(self._tuners):
            if known is tuner:
                return index
        return None

    def _wrap_try_run(self, original):
        intercept = self

        @functools.wraps(original)
        def _try_run_and_update_trial(tuner, trial, *args, **kwargs):
            if not intercept.active:
                return original(tuner, trial, *args, **kwargs)
            observation = intercept.observation
            intercept._in_trial = True
            if intercept.freeze_gc:
                gc.freeze()
            try:
                original(tuner, trial, *args, **kwargs)
            except Exception as error:
                # KerasTuner re-raises only FatalError here, and the real search() ends with it.
                observation.record_exception(error, "trial")
                observation.trial = trial_record(trial)
                observation.trial["status"] = "FATAL"
                observation.trial["message"] = f"{type(error).__name__}: {error}"
                raise
            finally:
                intercept._in_trial = False
            observation.trial = trial_record(trial)
            raise TrialDone()

        return _try_run_and_update_trial

    def _wrap_run(self, original):
        intercept = self

        @functools.wraps(original)
        def _run_and_update_trial(tuner, trial, *args, **kwargs):
            try:
                return original(tuner, trial, *args, **kwargs)
            except Exception as error:
                # KerasTuner turns this exception into a FAILED trial and keeps only its text.
                if intercept.active:
                    intercept.observation.record_exception(error, "trial")
                raise

        return _run_and_update_trial

    def _wrap_validate_results(self, original):
        intercept = self

        @functools.wraps(original)
        def validate_trial_results(results, objective, func_name, *args, **kwargs):
            if intercept.active:
                intercept.observation.results[str(func_name)] = summarize_results(results)
            return original(results, objective, func_name, *args, **kwargs)

        return validate_trial_results

    def _wrap_update_trial(self, original):
        intercept = self

        @functools.wraps(original)
        def update_trial(oracle, trial_id, metrics, *args, **kwargs):
            if intercept.active and isinstance(metrics, dict):
                intercept.observation.reported = sorted(str(name) for name in metrics)
            return original(oracle, trial_id, metrics, *args, **kwargs)

        return update_trial

    def _wrap_tensorboard_dir(self, original):
        intercept = self

        @functools.wraps(original)
        def _get_tensorboard_dir(tuner, logdir, trial_id, execution):
            if not intercept.active:
                return original(tuner, logdir, trial_id, execution)
            # KerasTuner also hands this folder to TensorBoard's hparams writer, so both write here.
            return os.path.join(intercept.temp_dir, "tensorboard", str(trial_id), f"execution{execution}")

        return _get_tensorboard_dir

    # Model.fit and Model.compile.

    def _wrap_compile(self, original):
        intercept = self

        @functools.wraps(original)
        def compile(model, *args, **kwargs):
            if intercept.active and (intercept._in_trial or intercept.observation.compile_location is None):
                intercept.observation.compile_location = caller_frame(("compile",))
            return original(model, *args, **kwargs)

        return compile

    def _wrap_fit(self, original):
        signature = inspect.signature(original)
        intercept = self

        @functools.wraps(original)
        def fit(model, *args, **kwargs):
            if not intercept.active:
                return original(model, *args, **kwargs)
            return intercept._one_batch_fit(original, signature, model, args, kwargs)

        return fit

    def _one_batch_fit(self, original, signature, model, args, kwargs):
        try:
            bound = signature.bind(model, *args, **kwargs)
        except TypeError:
            # Invalid fit() arguments: let Keras raise its own error.
            return original(model, *args, **kwargs)
        arguments = bound.arguments

        # Hyperband passes initial_epoch; one more epoch than that is one epoch of training.
        initial_epoch = arguments.get("initial_epoch") or 0
        arguments["epochs"] = initial_epoch + 1
        arguments["steps_per_epoch"] = 1
        validation = arguments.get("validation_data") is not None or bool(arguments.get("validation_split"))
        if validation:
            arguments["validation_steps"] = 1
            # With one epoch, validation_freq=2 would skip the only validation; a full run validates later.
            arguments["validation_freq"] = 1
        if "verbose" in signature.parameters:
            arguments["verbose"] = 0

        callbacks = list(arguments.get("callbacks") or [])
        for callback in callbacks:
            self._redirect_callback_paths(callback)
        record = new_fit_record(caller_frame(("fit",)), validation, monitors_of(callbacks))
        arguments["callbacks"] = [self._recorder(record)] + callbacks

        in_trial = self._in_trial
        if in_trial:
            self.observation.fits.append(record)
        previous_eager = getattr(model, "_run_eagerly", None)
        if self.eager:
            model.run_eagerly = True
        try:
            return original(*bound.args, **bound.kwargs)
        except Exception as error:
            if in_trial:
                self.observation.record_exception(error, "fit")
            raise
        finally:
            if self.eager and hasattr(model, "_run_eagerly"):
                model._run_eagerly = previous_eager

    def _redirect_callback_paths(self, callback: Any) -> None:
        """Point ModelCheckpoint, CSVLogger, TensorBoard and BackupAndRestore at the temporary directory."""
        for name in CALLBACK_PATH_ATTRIBUTES:
            value = getattr(callback, name, None)
            if not isinstance(value, (str, os.PathLike)):
                continue
            path = os.fspath(value)
            if os.path.abspath(path).startswith(os.path.abspath(self.temp_dir)):
                continue
            self._redirects += 1
            folder = os.path.join(self.temp_dir, "callbacks", str(self._redirects))
            os.makedirs(folder, exist_ok=True)
            setattr(callback, name, os.path.join(folder, os.path.basename(path.rstrip("/\\")) or "out"))


def kerastuner_parts():
    """Return (BaseTuner, Tuner, Oracle, tuner_utils module, the Keras module KerasTuner uses)."""
    try:
        from keras_tuner.src.backend import config
        from keras_tuner.src.engine import base_tuner, oracle, tuner, tuner_utils

        multi_backend = config.multi_backend()
    except ImportError:
        # KerasTuner 1.3 and earlier keep the engine outside `src` and always use tf.keras.
        from keras_tuner.engine import base_tuner, oracle, tuner, tuner_utils

        multi_backend = False
    # KerasTuner's `backend.keras` re-exports one of these two; the real module carries `__version__`.
    if multi_backend:
        import keras
    else:
        from tensorflow import keras
    return base_tuner.BaseTuner, tuner.Tuner, oracle.Oracle, tuner_utils, keras
