"""KT302 monitor-mode-unknown: Keras 3 cannot infer the direction of an `auto`-mode monitored key."""

from __future__ import annotations

from ktlint.rules.base import Context, Example, Rule, replace_node
from ktlint.rules.edits import append_argument, quoted
from ktlint.rules.kt103_objective_direction_unknown import metric_sense_and_source

_TEMPLATE = '''import keras
import keras_tuner as kt
import numpy as np


def f1(y_true, y_pred):
    predicted = keras.ops.round(y_pred)
    true_positives = keras.ops.sum(y_true * predicted)
    return 2 * true_positives / (keras.ops.sum(y_true) + keras.ops.sum(predicted) + 1e-7)


def build(hp):
    model = keras.Sequential([
        keras.Input(shape=(8,)),
        keras.layers.Dense(hp.Int("units", 8, 32, step=8), activation="relu"),
        keras.layers.Dense(1, activation="sigmoid"),
    ])
    model.compile(optimizer="adam", loss="binary_crossentropy", metrics=[f1])
    return model


x = np.random.rand(64, 8)
y = np.random.randint(0, 2, size=(64, 1)).astype("float32")
stop = keras.callbacks.EarlyStopping({arguments})
tuner = kt.RandomSearch(build, objective=kt.Objective("val_f1", "max"), max_trials=3)
tuner.search(x, y, epochs=5, validation_split=0.2, callbacks=[stop])
'''


class MonitorModeUnknown(Rule):
    code = "KT302"
    name = "monitor-mode-unknown"
    summary = "Keras 3 cannot infer the direction of a monitored key in `auto` mode"
    what_it_does = (
        "On Keras 3, checks that a callback left in `mode=\"auto\"` monitors `loss`, `val_loss` or the key of "
        "a compiled metric that declares its direction. Custom functions, custom Metric subclasses, "
        "output-prefixed keys of multi-output models and keys that are never logged do not."
    )
    why_is_this_bad = (
        "Keras 3's EarlyStopping, ModelCheckpoint and ReduceLROnPlateau raise `ValueError: ... Keras isn't "
        "able to automatically determine whether that metric should be maximized or minimized` at the end of "
        "the first epoch, which fails every trial. Keras 2 guesses from the name instead."
    )
    fix_safety = (
        "Setting `mode=\"min\"` for a per-output loss key is a safe fix. For a custom metric, which gives "
        "Keras 3 no direction, the mode is guessed from its name, so that fix is unsafe."
    )
    invalid = (Example(_TEMPLATE.replace("{arguments}", 'monitor="val_f1", patience=2')),)
    valid = (Example(_TEMPLATE.replace("{arguments}", 'monitor="val_f1", mode="max", patience=2')),)

    def check(self, context: Context):
        for analysis in context.tuners:
            if 3 not in analysis.majors:
                continue
            prediction = analysis.predictions.get(3)
            if prediction is None or not prediction.complete:
                continue
            for search in analysis.tuner.searches:
                for monitor in analysis.callbacks(search) or []:
                    if monitor.mode is not None or not monitor.mode_known or not context.is_linted(monitor.module):
                        continue
                    base = monitor.monitor[4:] if monitor.monitor.startswith("val_") else monitor.monitor
                    if base == "loss":
                        continue
                    # Keras 3 looks for a compiled metric whose own (unprefixed) name is the key.
                    if any(metric.key == base and metric.direction for metric in prediction.metrics):
                        continue
                    sense, from_keras = metric_sense_and_source(analysis, monitor.monitor, (3,))
                    # A sense guessed from the metric's name is only a suggestion, so its fix is unsafe.
                    applicability = "safe" if from_keras else "unsafe"
                    fix = None
                    if sense and monitor.mode_node is not None:
                        fix = replace_node(monitor.module, monitor.mode_node, quoted(sense, monitor.mode_node),
                                           f'Use `mode="{sense}"`', applicability)
                    elif sense:
                        fix = append_argument(monitor.module, monitor.call, f'mode="{sense}"', f'Pass `mode="{sense}"`',
                                              applicability)
                    yield self.diagnostic(
                        monitor.module, monitor.node,
                        f"Keras 3 cannot tell whether `{monitor.monitor}` should go up or down, so "
                        f"`{monitor.callback}` raises `ValueError` in `mode=\"auto\"`",
                        fix=fix, help='Pass `mode="max"` or `mode="min"`', keras_version="3",
                    )
