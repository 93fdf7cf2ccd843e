"""`ktlint probe`: parse the command line, run the jobs in a child process and print what they measured.

This module runs in the parent process and must not import TensorFlow, Keras or KerasTuner.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Optional

from ktlint.probe.findings import evaluate
from ktlint.probe.report import EXIT_CODES, overall_status, write_json, write_rich
from ktlint.probe.result import ProbeResult, error_result
from ktlint.probe.spawn import Outcome, run_jobs

DEFAULT_TIMEOUT = 300.0
DIRECTIONS = ("min", "max")


class ProbeUsageError(Exception):
    """A target or option the probe cannot use; the message names it and the fix."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="ktlint probe",
        description="Run one real trial, limited to one training and one validation batch, and report every "
        "log key Keras writes and whether KerasTuner finds the objective. The user's code runs in a child "
        "process; nothing is written outside a temporary directory.",
        epilog="Targets: module:Attr or path/to/file.py:Attr, where Attr is a HyperModel subclass or instance "
        "or a build function; or script.py [-- script arguments], which runs until its first search().",
    )
    parser.add_argument("targets", nargs="+", metavar="TARGET", help="module:Attr, file.py:Attr or script.py")
    parser.add_argument("--objective", action="append", metavar="NAME[:min|max]",
                        help="objective for a module:Attr target (repeat for several); default: the objective of "
                        "the tuner the static pass finds for it. Without :min or :max, KerasTuner infers the "
                        "direction, as for a plain string")
    parser.add_argument("--data", metavar="MODULE:FUNCTION",
                        help="function returning (x, y), (x, y, validation_data), (x, y, x_val, y_val) or a dict "
                        "of search() arguments; default: data made up from the model's shapes and loss")
    parser.add_argument("--output-format", choices=("full", "json"), default="full", help="how to print the result")
    parser.add_argument("--output-file", type=Path, help="write the result to this file instead of stdout")
    parser.add_argument("--compare", action="store_true",
                        help="also list every key the static pass predicts differently from the real fit")
    parser.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT, metavar="SECONDS",
                        help=f"time limit for each target, TensorFlow's import included (default: {DEFAULT_TIMEOUT:g})")
    parser.add_argument("--python", default=sys.executable, metavar="PATH",
                        help="interpreter that runs the user's code, such as another environment's Keras "
                        "(default: the one running ktlint)")
    parser.add_argument("--graph", action="store_true",
                        help="run the batch as a compiled tf.function like a real trial, not eagerly (slower; "
                        "catches code that works only eagerly)")
    parser.add_argument("--show-output", action="store_true",
                        help="print what the user's code wrote to stdout and stderr")
    return parser


def probe_main(argv: Sequence[str]) -> int:
    argv = list(argv)
    script_args: list[str] = []
    if "--" in argv:
        split = argv.index("--")
        argv, script_args = argv[:split], argv[split + 1:]
    args = build_parser().parse_args(argv)
    cwd = os.getcwd()

    try:
        objectives = [parse_objective(text) for text in args.objective or []]
        data = parse_reference(args.data, "--data") if args.data else None
        jobs = [make_job(index, text, cwd, objectives, data, script_args) for index, text in enumerate(args.targets)]
        if script_args and not (len(jobs) == 1 and jobs[0]["form"] == "script"):
            raise ProbeUsageError("arguments after -- go to a script; give exactly one script.py target with them")
    except ProbeUsageError as error:
        results = [error_result(" ".join(args.targets), "", str(error))]
        return _finish(results, args)

    results = run_probe(jobs, args)
    return _finish(results, args)


def run_probe(jobs: list[dict], args: argparse.Namespace) -> list[ProbeResult]:
    temp_dir = tempfile.mkdtemp(prefix="ktlint-probe-")
    static: dict[int, dict] = {}
    try:
        for job in jobs:
            job["output"] = os.path.join(temp_dir, f"job-{job['index']}.out")

        def lookup(job: dict) -> dict:
            found = static_objectives(job)
            static[job["index"]] = found
            return found

        execution = "graph" if args.graph else "eager"
        outcomes = run_jobs(args.python, jobs, temp_dir, execution, args.timeout, lookup)
        results = [_result(job, outcome, static.get(job["index"]), args.show_output)
                   for job, outcome in zip(jobs, outcomes)]
        if args.compare:
            from ktlint.probe.compare import compare_with_static

            for result in results:
                if result.status != "error" or result.log_keys:
                    result.compare = compare_with_static(result)
    finally:
        shutil.rmtree(temp_dir, ignore_errors=True)
    return results


def _result(job: dict, outcome: Outcome, static: Optional[dict], show_output: bool) -> ProbeResult:
    if outcome.observation is None:
        return error_result(job["label"], job["form"], outcome.error or "the probe returned nothing", outcome.output)
    requested = job.get("objectives") or (static or {}).get("objectives") or []
    location = (static or {}).get("location") if not job.get("objectives") else None
    result = evaluate(outcome.observation, job["label"], requested, location)
    if show_output:
        result.output = outcome.output
    if static and static.get("error") and not job.get("objectives") and result.status == "error":
        result.notes.append(f"static pass: {static['error']}")
    return result


def _finish(results: list[ProbeResult], args: argparse.Namespace) -> int:
    stream = open(args.output_file, "w", encoding="utf-8") if args.output_file else sys.stdout
    try:
        if args.output_format == "json":
            write_json(results, stream)
        else:
            write_rich(results, stream, show_output=args.show_output)
    finally:
        if stream is not sys.stdout:
            stream.close()
    return EXIT_CODES[overall_status(results)]


# Targets and options.

def make_job(index: int, text: str, cwd: str, objectives: list[dict], data: Optional[dict],
             script_args: list[str]) -> dict:
    """Describe one target for the child: a script, or a module:Attr / file.py:Attr target."""
    job = {"index": index, "label": text, "cwd": cwd, "argv": [], "objectives": None,
           "objectives_pending": False, "data": None}
    if text.endswith(".py"):
        path = Path(cwd, text)
        if not path.is_file():
            raise ProbeUsageError(f"script not found: {text}")
        if objectives or data:
            raise ProbeUsageError("--objective and --data apply to module:Attr targets; a script brings its own "
                                  "tuner and data")
        job.update(form="script", path=str(path), argv=list(script_args))
        return job

    reference = parse_reference(text, "target")
    job.update(form="target", attribute=reference["attribute"], data=data)
    if reference.get("path"):
        job["path"] = reference["path"]
        job["static_file"] = reference["path"]
    else:
        job["module"] = reference["module"]
        job["static_file"] = module_file(reference["module"], cwd)
    if objectives:
        job["objectives"] = objectives
    else:
        job["objectives_pending"] = True
    return job


def parse_reference(text: str, what: str) -> dict:
    """Split `module:attr` or `path/to/file.py:attr`."""
    head, separator, attribute = text.rpartition(":")
    if not separator or not head or not attribute:
        raise ProbeUsageError(f"invalid {what} {text!r}: use module:Attr, path/to/file.py:Attr or script.py")
    if not all(part.isidentifier() for part in attribute.split(".")):
        raise ProbeUsageError(f"invalid attribute {attribute!r} in {text!r}")
    if head.endswith(".py"):
        if not Path(head).is_file():
            raise ProbeUsageError(f"file not found: {head}")
        return {"path": str(Path(head).resolve()), "attribute": attribute}
    if not all(part.isidentifier() for part in head.split(".")):
        raise ProbeUsageError(f"invalid module name {head!r} in {text!r}: use dotted.module:Attr or file.py:Attr")
    return {"module": head, "attribute": attribute}


def parse_objective(text: str) -> dict:
    name, separator, direction = text.rpartition(":")
    if not separator:
        return {"name": text, "direction": None}
    if direction not in DIRECTIONS:
        raise ProbeUsageError(f"invalid objective direction {direction!r} in {text!r}: use NAME, NAME:min or NAME:max")
    if not name:
        raise ProbeUsageError(f"invalid objective {text!r}: the name is empty")
    return {"name": name, "direction": direction}


def module_file(module: str, cwd: str) -> Optional[str]:
    """Find a module's source file without importing it (importing could pull in TensorFlow)."""
    roots = [cwd] + [entry for entry in os.environ.get("PYTHONPATH", "").split(os.pathsep) if entry]
    parts = module.split(".")
    for root in roots:
        base = Path(root, *parts)
        for candidate in (base.with_suffix(".py"), base / "__init__.py"):
            if candidate.is_file():
                return str(candidate.resolve())
    return None


def static_objectives(job: dict) -> dict:
    """Look up the objectives of the tuner the static pass finds for the job's hypermodel."""
    file = job.get("static_file")
    if not file:
        return {"objectives": None, "error": f"cannot find the source file of {job.get('module')!r}"}
    try:
        from ktlint.targets import static_view

        view = static_view(Path(file), job["attribute"])
    except Exception as error:  # A static-pass failure must not stop the runtime check.
        return {"objectives": None, "error": f"{type(error).__name__}: {error}"}
    if not view.found:
        return {"objectives": None, "error": f"the static pass does not see {job['attribute']} as a hypermodel"}
    if not view.objectives:
        return {"objectives": None, "error": f"the static pass finds no tuner that uses {job['attribute']}"}
    entries = []
    for objective in view.objectives:
        direction = next(iter(objective.direction.values()), None) if objective.explicit else None
        entries.append({"name": objective.name, "direction": direction})
    return {"objectives": entries, "location": view.tuner_location}
