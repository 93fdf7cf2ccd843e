"""KT203 metric-name-unstable: an unnamed metric instance whose key can gain a `_1` suffix."""

from __future__ import annotations

from ktlint.rules.base import Context, Example, Rule
from ktlint.rules.edits import append_argument

_BUILD = '''import keras
import keras_tuner as kt

{metrics}


def build(hp):
    model = keras.Sequential([
        keras.Input(shape=(4,)),
        keras.layers.Dense(hp.Int("units", 4, 8, step=4), activation="relu"),
        keras.layers.Dense(1, activation="sigmoid"),
    ])
    model.compile(optimizer="adam", loss="binary_crossentropy", metrics=METRICS)
    return model


tuner = kt.RandomSearch(build, objective=kt.Objective("val_auc", "max"), max_trials=3)
'''


class MetricNameUnstable(Rule):
    code = "KT203"
    name = "metric-name-unstable"
    summary = "Unnamed metric instance whose key can gain a `_1` suffix"
    what_it_does = (
        "Reports an `AUC()`, `Precision()`, `Recall()` or other auto-named metric without `name=` whose key "
        "an objective or callback relies on, when the instance is created outside `build()` or a "
        "`run_trial` override builds several models without `clear_session()`."
    )
    why_is_this_bad = (
        "These classes take their name from a per-process counter: the second `AUC()` of a session is "
        "`auc_1`. KerasTuner clears the session before each `build()`, which resets the counter, but an "
        "instance created at module level keeps whatever name it got, and resolving a string objective such "
        "as `'val_auc'` on Keras 3 already advances the counter. Every trial then fails with "
        "`KeyError: 'val_auc'`."
    )
    fix_safety = "Passing `name=` explicitly is a safe fix."
    invalid = (Example(_BUILD.format(metrics="METRICS = [keras.metrics.AUC()]")),)
    valid = (Example(_BUILD.format(metrics='METRICS = [keras.metrics.AUC(name="auc")]')),)

    def check(self, context: Context):
        for analysis in context.tuners:
            referenced_keys = {entry.name for entry in analysis.objectives}
            for search in analysis.tuner.searches:
                referenced_keys |= {monitor.monitor for monitor in analysis.callbacks(search) or []}
            loops = analysis.tuner.run_trial is not None and analysis.tuner.run_trial.builds_in_loop
            for name in sorted(referenced_keys):
                for major in analysis.majors:
                    source = analysis.source_of(name, major)
                    if source is None or not source.auto_named:
                        continue
                    created_in = source.ref.created_in
                    # Module level, or a HyperModel's __init__: created once, not once per build().
                    outside_build = created_in is None or created_in.name.value == "__init__"
                    if not (outside_build or loops):
                        continue
                    if not context.is_linted(source.ref.module):
                        continue
                    where = "outside `build()`" if outside_build else "once per model in a `run_trial` loop"
                    key = source.key
                    yield self.diagnostic(
                        source.ref.module, source.ref.node,
                        f"`{source.ref.module.code(source.ref.node)}` is created {where} without `name=`, so its "
                        f"key depends on how many unnamed instances the process made before, and `{name}` can go "
                        "missing",
                        fix=_name_fix(source, key),
                        help=f'Pass `name="{key}"`',
                        objective=name,
                    )
                    break


def _name_fix(source, key):
    if source.ref.call is None:
        return None
    return append_argument(source.ref.module, source.ref.call, f'name="{key}"', f'Pass `name="{key}"`')
