"""Tell the user's code from library code in stack frames and tracebacks."""

from __future__ import annotations

import linecache
import os
import site
import sys
import sysconfig
import traceback
from functools import lru_cache
from types import FrameType, TracebackType
from typing import Optional

# Keep a frame list small enough for the JSON result; the innermost frames matter most.
MAX_FRAMES = 80


@lru_cache(maxsize=None)
def library_roots() -> tuple[str, ...]:
    """Folders whose files are not the user's: the standard library, site-packages and ktlint itself."""
    roots = set()
    for name in ("stdlib", "platstdlib", "purelib", "platlib"):
        path = sysconfig.get_paths().get(name)
        if path:
            roots.add(path)
    try:
        roots.update(site.getsitepackages())
    except AttributeError:
        # virtualenv's old site.py has no getsitepackages().
        pass
    user_site = getattr(site, "getusersitepackages", lambda: None)()
    if user_site:
        roots.add(user_site)
    roots.add(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    return tuple(sorted(os.path.realpath(root) + os.sep for root in roots))


def is_user_file(filename: str) -> bool:
    """True for a file of the user's project, including notebook cells (`/tmp/ipykernel_*/123.py`)."""
    if not filename or filename.startswith("<frozen") or filename == "<string>":
        return False
    if filename.startswith("<ipython-input-"):
        return True
    if filename.startswith("<"):
        return False
    path = os.path.realpath(filename)
    return not any(path.startswith(root) for root in library_roots())


def frame_record(summary: traceback.FrameSummary) -> dict:
    """Convert a traceback entry to a JSON frame with 1-based line and column numbers (columns need Python 3.11)."""
    column = getattr(summary, "colno", None)
    end_column = getattr(summary, "end_colno", None)
    return {
        "file": summary.filename,
        "line": summary.lineno or 1,
        "end_line": getattr(summary, "end_lineno", None) or summary.lineno or 1,
        "column": column + 1 if column is not None else None,
        "end_column": end_column + 1 if end_column is not None else None,
        "function": summary.name,
        "code": (summary.line or "").strip(),
        "user": is_user_file(summary.filename),
    }


def traceback_frames(tb: Optional[TracebackType]) -> list[dict]:
    """Frames of a traceback, outermost first."""
    frames = [frame_record(summary) for summary in traceback.extract_tb(tb)]
    return frames[-MAX_FRAMES:]


def caller_frame(skip_functions: tuple[str, ...] = ("__init__",)) -> Optional[dict]:
    """Return the innermost user frame on the current stack, preferring one outside `skip_functions`.

    A tuner subclass's `__init__` calls `super().__init__()`, so the frame that constructs the tuner is
    the innermost user frame that is not an `__init__`.
    """
    user = []
    frame = sys._getframe(1)
    while frame is not None:
        if is_user_file(frame.f_code.co_filename):
            user.append(frame)
        frame = frame.f_back
    if not user:
        return None
    chosen = next((frame for frame in user if frame.f_code.co_name not in skip_functions), user[0])
    return live_frame_record(chosen)


def live_frame_record(frame: FrameType) -> dict:
    """Describe a live frame, with the span of the expression it executes (Python 3.11 and later)."""
    line, end_line, column, end_column = frame.f_lineno, frame.f_lineno, None, None
    positions = getattr(frame.f_code, "co_positions", None)
    if positions is not None and frame.f_lasti >= 0:
        for index, position in enumerate(positions()):
            if index == frame.f_lasti // 2:
                line = position[0] or line
                end_line = position[1] or line
                column = position[2] + 1 if position[2] is not None else None
                end_column = position[3] + 1 if position[3] is not None else None
                break
    filename = frame.f_code.co_filename
    return {
        "file": filename,
        "line": line,
        "end_line": end_line,
        "column": column,
        "end_column": end_column,
        "function": frame.f_code.co_name,
        "code": linecache.getline(filename, line).strip(),
        "user": True,
    }


def innermost_user_frame(frames: list[dict]) -> Optional[dict]:
    """Return the user frame closest to where an exception was raised."""
    user = [frame for frame in frames if frame.get("user")]
    return user[-1] if user else None


def call_site_frame(frames: list[dict]) -> Optional[dict]:
    """Return the last user frame before the traceback enters library code, such as a tuner construction."""
    site_frame = None
    for frame in frames:
        if not frame.get("user"):
            if site_frame is not None:
                return site_frame
            continue
        site_frame = frame
    return site_frame
