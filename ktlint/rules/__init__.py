"""The rules, one module each; ALL_RULES is in code order."""

from __future__ import annotations

from typing import Optional

from ktlint.rules.base import Rule
from ktlint.rules.kt001_syntax_error import SyntaxErrorRule
from ktlint.rules.kt101_objective_not_logged import ObjectiveNotLogged
from ktlint.rules.kt102_objective_needs_validation import ObjectiveNeedsValidation
from ktlint.rules.kt103_objective_direction_unknown import ObjectiveDirectionUnknown
from ktlint.rules.kt104_objective_direction_wrong import ObjectiveDirectionWrong
from ktlint.rules.kt105_objective_not_scalar import ObjectiveNotScalar
from ktlint.rules.kt106_objective_not_reported import ObjectiveNotReported
from ktlint.rules.kt201_metric_unknown import MetricUnknown
from ktlint.rules.kt202_metric_argument_invalid import MetricArgumentInvalid
from ktlint.rules.kt203_metric_name_unstable import MetricNameUnstable
from ktlint.rules.kt301_monitor_not_logged import MonitorNotLogged
from ktlint.rules.kt302_monitor_mode_unknown import MonitorModeUnknown

ALL_RULES: tuple[Rule, ...] = (
    SyntaxErrorRule(),
    ObjectiveNotLogged(),
    ObjectiveNeedsValidation(),
    ObjectiveDirectionUnknown(),
    ObjectiveDirectionWrong(),
    ObjectiveNotScalar(),
    ObjectiveNotReported(),
    MetricUnknown(),
    MetricArgumentInvalid(),
    MetricNameUnstable(),
    MonitorNotLogged(),
    MonitorModeUnknown(),
)


def rule_by_code(code: str) -> Optional[Rule]:
    """Find a rule by code (KT101) or name (objective-not-logged)."""
    requested = code.strip()
    for rule in ALL_RULES:
        if rule.code == requested.upper() or rule.name == requested.lower():
            return rule
    return None
