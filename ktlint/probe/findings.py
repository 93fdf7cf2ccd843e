"""Turn what a probe observed into the static pass's rule codes, a status and an objectives table.

Runs in the parent (and in the user's process for ktlint.preflight) without Keras, because it reads only
the observation's JSON. A fault gets the code the static pass gives it: KT101 key never logged, KT102 no
validation data, KT103 direction not inferable, KT104 wrong direction, KT105 vector value. KT106 is an
override that does not hand back the objective, KT201 and KT202 a rejected metric, KT301 and KT302 a monitor.
"""

from __future__ import annotations

import difflib
from typing import Optional

from ktlint.diagnostics import Diagnostic, Location
from ktlint.keys.closest import closest_key
from ktlint.keys.direction import sense_from_keras_direction, sense_from_name
from ktlint.probe import classify
from ktlint.probe.environment import PACKAGE_MISSING, fault_from_exception
from ktlint.probe.frames import call_site_frame, innermost_user_frame
from ktlint.probe.record import is_vector
from ktlint.probe.result import (
    STATUS_ERROR,
    STATUS_OK,
    STATUS_PROBLEMS,
    ObjectiveResult,
    ProbeResult,
)

SKLEARN_ONLY = ("score", "val_score")
VALIDATION_HELP = (
    "Pass `validation_data=(x_val, y_val)` or `validation_split=0.2` to `search()`, or use the objective "
    "without `val_`"
)


def evaluate(observation: dict, target: str, requested: Optional[list[dict]] = None,
             objective_location: Optional[str] = None) -> ProbeResult:
    """Build the result of one job.

    `requested` contains the objectives the probe passed to its own tuner (module:Attr form), used when that
    tuner could not be built; `objective_location` ("path:row") is where they come from in the source.
    """
    return _Evaluation(observation, target, requested or [], objective_location).run()


class _Evaluation:
    def __init__(self, observation: dict, target: str, requested: list[dict],
                 objective_location: Optional[str]) -> None:
        self.observation = observation
        self.result = ProbeResult(target=target, form=observation.get("form", ""))
        self.requested = requested
        self.objective_location = objective_location
        self.explained: set[int] = set()
        self.meanings = [classify.classify(exception) for exception in observation.get("exceptions", [])]
        tuners = observation.get("tuners", [])
        searched = observation.get("searched_tuner")
        self.tuner = tuners[searched] if searched is not None and searched < len(tuners) else None

    def run(self) -> ProbeResult:
        observation = self.observation
        result = self.result
        result.versions = observation.get("versions", {})
        result.keras_major = observation.get("keras_major")
        result.data = observation.get("data")
        result.hypermodel = (self.tuner or {}).get("hypermodel") or observation.get("hypermodel")
        result.trial = observation.get("trial")
        result.notes = list(observation.get("notes", []))
        result.exceptions = [
            {"phase": item.get("phase"), "type": item.get("type"), "message": item.get("message"),
             "location": _innermost_user(item)}
            for item in observation.get("exceptions", [])
        ]

        self._collect_keys()
        self._environment_faults()
        self._objectives()
        self._construction_faults()
        self._metric_faults()
        self._reporting_faults()
        self._directions()
        self._monitors()
        self._project_notes()
        self._failures()
        self._status()
        result.diagnostics.sort(key=lambda diagnostic: diagnostic.sort_key())
        return result

    # Facts.

    def _collect_keys(self) -> None:
        fits = self.observation.get("fits", [])
        shapes: dict = {}
        for fit in fits:
            shapes.update(fit.get("shapes", {}))
        self.result.shapes = shapes
        self.result.log_keys = sorted(shapes)
        if fits:
            self.result.validation = any(fit.get("validation") for fit in fits)
        elif self.observation.get("search"):
            self.result.validation = self.observation["search"].get("validation")
        self.metric_directions: dict = {}
        for fit in fits:
            self.metric_directions.update(fit.get("metric_directions", {}))

    def _results_summary(self) -> Optional[dict]:
        results = self.observation.get("results", {})
        summary = results.get("Tuner.run_trial()") or results.get("HyperModel.fit()")
        while summary and summary.get("kind") == "list" and summary.get("items"):
            summary = summary["items"][0]
        return summary

    def _found(self, name: str) -> Optional[bool]:
        """Return whether KerasTuner received a value for `name`, the way its own checks decide."""
        reported = self.observation.get("reported")
        if reported is not None:
            return name in reported
        summary = self._results_summary()
        if summary:
            kind = summary.get("kind")
            if kind in ("history", "dict"):
                return name in summary.get("keys", [])
            if kind == "number":
                return True
            if kind == "none":
                return False
        if self.result.log_keys:
            return name in self.result.log_keys
        # The trial failed before KerasTuner looked for the objective.
        return None

    # Objectives: found or not, with KT101, KT102 and KT105.

    def _objectives(self) -> None:
        failed = [tuner for tuner in self.observation.get("tuners", []) if not tuner.get("constructed")]
        if self.tuner is not None:
            entries = self.tuner.get("objectives", [])
        elif self.requested:
            entries = [{"name": entry["name"], "direction": entry.get("direction")} for entry in self.requested]
        elif failed:
            # The tuner constructor raised, after its oracle had resolved the objective.
            entries = failed[0].get("objectives", [])
        else:
            entries = []
        for entry in entries:
            name = entry["name"]
            row = ObjectiveResult(name=name, direction=entry.get("direction"), found=self._found(name))
            if row.found is not None and not row.found:
                row.closest = _closest_keys(name, self.result.log_keys)
            if row.found and name in self.result.shapes:
                row.shape = self.result.shapes[name]
            self.result.objectives.append(row)
            self._check_objective(row)

    def _check_objective(self, row: ObjectiveResult) -> None:
        if row.found and row.shape and is_vector(row.shape):
            self._explain(classify.VECTOR)
            help_text = 'Pass `average="macro"` (or "micro", "weighted") to the metric, so it logs one number'
            self._objective_diagnostic(
                "KT105", row,
                f"Objective `{row.name}` logs a value of shape {tuple(row.shape)}, one number per class, and "
                "KerasTuner fails the trial when it compares two of them",
                help_text, 'average="macro"',
            )
            return
        if row.found is not False or self._has_not_reported():
            return
        if not self.result.log_keys:
            # The trial failed before Keras logged anything; that failure is reported on its own.
            return

        self._explain(classify.OBJECTIVE_MISSING)
        keys = self.result.log_keys
        base = row.name[len("val_"):] if row.name.startswith("val_") else None
        if base is not None and self.result.validation is False:
            self._objective_diagnostic(
                "KT102", row,
                f"Objective `{row.name}` needs validation data, but `fit` got neither `validation_data` nor "
                "`validation_split`, so Keras logged no `val_` key",
                VALIDATION_HELP, "pass validation data", location=self._search_location(),
            )
            if base in keys:
                return

        match = closest_key(row.name, keys)
        message = f"Objective `{row.name}` is never logged by Keras {self.result.keras_major or ''}".rstrip()
        short_fix = "compile the metric, or use a logged key"
        if row.name in SKLEARN_ONLY:
            help_text = "`score` is reported only by SklearnTuner; a Keras model logs its loss and compiled metrics"
        elif match is not None:
            message += f"; the closest logged key is `{match.key}`"
            help_text = f"Use `{match.key}` as the objective, or compile the metric that logs `{row.name}`"
            short_fix = f"use `{match.key}`"
        else:
            help_text = f"Add the metric that logs `{row.name}` to `compile(metrics=...)`, or pick a logged key"
        self._objective_diagnostic("KT101", row, message, help_text, short_fix)

    def _objective_diagnostic(self, code: str, row: ObjectiveResult, message: str, help_text: str,
                              short_fix: str, location: Optional[dict] = None) -> None:
        row.code = row.code or code
        row.fix = row.fix or short_fix
        self._add(code, message, location or self._objective_location(), help_text, objective=row.name,
                  log_keys=self.result.log_keys)

    # Exceptions that rules explain.

    def _construction_faults(self) -> None:
        """KT103: KerasTuner cannot infer a plain-string objective's direction while the tuner is built."""
        for index, meaning in enumerate(self.meanings):
            if meaning is None or meaning.kind != classify.DIRECTION:
                continue
            self.explained.add(index)
            name = meaning.name or "the objective"
            raised = meaning.detail or "raises `ValueError: Could not infer optimization direction`"
            sense = self._sense(name)
            help_text = (f'Use `kt.Objective("{name}", "{sense}")`' if sense else
                         f'Use `kt.Objective("{name}", "max")` or `"min"`, whichever improves the metric')
            exception = self.observation["exceptions"][index]
            location = call_site_frame(exception.get("frames", [])) or self._objective_location()
            self._add("KT103", f"KerasTuner cannot infer whether to minimise or maximise `{name}`: the tuner "
                      f"constructor {raised}", location, help_text, objective=meaning.name)
            short_fix = f'kt.Objective("{name}", "{sense or "max"}")'
            for row in self.result.objectives:
                if row.name == name:
                    row.direction, row.code, row.fix = None, "KT103", short_fix
            if not any(row.name == name for row in self.result.objectives):
                row = ObjectiveResult(name=name, direction=None, found=None, code="KT103", fix=short_fix)
                self.result.objectives.append(row)

    def _metric_faults(self) -> None:
        """KT201 (identifier rejected in the first fit) and KT202 (bad metric constructor arguments)."""
        major = self.result.keras_major
        for index, meaning in enumerate(self.meanings):
            if meaning is None or meaning.kind not in (classify.METRIC_ARGUMENT, classify.METRIC_IDENTIFIER):
                continue
            self.explained.add(index)
            exception = self.observation["exceptions"][index]
            if meaning.kind == classify.METRIC_IDENTIFIER:
                label = f"`{meaning.name}`" if meaning.name else "a metric"
                self._add("KT201", f"Keras {major or ''} rejects {label} of `compile(metrics=...)` in the first "
                          f"`fit()`: {exception['message'].splitlines()[0]}",
                          self.observation.get("compile_location") or _innermost_user(exception),
                          "Use a metric identifier this Keras accepts, such as a `keras.metrics` class name")
                continue
            if meaning.detail and meaning.detail.startswith("missing "):
                message = f"`{meaning.name}` needs the argument {meaning.detail[len('missing '):]}"
                help_text = f"Pass the missing argument to `{meaning.name}`"
            else:
                message = f"`{meaning.name}` takes no keyword `{meaning.detail}`"
                help_text = _keywords_help(meaning.name, major)
            where = "while the tuner is constructed" if exception.get("phase") == "construct" else "in `build()`"
            self._add("KT202", f"{message}, so `build()` raises `{exception['type']}` {where}",
                      _innermost_user(exception), help_text)

    def _reporting_faults(self) -> None:
        """KT106: a run_trial() or HyperModel.fit() override hands KerasTuner no value for the objective."""
        overrides = (self.tuner or {}).get("overrides", {})
        objective = self.result.objectives[0].name if self.result.objectives else None
        for index, meaning in enumerate(self.meanings):
            if meaning is None or meaning.kind != classify.NOT_REPORTED:
                continue
            self.explained.add(index)
            function = meaning.function or "Tuner.run_trial()"
            name = meaning.name or objective
            message = self._not_reported_message(function, meaning.detail, name)
            location = overrides.get(function) or self._objective_location()
            help_text = "Return the history from `fit` (or `super().run_trial(...)`), a number, or a dict of metrics"
            if name:
                help_text += f" that contains `{name}`"
            self._add("KT106", message, location, help_text, objective=name)
            for row in self.result.objectives:
                if row.name == name or name is None:
                    # The key may well be logged; the override is what drops it.
                    row.found, row.closest = False, []
                    row.code = row.code or "KT106"
                    row.fix = row.fix or "return the metrics"

    def _not_reported_message(self, function: str, failure: Optional[str], name: Optional[str]) -> str:
        objective = f"the objective `{name}`" if name else "the objective"
        if failure == classify.RETURNS_DICT:
            returned = (self.observation.get("results", {}).get(function) or {}).get("keys")
            keys = f" (it has {', '.join(f'`{key}`' for key in returned)})" if returned else ""
            return f"`{function}` returns a dict without {objective}{keys}, and KerasTuner raises FatalValueError"
        if failure == classify.REPORTS_TO_ORACLE:
            return f"`{function}` reports metrics to the oracle without {objective}, so the trial fails"
        return (f"`{function}` returns None, so KerasTuner receives no value for {objective} and raises "
                "FatalTypeError")

    def _has_not_reported(self) -> bool:
        return any(meaning is not None and meaning.kind == classify.NOT_REPORTED for meaning in self.meanings)

    # KT104: directions, for every tuner the code built.

    def _directions(self) -> None:
        for tuner in self.observation.get("tuners", []):
            if not tuner.get("constructed"):
                continue
            # A module:Attr target checks the probe's own tuner, not the tuners its module builds.
            if self.result.form == "target" and tuner is not self.tuner:
                continue
            for entry in tuner.get("objectives", []):
                self._check_direction(tuner, entry)

    def _check_direction(self, tuner: dict, entry: dict) -> None:
        name, direction = entry["name"], entry.get("direction")
        if name == "default_objective":
            return
        sense = self._sense(name)
        location = tuner.get("location") or self._objective_location()
        if direction not in ("min", "max"):
            help_text = 'Use "max" for scores and "min" for losses and errors'
            self._add("KT104", f"Objective direction `{direction}` is neither \"min\" nor \"max\", so KerasTuner "
                      "never finds a better trial", location, help_text, objective=name)
        elif sense and sense != direction:
            verb = "maximise" if sense == "max" else "minimise"
            help_text = f'Use `kt.Objective("{name}", "{sense}")`'
            self._add("KT104", f"KerasTuner will {_verb(direction)} `{name}`, but it is a metric to {verb}",
                      location, help_text, objective=name)
        else:
            return
        for row in self.result.objectives:
            if row.name == name and tuner is self.tuner:
                row.code = row.code or "KT104"
                row.fix = row.fix or (f'direction "{sense}"' if sense else 'direction "min" or "max"')

    def _sense(self, name: str) -> Optional[str]:
        """Return "max" or "min" for the metric behind a key, from Keras 3's own metadata, else its name."""
        base = name[len("val_"):] if name.startswith("val_") else name
        sense = sense_from_keras_direction(self.metric_directions.get(base))
        if sense:
            return sense
        if base == "loss" or base.endswith("_loss"):
            return "min"
        return sense_from_name(name)

    # KT301 and KT302: callbacks that monitor a key.

    def _monitors(self) -> None:
        keys = set(self.result.log_keys)
        mode_errors = {meaning.name: index for index, meaning in enumerate(self.meanings)
                       if meaning is not None and meaning.kind == classify.MONITOR}
        seen = set()
        for fit in self.observation.get("fits", []):
            for monitor in fit.get("monitors", []):
                name, callback = monitor["monitor"], monitor["callback"]
                if (callback, name) in seen:
                    continue
                seen.add((callback, name))
                location = fit.get("location") or self._search_location()
                if keys and name not in keys:
                    message = f"`{callback}` monitors `{name}`, which is never logged"
                    if name.startswith("val_") and self.result.validation is False:
                        message += " because `fit` gets no validation data"
                    match = closest_key(name, keys)
                    if match is not None:
                        message += f"; the closest logged key is `{match.key}`"
                    self._add("KT301", message, location,
                              f"Monitor one of the logged keys, such as `{match.key if match else 'val_loss'}`",
                              log_keys=sorted(keys))
                if name in mode_errors:
                    self.explained.add(mode_errors[name])
                    self._add("KT302", f"Keras {self.result.keras_major or ''} cannot tell whether `{name}` should go "
                              f"up or down, so `{callback}` raises `ValueError` in `mode=\"auto\"`", location,
                              'Pass `mode="max"` or `mode="min"`')

    # What is left.

    def _environment_faults(self) -> None:
        faults = {fault["fault"]: fault for fault in self.observation.get("environment", [])}
        for index, exception in enumerate(self.observation.get("exceptions", [])):
            fault = fault_from_exception(exception, self.result.versions)
            if fault is not None:
                faults.setdefault(fault["fault"], fault)
                self.explained.add(index)
        self.result.environment = list(faults.values())

    def _project_notes(self) -> None:
        for tuner in self.observation.get("tuners", []):
            project = tuner.get("requested_project") or {}
            if project.get("exists") and project.get("overwrite"):
                self.result.notes.append(f"The real run deletes the existing project {project['path']} "
                                         "(overwrite=True) when it constructs the tuner")
            elif project.get("reloads"):
                self.result.notes.append(
                    f"The real run reloads {project.get('trials', 0)} trials from {project['path']} "
                    "(overwrite=False) and keeps their old scores, even under a changed objective"
                )

    def _failures(self) -> None:
        for index, exception in enumerate(self.observation.get("exceptions", [])):
            if index in self.explained:
                continue
            meaning = self.meanings[index]
            if meaning is not None and meaning.kind in (classify.OBJECTIVE_MISSING, classify.VECTOR):
                # Already reported through the objectives table, when the logs showed it.
                if any(row.code for row in self.result.objectives):
                    continue
            text = f"{exception['type']}: {exception['message'].strip()}"
            if meaning is not None and meaning.kind == classify.NO_OBJECTIVE:
                text += " (the tuner has no objective; pass objective=... to it)"
            frame = _innermost_user(exception)
            if frame:
                text += f" (at {frame['file']}:{frame['line']})"
            if self.result.data == "synthesized" and exception.get("phase") in ("fit", "trial"):
                text += " (the probe made up the data; pass --data MODULE:FUNCTION to use yours)"
            self.result.failures.append(f"[{exception.get('phase')}] {text}")

    def _status(self) -> None:
        observation = self.observation
        result = self.result
        if observation.get("probe_error"):
            result.status = STATUS_ERROR
            result.error = observation["probe_error"]
            return
        missing = [fault for fault in result.environment if fault["fault"] == PACKAGE_MISSING]
        if missing:
            # Most likely the wrong interpreter: the probe could measure nothing.
            result.status = STATUS_ERROR
            result.error = f"{missing[0]['message']}. {missing[0]['fix']}"
            return
        stopped = observation.get("stopped")
        if result.form == "script" and stopped != "search":
            reason = _early_end(observation, stopped)
            if reason and not result.diagnostics and not result.environment:
                result.status = STATUS_ERROR
                result.error = reason
                return
            # A script that stops at an exception a rule explains needs no second message.
            if reason and stopped != "exception":
                result.notes.append(reason)
        trial = observation.get("trial") or {}
        failed = bool(trial) and trial.get("status") != "COMPLETED"
        if result.diagnostics or result.environment or result.failures or failed:
            result.status = STATUS_PROBLEMS
        elif any(row.found is not True for row in result.objectives) or not result.objectives:
            result.status = STATUS_PROBLEMS if result.objectives else STATUS_ERROR
            if not result.objectives:
                result.error = "the probe ran no trial, so it measured nothing"
        else:
            result.status = STATUS_OK

    # Helpers.

    def _explain(self, kind: str) -> None:
        for index, meaning in enumerate(self.meanings):
            if meaning is not None and meaning.kind == kind:
                self.explained.add(index)

    def _objective_location(self) -> Optional[dict]:
        """Return where the objective is written: the tuner construction, else the hypermodel's definition."""
        if self.tuner and self.tuner.get("location"):
            return self.tuner["location"]
        source = (self.observation.get("target") or {}).get("objective_source") or {}
        if isinstance(source.get("location"), dict):
            return source["location"]
        if self.objective_location:
            path, _, row = self.objective_location.rpartition(":")
            if path and row.isdigit():
                return {"file": path, "line": int(row)}
        hypermodel = self.result.hypermodel or {}
        if hypermodel.get("file"):
            return {"file": hypermodel["file"], "line": hypermodel.get("line") or 1}
        return None

    def _search_location(self) -> Optional[dict]:
        search = self.observation.get("search") or {}
        return search.get("location") or self._objective_location()

    def _add(self, code: str, message: str, frame: Optional[dict], help_text: Optional[str],
             objective: Optional[str] = None, log_keys: Optional[list[str]] = None) -> None:
        filename, start, end = _span(frame, self.result.target)
        for existing in self.result.diagnostics:
            if existing.code == code and existing.message == message and existing.filename == filename:
                return
        self.result.diagnostics.append(Diagnostic(
            code=code, name=_rule_name(code), message=message, filename=filename, location=start,
            end_location=end, help=help_text, objective=objective, log_keys=log_keys,
            keras_version=str(self.result.keras_major) if self.result.keras_major else None,
        ))


def _early_end(observation: dict, stopped: Optional[str]) -> Optional[str]:
    if stopped == "exit":
        return f"the script called sys.exit({observation.get('exit_code')!r}) before search()"
    if stopped == "end":
        return "the script ended without calling search() on a KerasTuner tuner"
    if stopped == "exception":
        exceptions = observation.get("exceptions") or []
        last = exceptions[-1] if exceptions else {"type": "an exception", "message": ""}
        frame = _innermost_user(last) if exceptions else None
        where = f" at {frame['file']}:{frame['line']}" if frame else ""
        return f"the script raised {last['type']}{where} before search(): {last['message'].strip()}"
    return None


def _closest_keys(name: str, keys: list[str], limit: int = 3) -> list[str]:
    ordered = []
    match = closest_key(name, keys)
    if match is not None:
        ordered.append(match.key)
    for key in difflib.get_close_matches(name, keys, n=limit, cutoff=0.4):
        if key not in ordered:
            ordered.append(key)
    return ordered[:limit]


def _verb(direction: Optional[str]) -> str:
    return {"max": "maximise", "min": "minimise"}.get(direction or "", str(direction))


def _innermost_user(exception: dict) -> Optional[dict]:
    return innermost_user_frame(exception.get("frames", []))


def _span(frame: Optional[dict], fallback: str) -> tuple[str, Location, Location]:
    if not frame:
        path = fallback.rsplit(":", 1)[0] if ".py:" in fallback else fallback
        return path, Location(1, 1), Location(1, 1)
    row = int(frame.get("line") or 1)
    column = int(frame.get("column") or 1)
    end_row = int(frame.get("end_line") or row)
    end_column = int(frame.get("end_column") or column)
    return str(frame.get("file")), Location(row, column), Location(end_row, end_column)


def _rule_name(code: str) -> str:
    from ktlint.rules import rule_by_code

    rule = rule_by_code(code)
    return rule.name if rule else code


def _keywords_help(class_name: Optional[str], major: Optional[int]) -> str:
    """List the keywords the class takes, from the static pass's measured tables when they have it."""
    if not class_name or not major:
        return "Check the metric's arguments"
    try:
        from ktlint.keys.tables import tables

        table = tables(major)
        entry = table.metric_class(class_name) or table.loss_class(class_name)
    except (OSError, KeyError, ValueError):
        entry = None
    if not entry:
        return f"Check the arguments of `{class_name}`"
    kinds = ("positional_or_keyword", "keyword_only")
    names = [param["name"] for param in entry["params"] if param["kind"] in kinds]
    return f"`{class_name}` takes " + ", ".join(f"`{name}`" for name in names)
