"""KT103 objective-direction-unknown: KerasTuner cannot infer a plain-string objective's direction."""

from __future__ import annotations

from ktlint.keys.direction import kerastuner_direction, sense_from_keras_direction, sense_from_name
from ktlint.rules.base import Context, Example, Rule
from ktlint.rules.edits import wrap_objective

_BUILD = '''import keras
import keras_tuner as kt


def f1(y_true, y_pred):
    return keras.ops.mean(y_true * y_pred)


def build(hp):
    model = keras.Sequential([
        keras.Input(shape=(6,)),
        keras.layers.Dense(hp.Int("units", 4, 8, step=4), activation="relu"),
        keras.layers.Dense(1, activation="sigmoid"),
    ])
    model.compile(optimizer="adam", loss="binary_crossentropy", metrics=[f1])
    return model


'''


class ObjectiveDirectionUnknown(Rule):
    code = "KT103"
    name = "objective-direction-unknown"
    summary = "KerasTuner cannot infer the direction of a plain-string objective"
    what_it_does = (
        "Reproduces KerasTuner's inference for a plain-string objective (strip `val_` and `weighted_`, "
        "then look the name up in Keras) and reports names for which it finds no direction."
    )
    why_is_this_bad = (
        "The tuner constructor raises `ValueError: Could not infer optimization direction` for a custom "
        "metric such as `val_f1`, and an uncaught `TypeError` for metrics that need constructor arguments "
        "such as `val_mean_io_u` on Keras 3."
    )
    fix_safety = (
        "Wrapping the name in `kt.Objective(name, direction)` is a safe fix when Keras itself gives the "
        "metric's direction (built-in metrics and losses). For a custom metric whose direction is only guessed "
        "from its name (`f1`, `dice_coef`) the fix is unsafe; a name with other words gets no fix."
    )
    invalid = (Example(_BUILD + 'tuner = kt.RandomSearch(build, objective="val_f1", max_trials=3)\n'),)
    valid = (Example(_BUILD + 'tuner = kt.RandomSearch(build, objective=kt.Objective("val_f1", "max"), max_trials=3)\n'),)

    def check(self, context: Context):
        for analysis in context.tuners:
            if not context.is_linted(analysis.tuner.module):
                continue
            for entry in analysis.objectives:
                if entry.explicit:
                    continue
                inferred = {major: kerastuner_direction(entry.name, major) for major in analysis.majors}
                if any(direction in ("min", "max") for direction in inferred.values()):
                    continue
                failure = next(iter(inferred.values()))
                if failure and failure.startswith("error:"):
                    raised = f"raises an uncaught `{failure[6:]}`"
                else:
                    raised = "raises `ValueError: Could not infer optimization direction`"
                sense, from_keras = metric_sense_and_source(analysis, entry.name, analysis.majors)
                # A direction guessed from the metric's name is a suggestion, so its fix is unsafe.
                fix = None
                if sense:
                    fix = wrap_objective(entry, sense, "safe" if from_keras else "unsafe")
                help_text = (
                    f'Use `kt.Objective("{entry.name}", "{sense}")`' if sense
                    else f'Use `kt.Objective("{entry.name}", "max")` or `"min"`, whichever improves the metric'
                )
                yield self.diagnostic(
                    entry.module, entry.node,
                    f"KerasTuner cannot infer whether to minimise or maximise `{entry.name}`: the tuner "
                    f"constructor {raised}",
                    fix=fix, help=help_text, objective=entry.name, keras_version=str(analysis.majors[0]),
                )


def metric_sense(analysis, name: str, majors) -> str:
    """Return "max" or "min" for the metric behind an objective, or "" when unknown."""
    return metric_sense_and_source(analysis, name, majors)[0]


def metric_sense_and_source(analysis, name: str, majors) -> tuple[str, bool]:
    """Return the metric's sense and whether Keras itself gives it (True) or only its name suggests it."""
    for major in majors:
        source = analysis.source_of(name, major)
        if source is not None:
            sense = sense_from_keras_direction(source.direction)
            if sense:
                return sense, True
    base = name[4:] if name.startswith("val_") else name
    prediction = next((analysis.predictions.get(major) for major in majors if analysis.predictions.get(major)), None)
    if base == "loss" or (prediction is not None and base in prediction.keys and prediction.keys[base] is None):
        return "min", True
    return sense_from_name(name) or "", False
