"""`ktlint.preflight(tuner, *search_args, **search_kwargs)`: the probe's check on a live tuner, in this process.

For notebooks, where Keras is already imported. The check runs one trial of a copy of the tuner whose
oracle and project folder live in a temporary directory, so the tuner's own folder and trials stay as they
are. Like a real trial, it calls `keras.backend.clear_session()` before building the model.
"""

from __future__ import annotations

import copy
import shutil
import tempfile
from typing import Any, Optional

from ktlint.probe import environment
from ktlint.probe.findings import evaluate
from ktlint.probe.frames import caller_frame
from ktlint.probe.intercept import MODE_DIRECT, Intercept, kerastuner_parts
from ktlint.probe.record import Observation
from ktlint.probe.result import STATUS_OK, ProbeResult
from ktlint.probe.trial import run_one_trial


class PreflightError(Exception):
    """Raised by `preflight(..., strict=True)` when the check finds a problem; `.report` has the details."""

    def __init__(self, report: PreflightReport) -> None:
        super().__init__(report.summary())
        self.report = report


class PreflightReport:
    """The result of one preflight check: status, objectives, log keys and diagnostics."""

    def __init__(self, result: ProbeResult) -> None:
        self.result = result

    @property
    def status(self) -> str:
        return self.result.status

    @property
    def ok(self) -> bool:
        return self.result.status == STATUS_OK

    @property
    def log_keys(self) -> list[str]:
        return self.result.log_keys

    @property
    def objectives(self) -> list[dict]:
        return [objective.to_json() for objective in self.result.objectives]

    @property
    def diagnostics(self) -> list:
        return self.result.diagnostics

    def to_json(self) -> dict:
        return self.result.to_json()

    def summary(self) -> str:
        parts = [f"preflight {self.status}"]
        parts += [f"{diagnostic.code} {diagnostic.message}" for diagnostic in self.result.diagnostics]
        parts += [fault["message"] for fault in self.result.environment]
        parts += self.result.failures
        if self.result.error:
            parts.append(self.result.error)
        return "; ".join(parts)

    def print(self, console: Any = None) -> None:
        from ktlint.probe.report import make_console, render

        render(self.result, console or make_console())

    def __repr__(self) -> str:
        return f"<PreflightReport {self.summary()}>"


def preflight(tuner: Any, *search_args: Any, strict: bool = False, eager: bool = True, quiet: bool = False,
              **search_kwargs: Any) -> PreflightReport:
    """Run one trial of a copy of `tuner` on one batch of the given search() arguments, and report.

    Prints the report in rich form unless `quiet`; raises PreflightError only when `strict` is true and
    the check found a problem.
    """
    location = caller_frame(("preflight",))
    temp_dir = tempfile.mkdtemp(prefix="ktlint-preflight-")
    observation = Observation("preflight")
    intercept = Intercept(temp_dir, eager=eager)
    intercept.install()
    try:
        intercept.begin(observation, MODE_DIRECT)
        observation.searched_tuner = intercept.adopt_tuner(copy_tuner(tuner, temp_dir), location)
        run_one_trial(intercept.tuner_objects()[-1], search_args, search_kwargs, intercept)
    finally:
        intercept.end()
        intercept.uninstall()
        shutil.rmtree(temp_dir, ignore_errors=True)

    keras = kerastuner_parts()[-1]
    observation.versions = environment.versions(keras)
    observation.keras_major = environment.keras_major(keras)
    observation.environment = environment.check_environment(keras)
    observation.search = {"location": location, "arguments": sorted(search_kwargs),
                          "validation": search_kwargs.get("validation_data") is not None
                          or bool(search_kwargs.get("validation_split"))}

    report = PreflightReport(evaluate(observation.to_json(), f"preflight of {type(tuner).__name__}"))
    if not quiet:
        report.print()
    if strict and not report.ok:
        raise PreflightError(report)
    return report


def copy_tuner(tuner: Any, directory: str, project_name: str = "preflight") -> Any:
    """A shallow copy of `tuner` with its own empty oracle state and project folder in `directory`.

    The copy shares the hypermodel and the oracle's configuration (objective, search space). The probe
    never calls the oracle's create_trial() or end_trial(), which touch the shared state; update_trial()
    writes only to the copy's own trials and folder.
    """
    probe = copy.copy(tuner)
    oracle: Optional[Any] = copy.copy(tuner.oracle)
    oracle.trials = {}
    oracle.ongoing_trials = {}
    oracle._set_project_dir(directory, project_name)
    probe.oracle = oracle
    probe.directory = directory
    probe.project_name = project_name
    return probe
