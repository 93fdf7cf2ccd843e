"""The result of one probe target: status, objectives table, log keys, diagnostics and what else it saw."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from ktlint.diagnostics import Diagnostic

STATUS_OK = "ok"
STATUS_PROBLEMS = "problems"
STATUS_ERROR = "error"


@dataclass
class ObjectiveResult:
    name: str
    # The direction KerasTuner uses; None when it could not infer one.
    direction: Optional[str]
    # Whether KerasTuner received a value for the objective; None when the trial never got that far.
    found: Optional[bool]
    shape: Optional[list[int]] = None
    closest: list[str] = field(default_factory=list)
    code: Optional[str] = None
    fix: Optional[str] = None

    def to_json(self) -> dict:
        return {
            "name": self.name,
            "expected_key": self.name,
            "direction": self.direction,
            "found": self.found,
            "shape": self.shape,
            "closest": self.closest,
            "code": self.code,
            "fix": self.fix,
        }


@dataclass
class ProbeResult:
    target: str
    form: str
    status: str = STATUS_OK
    error: Optional[str] = None
    versions: dict = field(default_factory=dict)
    keras_major: Optional[int] = None
    objectives: list[ObjectiveResult] = field(default_factory=list)
    log_keys: list[str] = field(default_factory=list)
    shapes: dict = field(default_factory=dict)
    validation: Optional[bool] = None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    environment: list[dict] = field(default_factory=list)
    # Exceptions no rule explains, one line each.
    failures: list[str] = field(default_factory=list)
    # Every exception seen: {"phase", "type", "message", "location"}, explained or not.
    exceptions: list[dict] = field(default_factory=list)
    trial: Optional[dict] = None
    notes: list[str] = field(default_factory=list)
    data: Optional[str] = None
    hypermodel: Optional[dict] = None
    compare: Optional[dict] = None
    # The tail of the user's output, kept when the probe ends in an error.
    output: str = ""

    def to_json(self) -> dict:
        return {
            "target": self.target,
            "form": self.form,
            "status": self.status,
            "error": self.error,
            "keras_version": self.versions.get("kerastuner_keras") or self.versions.get("keras"),
            "versions": self.versions,
            "objectives": [objective.to_json() for objective in self.objectives],
            "log_keys": self.log_keys,
            "shapes": self.shapes,
            "validation": self.validation,
            "diagnostics": [diagnostic.to_json() for diagnostic in self.diagnostics],
            "environment": self.environment,
            "failures": self.failures,
            "exceptions": self.exceptions,
            "trial": self.trial,
            "data": self.data,
            "hypermodel": self.hypermodel,
            "notes": self.notes,
            "compare": self.compare,
        }


def error_result(target: str, form: str, message: str, output: str = "") -> ProbeResult:
    return ProbeResult(target=target, form=form, status=STATUS_ERROR, error=message, output=output)
