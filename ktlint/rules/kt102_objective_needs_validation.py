"""KT102 objective-needs-validation: a `val_` objective while fit gets no validation data."""

from __future__ import annotations

from ktlint.rules.base import Context, Example, Rule

_BUILD = '''import keras
import keras_tuner as kt
import numpy as np


def build(hp):
    model = keras.Sequential([
        keras.Input(shape=(6,)),
        keras.layers.Dense(hp.Int("units", 8, 32, step=8), activation="relu"),
        keras.layers.Dense(3, activation="softmax"),
    ])
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    return model


x = np.random.rand(64, 6)
y = np.random.randint(0, 3, size=(64,))
tuner = kt.RandomSearch(build, objective="val_accuracy", max_trials=3)
'''


class ObjectiveNeedsValidation(Rule):
    code = "KT102"
    name = "objective-needs-validation"
    summary = "`val_` objective but fit gets no validation data"
    what_it_does = (
        "Checks that a `search()` call whose tuner has a `val_` objective passes `validation_data` or "
        "`validation_split`, unless the hypermodel's own `fit` adds validation data."
    )
    why_is_this_bad = (
        "Keras writes `val_` keys only when `fit` validates. Without validation data every trial trains to the "
        "end and then fails with `KeyError: 'val_accuracy'`."
    )
    known_problems = "A `search(*args, **kwargs)` call that forwards unknown arguments is not checked."
    fix_safety = "There is no automatic fix: only you know which data to validate on."
    invalid = (Example(_BUILD + "tuner.search(x, y, epochs=5)\n"),)
    valid = (Example(_BUILD + "tuner.search(x, y, epochs=5, validation_split=0.2)\n"),)

    def check(self, context: Context):
        for analysis in context.tuners:
            val_objectives = [entry for entry in analysis.objectives if entry.name.startswith("val_")]
            # An override that returns its own dict or number does not need val_ keys in the Keras logs.
            if not val_objectives or not analysis.reports_history:
                continue
            for search in analysis.tuner.searches:
                if not context.is_linted(search.module) or analysis.validation(search) is not False:
                    continue
                names = ", ".join(f"`{entry.name}`" for entry in val_objectives)
                keys = analysis.logged_keys(analysis.majors[0], search)
                yield self.diagnostic(
                    search.module,
                    search.call,
                    f"Objective {names} needs validation data, but `fit` gets none from this `search()` "
                    "(no `validation_data`, and no `validation_split` above 0)",
                    help="Pass `validation_data=(x_val, y_val)` or `validation_split=0.2` to `search()`, "
                    "or use the objective without `val_`",
                    objective=val_objectives[0].name,
                    log_keys=keys,
                    keras_version=str(analysis.majors[0]),
                )
