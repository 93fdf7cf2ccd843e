"""KT104 objective-direction-wrong: the direction KerasTuner uses is the opposite of the metric's sense."""

from __future__ import annotations

from ktlint.keys.direction import kerastuner_direction
from ktlint.rules.base import Context, Example, Rule, replace_node
from ktlint.rules.edits import quoted, wrap_objective
from ktlint.rules.kt103_objective_direction_unknown import metric_sense_and_source

_BUILD = '''import keras
import keras_tuner as kt


def build(hp):
    model = keras.Sequential([
        keras.Input(shape=(6,)),
        keras.layers.Dense(hp.Int("units", 4, 8, step=4), activation="relu"),
        keras.layers.Dense(1, activation="sigmoid"),
    ])
    model.compile(optimizer="adam", loss="binary_crossentropy", metrics=[keras.metrics.AUC(name="auc")])
    return model


'''


class ObjectiveDirectionWrong(Rule):
    code = "KT104"
    name = "objective-direction-wrong"
    summary = "Objective direction is the opposite of the metric's sense"
    what_it_does = (
        "Compares the direction KerasTuner will use, given in `kt.Objective` or inferred from a plain string, "
        "with the sense of the metric behind the key: scores such as F1, AUC and accuracy are maximised, "
        "losses and errors minimised. A direction other than \"min\" or \"max\" is reported too."
    )
    why_is_this_bad = (
        "The search runs without any error and keeps the worst models. KerasTuner infers `min` for plain "
        "strings such as `val_f1_score`, `val_r2_score` and `val_cosine_similarity`, and "
        "`Objective.better_than` treats any direction other than \"max\" as never better."
    )
    known_problems = (
        "A custom metric is checked only when every word of its name is a known metric word, so "
        "`val_accuracy_drop` or `val_neg_f1` are not checked."
    )
    fix_safety = (
        "Changing the direction, or wrapping a plain string in `kt.Objective`, is a safe fix when Keras itself "
        "gives the metric's direction, and unsafe when only the metric's name suggests it. An objective taken "
        "from a constant gets no fix, because the constant may have other users."
    )
    invalid = (Example(_BUILD + 'tuner = kt.RandomSearch(build, objective=kt.Objective("val_auc", "min"), max_trials=3)\n'),)
    valid = (Example(_BUILD + 'tuner = kt.RandomSearch(build, objective=kt.Objective("val_auc", "max"), max_trials=3)\n'),)

    def check(self, context: Context):
        for analysis in context.tuners:
            if not context.is_linted(analysis.tuner.module):
                continue
            for entry in analysis.objectives:
                sense, from_keras = metric_sense_and_source(analysis, entry.name, analysis.majors)
                # A sense guessed from the metric's name is a suggestion, so its fixes are unsafe.
                applicability = "safe" if from_keras else "unsafe"
                if entry.explicit:
                    diagnostic = self._explicit(entry, sense, applicability)
                else:
                    diagnostic = self._inferred(entry, sense, analysis.majors, applicability)
                if diagnostic is not None:
                    yield diagnostic

    def _explicit(self, entry, sense, applicability):
        if entry.direction is None:
            return None
        if entry.direction not in ("min", "max"):
            fix = None
            if sense and entry.direction_node is not None and entry.direct:
                fix = replace_node(entry.module, entry.direction_node, quoted(sense, entry.direction_node),
                                   f'Use direction "{sense}"', applicability)
            return self.diagnostic(
                entry.module, entry.direction_node or entry.entry,
                f"Objective direction `{entry.direction}` is neither \"min\" nor \"max\", so KerasTuner never "
                "finds a better trial",
                fix=fix, help='Use "max" for scores and "min" for losses and errors', objective=entry.name,
            )
        if not sense or sense == entry.direction:
            return None
        fix = None
        if entry.direct:
            fix = replace_node(entry.module, entry.direction_node, quoted(sense, entry.direction_node),
                               f'Use direction "{sense}"', applicability)
        return self.diagnostic(
            entry.module, entry.direction_node,
            f"Objective `{entry.name}` is set to `{entry.direction}`, but it is a metric to {_verb(sense)}",
            fix=fix, help=f'Use `direction="{sense}"`', objective=entry.name,
        )

    def _inferred(self, entry, sense, majors, applicability):
        if not sense:
            return None
        wrong = [major for major in majors if kerastuner_direction(entry.name, major) == _opposite(sense)]
        if not wrong:
            return None
        inferred = _opposite(sense)
        version = " and ".join(f"Keras {major}" for major in wrong)
        return self.diagnostic(
            entry.module, entry.node,
            f"KerasTuner infers `{inferred}` for the plain string `{entry.name}` on {version}, but it is a metric "
            f"to {_verb(sense)}",
            fix=wrap_objective(entry, sense, applicability),
            help=f'Use `kt.Objective("{entry.name}", "{sense}")`',
            objective=entry.name, keras_version=str(wrong[0]),
        )


def _opposite(direction: str) -> str:
    return "min" if direction == "max" else "max"


def _verb(direction: str) -> str:
    return "maximise" if direction == "max" else "minimise"
