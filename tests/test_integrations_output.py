"""Output formats (sarif, github, concise, json, full), `--statistics`, `--output-file` and `--no-cache`."""

from __future__ import annotations

import json

import jsonschema
from integrations_support import BAD_OBJECTIVE, THREE_SAFE_FIXES, run_ktlint
from test_integrations_notebook import write_search_notebook

from ktlint.diagnostics import Diagnostic, Location
from ktlint.report.github import annotation
from ktlint.rules import ALL_RULES

# The parts of the SARIF 2.1.0 schema (sarif-schema-2.1.0.json, OASIS) that ktlint's log uses, with
# the schema's required properties, enums and minimums. There is no network in tests, so the schema is
# restated here rather than downloaded.
MESSAGE = {"type": "object", "anyOf": [{"required": ["text"]}, {"required": ["id"]}],
           "properties": {"text": {"type": "string"}}}
MULTIFORMAT = {"type": "object", "required": ["text"],
               "properties": {"text": {"type": "string"}, "markdown": {"type": "string"}}}
SARIF_SCHEMA = {
    "$schema": "http://json-schema.org/draft-07/schema#",
    "type": "object",
    "required": ["version", "runs"],
    "properties": {
        "$schema": {"type": "string", "format": "uri"},
        "version": {"enum": ["2.1.0"]},
        "runs": {"type": "array", "items": {"$ref": "#/definitions/run"}},
    },
    "definitions": {
        "run": {
            "type": "object",
            "required": ["tool"],
            "properties": {
                "tool": {"type": "object", "required": ["driver"],
                         "properties": {"driver": {"$ref": "#/definitions/toolComponent"}}},
                "results": {"type": "array", "items": {"$ref": "#/definitions/result"}},
                "columnKind": {"enum": ["utf16CodeUnits", "unicodeCodePoints"]},
                "originalUriBaseIds": {"type": "object",
                                       "additionalProperties": {"type": "object",
                                                                "properties": {"uri": {"type": "string"}}}},
            },
        },
        "toolComponent": {
            "type": "object",
            "required": ["name"],
            "properties": {
                "name": {"type": "string"},
                "version": {"type": "string"},
                "rules": {"type": "array", "uniqueItems": True, "items": {"$ref": "#/definitions/reportingDescriptor"}},
            },
        },
        "reportingDescriptor": {
            "type": "object",
            "required": ["id"],
            "properties": {
                "id": {"type": "string"},
                "name": {"type": "string"},
                "shortDescription": MULTIFORMAT,
                "fullDescription": MULTIFORMAT,
                "help": MULTIFORMAT,
                "defaultConfiguration": {"type": "object",
                                         "properties": {"level": {"enum": ["none", "note", "warning", "error"]}}},
            },
        },
        "result": {
            "type": "object",
            "required": ["message"],
            "properties": {
                "ruleId": {"type": "string"},
                "ruleIndex": {"type": "integer", "minimum": -1},
                "level": {"enum": ["none", "note", "warning", "error"]},
                "message": MESSAGE,
                "locations": {"type": "array", "items": {"$ref": "#/definitions/location"}},
            },
        },
        "location": {"type": "object", "properties": {"physicalLocation": {"$ref": "#/definitions/physicalLocation"}}},
        "physicalLocation": {
            "type": "object",
            "anyOf": [{"required": ["address"]}, {"required": ["artifactLocation"]}],
            "properties": {
                "artifactLocation": {"type": "object",
                                     "properties": {"uri": {"type": "string"}, "uriBaseId": {"type": "string"}}},
                "region": {
                    "type": "object",
                    "properties": {key: {"type": "integer", "minimum": 1}
                                   for key in ("startLine", "startColumn", "endLine", "endColumn")},
                },
            },
        },
    },
}


def sarif_of(tmp_path, *paths):
    result = run_ktlint([*paths, "--output-format", "sarif"], tmp_path)
    assert result.returncode == 1, result.stderr
    return json.loads(result.stdout)


def test_sarif_valid_against_schema(tmp_path):
    (tmp_path / "search.py").write_text(THREE_SAFE_FIXES, encoding="utf-8")
    log = sarif_of(tmp_path, "search.py")
    jsonschema.Draft7Validator(SARIF_SCHEMA).validate(log)
    assert log["version"] == "2.1.0"
    assert len(log["runs"]) == 1


def test_sarif_rules_hold_descriptions_and_help(tmp_path):
    (tmp_path / "search.py").write_text(BAD_OBJECTIVE, encoding="utf-8")
    driver = sarif_of(tmp_path, "search.py")["runs"][0]["tool"]["driver"]
    assert driver["name"] == "ktlint"
    assert [rule["id"] for rule in driver["rules"]] == [rule.code for rule in ALL_RULES]
    by_id = {rule["id"]: rule for rule in driver["rules"]}
    kt101 = next(rule for rule in ALL_RULES if rule.code == "KT101")
    assert by_id["KT101"]["name"] == "objective-not-logged"
    assert by_id["KT101"]["shortDescription"]["text"] == kt101.summary + "."
    assert by_id["KT101"]["fullDescription"]["text"] == kt101.what_it_does
    assert kt101.why_is_this_bad in by_id["KT101"]["help"]["text"]
    assert by_id["KT101"]["help"]["markdown"].startswith("# objective-not-logged (KT101)")


def test_sarif_results_point_at_file_and_rule(tmp_path):
    (tmp_path / "search.py").write_text(BAD_OBJECTIVE, encoding="utf-8")
    run = sarif_of(tmp_path, "search.py")["runs"][0]
    [result] = run["results"]
    assert result["ruleId"] == "KT101"
    assert run["tool"]["driver"]["rules"][result["ruleIndex"]]["id"] == "KT101"
    assert result["level"] == "error"
    assert result["message"]["text"].startswith("Objective `val_Accuracy` is never logged")
    location = result["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {"uri": "search.py", "uriBaseId": "%SRCROOT%"}
    assert location["region"] == {"startLine": 15, "startColumn": 42, "endLine": 15, "endColumn": 56}
    assert run["columnKind"] == "unicodeCodePoints"


def test_sarif_uri_is_percent_encoded(tmp_path):
    folder = tmp_path / "my models"
    folder.mkdir()
    (folder / "search #1.py").write_text(BAD_OBJECTIVE, encoding="utf-8")
    [result] = sarif_of(tmp_path, ".")["runs"][0]["results"]
    assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "my%20models/search%20%231.py"


def test_sarif_notebook_result_names_cell(tmp_path):
    write_search_notebook(tmp_path)
    [result] = sarif_of(tmp_path, "search.ipynb")["runs"][0]["results"]
    assert result["properties"]["cell"] == 5
    assert result["message"]["text"].startswith("cell 5: ")
    assert result["locations"][0]["physicalLocation"]["region"]["startLine"] == 2


def test_sarif_clean_run_has_empty_results(tmp_path):
    (tmp_path / "search.py").write_text(BAD_OBJECTIVE.replace("val_Accuracy", "val_accuracy"), encoding="utf-8")
    result = run_ktlint(["search.py", "--output-format", "sarif"], tmp_path)
    assert result.returncode == 0
    log = json.loads(result.stdout)
    jsonschema.Draft7Validator(SARIF_SCHEMA).validate(log)
    assert log["runs"][0]["results"] == []


def test_github_annotation_line(tmp_path):
    (tmp_path / "search.py").write_text(BAD_OBJECTIVE, encoding="utf-8")
    result = run_ktlint(["search.py", "--output-format", "github"], tmp_path)
    assert result.returncode == 1
    [line] = result.stdout.splitlines()
    assert line.startswith(
        "::error title=ktlint (KT101),file=search.py,line=15,col=42,endLine=15,endColumn=56::"
        "KT101 Objective `val_Accuracy` is never logged by Keras 3"
    )


def test_github_escapes_properties_and_message():
    diagnostic = Diagnostic(code="KT101", name="objective-not-logged", message="100% sure\nsecond line",
                            filename="a,b:c.py", location=Location(1, 2), end_location=Location(1, 3))
    assert annotation(diagnostic) == (
        "::error title=ktlint (KT101),file=a%2Cb%3Ac.py,line=1,col=2,endLine=1,endColumn=3::KT101 100%25 sure%0Asecond line"
    )


def test_github_notebook_annotation_is_file_level(tmp_path):
    write_search_notebook(tmp_path)
    result = run_ktlint(["search.ipynb", "--output-format", "github"], tmp_path)
    assert result.stdout.startswith("::error title=ktlint (KT101),file=search.ipynb::KT101 cell 5:2:42: Objective")


def test_concise_format(tmp_path):
    (tmp_path / "search.py").write_text(THREE_SAFE_FIXES, encoding="utf-8")
    result = run_ktlint(["search.py", "--output-format", "concise"], tmp_path)
    lines = result.stdout.splitlines()
    assert lines[0].startswith("search.py:12:62: KT202 [*] `F1Score` takes no keyword `thresholds`")
    assert lines[1].startswith("search.py:16:42: KT101 [*] ")
    assert lines[2].startswith("search.py:17:43: KT104 [*] ")
    assert lines[3:] == ["Found 3 errors.", "[*] 3 fixable with the `--fix` option."]


def test_full_format_frame_and_summary(tmp_path):
    (tmp_path / "search.py").write_text(BAD_OBJECTIVE, encoding="utf-8")
    result = run_ktlint(["search.py"], tmp_path)
    assert "search.py:15:42: KT101 [*] Objective `val_Accuracy`" in result.stdout
    assert "15 | tuner = kt.RandomSearch(" in result.stdout
    assert "^^^^^^^^^^^^^^" in result.stdout
    assert "\x1b[" not in result.stdout
    assert result.stdout.endswith("Found 1 error.\n[*] 1 fixable with the `--fix` option.\n")


def test_statistics(tmp_path):
    (tmp_path / "a.py").write_text(BAD_OBJECTIVE, encoding="utf-8")
    (tmp_path / "b.py").write_text(THREE_SAFE_FIXES, encoding="utf-8")
    result = run_ktlint([".", "--statistics"], tmp_path)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "    2\tKT101\t[*] objective-not-logged",
        "    1\tKT104\t[*] objective-direction-wrong",
        "    1\tKT202\t[*] metric-argument-invalid",
    ]


def test_statistics_json(tmp_path):
    (tmp_path / "a.py").write_text(BAD_OBJECTIVE, encoding="utf-8")
    result = run_ktlint([".", "--statistics", "--output-format", "json"], tmp_path)
    assert json.loads(result.stdout) == [{"code": "KT101", "name": "objective-not-logged", "count": 1, "fixable": True}]


def test_output_file(tmp_path):
    (tmp_path / "search.py").write_text(BAD_OBJECTIVE, encoding="utf-8")
    result = run_ktlint(["search.py", "--output-format", "sarif", "--output-file", "reports/ktlint.sarif"], tmp_path)
    assert result.returncode == 1
    assert result.stdout == ""
    log = json.loads((tmp_path / "reports" / "ktlint.sarif").read_text(encoding="utf-8"))
    assert log["runs"][0]["results"][0]["ruleId"] == "KT101"


def test_output_file_unwritable_exits_2(tmp_path):
    (tmp_path / "search.py").write_text(BAD_OBJECTIVE, encoding="utf-8")
    (tmp_path / "taken").write_text("a file, not a folder", encoding="utf-8")
    result = run_ktlint(["search.py", "--output-file", "taken/report.txt"], tmp_path)
    assert result.returncode == 2
    assert "--output-file taken/report.txt: cannot be written" in result.stderr


def test_no_cache_is_accepted(tmp_path):
    (tmp_path / "search.py").write_text(BAD_OBJECTIVE, encoding="utf-8")
    result = run_ktlint(["search.py", "--no-cache", "--output-format", "concise"], tmp_path)
    assert result.returncode == 1
    assert "KT101" in result.stdout
    assert not (tmp_path / ".ktlint_cache").exists()


def test_exit_zero(tmp_path):
    (tmp_path / "search.py").write_text(BAD_OBJECTIVE, encoding="utf-8")
    assert run_ktlint(["search.py", "--exit-zero"], tmp_path).returncode == 0
