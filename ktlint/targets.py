"""The static pass's view of one hypermodel: its tuners' objectives and the keys predicted for it.

The runtime probe uses this to find the objective when none is given, and `--compare` to list the
keys the static pass predicts differently from a real fit.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

import libcst as cst

from ktlint.analysis import TunerAnalysis, analyse_tuner
from ktlint.discovery.files import DEFAULT_EXCLUDES, discover
from ktlint.engine import MENTIONS_KERAS_TUNER
from ktlint.facts.hypermodel import Hypermodel, resolve_hypermodel
from ktlint.facts.tuner import find_tuners
from ktlint.keys.direction import kerastuner_direction
from ktlint.keys.predict import predict_hypermodel
from ktlint.parsing.module import ParsedModule
from ktlint.parsing.project import Project, find_project_root
from ktlint.parsing.scope import module_scope


@dataclass
class ObjectiveView:
    name: str
    # The direction given in kt.Objective, or the one KerasTuner infers per major ("min", "max", None, "error:X").
    direction: dict[int, Optional[str]]
    explicit: bool


@dataclass
class StaticView:
    found: bool
    objectives: list[ObjectiveView] = field(default_factory=list)
    # Major -> every predicted log key, or None when the prediction is incomplete.
    keys: dict[int, Optional[set[str]]] = field(default_factory=dict)
    # "path:row" of the tuner construction the objectives come from.
    tuner_location: Optional[str] = None
    # Major -> train keys of auto-named metrics that KT203 flags: the real key may carry a `_N` suffix.
    unstable: dict[int, set[str]] = field(default_factory=dict)


def static_view(file: Path, attribute: str, majors: tuple[int, ...] = (3, 2), validation: bool = True) -> StaticView:
    """Describe `attribute` of `file` (a build function or HyperModel class/instance) as the static pass reads it."""
    project = Project()
    module = project.load(file)
    if module is None:
        return StaticView(found=False)
    hypermodel = _hypermodel(module, attribute, project)
    if hypermodel is None:
        return StaticView(found=False)

    view = StaticView(found=True)
    analysis = _tuner_using(hypermodel, file, project, majors)
    if analysis is not None:
        tuner = analysis.tuner
        position = tuner.module.position(tuner.call)
        view.tuner_location = f"{tuner.module.path}:{position.start.line if position else 1}"
        for entry in analysis.objectives:
            if entry.explicit:
                direction = {major: entry.direction for major in majors}
            else:
                direction = {major: kerastuner_direction(entry.name, major) for major in majors}
            view.objectives.append(ObjectiveView(entry.name, direction, entry.explicit))

    loops = analysis is not None and analysis.tuner.run_trial is not None and analysis.tuner.run_trial.builds_in_loop
    for major in majors:
        prediction = predict_hypermodel(hypermodel, major, project)
        view.unstable[major] = {
            key for key, source in prediction.keys.items()
            if source is not None and source.auto_named and (loops or _created_once(source))
        }
        if not prediction.complete:
            view.keys[major] = None
            continue
        keys = set(prediction.keys)
        if validation:
            keys |= {f"val_{key}" for key in prediction.keys}
        view.keys[major] = keys
    return view


def _created_once(source) -> bool:
    """True for a metric instance created at module level or in __init__, not once per build()."""
    created_in = source.ref.created_in
    return created_in is None or created_in.name.value == "__init__"


def _hypermodel(module: ParsedModule, attribute: str, project: Project) -> Optional[Hypermodel]:
    scope = module_scope(module)
    return resolve_hypermodel(cst.Name(attribute), scope, project, allow_class=True) if attribute.isidentifier() else None


def _tuner_using(hypermodel: Hypermodel, file: Path, project: Project, majors) -> Optional[TunerAnalysis]:
    """Find a tuner in the project whose hypermodel is the same build function."""
    root = find_project_root(file)
    candidates = [file] + [path for path in discover([root], DEFAULT_EXCLUDES).files if path.suffix == ".py"]
    for path in candidates:
        try:
            if not MENTIONS_KERAS_TUNER.search(path.read_bytes()):
                continue
        except OSError:
            continue
        module = project.load(path)
        if module is None:
            continue
        for tuner in find_tuners(module, project):
            if tuner.hypermodel is not None and tuner.hypermodel.build is hypermodel.build:
                return analyse_tuner(tuner, majors, project)
    return None
