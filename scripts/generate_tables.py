"""Generate ktlint's Keras name tables by running the installed Keras.

Run it with the Python interpreter of the environment to measure, from the
repository root:

    .venv/bin/python scripts/generate_tables.py --output ktlint/keys/data/keras3.json
    .venv-keras2/bin/python scripts/generate_tables.py --output ktlint/keys/data/keras2.json

The script reads the Keras major version from ``keras.__version__`` (3 when it
starts with "3", else 2) and exits with status 2 when the output file is not
named ``keras<major>.json``. It forces ``KERAS_BACKEND=tensorflow`` because the
tables describe the TensorFlow backend. The output is JSON with sorted keys,
indent=1 and a trailing newline, so two runs on the same installation write
identical bytes; ``tests/test_tables.py`` regenerates both files and compares.

Top-level keys of the output:

* ``versions``, ``major``: the measured installation.
* ``string_metrics``: for every candidate string ``s``, the train log key that
  ``compile(metrics=[s])`` produces with the ``_direction`` of the compiled
  metric object (``{"key": ..., "direction": "up" | "down" | null}``), or the
  error that the first fit step raises when no label layout works
  (``{"rejected": ...}``).
  The validation key is ``"val_" + key``.
* ``metric_classes`` / ``loss_classes``: each public subclass of
  ``keras.metrics.Metric`` / ``keras.losses.Loss`` in those modules, with its
  default ``name`` and its ``__init__`` parameters. Metric entries also record
  whether later instances get ``_1`` suffixes, the ``_direction`` attribute
  and whether the logged value is a vector. ``default_name`` is null when the
  class cannot be constructed, and for Keras 2's ``Loss``, whose name is None.
* ``metric_functions`` / ``loss_functions``: public plain functions in
  ``keras.metrics`` / ``keras.losses``, mapped to their ``__name__``.
* ``objective_directions``: for every candidate string, what KerasTuner's
  ``infer_metric_direction`` returns in this environment: "max", "min", null
  (KerasTuner then raises ValueError at tuner construction) or
  "error:<ExceptionType>" when another exception escapes. That function strips
  one leading "val_", so the entry for ``x`` also holds for the objective
  ``"val_" + x`` unless ``x`` itself starts with "val_".
* ``callbacks``: the parameters of EarlyStopping, ModelCheckpoint and
  ReduceLROnPlateau and the default of their ``monitor`` argument.

In every ``params`` list, ``default`` is the parameter's default value when it
is a JSON literal (None, bool, int, finite float, str, or a list or tuple of
those), the string "<non-literal>" for any other default, and null when the
parameter has no default (``required`` and ``kind`` then show which case).
"""

import argparse
import functools
import gc
import inspect
import json
import math
import os
import re
import sys
import time
import warnings
from pathlib import Path

NON_LITERAL = "<non-literal>"

# Spellings that users write in compile(metrics=[...]) or as a KerasTuner
# objective and that are not names in keras.metrics or keras.losses.
ACCURACY_SPELLINGS = ("accuracy", "Accuracy", "ACCURACY", "acc", "Acc", "ACC")
CROSSENTROPY_SPELLINGS = ("crossentropy", "Crossentropy", "ce", "CE")
COMMON_USER_SPELLINGS = (
    "f1",
    "F1",
    "rmse",
    "RMSE",
    "iou",
    "mean_iou",
    "roc_auc",
    "auc_roc",
    "pr_auc",
    "fbeta_score",
    "r2",
    "huber",
    "huber_loss",
    "loss",
    "val_loss",
    "kld",
    "KLD",
    "logcosh",
    "log_cosh",
    "kullback_leibler_divergence",
    "cosine_proximity",
    "bce",
    "BCE",
)

CALLBACK_NAMES = ("EarlyStopping", "ModelCheckpoint", "ReduceLROnPlateau")

SAMPLES = 8
FEATURES = 4
CLASSES = 3
# Label layouts tried in this order for a string metric. The first one whose
# fit succeeds gives the key. Vector detection for metric classes starts with
# the 3-unit softmax layout so that per-class results show up as vectors.
STRING_METRIC_SCENARIOS = ("binary", "categorical", "sparse", "regression")
VECTOR_CHECK_SCENARIOS = ("categorical", "binary", "sparse", "regression")

ERROR_TEXT_LIMIT = 200
# A candidate string whose fits take longer than this in total is reported on stderr.
SLOW_CANDIDATE_SECONDS = 5
MEMORY_ADDRESS = re.compile(r"0x[0-9a-fA-F]{4,}")


def parse_args(argv):
    parser = argparse.ArgumentParser(
        description="Measure Keras name tables in this environment and "
        "write them as JSON."
    )
    parser.add_argument(
        "--output",
        required=True,
        type=Path,
        help="JSON file to write; its name must be keras<major>.json for "
        "the installed Keras major version",
    )
    parser.add_argument(
        "--verbose",
        action="store_true",
        help="print the time spent on each candidate string to stderr",
    )
    return parser.parse_args(argv)


def import_keras():
    """Import TensorFlow, Keras and KerasTuner with TensorFlow logging off.

    The objects created by the imports are then moved out of the garbage
    collector's view (gc.freeze). The gc.collect() after each tiny fit then
    takes milliseconds instead of about 0.1 s (Keras 3.15, 2-core CPU).
    """
    os.environ["KERAS_BACKEND"] = "tensorflow"
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    import tensorflow as tf

    tf.get_logger().setLevel("ERROR")
    import keras
    import keras_tuner

    gc.collect()
    gc.freeze()
    return keras, tf, keras_tuner


def keras_major(keras):
    return 3 if keras.__version__.startswith("3") else 2


def clear_session(keras):
    """Reset Keras's global state, including the auto-naming counters.

    Garbage is collected every time because the dead models otherwise pile
    up, and one later automatic collection then took 10 to 18 s.
    """
    keras.backend.clear_session()
    gc.collect()


def snake_case_function(keras):
    """Return Keras's own to_snake_case, which differs between Keras 2 and 3."""
    if keras_major(keras) == 3:
        from keras.src.utils.naming import to_snake_case
    else:
        from keras.src.utils.generic_utils import to_snake_case
    return to_snake_case


def describe_error(error):
    """Format an exception as 'Type: first line of the message'.

    Memory addresses are masked so that reruns produce the same text.
    """
    lines = str(error).strip().splitlines()
    text = type(error).__name__
    if lines:
        text = f"{text}: {lines[0].strip()}"
    text = MEMORY_ADDRESS.sub("0x?", text)
    return text[:ERROR_TEXT_LIMIT]


def json_literal(value):
    """Return value as JSON data, or NON_LITERAL when it is not a plain literal."""
    if value is None or isinstance(value, (bool, str, int)):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else NON_LITERAL
    if isinstance(value, (list, tuple)):
        items = [json_literal(item) for item in value]
        return NON_LITERAL if NON_LITERAL in items else items
    return NON_LITERAL


def describe_params(function):
    """List the parameters of an __init__ method, without self."""
    kind_names = {
        inspect.Parameter.POSITIONAL_ONLY: "positional_only",
        inspect.Parameter.POSITIONAL_OR_KEYWORD: "positional_or_keyword",
        inspect.Parameter.KEYWORD_ONLY: "keyword_only",
        inspect.Parameter.VAR_POSITIONAL: "var_positional",
        inspect.Parameter.VAR_KEYWORD: "var_keyword",
    }
    variadic = (inspect.Parameter.VAR_POSITIONAL, inspect.Parameter.VAR_KEYWORD)
    parameters = list(inspect.signature(function).parameters.values())[1:]
    described = []
    for parameter in parameters:
        has_default = parameter.default is not inspect.Parameter.empty
        described.append(
            {
                "name": parameter.name,
                "kind": kind_names[parameter.kind],
                "required": not has_default and parameter.kind not in variadic,
                "default": json_literal(parameter.default) if has_default else None,
            }
        )
    return described


def public_members(module):
    """Return {name: object} for the public callables of a module, sorted by name."""
    members = {}
    for name in sorted(dir(module)):
        if name.startswith("_"):
            continue
        member = getattr(module, name)
        if inspect.ismodule(member) or not callable(member):
            continue
        members[name] = member
    return members


def public_subclasses(module, base):
    return {
        name: member
        for name, member in public_members(module).items()
        if inspect.isclass(member) and issubclass(member, base)
    }


def public_functions(module):
    return {
        name: member
        for name, member in public_members(module).items()
        if inspect.isfunction(member)
    }


def minimal_constructor_args(keras):
    """Return the smallest keyword arguments that let each class be built.

    Classes missing here are built without arguments.
    """
    return {
        "IoU": {"num_classes": 2, "target_class_ids": [0]},
        "MeanIoU": {"num_classes": 2},
        "OneHotIoU": {"num_classes": CLASSES, "target_class_ids": [0]},
        "OneHotMeanIoU": {"num_classes": CLASSES},
        "PrecisionAtRecall": {"recall": 0.5},
        "RecallAtPrecision": {"precision": 0.5},
        "SensitivityAtSpecificity": {"specificity": 0.5},
        "SpecificityAtSensitivity": {"sensitivity": 0.5},
        "MeanMetricWrapper": {"fn": keras.metrics.mean_squared_error},
        "MeanRelativeError": {"normalizer": [1.0]},
        "LossFunctionWrapper": {"fn": keras.losses.mean_squared_error},
        "ModelCheckpoint": {"filepath": "checkpoint.keras"},
    }


class TinyModels:
    """Build and fit one-batch models for each label layout.

    Each fit starts from a cleared Keras session and runs eagerly on
    SAMPLES rows of fixed random data with verbose=0.
    """

    def __init__(self, keras):
        import numpy as np

        self.keras = keras
        rng = np.random.default_rng(0)
        self.features = rng.random((SAMPLES, FEATURES)).astype("float32")
        class_ids = np.arange(SAMPLES) % CLASSES
        self.labels = {
            "binary": (class_ids % 2).astype("float32").reshape(-1, 1),
            "categorical": np.eye(CLASSES, dtype="float32")[class_ids],
            "sparse": class_ids.astype("int32"),
            "regression": rng.random((SAMPLES, 1)).astype("float32"),
        }
        self.outputs = {
            "binary": (1, "sigmoid", "binary_crossentropy"),
            "categorical": (CLASSES, "softmax", "categorical_crossentropy"),
            "sparse": (CLASSES, "softmax", "sparse_categorical_crossentropy"),
            "regression": (1, None, "mse"),
        }

    def fit(self, scenario, make_metric):
        """Fit one batch with the metric from make_metric() and return the history."""
        return self.fit_model(scenario, make_metric)[0]

    def fit_model(self, scenario, make_metric):
        """Fit one batch with the metric from make_metric(); return the history and the model."""
        keras = self.keras
        clear_session(keras)
        keras.utils.set_random_seed(0)
        units, activation, loss = self.outputs[scenario]
        inputs = keras.Input((FEATURES,))
        outputs = keras.layers.Dense(units, activation=activation)(inputs)
        model = keras.Model(inputs, outputs)
        # Many candidates are wrong on purpose, and Keras warns about them on
        # every attempt. Only the history or the exception matters here.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            model.compile(
                optimizer="sgd", loss=loss, metrics=[make_metric()], run_eagerly=True
            )
            history = model.fit(
                self.features,
                self.labels[scenario],
                batch_size=SAMPLES,
                epochs=1,
                verbose=0,
            )
        return history.history, model


def compiled_metric(model, key):
    """Return the metric object a compiled model logs under `key`, or None (Keras 2 hides them)."""
    for metric in getattr(model, "metrics", []):
        for inner in getattr(metric, "metrics", [metric]):
            if getattr(inner, "name", None) == key:
                return inner
    return None


def metric_key(history):
    """Return the single history key added by the metric (everything but loss)."""
    keys = sorted(set(history) - {"loss"})
    if len(keys) != 1:
        raise RuntimeError(f"expected one metric key in the history, got {keys}")
    return keys[0]


def candidate_strings(keras):
    """Collect the identifiers to measure, all taken from the installed library.

    The library part is every public callable name in keras.metrics and
    keras.losses, the to_snake_case form of each class name and the keys of
    Keras 3's metric lookup table. The lower-case form of each of those is
    added, and so are the fixed spellings defined at the top of this file.
    """
    to_snake_case = snake_case_function(keras)
    library_names = set()
    for module in (keras.metrics, keras.losses):
        for name, member in public_members(module).items():
            library_names.add(name)
            if inspect.isclass(member):
                library_names.add(to_snake_case(name))
    if keras_major(keras) == 3:
        from keras.src.metrics import ALL_OBJECTS_DICT

        library_names.update(ALL_OBJECTS_DICT)
    library_names.update([name.lower() for name in library_names])
    candidates = library_names.union(
        ACCURACY_SPELLINGS, CROSSENTROPY_SPELLINGS, COMMON_USER_SPELLINGS
    )
    return sorted(name for name in candidates if not name.startswith("_"))


def string_metric_table(models, candidates, verbose):
    table = {}
    slow = []
    for text in candidates:
        started = time.perf_counter()
        errors = []
        for scenario in STRING_METRIC_SCENARIOS:
            try:
                history, model = models.fit_model(scenario, lambda text=text: text)
            except Exception as error:
                errors.append(error)
                continue
            key = metric_key(history)
            # Keras 3 callbacks in mode="auto" read `_direction` off the compiled metric object.
            metric = compiled_metric(model, key)
            table[text] = {"key": key, "direction": getattr(metric, "_direction", None)}
            break
        else:
            table[text] = {"rejected": describe_error(errors[0])}
        elapsed = time.perf_counter() - started
        if verbose:
            print(f"string {text!r}: {elapsed:.2f} s", file=sys.stderr)
        if elapsed > SLOW_CANDIDATE_SECONDS:
            slow.append(f"{text} ({elapsed:.1f} s)")
    if slow:
        print("slow candidate strings: " + ", ".join(slow), file=sys.stderr)
    return table


def is_vector_valued(models, make_metric):
    """Return True when the metric logs a vector in the first layout that fits."""
    import numpy as np

    for scenario in VECTOR_CHECK_SCENARIOS:
        try:
            history = models.fit(scenario, make_metric)
        except Exception:
            continue
        return bool(np.ndim(history[metric_key(history)][0]) > 0)
    return False


def metric_class_table(keras, models):
    constructor_args = minimal_constructor_args(keras)
    table = {}
    for name, cls in public_subclasses(keras.metrics, keras.metrics.Metric).items():
        args = constructor_args.get(name, {})
        entry = {
            "default_name": None,
            "auto_named": False,
            "direction": None,
            "params": describe_params(cls.__init__),
            "vector_valued": False,
        }
        clear_session(keras)
        try:
            first = cls(**args)
        except Exception:
            table[name] = entry
            continue
        second = cls(**args)
        entry["default_name"] = first.name
        entry["auto_named"] = second.name == f"{first.name}_1"
        entry["direction"] = getattr(first, "_direction", None)
        entry["vector_valued"] = is_vector_valued(
            models, functools.partial(cls, **args)
        )
        table[name] = entry
    return table


def loss_class_table(keras):
    constructor_args = minimal_constructor_args(keras)
    table = {}
    for name, cls in public_subclasses(keras.losses, keras.losses.Loss).items():
        clear_session(keras)
        try:
            default_name = cls(**constructor_args.get(name, {})).name
        except Exception:
            default_name = None
        table[name] = {
            "default_name": default_name,
            "params": describe_params(cls.__init__),
        }
    return table


def function_name_table(module):
    return {name: fn.__name__ for name, fn in public_functions(module).items()}


def objective_direction_table(keras, candidates):
    from keras_tuner.src.engine.metrics_tracking import infer_metric_direction

    table = {}
    for text in candidates:
        clear_session(keras)
        try:
            table[text] = infer_metric_direction(text)
        except Exception as error:
            table[text] = f"error:{type(error).__name__}"
    return table


def callback_table(keras):
    constructor_args = minimal_constructor_args(keras)
    table = {}
    for name in CALLBACK_NAMES:
        cls = getattr(keras.callbacks, name)
        monitor = inspect.signature(cls.__init__).parameters["monitor"]
        table[name] = {
            "params": describe_params(cls.__init__),
            "monitor_default": json_literal(monitor.default),
        }
        # Building the callback checks that the minimal arguments are enough.
        cls(**constructor_args.get(name, {}))
    return table


def build_tables(keras, tf, keras_tuner, verbose):
    timings = {}

    def timed(label, function, *args):
        started = time.perf_counter()
        result = function(*args)
        timings[label] = time.perf_counter() - started
        return result

    models = TinyModels(keras)
    candidates = candidate_strings(keras)
    tables = {
        "versions": {
            "keras": keras.__version__,
            "tensorflow": tf.__version__,
            "keras_tuner": keras_tuner.__version__,
        },
        "major": keras_major(keras),
        # Every measurement clears the session first, because building
        # instances (also inside KerasTuner) advances the auto-name counters.
        "metric_classes": timed("metric_classes", metric_class_table, keras, models),
        "loss_classes": timed("loss_classes", loss_class_table, keras),
        "metric_functions": function_name_table(keras.metrics),
        "loss_functions": function_name_table(keras.losses),
        "callbacks": callback_table(keras),
        "string_metrics": timed(
            "string_metrics", string_metric_table, models, candidates, verbose
        ),
        "objective_directions": timed(
            "objective_directions", objective_direction_table, keras, candidates
        ),
    }
    summary = ", ".join(
        f"{label} {seconds:.1f} s" for label, seconds in timings.items()
    )
    print(f"{len(candidates)} candidate strings, timings: {summary}", file=sys.stderr)
    return tables


def main(argv=None):
    args = parse_args(argv)
    keras, tf, keras_tuner = import_keras()
    major = keras_major(keras)
    expected_name = f"keras{major}.json"
    if args.output.name != expected_name:
        print(
            f"error: the installed Keras is {keras.__version__} (major {major}), "
            f"so the output file must be named {expected_name}, "
            f"not {args.output.name}",
            file=sys.stderr,
        )
        return 2

    tables = build_tables(keras, tf, keras_tuner, args.verbose)
    text = json.dumps(tables, sort_keys=True, indent=1) + "\n"
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
