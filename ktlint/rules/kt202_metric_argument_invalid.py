"""KT202 metric-argument-invalid: a keyword a Keras metric class does not take, or a missing argument."""

from __future__ import annotations

import difflib

from ktlint.analysis import module_majors
from ktlint.facts.sites import keras_constructions
from ktlint.keys.tables import tables
from ktlint.rules.base import Context, Example, Rule, replace_node

_TEMPLATE = '''import keras
import keras_tuner as kt


class BinaryClassifier(kt.HyperModel):
    def build(self, hp):
        model = keras.Sequential([
            keras.Input(shape=(10,)),
            keras.layers.Dense(hp.Int("units", 24, 128, step=8), activation="relu"),
            keras.layers.Dense(1, activation="sigmoid"),
        ])
        model.compile(optimizer="adam", loss="binary_crossentropy",
                      metrics=["accuracy", keras.metrics.F1Score({argument}=0.5)])
        return model


tuner = kt.RandomSearch(BinaryClassifier(), objective=kt.Objective("val_f1_score", "max"), max_trials=3)
'''


class MetricArgumentInvalid(Rule):
    code = "KT202"
    name = "metric-argument-invalid"
    summary = "Keras metric constructed with an unknown keyword or without a required argument"
    what_it_does = (
        "Checks the arguments of every Keras metric and loss class construction against the constructor "
        "signature of the target Keras."
    )
    why_is_this_bad = (
        "KerasTuner builds the model once while constructing the tuner, so `F1Score(thresholds=0.5)` fails "
        "there with `TypeError: F1Score.__init__() got an unexpected keyword argument 'thresholds'`, before "
        "`search()` starts. `thresholds=` belongs to Precision, Recall and AUC; F1Score takes `threshold=`."
    )
    fix_safety = "Renaming a keyword to the one parameter it is a misspelling of is a safe fix."
    invalid = (Example(_TEMPLATE.format(argument="thresholds")),)
    valid = (Example(_TEMPLATE.format(argument="threshold")),)

    def check(self, context: Context):
        for module in context.linted:
            for call, symbol in keras_constructions(module, ("metrics", "losses")):
                majors = (symbol.major,) if symbol.major else module_majors(module, context.majors)
                problems = []
                for major in majors:
                    table = tables(major)
                    entry = table.metric_class(symbol.name) if symbol.area == "metrics" else table.loss_class(symbol.name)
                    if entry is None:
                        continue
                    problems.append((major, _problems(call, entry["params"]), _keywords(entry["params"])))
                if not problems or any(not found for _, found, _ in problems):
                    continue
                major, found, keywords = problems[0]
                for kind, node, text, suggestion in found:
                    if kind == "keyword":
                        message = f"`{symbol.name}` takes no keyword `{text}`"
                        fix = None
                        if suggestion:
                            message += f"; did you mean `{suggestion}`?"
                            fix = replace_node(module, node, suggestion, f"Rename `{text}` to `{suggestion}`")
                        yield self.diagnostic(module, node, message, fix=fix, keras_version=str(major),
                                              help=f"`{symbol.name}` takes {keywords}")
                    else:
                        yield self.diagnostic(
                            module, call, f"`{symbol.name}` needs the argument `{text}`",
                            keras_version=str(major), help=f"Pass `{text}=...` to `{symbol.name}`",
                        )


def _problems(call, params):
    accepts_any = any(param["kind"] == "var_keyword" for param in params)
    takes_star = any(param["kind"] == "var_positional" for param in params)
    names = [param["name"] for param in params if param["kind"] in ("positional_or_keyword", "keyword_only")]
    positional_names = [param["name"] for param in params if param["kind"] == "positional_or_keyword"]

    found = []
    passed = set()
    position = 0
    for arg in call.args:
        if arg.star:
            return []
        if arg.keyword is None:
            if position < len(positional_names):
                passed.add(positional_names[position])
            elif not takes_star:
                found.append(("positional", arg, "", None))
            position += 1
            continue
        keyword = arg.keyword.value
        passed.add(keyword)
        if keyword not in names and not accepts_any:
            close = difflib.get_close_matches(keyword, names, n=1, cutoff=0.75)
            found.append(("keyword", arg.keyword, keyword, close[0] if close else None))
    for param in params:
        if param.get("required") and param["name"] not in passed:
            found.append(("missing", call, param["name"], None))
    return [item for item in found if item[0] != "positional"]


def _keywords(params) -> str:
    names = [p["name"] for p in params if p["kind"] in ("positional_or_keyword", "keyword_only")]
    return ", ".join(f"`{name}`" for name in names) or "no keywords"
