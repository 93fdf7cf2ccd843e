"""Command line: `ktlint [PATH...]`, `ktlint rule CODE` and `ktlint probe TARGET`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Optional, Sequence

from ktlint import __version__

EXIT_CLEAN = 0
EXIT_DIAGNOSTICS = 1
EXIT_ERROR = 2
OUTPUT_FORMATS = ("full", "concise", "json", "sarif", "github")


class UsageError(Exception):
    """Bad input from the command line or configuration; the message names the value and the fix."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="ktlint",
        description="Find KerasTuner objectives that name a log key Keras never writes, before the search runs.",
        epilog="Subcommands: `ktlint rule CODE` prints a rule's document; `ktlint probe TARGET` runs one real "
        "batch and reports the log keys Keras writes (see `ktlint probe --help`).",
    )
    parser.add_argument("paths", nargs="*", type=Path, help="files or folders to lint (default: .); - reads stdin")
    parser.add_argument("--version", action="version", version=f"ktlint {__version__}")
    parser.add_argument("--select", help="comma-separated rule codes or prefixes to enable (default: all)")
    parser.add_argument("--extend-select", help="rule codes or prefixes to enable on top of --select")
    parser.add_argument("--ignore", help="comma-separated rule codes or prefixes to disable")
    parser.add_argument("--exclude", help="comma-separated glob patterns to skip, replacing the default excludes")
    parser.add_argument("--extend-exclude", help="comma-separated glob patterns to skip on top of the excludes")
    parser.add_argument("--force-exclude", action="store_true",
                        help="apply the excludes to files named on the command line too (for pre-commit)")
    parser.add_argument("--output-format", choices=OUTPUT_FORMATS, help="how to print diagnostics (default: full)")
    parser.add_argument("--output-file", type=Path, help="write the report to this file instead of stdout")
    parser.add_argument("--keras-version", help="Keras major version to check against: auto, 2 or 3 (default: auto)")
    parser.add_argument("--exit-zero", action="store_true", help="exit with 0 even when diagnostics are found")
    parser.add_argument("--fix", action="store_true", help="apply safe fixes in place")
    parser.add_argument("--unsafe-fixes", action="store_true", help="with --fix or --diff, apply unsafe fixes too")
    parser.add_argument("--diff", action="store_true", help="print the fixes as a unified diff and write nothing")
    parser.add_argument("--statistics", action="store_true", help="print the number of diagnostics per rule")
    parser.add_argument("--stdin-filename", type=Path, help="the path to report for source read from stdin")
    parser.add_argument("--no-cache", action="store_true", help="accepted for compatibility with other linters; ktlint keeps no cache")
    parser.add_argument("--config", type=Path, help="read settings from this pyproject.toml")
    return parser


def main(argv: Optional[Sequence[str]] = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        if argv[:1] == ["rule"]:
            return _rule_command(argv[1:])
        if argv[:1] == ["probe"]:
            # The probe imports TensorFlow in a child process; the parent only loads this module.
            from ktlint.probe.command import probe_main

            return probe_main(argv[1:])
        from ktlint.check import run_check

        return run_check(build_parser().parse_args(argv))
    except UsageError as error:
        print(f"ktlint: error: {error}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        return EXIT_ERROR
    except Exception as error:  # noqa: BLE001 - a bug in ktlint must still exit with 2, not a traceback's 1
        import traceback

        traceback.print_exc()
        print(f"ktlint: internal error, please report it: {type(error).__name__}: {error}", file=sys.stderr)
        return EXIT_ERROR


def _rule_command(argv: Sequence[str]) -> int:
    from ktlint.rules import ALL_RULES, rule_by_code
    from ktlint.rules.docs import render_rule

    parser = argparse.ArgumentParser(prog="ktlint rule", description="Print the document of a rule.")
    parser.add_argument("code", nargs="?", help="rule code or name, such as KT101 or objective-not-logged")
    parser.add_argument("--all", action="store_true", help="print every rule")
    args = parser.parse_args(argv)
    if args.all:
        sys.stdout.write("\n".join(render_rule(rule) for rule in ALL_RULES))
        return EXIT_CLEAN
    if not args.code:
        parser.error("give a rule code such as KT101, or --all")
    rule = rule_by_code(args.code)
    if rule is None:
        codes = ", ".join(rule.code for rule in ALL_RULES)
        raise UsageError(f"unknown rule {args.code!r}; known rules: {codes}")
    sys.stdout.write(render_rule(rule))
    return EXIT_CLEAN
