"""KT201 metric-unknown: a metric identifier the target Keras rejects."""

from __future__ import annotations

from ktlint.analysis import module_majors
from ktlint.facts.sites import compile_sites
from ktlint.keys.predict import predict_compile
from ktlint.rules.base import Context, Example, Rule

_TEMPLATE = '''import keras
import keras_tuner as kt


def build(hp):
    model = keras.Sequential([
        keras.Input(shape=(4,)),
        keras.layers.Dense(hp.Int("units", 4, 8, step=4), activation="relu"),
        keras.layers.Dense(1, activation="sigmoid"),
    ])
    model.compile(optimizer="adam", loss="binary_crossentropy", metrics=[{metric}])
    return model


tuner = kt.RandomSearch(build, objective=kt.Objective("val_loss", "min"), max_trials=3)
'''


class MetricUnknown(Rule):
    code = "KT201"
    name = "metric-unknown"
    summary = "Metric identifier the target Keras rejects"
    what_it_does = (
        "Looks up every string in `compile(metrics=...)` in the identifiers the target Keras accepts, and "
        "every `keras.metrics.X` name in its metric classes and functions. It also reports a `metrics` "
        "structure the target Keras rejects: on Keras 3 a flat list whose length is not the number of outputs "
        "of a multi-output model, on Keras 2 a dict keyed by a name that is not an output."
    )
    why_is_this_bad = (
        "`compile()` accepts any string: Keras resolves metrics on the first training step, so the error comes "
        "from inside the first `fit()` of the first trial. Keras 3 raises `ValueError: Could not interpret "
        "metric identifier`; Keras 2 rejects snake_case class names such as `'auc'` with `TypeError: 'str' "
        "object is not callable`."
    )
    fix_safety = "There is no automatic fix; the message names a spelling the target Keras accepts where one exists."
    invalid = (Example(_TEMPLATE.format(metric='"f1"')),)
    valid = (Example(_TEMPLATE.format(metric="keras.metrics.F1Score(threshold=0.5)")),)

    def check(self, context: Context):
        for module in context.linted:
            majors = module_majors(module, context.majors)
            for compile_call in compile_sites(module, context.project):
                rejected = {}
                invalid = []
                for major in majors:
                    prediction = predict_compile(compile_call, major, context.project)
                    if prediction.invalid:
                        invalid.append((major, prediction.invalid))
                    for metric in prediction.metrics:
                        if metric.rejected is not None:
                            rejected.setdefault(id(metric.ref.node), []).append((major, metric))
                if invalid and len(invalid) == len(majors) and compile_call.metrics is not None:
                    major, reason = invalid[0]
                    yield self.diagnostic(
                        module, compile_call.metrics,
                        f"Keras {major} rejects this `metrics` structure: {reason}",
                        help="Give one list of metrics per output, or a dict keyed by output names",
                        keras_version=str(major),
                    )
                for entries in rejected.values():
                    if len(entries) != len(majors):
                        continue
                    major, metric = entries[0]
                    if not context.is_linted(metric.ref.module):
                        continue
                    yield self.diagnostic(
                        metric.ref.module, metric.ref.node,
                        f"Keras {major} rejects the metric `{_label(metric.ref)}` in the first `fit()`: "
                        f"{metric.rejected}",
                        help=_suggestion(metric.ref, major),
                        keras_version=str(major),
                    )


def _label(ref) -> str:
    return ref.identifier or ref.module.code(ref.node)


def _suggestion(ref, major: int) -> str:
    from ktlint.keys.tables import tables

    identifier = (ref.identifier or "").lower().replace("_", "")
    table = tables(major)
    for class_name, entry in sorted(table.metric_classes.items()):
        if class_name.lower() == identifier and table.string_metrics.get(class_name, {}).get("key"):
            return f"Use `\"{class_name}\"` or `keras.metrics.{class_name}()`"
    return "Use a metric class such as `keras.metrics.F1Score(...)` or a function, or the name of a Keras metric"
