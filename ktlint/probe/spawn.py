"""Start the probe's child process, feed it jobs, and turn a hang or a crash into an error for one job.

The parent never imports TensorFlow, Keras or KerasTuner; the child does, with the interpreter given
by `--python` (this interpreter by default).
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Optional

import ktlint

POLL_SECONDS = 0.02
# Characters of a job's output kept for an error report.
OUTPUT_TAIL = 4000


@dataclass
class Outcome:
    """The outcome of one job: the child's observation, or the reason there is none."""

    observation: Optional[dict] = None
    error: Optional[str] = None
    output: str = ""


def child_environment(temp_dir: str) -> dict:
    """Build the child's environment: ktlint importable, and no write outside `temp_dir` by Python or Keras."""
    env = dict(os.environ)
    library = os.path.join(temp_dir, "lib")
    os.makedirs(library, exist_ok=True)
    package = Path(ktlint.__file__).resolve().parent
    try:
        os.symlink(package, os.path.join(library, "ktlint"), target_is_directory=True)
        ktlint_path = library
    except OSError:
        # Without symlinks, expose the folder that contains the package.
        ktlint_path = str(package.parent)
    env["PYTHONPATH"] = os.pathsep.join(part for part in (ktlint_path, env.get("PYTHONPATH", "")) if part)
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    env.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

    # Keras 3 and Keras 2.15 write ~/.keras/keras.json on import when it is missing; otherwise they only read it.
    keras_home = env.get("KERAS_HOME") or os.path.join(os.path.expanduser("~"), ".keras")
    if not os.path.exists(os.path.join(keras_home, "keras.json")):
        env["KERAS_HOME"] = os.path.join(temp_dir, "keras")
    env.setdefault("MPLCONFIGDIR", os.path.join(temp_dir, "matplotlib"))
    return env


def run_jobs(
    python: str,
    jobs: list[dict],
    temp_dir: str,
    execution: str,
    timeout: float,
    static_objectives: Callable[[dict], dict],
) -> list[Outcome]:
    """Run every job, restarting the child after a job that hangs or kills it.

    `static_objectives(job)` is called for each job marked `objectives_pending`, while the child starts.
    """
    outcomes: list[Optional[Outcome]] = [None] * len(jobs)
    remaining = list(jobs)
    attempt = 0
    env = child_environment(temp_dir)
    while remaining:
        attempt += 1
        finished, started, failure = _run_child(
            python, remaining, temp_dir, execution, timeout, static_objectives, env, attempt
        )
        for index, observation in finished.items():
            outcomes[index] = Outcome(observation=observation, output=_output_tail(jobs[index]))
        unfinished = [job for job in remaining if job["index"] not in finished]
        if not unfinished:
            break
        current = unfinished[0] if started is None else next(job for job in unfinished if job["index"] == started)
        outcomes[current["index"]] = Outcome(error=failure, output=_output_tail(current))
        if started is None:
            # The child died before it ran a job: every other job would fail the same way.
            for job in unfinished[1:]:
                outcomes[job["index"]] = Outcome(error=failure, output=_output_tail(job))
            break
        remaining = [job for job in unfinished if job is not current]
    return [outcome or Outcome(error="the probe ran no child process") for outcome in outcomes]


def _run_child(python, jobs, temp_dir, execution, timeout, static_objectives, env, attempt):
    """Run one child over `jobs`; return (observations by job index, index of an unfinished job, failure)."""
    results = os.path.join(temp_dir, f"results-{attempt}.jsonl")
    Path(results).touch()
    request = {"temp_dir": temp_dir, "results": results, "execution": execution, "jobs": jobs}
    stderr_path = os.path.join(temp_dir, f"child-{attempt}.err")
    try:
        with open(stderr_path, "wb") as stderr:
            process = subprocess.Popen(
                [python, "-m", "ktlint.probe.child"],
                stdin=subprocess.PIPE, stdout=stderr, stderr=stderr, cwd=jobs[0]["cwd"], env=env,
                start_new_session=(os.name == "posix"),
            )
    except OSError as error:
        return {}, None, f"cannot start the interpreter {python}: {error}; check --python"
    _send(process, request, jobs, static_objectives)

    finished: dict[int, dict] = {}
    started: Optional[int] = None
    deadline = time.monotonic() + timeout
    offset = 0
    timed_out = False
    while True:
        exited = process.poll() is not None
        offset, events = _read_events(results, offset)
        for event in events:
            if event["event"] == "start":
                started = event["job"]
                deadline = time.monotonic() + timeout
            elif event["event"] == "done":
                finished[event["job"]] = event["observation"]
                started = None
        if exited:
            break
        if time.monotonic() > deadline:
            timed_out = True
            _kill(process)
            break
        time.sleep(POLL_SECONDS)
    offset, events = _read_events(results, offset)
    for event in events:
        if event["event"] == "done":
            finished[event["job"]] = event["observation"]
            started = None if started == event["job"] else started

    if timed_out:
        failure = f"the user's code did not finish within the timeout of {timeout:g} s; raise it with --timeout"
    else:
        code = process.returncode
        failure = f"the probe's child process exited with code {code} before it finished"
        if os.name == "posix" and code is not None and code < 0:
            failure = f"the probe's child process was killed by signal {-code} (a crash in native code?)"
        details = Path(stderr_path).read_text(encoding="utf-8", errors="replace")[-OUTPUT_TAIL:].strip()
        if details:
            failure += ":\n" + details
    return finished, started, failure


def _send(process, request: dict, jobs: list[dict], static_objectives) -> None:
    """Write the request, then the static pass's objectives, which the child reads when it needs them."""
    try:
        process.stdin.write((json.dumps(request) + "\n").encode("utf-8"))
        process.stdin.flush()
        for job in jobs:
            if job.get("objectives_pending"):
                message = dict(static_objectives(job), job=job["index"])
                process.stdin.write((json.dumps(message) + "\n").encode("utf-8"))
                process.stdin.flush()
        process.stdin.close()
    except (BrokenPipeError, OSError):
        # The child has already exited, and its exit code shows why.
        pass


def _read_events(path: str, offset: int) -> tuple[int, list[dict]]:
    with open(path, "rb") as handle:
        handle.seek(offset)
        data = handle.read()
    end = data.rfind(b"\n") + 1
    events = [json.loads(line) for line in data[:end].splitlines() if line.strip()]
    return offset + end, events


def _kill(process: subprocess.Popen) -> None:
    """Kill the child and anything it started, by the child's own process group."""
    try:
        if os.name == "posix":
            os.killpg(process.pid, signal.SIGKILL)
        else:
            process.kill()
    except (ProcessLookupError, PermissionError):
        pass
    process.wait()


def _output_tail(job: dict) -> str:
    try:
        text = Path(job["output"]).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""
    return text[-OUTPUT_TAIL:]


def default_python() -> str:
    return sys.executable
