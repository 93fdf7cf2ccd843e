"""Link each tuner to the keys its model logs, per Keras major version: the facts every rule reads."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from ktlint.facts.callbacks import MonitorRef
from ktlint.facts.hypermodel import RETURNS_HISTORY, FitFacts
from ktlint.facts.tuner import ObjectiveEntry, SearchCall, Tuner
from ktlint.keys.metric_key import MetricKey
from ktlint.keys.predict import KeyPrediction, predict_hypermodel
from ktlint.parsing.module import ParsedModule
from ktlint.parsing.project import Project

# Keys callbacks add to the logs: ReduceLROnPlateau writes the learning rate each epoch.
CALLBACK_KEYS = {"ReduceLROnPlateau": {3: "learning_rate", 2: "lr"}}


@dataclass
class TunerAnalysis:
    tuner: Tuner
    majors: tuple[int, ...]
    predictions: dict[int, KeyPrediction] = field(default_factory=dict)

    @property
    def objectives(self) -> list[ObjectiveEntry]:
        return self.tuner.objectives or []

    @property
    def overrides(self) -> list[FitFacts]:
        """The run_trial and HyperModel.fit overrides in the path from search() to fit()."""
        found = []
        if self.tuner.run_trial is not None:
            found.append(self.tuner.run_trial)
        if self.tuner.hypermodel is not None and self.tuner.hypermodel.fit is not None:
            found.append(self.tuner.hypermodel.fit)
        return found

    @property
    def reports_history(self) -> bool:
        """True when the trial's metrics are the Keras logs (no override replaces them)."""
        return all(override.returns == RETURNS_HISTORY for override in self.overrides)

    def validation(self, search: Optional[SearchCall]) -> Optional[bool]:
        """Return whether fit gets validation data on the path from `search` (None when unknown)."""
        for override in self.overrides:
            if override.validation is not None:
                return override.validation
        return search.validation if search is not None else None

    def callbacks(self, search: Optional[SearchCall]) -> Optional[list[MonitorRef]]:
        found: list[MonitorRef] = []
        for override in self.overrides:
            if override.callbacks is None:
                return None
            found.extend(override.callbacks)
        if search is not None:
            if search.callbacks is None:
                return None
            found.extend(search.callbacks)
        return found

    def logged_keys(self, major: int, search: Optional[SearchCall], assume_validation: bool = False) -> Optional[set[str]]:
        """Return every key of the epoch logs, or None when the prediction is incomplete."""
        prediction = self.predictions.get(major)
        if prediction is None or not prediction.complete:
            return None
        train = set(prediction.keys)
        for monitor in self.callbacks(search) or []:
            extra = CALLBACK_KEYS.get(monitor.callback, {}).get(major)
            if extra:
                train.add(extra)
        validation = self.validation(search)
        keys = set(train)
        if validation or validation is None or assume_validation:
            keys |= {f"val_{key}" for key in train}
        return keys

    def source_of(self, key: str, major: int) -> Optional[MetricKey]:
        prediction = self.predictions.get(major)
        if prediction is None:
            return None
        base = key[len("val_"):] if key.startswith("val_") else key
        return prediction.keys.get(base)


def module_majors(module: ParsedModule, majors: tuple[int, ...]) -> tuple[int, ...]:
    """Narrow the checked versions to Keras 2 for a module that reaches Keras only through tf_keras."""
    roots = {qualified.split(".")[0] for qualified in module.imports.values()}
    if "tf_keras" in roots and not roots & {"keras", "tensorflow"}:
        return (2,)
    return majors


def analyse_tuner(tuner: Tuner, majors: tuple[int, ...], project: Project) -> TunerAnalysis:
    if tuner.hypermodel is not None:
        majors = module_majors(tuner.hypermodel.module, majors)
    analysis = TunerAnalysis(tuner=tuner, majors=majors)
    if tuner.hypermodel is not None:
        # Both versions are predicted so that messages can point out a key that only the other version writes.
        for major in (3, 2):
            analysis.predictions[major] = predict_hypermodel(tuner.hypermodel, major, project)
    return analysis
