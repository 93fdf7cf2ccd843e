"""`ktlint probe --compare` over every fixture script: the static pass must predict exactly the keys a real
fit logs, on Keras 3 and on Keras 2. A difference is a bug of the static pass's name tables or rules."""

from __future__ import annotations

import pytest
from probe_fixtures.support import CASES, INTERPRETERS, ROOT, results_by_name, run_json

FIXTURE_ROOT = ROOT / "fixtures"

# Fixture -> Keras major -> the keys only predicted and only logged. Each entry is a known static-pass gap.
# The test fails when a gap is fixed, so that its entry is removed, and when a new gap appears.
# Fixture -> Keras major -> the keys only predicted and only logged. Each entry is a known static-pass gap.
# The test fails when a gap is fixed, so that its entry is removed, and when a new gap appears. The `_1`
# suffixes of auto-named metrics that KT203 flags count as agreement (see ktlint/probe/compare.py).
KNOWN_MISMATCHES: dict = {}


def fixture_scripts() -> list[str]:
    """The project's fixture scripts that search, or the probe's own case fixtures when there are none."""
    scripts = []
    if FIXTURE_ROOT.is_dir():
        candidates = sorted(FIXTURE_ROOT.rglob("*.py"))
        scripts = [path for path in candidates if ".search(" in path.read_text(encoding="utf-8")]
    return [str(path) for path in scripts or sorted(CASES.glob("*.py"))]


@pytest.mark.keras
@pytest.mark.parametrize("python", INTERPRETERS)
def test_compare_agrees_on_fixtures(python, tmp_path):
    _, document = run_json(python, [*fixture_scripts(), "--compare", "--timeout", "120"], tmp_path)
    results = results_by_name(document)

    static_errors = {name: result["compare"]["reason"] for name, result in results.items()
                     if (result.get("compare") or {}).get("status") == "static-error"}
    assert not static_errors

    major = next(int(result["keras_version"][0]) for result in results.values() if result.get("keras_version"))
    differs = {}
    for name, result in results.items():
        compare = result.get("compare") or {}
        if compare.get("status") == "differs":
            differs[name] = {"predicted_only": compare["predicted_only"], "measured_only": compare["measured_only"]}
    expected = {name: by_major[major] for name, by_major in KNOWN_MISMATCHES.items()
                if name in results and major in by_major}
    assert differs == expected, f"Keras {major}: keys the static pass predicts differently: {differs}"

    # Guards against passing because nothing was compared (scripts for one Keras version fail on the other).
    statuses = [(result.get("compare") or {}).get("status") for result in results.values()]
    assert statuses.count("agrees") >= len(results) // 3, statuses
