"""The `ktlint [PATH...]` command: settings, discovery, linting, fixes and the report."""

from __future__ import annotations

import argparse
import io
import json
import os
import sys
from collections import Counter
from pathlib import Path
from typing import Optional

from ktlint.cli import EXIT_CLEAN, EXIT_DIAGNOSTICS, EXIT_ERROR, UsageError
from ktlint.diagnostics import Diagnostic
from ktlint.discovery.files import discover, is_excluded
from ktlint.engine import Input, LintResult, lint
from ktlint.fix.apply import FixedFile, fixable, fixed_sources, write_atomically
from ktlint.keys.version import parse_keras_version
from ktlint.parsing.notebook import NotebookSource
from ktlint.rules import ALL_RULES
from ktlint.settings import (
    ConfigError,
    Settings,
    apply_overrides,
    load_config_file,
    nearest_settings,
)

ALL_CODES = tuple(rule.code for rule in ALL_RULES)
# `--fix` lints again after each pass of fixes; this many passes always settle in practice.
MAX_FIX_PASSES = 10
STDIN = Path("-")


def _split(value: Optional[str]) -> Optional[tuple[str, ...]]:
    if value is None:
        return None
    return tuple(part.strip().upper() if part.strip() != "ALL" else "ALL" for part in value.split(",") if part.strip())


def _overrides(args: argparse.Namespace) -> dict:
    return {
        "select": _split(args.select),
        "extend_select": _split(args.extend_select),
        "ignore": _split(args.ignore),
        "exclude": tuple(p.strip() for p in args.exclude.split(",")) if args.exclude else None,
        "extend_exclude": tuple(p.strip() for p in args.extend_exclude.split(",")) if args.extend_exclude else None,
        "keras_version": args.keras_version,
        "output_format": args.output_format,
    }


class SettingsResolver:
    """Settings per folder: the nearest pyproject.toml (or --config) with the command line layered on top."""

    def __init__(self, args: argparse.Namespace) -> None:
        self._args = args
        self._overrides = _overrides(args)
        self._cache: dict[Path, Settings] = {}

    def __call__(self, folder: Path) -> Settings:
        # Folders are looked up by their absolute path as written, not resolved: a symlinked folder is
        # configured by the pyproject.toml above the link, as a user reading the path would expect.
        key = Path(os.path.abspath(folder))
        if key not in self._cache:
            if self._args.config is None and key.parent != key and not (key / "pyproject.toml").is_file():
                self._cache[key] = self(key.parent)
                return self._cache[key]
            try:
                base = load_config_file(self._args.config) if self._args.config else nearest_settings(key)
            except ConfigError as error:
                raise UsageError(str(error)) from None
            self._cache[key] = apply_overrides(base, self._overrides)
        return self._cache[key]

    def excludes_for(self, folder: Path) -> tuple[tuple[str, ...], Optional[Path]]:
        settings = self(folder)
        return settings.excludes, settings.root


def run_check(args: argparse.Namespace) -> int:
    _validate(args)
    resolver = SettingsResolver(args)
    cwd_settings = resolver(Path.cwd())
    reads_stdin = args.paths == [STDIN] or (not args.paths and args.stdin_filename is not None)
    if STDIN in args.paths and not reads_stdin:
        raise UsageError("`-` (read stdin) cannot be combined with other paths")

    inputs: list[Input] = []
    missing: list[Path] = []
    unreadable: list[str] = []
    if reads_stdin:
        name = args.stdin_filename or STDIN
        inputs.append(Input(path=name, data=sys.stdin.buffer.read()))
    else:
        found = discover(args.paths or [Path(".")], cwd_settings.excludes, force_exclude=args.force_exclude,
                         excludes_for=resolver.excludes_for)
        missing = found.missing
        unreadable = found.unreadable
        inputs = [Input(path=file) for file in found.files]

    result = _lint_grouped(inputs, args, resolver)
    status = EXIT_CLEAN
    for path in missing:
        print(f"ktlint: error: {path}: no such file or folder; check the path", file=sys.stderr)
        status = EXIT_ERROR
    for problem in unreadable:
        print(f"ktlint: error: {problem}; check its permissions", file=sys.stderr)
        status = EXIT_ERROR
    for error in result.internal_errors:
        print(f"ktlint: internal error, please report it: {error}", file=sys.stderr)
        status = EXIT_ERROR

    would_fix = 0
    if reads_stdin and args.fix:
        result = _fix_stdin(result, inputs[0], args, resolver)
    elif args.diff:
        would_fix = _show_diff(result, args)
        result.diagnostics = []
    elif args.fix:
        result = _apply_fixes(result, inputs, args, resolver)
        if result.write_failures:
            status = EXIT_ERROR

    args.had_errors = status == EXIT_ERROR
    _report(result, args, cwd_settings, to_stderr=reads_stdin and args.fix)
    if status == EXIT_ERROR:
        return EXIT_ERROR
    if args.exit_zero:
        return EXIT_CLEAN
    if result.diagnostics or would_fix:
        return EXIT_DIAGNOSTICS
    return EXIT_CLEAN


def _validate(args: argparse.Namespace) -> None:
    if args.keras_version is not None:
        try:
            parse_keras_version(args.keras_version)
        except ValueError as error:
            raise UsageError(str(error)) from None
    if args.select is not None and not _split(args.select):
        raise UsageError("--select is empty, so no rule would run; give codes or prefixes such as KT1 or ALL")
    for option in ("select", "extend_select", "ignore"):
        for code in _split(getattr(args, option)) or ():
            if code != "ALL" and not any(known.startswith(code) for known in ALL_CODES):
                raise UsageError(f"--{option.replace('_', '-')}: unknown rule code {code!r}; known codes: {', '.join(ALL_CODES)}")
    if args.stdin_filename is not None and args.paths not in ([], [STDIN]):
        raise UsageError("--stdin-filename names source read from stdin; pass `-` or no paths with it")


def _lint_grouped(inputs: list[Input], args: argparse.Namespace, resolver: SettingsResolver) -> LintResult:
    """Lint files that share settings together, so cross-file facts resolve within one project."""
    groups: dict[Settings, list[Input]] = {}
    for item in inputs:
        folder = item.path.parent if item.path != STDIN else Path.cwd()
        settings = resolver(folder)
        if args.force_exclude and item.path != STDIN and is_excluded(item.path, settings.excludes, settings.root):
            continue
        groups.setdefault(settings, []).append(item)

    combined = LintResult()
    for settings, items in groups.items():
        try:
            majors = parse_keras_version(settings.keras_version)
        except ValueError as error:
            raise UsageError(f"{settings.source}: {error}") from None
        selected = settings.enabled_codes(ALL_CODES)
        result = lint(items, majors, selected)
        combined.files_checked += result.files_checked
        combined.files_parsed += result.files_parsed
        combined.internal_errors.extend(result.internal_errors)
        combined.sources.update(result.sources)
        combined.diagnostics.extend(
            d for d in result.diagnostics if d.code in settings.enabled_codes(ALL_CODES, Path(d.filename))
        )
    combined.diagnostics.sort(key=Diagnostic.sort_key)
    return combined


def _show_diff(result: LintResult, args: argparse.Namespace) -> int:
    """Print the fixes as a unified diff; return how many fixes would be applied."""
    changed = fixed_sources(result.diagnostics, result.sources, args.unsafe_fixes)
    for _, fixed in sorted(changed.items()):
        sys.stdout.write(fixed.diff())
    count = sum(fixed.applied for fixed in changed.values())
    print(f"Would fix {count} error{'s' if count != 1 else ''}.", file=sys.stderr)
    return count


def _apply_fixes(result: LintResult, inputs: list[Input], args: argparse.Namespace,
                 resolver: SettingsResolver) -> LintResult:
    # One fix can make another diagnostic appear (a renamed plain-string objective may then need a
    # direction), so fix and lint again until nothing changes, as Ruff does.
    fixed = 0
    write_failures: list[str] = []
    for _ in range(MAX_FIX_PASSES):
        changed = fixed_sources(result.diagnostics, result.sources, args.unsafe_fixes)
        written = 0
        for filename, change in changed.items():
            data = _encoded(change)
            if data is None:
                continue
            try:
                write_atomically(change.source.path, data)
            except OSError as error:
                print(f"ktlint: error: {filename}: the fixed file cannot be written ({error.strerror or error})",
                      file=sys.stderr)
                write_failures.append(filename)
                continue
            written += change.applied
        _warn_unfixed_notebooks(result, changed, args)
        if not written:
            break
        fixed += written
        # Lint again so the next pass and the report see only what is left.
        result = _lint_grouped(inputs, args, resolver)
    if fixed:
        print(f"Fixed {fixed} error{'s' if fixed != 1 else ''}.", file=sys.stderr)
    result.write_failures = write_failures
    return result


def _fix_stdin(result: LintResult, item: Input, args: argparse.Namespace, resolver: SettingsResolver) -> LintResult:
    """Write the fixed source to stdout (as editors expect) and lint the fixed text for the report."""
    changed = fixed_sources(result.diagnostics, result.sources, args.unsafe_fixes)
    change = changed.get(str(item.path))
    data = _encoded(change) if change is not None else None
    sys.stdout.buffer.write(data if data is not None else item.data)
    sys.stdout.flush()
    if data is None:
        return result
    print(f"Fixed {change.applied} error{'s' if change.applied != 1 else ''}.", file=sys.stderr)
    return _lint_grouped([Input(path=item.path, data=data)], args, resolver)


def _encoded(change: FixedFile) -> Optional[bytes]:
    try:
        return change.data()
    except UnicodeEncodeError as error:
        print(f"ktlint: error: {change.source.path}: the fix adds text that {change.source.encoding} cannot "
              f"encode ({error.reason}); the file is left unchanged", file=sys.stderr)
        return None


def _warn_unfixed_notebooks(result: LintResult, changed: dict, args: argparse.Namespace) -> None:
    for filename, source in result.sources.items():
        if not isinstance(source, NotebookSource) or filename in changed:
            continue
        if any(d.filename == filename and fixable(d, args.unsafe_fixes) for d in result.diagnostics):
            print(f"ktlint: warning: {filename}: fixes not applied, because writing the notebook back would "
                  "reformat its JSON (it was not saved by Jupyter's serialiser)", file=sys.stderr)


def _report(result: LintResult, args: argparse.Namespace, settings: Settings, to_stderr: bool = False) -> None:
    diagnostics = result.diagnostics
    output_format = args.output_format or settings.output_format
    stream = io.StringIO()
    if args.statistics:
        _write_statistics(diagnostics, stream, as_json=output_format == "json")
    elif output_format == "json":
        from ktlint.report.json_format import write_json

        write_json(diagnostics, stream)
    elif output_format == "concise":
        from ktlint.report.concise import write_concise

        write_concise(diagnostics, stream)
        _write_summary(diagnostics, args, stream)
    elif output_format == "sarif":
        from ktlint.report.sarif import write_sarif

        write_sarif(diagnostics, stream)
    elif output_format == "github":
        from ktlint.report.github import write_github

        write_github(diagnostics, stream)
    else:
        from ktlint.report.full import write_full

        color = None if args.output_file is None and not to_stderr else False
        write_full(diagnostics, result.sources, stream, color=color)
        _write_summary(diagnostics, args, stream)

    text = stream.getvalue()
    if args.output_file is not None:
        try:
            args.output_file.parent.mkdir(parents=True, exist_ok=True)
            args.output_file.write_text(text, encoding="utf-8")
        except OSError as error:
            raise UsageError(f"--output-file {args.output_file}: cannot be written ({error.strerror or error})") from None
    elif to_stderr:
        sys.stderr.write(text)
    else:
        sys.stdout.write(text)


def _write_summary(diagnostics: list[Diagnostic], args: argparse.Namespace, stream: io.StringIO) -> None:
    count = len(diagnostics)
    if count:
        safe = sum(1 for d in diagnostics if d.fix and d.fix.applicability == "safe")
        unsafe = sum(1 for d in diagnostics if d.fix and d.fix.applicability == "unsafe")
        stream.write(f"Found {count} error{'s' if count != 1 else ''}.\n")
        if safe and not args.fix:
            stream.write(f"[*] {safe} fixable with the `--fix` option.\n")
        if unsafe and not args.unsafe_fixes:
            stream.write(f"({unsafe} more fixable with `--fix --unsafe-fixes`.)\n")
    elif getattr(args, "had_errors", False):
        stream.write("No diagnostics in the files that were checked, but some paths failed (see above).\n")
    elif not args.diff:
        stream.write("All checks passed!\n")


def _write_statistics(diagnostics: list[Diagnostic], stream: io.StringIO, as_json: bool) -> None:
    counts = Counter((d.code, d.name) for d in diagnostics)
    fixable = Counter((d.code, d.name) for d in diagnostics if d.fix and d.fix.applicability == "safe")
    ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    if as_json:
        rows = [{"code": code, "name": name, "count": count, "fixable": fixable[(code, name)] > 0}
                for (code, name), count in ordered]
        json.dump(rows, stream, indent=2)
        stream.write("\n")
        return
    for (code, name), count in ordered:
        marker = "[*] " if fixable[(code, name)] else ""
        stream.write(f"{count:>5}\t{code}\t{marker}{name}\n")
