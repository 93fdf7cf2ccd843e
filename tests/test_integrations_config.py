"""`[tool.ktlint]` in pyproject.toml, the command line on top of it, and noqa comments."""

from __future__ import annotations

import json

import pytest
from integrations_support import BAD_OBJECTIVE, THREE_SAFE_FIXES, codes_of, run_ktlint

CONCISE = ["--output-format", "concise"]


def write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_select_from_config(tmp_path):
    write(tmp_path / "pyproject.toml", '[tool.ktlint]\nselect = ["KT2"]\n')
    write(tmp_path / "search.py", THREE_SAFE_FIXES)
    assert codes_of(run_ktlint(["search.py", *CONCISE], tmp_path).stdout) == ["KT202"]


def test_ignore_from_config(tmp_path):
    write(tmp_path / "pyproject.toml", '[tool.ktlint]\nignore = ["KT101", "KT2"]\n')
    write(tmp_path / "search.py", THREE_SAFE_FIXES)
    assert codes_of(run_ktlint(["search.py", *CONCISE], tmp_path).stdout) == ["KT104"]


def test_extend_select_from_config(tmp_path):
    write(tmp_path / "pyproject.toml", '[tool.ktlint]\nselect = ["KT101"]\nextend-select = ["KT202"]\n')
    write(tmp_path / "search.py", THREE_SAFE_FIXES)
    assert codes_of(run_ktlint(["search.py", *CONCISE], tmp_path).stdout) == ["KT202", "KT101"]


def test_command_line_select_replaces_config(tmp_path):
    write(tmp_path / "pyproject.toml", '[tool.ktlint]\nselect = ["KT2"]\nignore = ["KT104"]\n')
    write(tmp_path / "search.py", THREE_SAFE_FIXES)
    # --select replaces the file's select and its ignore, as in Ruff.
    assert codes_of(run_ktlint(["search.py", "--select", "KT104", *CONCISE], tmp_path).stdout) == ["KT104"]


def test_command_line_ignore_adds_to_config(tmp_path):
    write(tmp_path / "pyproject.toml", '[tool.ktlint]\nignore = ["KT104"]\n')
    write(tmp_path / "search.py", THREE_SAFE_FIXES)
    result = run_ktlint(["search.py", "--ignore", "KT202", *CONCISE], tmp_path)
    assert codes_of(result.stdout) == ["KT101"]


def test_command_line_extend_select_adds_to_config(tmp_path):
    write(tmp_path / "pyproject.toml", '[tool.ktlint]\nselect = ["KT101"]\n')
    write(tmp_path / "search.py", THREE_SAFE_FIXES)
    result = run_ktlint(["search.py", "--extend-select", "KT104", *CONCISE], tmp_path)
    assert codes_of(result.stdout) == ["KT101", "KT104"]


def test_per_file_ignores(tmp_path):
    write(tmp_path / "pyproject.toml", '[tool.ktlint.per-file-ignores]\n"experiments/*" = ["KT101"]\n')
    write(tmp_path / "experiments" / "search.py", BAD_OBJECTIVE)
    write(tmp_path / "src" / "search.py", BAD_OBJECTIVE)
    result = run_ktlint([".", *CONCISE], tmp_path)
    assert [line.split(":")[0] for line in result.stdout.splitlines() if "KT101" in line] == ["src/search.py"]


def test_per_file_ignores_relative_to_config_folder(tmp_path):
    project = tmp_path / "project"
    write(project / "pyproject.toml", '[tool.ktlint.per-file-ignores]\n"experiments/*.py" = ["KT1"]\n')
    write(project / "experiments" / "search.py", BAD_OBJECTIVE)
    # Run from outside the project: the pattern still matches relative to the pyproject.toml.
    result = run_ktlint(["project", *CONCISE], tmp_path)
    assert result.returncode == 0, result.stdout


def test_exclude_and_extend_exclude(tmp_path):
    write(tmp_path / "pyproject.toml", '[tool.ktlint]\nextend-exclude = ["generated", "legacy_*.py"]\n')
    write(tmp_path / "generated" / "a.py", BAD_OBJECTIVE)
    write(tmp_path / "legacy_search.py", BAD_OBJECTIVE)
    write(tmp_path / "build" / "b.py", BAD_OBJECTIVE)
    write(tmp_path / "search.py", BAD_OBJECTIVE)
    result = run_ktlint([".", *CONCISE], tmp_path)
    assert [line.split(":")[0] for line in result.stdout.splitlines() if "KT101" in line] == ["search.py"]


def test_exclude_replaces_defaults(tmp_path):
    write(tmp_path / "pyproject.toml", '[tool.ktlint]\nexclude = ["generated"]\n')
    write(tmp_path / "generated" / "a.py", BAD_OBJECTIVE)
    write(tmp_path / "build" / "b.py", BAD_OBJECTIVE)
    result = run_ktlint([".", *CONCISE], tmp_path)
    assert [line.split(":")[0] for line in result.stdout.splitlines() if "KT101" in line] == ["build/b.py"]


def test_exclude_pattern_with_slash_matches_from_config_folder(tmp_path):
    write(tmp_path / "pyproject.toml", '[tool.ktlint]\nextend-exclude = ["src/generated"]\n')
    write(tmp_path / "src" / "generated" / "a.py", BAD_OBJECTIVE)
    write(tmp_path / "src" / "search.py", BAD_OBJECTIVE)
    result = run_ktlint(["src", *CONCISE], tmp_path)
    assert [line.split(":")[0] for line in result.stdout.splitlines() if "KT101" in line] == ["src/search.py"]


def keras_versions(result) -> list:
    return [item["keras_version"] for item in json.loads(result.stdout)]


def test_keras_version_from_config(tmp_path):
    write(tmp_path / "search.py", BAD_OBJECTIVE)
    write(tmp_path / "pyproject.toml", '[tool.ktlint]\nkeras-version = "3"\n')
    three = run_ktlint(["search.py", "--output-format", "json"], tmp_path, keras_version=None)
    assert keras_versions(three) == ["3"]
    assert "never logged by Keras 3" in three.stdout

    write(tmp_path / "pyproject.toml", '[tool.ktlint]\nkeras-version = "2"\n')
    two = run_ktlint(["search.py", "--output-format", "json"], tmp_path, keras_version=None)
    assert keras_versions(two) == ["2"]
    assert "never logged by Keras 2" in two.stdout


def test_command_line_keras_version_overrides_config(tmp_path):
    write(tmp_path / "pyproject.toml", '[tool.ktlint]\nkeras-version = "2"\n')
    write(tmp_path / "search.py", BAD_OBJECTIVE)
    overridden = run_ktlint(["search.py", "--output-format", "json", "--keras-version", "3"], tmp_path)
    assert keras_versions(overridden) == ["3"]


def test_output_format_from_config(tmp_path):
    write(tmp_path / "pyproject.toml", '[tool.ktlint]\noutput-format = "json"\n')
    write(tmp_path / "search.py", BAD_OBJECTIVE)
    assert json.loads(run_ktlint(["search.py"], tmp_path).stdout)[0]["code"] == "KT101"
    assert run_ktlint(["search.py", "--output-format", "concise"], tmp_path).stdout.startswith("search.py:15:42: KT101")


def test_nearest_pyproject_per_file(tmp_path):
    write(tmp_path / "pyproject.toml", '[tool.ktlint]\nignore = ["KT101"]\n')
    write(tmp_path / "outer.py", BAD_OBJECTIVE)
    write(tmp_path / "inner" / "pyproject.toml", '[tool.ktlint]\nselect = ["KT1"]\n')
    write(tmp_path / "inner" / "search.py", BAD_OBJECTIVE)
    # A pyproject.toml without [tool.ktlint] is passed over.
    write(tmp_path / "inner" / "deeper" / "pyproject.toml", '[project]\nname = "deeper"\n')
    write(tmp_path / "inner" / "deeper" / "search.py", BAD_OBJECTIVE)
    result = run_ktlint([".", *CONCISE], tmp_path)
    files = sorted(line.split(":")[0] for line in result.stdout.splitlines() if "KT101" in line)
    assert files == ["inner/deeper/search.py", "inner/search.py"]


def test_nested_config_excludes_apply_below_it(tmp_path):
    write(tmp_path / "pyproject.toml", "[tool.ktlint]\n")
    write(tmp_path / "sub" / "pyproject.toml", '[tool.ktlint]\nextend-exclude = ["skip_me.py"]\n')
    write(tmp_path / "sub" / "skip_me.py", BAD_OBJECTIVE)
    write(tmp_path / "skip_me.py", BAD_OBJECTIVE)
    result = run_ktlint([".", *CONCISE], tmp_path)
    assert [line.split(":")[0] for line in result.stdout.splitlines() if "KT101" in line] == ["skip_me.py"]


def test_config_option_names_file(tmp_path):
    write(tmp_path / "custom.toml", '[tool.ktlint]\nselect = ["KT2"]\n')
    write(tmp_path / "search.py", THREE_SAFE_FIXES)
    result = run_ktlint(["search.py", "--config", "custom.toml", *CONCISE], tmp_path)
    assert codes_of(result.stdout) == ["KT202"]


@pytest.mark.parametrize(
    ("table", "expected"),
    [
        ('selct = ["KT1"]', "unknown key 'selct'"),
        ('select = "KT101"', "select must be a list"),
        ('select = ["KT999"]', "select has an unknown rule code 'KT999'"),
        ('ignore = ["E501"]', "ignore has an unknown rule code 'E501'"),
        ('extend-select = [1]', "extend-select must be a list"),
        ('exclude = "build"', "exclude must be a list of glob patterns"),
        ('extend-exclude = [3]', "extend-exclude must be a list of glob patterns"),
        ('per-file-ignores = ["x"]', "per-file-ignores must be a table"),
        ('per-file-ignores = {"tests/*" = ["KT9"]}', "per-file-ignores.tests/* has an unknown rule code 'KT9'"),
        ('keras-version = "4"', "keras-version must be"),
        ('output-format = "xml"', "output-format must be one of"),
    ],
)
def test_bad_config_exits_2_naming_key_and_file(tmp_path, table, expected):
    config = write(tmp_path / "pyproject.toml", f"[tool.ktlint]\n{table}\n")
    write(tmp_path / "search.py", BAD_OBJECTIVE)
    result = run_ktlint(["search.py"], tmp_path, keras_version=None)
    assert result.returncode == 2
    assert expected in result.stderr
    assert str(config) in result.stderr
    assert result.stdout == ""


def test_invalid_toml_exits_2(tmp_path):
    config = write(tmp_path / "pyproject.toml", "[tool.ktlint\nselect = [\n")
    write(tmp_path / "search.py", BAD_OBJECTIVE)
    result = run_ktlint(["search.py"], tmp_path)
    assert result.returncode == 2
    assert f"{config}: invalid TOML" in result.stderr


def test_bad_config_in_subfolder_exits_2(tmp_path):
    write(tmp_path / "pyproject.toml", "[tool.ktlint]\n")
    config = write(tmp_path / "sub" / "pyproject.toml", '[tool.ktlint]\nkeras_version = "3"\n')
    write(tmp_path / "sub" / "search.py", BAD_OBJECTIVE)
    result = run_ktlint(["."], tmp_path)
    assert result.returncode == 2
    assert "unknown key 'keras_version'" in result.stderr
    assert str(config) in result.stderr


def test_bad_command_line_code_exits_2(tmp_path):
    write(tmp_path / "search.py", BAD_OBJECTIVE)
    result = run_ktlint(["search.py", "--select", "KT9"], tmp_path)
    assert result.returncode == 2
    assert "--select: unknown rule code 'KT9'" in result.stderr


def test_file_level_noqa(tmp_path):
    write(tmp_path / "search.py", "# ktlint: noqa\n" + THREE_SAFE_FIXES)
    assert run_ktlint(["search.py"], tmp_path).returncode == 0


def test_file_level_noqa_with_codes(tmp_path):
    write(tmp_path / "search.py", "# ktlint: noqa: KT101, KT202\n" + THREE_SAFE_FIXES)
    assert codes_of(run_ktlint(["search.py", *CONCISE], tmp_path).stdout) == ["KT104"]


def test_other_tools_file_noqa_does_not_silence_ktlint(tmp_path):
    write(tmp_path / "search.py", "# ruff: noqa\n# flake8: noqa\n" + BAD_OBJECTIVE)
    assert codes_of(run_ktlint(["search.py", *CONCISE], tmp_path).stdout) == ["KT101"]


def test_line_noqa_with_code(tmp_path):
    source = THREE_SAFE_FIXES.replace('objective="val_Accuracy", max_trials=3)',
                                      'objective="val_Accuracy", max_trials=3)  # noqa: KT101')
    write(tmp_path / "search.py", source)
    assert codes_of(run_ktlint(["search.py", *CONCISE], tmp_path).stdout) == ["KT202", "KT104"]


def test_line_noqa_with_other_code_keeps_diagnostic(tmp_path):
    source = BAD_OBJECTIVE.replace("max_trials=3)", "max_trials=3)  # noqa: KT104")
    write(tmp_path / "search.py", source)
    assert codes_of(run_ktlint(["search.py", *CONCISE], tmp_path).stdout) == ["KT101"]


def test_bare_line_noqa(tmp_path):
    write(tmp_path / "search.py", BAD_OBJECTIVE.replace("max_trials=3)", "max_trials=3)  # noqa"))
    assert run_ktlint(["search.py"], tmp_path).returncode == 0
