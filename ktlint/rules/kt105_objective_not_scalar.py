"""KT105 objective-not-scalar: the objective's metric logs one value per class."""

from __future__ import annotations

from ktlint.rules.base import Context, Example, Rule
from ktlint.rules.edits import append_argument

_TEMPLATE = '''import keras
import keras_tuner as kt


def build(hp):
    model = keras.Sequential([
        keras.Input(shape=(12,)),
        keras.layers.Dense(hp.Int("units", 8, 24, step=8), activation="relu"),
        keras.layers.Dense(4, activation="softmax"),
    ])
    model.compile(optimizer="adam", loss="categorical_crossentropy", metrics=[{metric}])
    return model


tuner = kt.RandomSearch(build, objective=kt.Objective("val_f1_score", "max"), max_trials=3)
'''


class ObjectiveNotScalar(Rule):
    code = "KT105"
    name = "objective-not-scalar"
    summary = "Objective metric logs a vector, one value per class"
    what_it_does = (
        "Reports an objective whose key comes from `F1Score` or `FBetaScore` left at the default "
        "`average=None` on an output with more than one unit."
    )
    why_is_this_bad = (
        "With `average=None` the metric logs an array with one F1 per class. KerasTuner compares objective "
        "values with `>` and `<`, so every trial fails at the end of its first epoch with `ValueError: The "
        "truth value of an array with more than one element is ambiguous`."
    )
    known_problems = (
        "The unit count is read from a literal `Dense(units)` or an `hp.Choice`/`hp.Int` range; other "
        "outputs are checked only when the loss is categorical."
    )
    fix_safety = (
        "Adding `average=\"macro\"` changes what the metric measures (the mean F1 over classes), so the fix is "
        "unsafe and applies only with `--unsafe-fixes`."
    )
    invalid = (Example(_TEMPLATE.format(metric="keras.metrics.F1Score()")),)
    valid = (Example(_TEMPLATE.format(metric='keras.metrics.F1Score(average="macro")')),)

    def check(self, context: Context):
        for analysis in context.tuners:
            if not context.is_linted(analysis.tuner.module):
                continue
            for entry in analysis.objectives:
                source = None
                for major in analysis.majors:
                    source = analysis.source_of(entry.name, major)
                    if source is not None:
                        break
                if source is None or not source.vector or not source.units or source.units < 2:
                    continue
                metric_call = source.ref.call
                fix = None
                if metric_call is not None and source.ref.module is entry.module:
                    fix = append_argument(source.ref.module, metric_call, 'average="macro"', 'Pass `average="macro"`', "unsafe")
                yield self.diagnostic(
                    entry.module, entry.node,
                    f"Objective `{entry.name}` comes from `{source.ref.identifier}` with `average=None`, which "
                    f"logs one value per class ({source.units} or more), not one number",
                    fix=fix,
                    help=f'Pass `average="macro"` (or "micro", "weighted") to `{source.ref.identifier}`',
                    objective=entry.name,
                )
