"""Time `ktlint` against `ruff check` with one rule on the same large tree, side by side.

Run: python benchmarks/static_speed.py [TREE]   (default: this interpreter's site-packages)
Prints each tool's median wall time over several runs and the ratio ktlint / ruff. Both run as
subprocesses with caches off, so the numbers include interpreter start-up for ktlint.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import sysconfig
import time
from pathlib import Path

RUFF_RULE = "F821"


def timed(command: list[str]) -> float:
    start = time.perf_counter()
    completed = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    elapsed = time.perf_counter() - start
    if completed.returncode not in (0, 1):
        raise SystemExit(f"{command[0]} failed with exit code {completed.returncode}: {completed.stderr[-500:]}")
    return elapsed


def count_files(tree: Path) -> tuple[int, int]:
    files = list(tree.rglob("*.py"))
    mentioning = 0
    for file in files:
        try:
            data = file.read_bytes()
        except OSError:
            continue
        if b"keras_tuner" in data or b"kerastuner" in data:
            mentioning += 1
    return len(files), mentioning


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("tree", nargs="?", type=Path, default=Path(sysconfig.get_paths()["purelib"]))
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    ruff = shutil.which("ruff") or str(Path(sys.executable).with_name("ruff"))
    if not Path(ruff).exists():
        raise SystemExit("ruff is not installed; install the test extra: pip install -e '.[test]'")

    files, mentioning = count_files(args.tree)
    print(f"tree: {args.tree} ({files} Python files, {mentioning} mention KerasTuner)")
    # --exclude "" turns off ktlint's default excludes, which skip site-packages; ruff gets --no-force-exclude.
    ktlint = [sys.executable, "-m", "ktlint", str(args.tree), "--exclude", "__nothing__", "--output-format",
              "concise", "--no-cache", "--exit-zero"]
    ruff_command = [ruff, "check", str(args.tree), "--select", RUFF_RULE, "--no-cache", "--exit-zero",
                    "--output-format", "concise", "--isolated"]

    ktlint_times, ruff_times = [], []
    for _ in range(args.runs):
        # Alternate the two so that disk caches favour neither.
        ktlint_times.append(timed(ktlint))
        ruff_times.append(timed(ruff_command))
    ktlint_median = statistics.median(ktlint_times)
    ruff_median = statistics.median(ruff_times)
    print(f"ktlint: {ktlint_median:.2f} s (median of {args.runs})")
    print(f"ruff --select {RUFF_RULE}: {ruff_median:.2f} s (median of {args.runs})")
    print(f"ratio ktlint / ruff: {ktlint_median / ruff_median:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
