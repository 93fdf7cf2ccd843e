"""KT301 monitor-not-logged: a callback's `monitor=` names a key the model never logs."""

from __future__ import annotations

from ktlint.keys.closest import closest_key
from ktlint.rules.base import Context, Example, Rule, replace_node
from ktlint.rules.edits import quoted

_TEMPLATE = '''import keras
import keras_tuner as kt
import numpy as np


def build(hp):
    model = keras.Sequential([
        keras.Input(shape=(10,)),
        keras.layers.Dense(hp.Int("units", 8, 32, step=8), activation="relu"),
        keras.layers.Dense(3, activation="softmax"),
    ])
    model.compile(optimizer="adam", loss="categorical_crossentropy", metrics=["categorical_accuracy"])
    return model


x = np.random.rand(45, 10)
y = keras.utils.to_categorical(np.random.randint(0, 3, size=(45,)), 3)
stop = keras.callbacks.EarlyStopping(monitor="{monitor}", patience=3)
tuner = kt.Hyperband(build, objective=kt.Objective("val_categorical_accuracy", "max"), max_epochs=4)
tuner.search(x, y, epochs=4, validation_split=0.2, callbacks=[stop])
'''


class MonitorNotLogged(Rule):
    code = "KT301"
    name = "monitor-not-logged"
    summary = "Callback monitors a key the model never logs"
    what_it_does = (
        "Checks the `monitor=` of EarlyStopping, ModelCheckpoint and ReduceLROnPlateau given to `search()` or "
        "to `fit` in a HyperModel against the keys the model logs on that path."
    )
    why_is_this_bad = (
        "Keras 2 only warns and the callback never acts: early stopping never stops and the checkpoint never "
        "saves the best model. Keras 3 raises in the callback when it cannot find the key's direction."
    )
    fix_safety = "Renaming the monitor to the one logged key it clearly meant is a safe fix."
    invalid = (Example(_TEMPLATE.replace("{monitor}", "val_categorical_crossentropy"), keras="2"),)
    valid = (Example(_TEMPLATE.replace("{monitor}", "val_loss")),)

    def check(self, context: Context):
        for analysis in context.tuners:
            for search in analysis.tuner.searches:
                for monitor in analysis.callbacks(search) or []:
                    if not context.is_linted(monitor.module):
                        continue
                    diagnostic = self._check_monitor(context, analysis, search, monitor)
                    if diagnostic is not None:
                        yield diagnostic

    def _check_monitor(self, context, analysis, search, monitor):
        missing = []
        for major in analysis.majors:
            keys = analysis.logged_keys(major, search)
            if keys is None or monitor.monitor in keys:
                return None
            missing.append((major, keys))
        major, keys = missing[0]

        message = f"`{monitor.callback}` monitors `{monitor.monitor}`, which is never logged"
        if monitor.monitor.startswith("val_") and analysis.validation(search) is False:
            message += " because `fit` gets no validation data"
        match = closest_key(monitor.monitor, keys)
        fix = None
        if match is not None:
            message += f"; the closest logged key is `{match.key}`"
            if match.clear and monitor.node is not monitor.call:
                fix = replace_node(monitor.module, monitor.node, quoted(match.key, monitor.node),
                                   f"Monitor `{match.key}`")
        return self.diagnostic(
            monitor.module, monitor.node, message, fix=fix,
            help=f"Monitor one of the logged keys, such as `{match.key if match else 'val_loss'}`",
            log_keys=keys, keras_version=str(major),
        )
