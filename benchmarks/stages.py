"""Time each stage of `ktlint` on a large tree, to see whether a result cache would pay off.

Run: python benchmarks/stages.py [TREE] [--runs N]   (default: this interpreter's site-packages)
     python benchmarks/stages.py --make-project DIR      (write the synthetic project, then time it)

Each stage below is timed on its own in this process. The best of N runs is kept, so the OS file
cache is warm.
  start-up   `python -m ktlint --version` as a subprocess (interpreter and import time)
  walk       discovery: os.walk, default excludes and .gitignore
  read       reading every discovered file and the byte pre-filter (`keras_tuner` / `kerastuner`)
  parse      libcst parse plus position metadata of the files that pass the pre-filter
  lint       the whole static pass (engine.lint) on the discovered files: read, parse, imported
             modules, facts and rules
  command    `python -m ktlint TREE` end to end as a subprocess
A cache keyed by file content can skip only what comes after reading a file: parse, facts and rules.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import sysconfig
import time
from pathlib import Path

from ktlint.discovery.files import DEFAULT_EXCLUDES, discover
from ktlint.engine import MENTIONS_KERAS_TUNER, Input, lint
from ktlint.keys.version import detect_keras_majors
from ktlint.parsing.module import ParseFailure, parse_module
from ktlint.parsing.notebook import NotebookError, read_notebook
from ktlint.parsing.source import SourceError, decode_source


def best_of(runs: int, function):
    times = []
    value = None
    for _ in range(runs):
        start = time.perf_counter()
        value = function()
        times.append(time.perf_counter() - start)
    return min(times), value


def read_all(files: list[Path]) -> list[tuple[Path, bytes]]:
    kept = []
    for file in files:
        try:
            data = file.read_bytes()
        except OSError:
            continue
        if MENTIONS_KERAS_TUNER.search(data):
            kept.append((file, data))
    return kept


def parse_all(kept: list[tuple[Path, bytes]]) -> int:
    parsed = 0
    for path, data in kept:
        try:
            source = read_notebook(path, data) if path.suffix == ".ipynb" else decode_source(path, data)
            if source is not None:
                parse_module(source)
                parsed += 1
        except (SourceError, NotebookError, ParseFailure):
            pass
    return parsed


def make_project(folder: Path) -> None:
    """Write a project of 100 tuner files (the rules' Keras 3 examples, repeated) and 20 copies of the
    standard library's `email` package as the files that never mention KerasTuner."""
    import shutil

    from ktlint.rules import ALL_RULES

    examples = [example.code for rule in ALL_RULES for example in rule.invalid + rule.valid if example.keras == "3"]
    (folder / "pkg").mkdir(parents=True, exist_ok=True)
    for index in range(100):
        (folder / "pkg" / f"tuner_{index:03}.py").write_text(examples[index % len(examples)], encoding="utf-8")
    email = Path(sysconfig.get_paths()["stdlib"]) / "email"
    for index in range(20):
        shutil.copytree(email, folder / f"plain{index}", ignore=shutil.ignore_patterns("__pycache__"),
                        dirs_exist_ok=True)


def command_time(arguments: list[str], runs: int) -> float:
    def run():
        subprocess.run([sys.executable, "-m", "ktlint", *arguments], stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL, check=False)

    return best_of(runs, run)[0]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("tree", nargs="?", type=Path, default=Path(sysconfig.get_paths()["purelib"]))
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--make-project", type=Path, metavar="DIR", help="write the synthetic project to DIR and time it")
    args = parser.parse_args()
    if args.make_project is not None:
        make_project(args.make_project)
        args.tree = args.make_project

    walk, found = best_of(args.runs, lambda: discover([args.tree], DEFAULT_EXCLUDES).files)
    read, kept = best_of(args.runs, lambda: read_all(found))
    parse, parsed = best_of(args.runs, lambda: parse_all(kept))
    majors = detect_keras_majors()
    whole, result = best_of(args.runs, lambda: lint([Input(path=file) for file in found], majors))
    startup = command_time(["--version"], args.runs)
    command = command_time([str(args.tree), "--output-format", "concise"], args.runs)

    size = sum(len(data) for _, data in kept)
    print(f"tree: {args.tree}")
    print(f"files discovered: {len(found)}; passing the pre-filter: {len(kept)} ({size / 1e6:.1f} MB); "
          f"parsed: {parsed}")
    print(f"start-up  {startup:7.2f} s")
    print(f"walk      {walk:7.2f} s")
    print(f"read      {read:7.2f} s")
    print(f"parse     {parse:7.2f} s")
    print(f"lint      {whole:7.2f} s  ({result.files_parsed} files parsed, {len(result.diagnostics)} diagnostics)")
    print(f"command   {command:7.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
