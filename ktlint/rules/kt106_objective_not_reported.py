"""KT106 objective-not-reported: a run_trial or HyperModel.fit override does not hand back the objective."""

from __future__ import annotations

import libcst as cst

from ktlint.diagnostics import Fix
from ktlint.facts.hypermodel import RETURNS_DICT, RETURNS_MODEL, RETURNS_NONE, RETURNS_SOMETIMES_NONE
from ktlint.rules.base import Context, Example, Rule, insert_at, node_span

MULTI_OBJECTIVE = "multi_objective"

_TEMPLATE = '''import keras
import keras_tuner as kt


def build(hp):
    model = keras.Sequential([
        keras.Input(shape=(4,)),
        keras.layers.Dense(hp.Int("units", 4, 8, step=4), activation="relu"),
        keras.layers.Dense(1, activation="sigmoid"),
    ])
    model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
    return model


class BatchSizeTuner(kt.RandomSearch):
    def run_trial(self, trial, *args, **kwargs):
        kwargs["batch_size"] = trial.hyperparameters.Choice("batch_size", [16, 32])
        {call}


tuner = BatchSizeTuner(build, objective="val_accuracy", max_trials=3)
'''


class ObjectiveNotReported(Rule):
    code = "KT106"
    name = "objective-not-reported"
    summary = "Override of run_trial or HyperModel.fit does not return the objective"
    what_it_does = (
        "Checks what a `Tuner.run_trial` or `HyperModel.fit` override hands back: it must return the fit "
        "history, a number, or a dict holding the objective on every path, or report the objective with "
        "`self.oracle.update_trial`. Returning the model, or falling off the end of an if without else, is "
        "reported too."
    )
    why_is_this_bad = (
        "KerasTuner 1.2 and later raise `FatalTypeError: The return value of Tuner.run_trial() is None` for "
        "an override that drops `super().run_trial(...)`'s result, and `FatalValueError` for a dict without "
        "the objective. Both stop the search at the first trial."
    )
    fix_safety = (
        "Returning a `super().run_trial(...)` call whose value was dropped is a safe fix. Other cases have no "
        "automatic fix."
    )
    invalid = (Example(_TEMPLATE.format(call="super().run_trial(trial, *args, **kwargs)")),)
    valid = (Example(_TEMPLATE.format(call="return super().run_trial(trial, *args, **kwargs)")),)

    def check(self, context: Context):
        for analysis in context.tuners:
            names = [entry.name for entry in analysis.objectives]
            overrides = []
            if analysis.tuner.run_trial is not None:
                overrides.append(("Tuner.run_trial()", analysis.tuner.run_trial))
            if analysis.tuner.hypermodel is not None and analysis.tuner.hypermodel.fit is not None:
                overrides.append(("HyperModel.fit()", analysis.tuner.hypermodel.fit))
            list_objective = any(entry.in_list for entry in analysis.objectives)
            for label, override in overrides:
                diagnostic = self._check_override(context, label, override, names, list_objective)
                if diagnostic is not None:
                    yield diagnostic

    def _check_override(self, context, label, override, names, list_objective):
        module = override.scope.module
        if not context.is_linted(module):
            return None
        function = override.function

        if override.reported_keys is not None and names:
            missing = [name for name in names if name not in override.reported_keys]
            if missing:
                return self.diagnostic(
                    module, override.report_node,
                    f"`{label}` reports {_names(override.reported_keys)} to the oracle, but not the objective "
                    f"{_names(missing)}",
                    help=f"Report `{missing[0]}` in the metrics passed to `update_trial`", objective=missing[0],
                )
            return None

        if override.returns == RETURNS_NONE:
            if override.reported_keys is not None or override.reports_through_helper:
                return None
            return self.diagnostic(
                module, function.name,
                f"`{label}` returns None, so KerasTuner receives no value for the objective",
                fix=_return_dropped_call(module, function),
                help="Return the history from `fit` (or `super().run_trial(...)`), a number, or a dict of metrics",
                objective=names[0] if names else None,
            )

        if override.returns == RETURNS_SOMETIMES_NONE and override.reported_keys is None:
            return self.diagnostic(
                module, function.name,
                f"`{label}` returns the history on some paths and None on others",
                help="Return the history (or a number, or a dict of metrics) on every path",
                objective=names[0] if names else None,
            )

        if override.returns == RETURNS_MODEL:
            return self.diagnostic(
                module, override.return_node,
                f"`{label}` returns the model, but KerasTuner expects the history, a number or a dict of metrics",
                help="Return `model.fit(...)`",
                objective=names[0] if names else None,
            )

        if override.returns == RETURNS_DICT and override.returned_keys is not None and names:
            if list_objective:
                # A list of objectives becomes one MultiObjective named `multi_objective`, and KerasTuner
                # looks up only that name in a returned dict.
                if MULTI_OBJECTIVE in override.returned_keys:
                    return None
                return self.diagnostic(
                    module, override.return_node,
                    f"`{label}` returns a dict without `{MULTI_OBJECTIVE}`, the only key KerasTuner reads for "
                    "a list of objectives",
                    help=f"Return the history, or add `{MULTI_OBJECTIVE}` (the sum of the values to minimise "
                    "minus the sum of those to maximise) to the dict",
                    objective=MULTI_OBJECTIVE, log_keys=override.returned_keys,
                )
            missing = [name for name in names if name not in override.returned_keys]
            if missing:
                return self.diagnostic(
                    module, override.return_node,
                    f"`{label}` returns a dict with {_names(override.returned_keys)}, but not the objective "
                    f"{_names(missing)}",
                    help=f"Add `{missing[0]}` to the returned dict", objective=missing[0],
                    log_keys=override.returned_keys,
                )
        return None


def _names(keys) -> str:
    return ", ".join(f"`{key}`" for key in keys) or "nothing"


def _return_dropped_call(module, function: cst.FunctionDef):
    """Offer `return` before a last statement that calls super().run_trial(...) or fit(...) and drops it."""
    body = function.body.body if isinstance(function.body, cst.IndentedBlock) else []
    if not body or not isinstance(body[-1], cst.SimpleStatementLine):
        return None
    statement = body[-1].body[0] if len(body[-1].body) == 1 else None
    if not isinstance(statement, cst.Expr) or not isinstance(statement.value, cst.Call):
        return None
    func = statement.value.func
    if not (isinstance(func, cst.Attribute) and func.attr.value in ("run_trial", "fit")):
        return None
    start, _ = node_span(module, statement)
    return Fix(message="Return the result", edits=(insert_at(start, "return "),), applicability="safe")
