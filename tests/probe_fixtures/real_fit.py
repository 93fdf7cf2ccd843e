"""Reference for the probe tests: the log keys of a real, unpatched fit of each fixture script's model.

Usage: python real_fit.py SCRIPT... prints one JSON line per script: {"path", "keys", "error"}.

Each script runs as usual until its first search(). Instead of searching, this builds the model with the
search space's default values and trains it through the HyperModel's own fit() for one full epoch on the
script's own data, in graph mode, with no ktlint code loaded. A plain callback records the epoch logs
first, so a callback that raises at the end of the epoch (EarlyStopping on Keras 3) cannot hide them.
"""

import json
import os
import runpy
import sys

import keras
from keras_tuner.src.engine import base_tuner


class StopAtSearch(BaseException):
    pass


def search(tuner, *args, **kwargs):
    logs = {}

    class RecordLogs(keras.callbacks.Callback):
        def on_epoch_end(self, epoch, epoch_logs=None):
            logs.update(epoch_logs or {})

    kwargs = dict(kwargs)
    kwargs["epochs"] = 1
    kwargs.pop("initial_epoch", None)
    kwargs["verbose"] = 0
    kwargs["callbacks"] = [RecordLogs()] + list(kwargs.get("callbacks") or [])
    hyperparameters = tuner.oracle.get_space()
    # KerasTuner clears the session before every trial's build, which resets auto-named metrics.
    keras.backend.clear_session()
    model = tuner.hypermodel.build(hyperparameters)
    error = None
    try:
        tuner.hypermodel.fit(hyperparameters, model, *args, **kwargs)
    except Exception as exception:
        error = f"{type(exception).__name__}: {exception}"
    raise StopAtSearch(sorted(logs), error)


def main(paths):
    base_tuner.BaseTuner.search = search
    for path in paths:
        keras.backend.clear_session()
        result = {"path": path, "keys": None, "error": None}
        directory = os.path.dirname(os.path.abspath(path))
        sys.path.insert(0, directory)
        try:
            runpy.run_path(path, run_name="__main__")
            result["error"] = "the script never called search()"
        except StopAtSearch as stop:
            result["keys"], result["error"] = stop.args
        except Exception as exception:
            result["error"] = f"{type(exception).__name__}: {exception}"
        finally:
            sys.path.remove(directory)
        print(json.dumps(result), flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
