"""Every rule's documented examples run as tests: invalid ones get the rule, valid ones get nothing."""

from __future__ import annotations

import subprocess
import sys

import pytest

from ktlint.fix.apply import apply_edits
from ktlint.rules import ALL_RULES, rule_by_code

from conftest import ROOT

INVALID = [(rule, example) for rule in ALL_RULES for example in rule.invalid]
VALID = [(rule, example) for rule in ALL_RULES for example in rule.valid]


def _id(item):
    rule, example = item
    return f"{rule.code}-keras{example.keras}"


@pytest.mark.parametrize("item", INVALID, ids=[_id(item) for item in INVALID])
def test_invalid_example_gets_rule(item, lint_source):
    rule, example = item
    diagnostics = lint_source(example.code, keras=int(example.keras))
    codes = [d.code for d in diagnostics]
    assert codes.count(rule.code) == example.count, diagnostics
    assert set(codes) == {rule.code}, diagnostics


@pytest.mark.parametrize("item", VALID, ids=[_id(item) for item in VALID])
def test_valid_example_is_clean(item, lint_source):
    rule, example = item
    assert lint_source(example.code, keras=int(example.keras)) == []


@pytest.mark.parametrize("item", INVALID, ids=[_id(item) for item in INVALID])
def test_fix_removes_diagnostic(item, lint_source):
    rule, example = item
    diagnostics = [d for d in lint_source(example.code, keras=int(example.keras)) if d.code == rule.code]
    fixes = [d.fix for d in diagnostics if d.fix is not None]
    if not fixes:
        pytest.skip(f"{rule.code} offers no fix for this example")
    fixed, applied = apply_edits(example.code, [edit for fix in fixes for edit in fix.edits])
    assert applied == sum(len(fix.edits) for fix in fixes)
    remaining = lint_source(fixed, keras=int(example.keras), name="fixed.py")
    assert [d.code for d in remaining if d.code == rule.code] == []
    compile(fixed, "fixed.py", "exec")


def test_rule_codes_are_unique():
    codes = [rule.code for rule in ALL_RULES]
    names = [rule.name for rule in ALL_RULES]
    assert len(set(codes)) == len(codes)
    assert len(set(names)) == len(names)


def test_rule_lookup_by_code_and_name():
    assert rule_by_code("kt101").name == "objective-not-logged"
    assert rule_by_code("objective-not-logged").code == "KT101"
    assert rule_by_code("KT999") is None


def test_rule_documents_up_to_date():
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "generate_rule_docs.py"), "--check"],
        capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stderr


def test_rule_command_prints_document():
    result = subprocess.run(
        [sys.executable, "-m", "ktlint", "rule", "KT202"], capture_output=True, text=True, cwd=ROOT
    )
    assert result.returncode == 0
    assert result.stdout.startswith("# metric-argument-invalid (KT202)")
    assert "## Use instead" in result.stdout
    assert (ROOT / "rules" / "KT202.md").read_text(encoding="utf-8") == result.stdout


def test_rule_command_unknown_code_exits_2():
    result = subprocess.run(
        [sys.executable, "-m", "ktlint", "rule", "KT999"], capture_output=True, text=True, cwd=ROOT
    )
    assert result.returncode == 2
    assert "unknown rule 'KT999'" in result.stderr
