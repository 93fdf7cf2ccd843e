"""Recognise what a recorded Keras or KerasTuner exception means, from its type, message and frames.

The messages are those of Keras 3.15, Keras 2.15 and KerasTuner 1.4.8; an exception that matches none of
them is reported as it is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

# Kinds of exceptions, named after what went wrong.
DIRECTION = "direction-unknown"
METRIC_ARGUMENT = "metric-argument"
METRIC_IDENTIFIER = "metric-identifier"
NOT_REPORTED = "objective-not-reported"
OBJECTIVE_MISSING = "objective-missing"
NO_OBJECTIVE = "no-objective"
VECTOR = "vector-value"
MONITOR = "monitor-mode-unknown"

# Ways an override fails to hand back the objective (Meaning.detail of NOT_REPORTED).
RETURNS_NONE = "returns-none"
RETURNS_DICT = "returns-dict"
REPORTS_TO_ORACLE = "reports-to-oracle"

DIRECTION_MESSAGE = re.compile(
    r'Could not infer optimization direction \("min" or "max"\) for unknown metric "([^"]+)"'
)
UNEXPECTED_KEYWORD_MESSAGE = re.compile(r"(\w+)\.__init__\(\) got an unexpected keyword argument '(\w+)'")
MISSING_ARGUMENT_MESSAGE = re.compile(
    r"(\w+)\.__init__\(\) missing \d+ required (?:positional |keyword-only )?arguments?: (.+)"
)
METRIC_IDENTIFIER_MESSAGE = re.compile(
    r"(?:Could not interpret metric identifier|Unknown metric function|Could not locate function):? ?'?([^'\s.]*)"
)
RETURNED_NONE_MESSAGE = re.compile(r"The return value of (\S+) is None")
DICT_WITHOUT_OBJECTIVE_MESSAGE = re.compile(
    r"Expected the returned dictionary from (\S+) to have the specified objective, (\S+?),"
)
ORACLE_MISSING_MESSAGE = re.compile(r"Objective value missing in metrics reported to the Oracle, expected: \[(.*?)\]")
NO_OBJECTIVE_MESSAGE = "to be a single float when `objective` is left unspecified"
VECTOR_MESSAGE = "truth value of an array with more than one element is ambiguous"
MONITOR_MESSAGE = re.compile(r"(\w+) callback received monitor=(\S+?), but Keras isn't able to automatically determine")


@dataclass
class Meaning:
    kind: str
    # The objective, metric, monitor or class the exception is about, when the message names it.
    name: Optional[str] = None
    detail: Optional[str] = None
    # For NOT_REPORTED: "Tuner.run_trial()" or "HyperModel.fit()".
    function: Optional[str] = None


def classify(exception: dict) -> Optional[Meaning]:
    """Return what a recorded exception (see record.Observation.record_exception) means, or None."""
    message = exception.get("message", "")
    kind = exception.get("type", "")
    details = exception.get("details", {})
    frames = exception.get("frames", [])
    functions = {frame.get("function") for frame in frames}

    match = DIRECTION_MESSAGE.search(message)
    if match:
        return Meaning(DIRECTION, name=match.group(1))
    if "infer_metric_direction" in functions:
        # Keras 3 raises an uncaught TypeError for IoU and *At* names that need constructor arguments.
        return Meaning(DIRECTION, name=details.get("metric"), detail=f"raises an uncaught `{kind}`")

    if details.get("keras_area") in ("metrics", "losses"):
        match = UNEXPECTED_KEYWORD_MESSAGE.search(message)
        if match:
            return Meaning(METRIC_ARGUMENT, name=match.group(1), detail=match.group(2))
        match = MISSING_ARGUMENT_MESSAGE.search(message)
        if match:
            return Meaning(METRIC_ARGUMENT, name=match.group(1), detail="missing " + match.group(2))

    match = METRIC_IDENTIFIER_MESSAGE.search(message)
    if match:
        return Meaning(METRIC_IDENTIFIER, name=match.group(1) or None, detail=message)
    if kind == "TypeError" and "'str' object is not callable" in message and exception.get("phase") in ("fit", "trial"):
        # Keras 2 keeps a snake_case class name such as 'auc' as a string and calls it in the first step.
        return Meaning(METRIC_IDENTIFIER, detail=message)

    not_reported = _not_reported(message, frames)
    if not_reported is not None:
        return not_reported
    if NO_OBJECTIVE_MESSAGE in message:
        return Meaning(NO_OBJECTIVE)
    if kind == "KeyError" and "get_value" in functions:
        return Meaning(OBJECTIVE_MISSING, name=message.strip("'\""))
    if VECTOR_MESSAGE in message:
        return Meaning(VECTOR)
    match = MONITOR_MESSAGE.search(message)
    if match:
        return Meaning(MONITOR, name=match.group(2), detail=match.group(1))
    return None


def _not_reported(message: str, frames: list[dict]) -> Optional[Meaning]:
    """KerasTuner's checks of what run_trial() or HyperModel.fit() hand back."""
    match = RETURNED_NONE_MESSAGE.search(message)
    if match:
        return Meaning(NOT_REPORTED, function=match.group(1), detail=RETURNS_NONE)
    match = DICT_WITHOUT_OBJECTIVE_MESSAGE.search(message)
    if match:
        return Meaning(NOT_REPORTED, function=match.group(1), name=match.group(2), detail=RETURNS_DICT)
    match = ORACLE_MISSING_MESSAGE.search(message)
    if not match:
        return None
    names = [name.strip().strip("'\"") for name in match.group(1).split(",") if name.strip()]
    name = names[0] if names else None
    # The same check runs on a History's logs; only a run_trial() that calls update_trial() itself is KT106.
    if any(frame.get("user") and frame.get("function") == "run_trial" for frame in frames):
        return Meaning(NOT_REPORTED, function="Tuner.run_trial()", name=name, detail=REPORTS_TO_ORACLE)
    return Meaning(OBJECTIVE_MISSING, name=name)
