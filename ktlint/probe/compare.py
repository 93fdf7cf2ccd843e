"""`--compare`: list every log key the static pass predicts differently from the keys a real fit logged."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Optional

from ktlint.probe.result import ProbeResult


def compare_with_static(result: ProbeResult) -> dict:
    """Compare `result.log_keys` with the static prediction for the same hypermodel and Keras version."""
    if not result.log_keys:
        return {"status": "not-compared", "reason": "no fit logged an epoch: the trial failed before it, or never ran"}
    hypermodel = result.hypermodel or {}
    file, name = hypermodel.get("file"), hypermodel.get("name")
    if not file or not name or not Path(file).is_file():
        return {"status": "not-compared", "reason": "the hypermodel is not a named function or class in a file"}
    if hypermodel.get("qualname") and hypermodel["qualname"] != name:
        return {"status": "not-compared", "reason": f"`{hypermodel['qualname']}` is not defined at module level"}
    if not result.keras_major:
        return {"status": "not-compared", "reason": "the Keras version of the run is unknown"}

    from ktlint.targets import static_view

    try:
        view = static_view(Path(file), name, majors=(result.keras_major,), validation=bool(result.validation))
    except Exception as error:  # The static pass's own failure is a finding of the comparison.
        return {"status": "static-error", "reason": f"the static pass failed: {type(error).__name__}: {error}"}
    base = {"file": file, "attribute": name, "keras_major": result.keras_major}
    if not view.found:
        return dict(base, status="not-compared", reason=f"the static pass does not see `{name}` as a hypermodel")
    predicted: Optional[set[str]] = view.keys.get(result.keras_major)
    if predicted is None:
        return dict(base, status="incomplete", reason="the static pass could not predict every key")

    measured = set(result.log_keys)
    predicted_only = set(predicted - measured)
    measured_only = set(measured - predicted)
    # An auto-named metric created outside build() (KT203) takes whatever counter suffix the process
    # reached, so `auc` predicted and `auc_1` measured agree.
    suffixed = _suffixed_matches(view.unstable.get(result.keras_major, set()), predicted_only, measured_only)
    predicted_only -= {predicted_key for predicted_key, _ in suffixed}
    measured_only -= {measured_key for _, measured_key in suffixed}
    return dict(
        base,
        status="agrees" if not predicted_only and not measured_only else "differs",
        predicted=sorted(predicted),
        measured=sorted(measured),
        predicted_only=sorted(predicted_only),
        measured_only=sorted(measured_only),
        suffixed=sorted(f"{predicted_key} -> {measured_key}" for predicted_key, measured_key in suffixed),
    )


def _suffixed_matches(unstable: set[str], predicted_only: set[str], measured_only: set[str]) -> list[tuple[str, str]]:
    """Pair each predicted key of an unstable metric with a measured `<key>_<N>`."""
    pairs = []
    for predicted_key in sorted(predicted_only):
        base = predicted_key[4:] if predicted_key.startswith("val_") else predicted_key
        if base not in unstable:
            continue
        pattern = re.compile(re.escape(predicted_key) + r"_\d+")
        match = next((key for key in sorted(measured_only) if pattern.fullmatch(key)), None)
        if match is not None:
            pairs.append((predicted_key, match))
    return pairs
