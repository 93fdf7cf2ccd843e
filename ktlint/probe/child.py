"""Entry point of the probe's child process: `python -m ktlint.probe.child`.

Protocol, all JSON, one object per line:

* stdin, first line: the request, {"temp_dir", "results", "execution": "eager" | "graph", "jobs": [...]}.
  A job is {"index", "form": "script" | "target", "cwd", "path" or "module", "attribute", "argv",
  "objectives", "objectives_pending", "data", "output"}.
* stdin, later lines: {"job": index, "objectives": [...] | null, "location", "error"} for each job whose
  objectives the parent looks up with the static pass while this process imports TensorFlow.
* the results file: {"job": index, "event": "start"} when a job starts, then
  {"job": index, "event": "done", "observation": {...}} (see record.Observation).

The user's code prints to the job's own output file, never to this protocol.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
import traceback
from typing import Optional

from ktlint.probe.import_hook import KerasTunerImportHook
from ktlint.probe.intercept import Intercept
from ktlint.probe.job import run_job


class StaticObjectives:
    """Objectives sent by the parent on stdin, read only when a job needs them."""

    def __init__(self, stream, pending: set[int]) -> None:
        self.stream = stream
        self.pending = pending
        self.received: dict[int, dict] = {}

    def __call__(self, index: int) -> Optional[dict]:
        while index in self.pending and index not in self.received:
            line = self.stream.readline()
            if not line:
                return None
            message = json.loads(line)
            self.received[int(message["job"])] = message
        return self.received.get(index)


def main() -> int:
    # Importing the user's modules must not write __pycache__ folders into their project.
    sys.dont_write_bytecode = True
    # `python -m` puts the working directory first on sys.path; `python script.py` puts only the script's
    # folder there, which job.py adds per job.
    if sys.path and sys.path[0] in ("", os.getcwd()):
        sys.path.pop(0)
    request = json.loads(sys.stdin.readline())
    intercept = Intercept(request["temp_dir"], eager=request.get("execution", "eager") == "eager", freeze_gc=True)
    install_errors: list[str] = []

    def install() -> None:
        try:
            intercept.install()
        except Exception:
            install_errors.append("cannot patch this KerasTuner version:\n" + traceback.format_exc())

    if "keras_tuner" in sys.modules:
        install()
    else:
        sys.meta_path.insert(0, KerasTunerImportHook(install))

    jobs = request["jobs"]
    objectives = StaticObjectives(sys.stdin, {job["index"] for job in jobs if job.get("objectives_pending")})
    for job in jobs:
        _write_event(request["results"], {"job": job["index"], "event": "start"})
        with _output_to(job["output"]):
            observation = run_job(job, intercept, objectives, lambda: install_errors[0] if install_errors else None)
        _write_event(request["results"], {"job": job["index"], "event": "done", "observation": observation})
    return 0


def _write_event(path: str, event: dict) -> None:
    with open(path, "a", encoding="utf-8") as handle:
        handle.write(json.dumps(event, default=repr) + "\n")


@contextlib.contextmanager
def _output_to(path: str):
    """Send file descriptors 1 and 2, which TensorFlow's C++ logging also uses, to the job's output file."""
    sys.stdout.flush()
    sys.stderr.flush()
    saved = (os.dup(1), os.dup(2))
    with open(path, "ab") as handle:
        os.dup2(handle.fileno(), 1)
        os.dup2(handle.fileno(), 2)
        try:
            yield
        finally:
            with contextlib.suppress(Exception):
                sys.stdout.flush()
                sys.stderr.flush()
            os.dup2(saved[0], 1)
            os.dup2(saved[1], 2)
            os.close(saved[0])
            os.close(saved[1])


if __name__ == "__main__":
    sys.exit(main())
