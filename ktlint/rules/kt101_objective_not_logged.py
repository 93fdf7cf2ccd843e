"""KT101 objective-not-logged: the objective names a key the model never logs."""

from __future__ import annotations

from ktlint.keys.closest import closest_key
from ktlint.rules.base import Context, Example, Rule, code_list
from ktlint.rules.edits import rename_objective

SKLEARN_ONLY = ("score", "val_score")


class ObjectiveNotLogged(Rule):
    code = "KT101"
    name = "objective-not-logged"
    summary = "Objective names a log key the model never writes"
    what_it_does = (
        "Predicts the exact log keys Keras writes for the hypermodel's `compile(...)` call (metric names, "
        "output prefixes, `val_` keys) and checks that every objective is one of them."
    )
    why_is_this_bad = (
        "KerasTuner reads the objective from the epoch logs only after a trial has trained to the end. A "
        "missing key fails every trial with `KeyError`, or with \"Objective value missing in metrics reported "
        "to the Oracle\" in older releases, and after three failed trials in a row the search stops with "
        "`RuntimeError`. Common causes are a metric that was never compiled, another spelling (`acc` and "
        "`accuracy`), an output-name prefix on a multi-output model and a key of the other Keras version."
    )
    known_problems = (
        "Keys are predicted only when every metric and the model's outputs can be read from the source. "
        "Metrics built by a function the pass cannot follow, a `**kwargs` compile call or a model of unknown "
        "structure turn the check off for that tuner."
    )
    fix_safety = (
        "Renaming the objective to a logged key is offered as a safe fix only when one key clearly matches: "
        "the same name in another letter case, the name with an output prefix, or a unique spelling variant."
    )
    invalid = (
        Example(
            '''import keras
import keras_tuner as kt


def build(hp):
    model = keras.Sequential([
        keras.Input(shape=(4,)),
        keras.layers.Dense(hp.Int("units", 4, 16, step=4), activation="relu"),
        keras.layers.Dense(1, activation="sigmoid"),
    ])
    model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["acc"])
    return model


tuner = kt.RandomSearch(build, objective="val_accuracy", max_trials=3)
'''
        ),
    )
    valid = (
        Example(
            '''import keras
import keras_tuner as kt


def build(hp):
    model = keras.Sequential([
        keras.Input(shape=(4,)),
        keras.layers.Dense(hp.Int("units", 4, 16, step=4), activation="relu"),
        keras.layers.Dense(1, activation="sigmoid"),
    ])
    model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
    return model


tuner = kt.RandomSearch(build, objective="val_accuracy", max_trials=3)
'''
        ),
    )

    def check(self, context: Context):
        for analysis in context.tuners:
            if not context.is_linted(analysis.tuner.module) or not analysis.reports_history:
                continue
            for entry in analysis.objectives:
                diagnostic = self._check_entry(context, analysis, entry)
                if diagnostic is not None:
                    yield diagnostic

    def _check_entry(self, context, analysis, entry):
        missing_in = []
        keys_by_major = {}
        for major in analysis.majors:
            prediction = analysis.predictions.get(major)
            if prediction is not None and prediction.invalid:
                # That version rejects the metrics structure, so no key is logged at all (KT201 reports why).
                continue
            keys = analysis.logged_keys(major, None, assume_validation=True)
            if keys is None or prediction is None:
                return None
            if entry.name in keys or _may_be_prefixed(entry.name, prediction):
                return None
            if _names_rejected_metric(entry.name, prediction):
                return None
            missing_in.append(major)
            keys_by_major[major] = keys

        if not missing_in:
            return None
        major = missing_in[0]
        keys = keys_by_major[major]
        version = " and ".join(f"Keras {m}" for m in missing_in)
        message = f"Objective `{entry.name}` is never logged by {version}"
        match = closest_key(entry.name, keys)
        fix = None
        help_text = None
        if entry.name in SKLEARN_ONLY:
            help_text = "`score` is reported only by SklearnTuner; a Keras model logs its loss and compiled metrics"
        elif match is not None:
            message += f"; the closest logged key is `{match.key}`"
            if match.clear:
                fix = rename_objective(entry, match.key)
            help_text = f"Use `{match.key}` as the objective, or compile the metric that logs `{entry.name}`"
        else:
            if len(keys) <= 6:
                message += f"; the model logs only {code_list(keys)}"
            help_text = f"Add the metric that logs `{entry.name}` to `compile(metrics=...)`, or pick a logged key"
        renamed = _dict_key_as_name(entry.name, analysis)
        if renamed:
            help_text = (
                f"Keys of a `metrics` dict select model outputs and do not rename metrics: write "
                f"`{renamed}(name=\"{entry.name.removeprefix('val_')}\")` to log `{entry.name}`"
            )
        other = _other_version_key(entry.name, analysis, analysis.majors)
        if other:
            message += f" ({other})"
        return self.diagnostic(
            entry.module, entry.node, message, fix=fix, help=help_text,
            objective=entry.name, log_keys=keys, keras_version=str(major),
        )


def _may_be_prefixed(name: str, prediction) -> bool:
    # With outputs of unknown structure, `val_out_accuracy` may be `accuracy` of an output called `out`.
    if not prediction.prefixes_unknown:
        return False
    base = name[4:] if name.startswith("val_") else name
    return any(base.endswith("_" + key) for key in prediction.keys)


def _names_rejected_metric(name: str, prediction) -> bool:
    """True when the objective names a metric Keras rejects, which KT201 reports instead."""
    base = name[4:] if name.startswith("val_") else name
    for metric in prediction.metrics:
        if metric.rejected is not None and metric.ref.identifier and base.endswith(metric.ref.identifier.lower()):
            return True
        if metric.rejected is not None and metric.ref.identifier and base.endswith(metric.ref.identifier):
            return True
    return False


def _other_version_key(name: str, analysis, majors) -> str:
    """Explain when the other Keras major version would write the key."""
    if len(majors) != 1:
        return ""
    other = 2 if majors[0] == 3 else 3
    prediction = analysis.predictions.get(other)
    if prediction is None or not prediction.complete:
        return ""
    base = name[4:] if name.startswith("val_") else name
    if base in prediction.keys:
        return f"Keras {other} writes it, so the Keras version changed the key"
    return ""


def _dict_key_as_name(name: str, analysis) -> str:
    """Return the metric class spelling when the objective is a `metrics` dict key used as a display name."""
    import libcst as cst

    from ktlint.facts.symbols import string_value

    base = name[4:] if name.startswith("val_") else name
    hypermodel = analysis.tuner.hypermodel
    for compile_call in hypermodel.compiles if hypermodel else []:
        metrics = compile_call.metrics
        if not isinstance(metrics, cst.Dict):
            continue
        for element in metrics.elements:
            if isinstance(element, cst.DictElement) and string_value(element.key) == base:
                value = string_value(element.value)
                return "keras.metrics." + "".join(part.title() for part in value.split("_")) if value else "a metric"
    return ""
