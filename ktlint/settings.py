"""Settings from `[tool.ktlint]` in the nearest pyproject.toml, overridden by the command line."""

from __future__ import annotations

import fnmatch
import sys
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Optional

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 and earlier only
    import tomli as tomllib

from ktlint.discovery.files import DEFAULT_EXCLUDES

KNOWN_KEYS = {
    "select", "ignore", "extend-select", "exclude", "extend-exclude", "per-file-ignores",
    "keras-version", "output-format",
}
OUTPUT_FORMATS = ("full", "concise", "json", "sarif", "github")


class ConfigError(Exception):
    """An invalid configuration file; the message names the file, the key and the value."""


@dataclass(frozen=True)
class Settings:
    select: tuple[str, ...] = ("KT",)
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    exclude: tuple[str, ...] = DEFAULT_EXCLUDES
    extend_exclude: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    keras_version: str = "auto"
    output_format: str = "full"
    # Rule selection given on the command line is applied after the file's, as in Ruff. `--select`
    # replaces the file's select, extend-select and ignore. `--extend-select` and `--ignore` add to the rest.
    cli_select: Optional[tuple[str, ...]] = None
    cli_extend_select: tuple[str, ...] = ()
    cli_ignore: tuple[str, ...] = ()
    # The folder of the pyproject.toml these settings came from; per-file patterns are relative to it.
    root: Optional[Path] = None
    source: Optional[Path] = None

    @property
    def excludes(self) -> tuple[str, ...]:
        return self.exclude + self.extend_exclude

    def enabled_codes(self, all_codes, path: Optional[Path] = None) -> set[str]:
        if self.cli_select is not None:
            chosen = {code for code in all_codes if _matches(code, self.cli_select)}
        else:
            chosen = {code for code in all_codes if _matches(code, self.select + self.extend_select)}
            chosen = {code for code in chosen if not _matches(code, self.ignore)}
        chosen |= {code for code in all_codes if _matches(code, self.cli_extend_select)}
        ignored = set(self.cli_ignore)
        if path is not None:
            for pattern, codes in self.per_file_ignores:
                if _path_matches(path, pattern, self.root):
                    ignored |= set(codes)
        return {code for code in chosen if not _matches(code, tuple(ignored))}


def _matches(code: str, prefixes: tuple[str, ...]) -> bool:
    return any(prefix == "ALL" or code.startswith(prefix) for prefix in prefixes)


def _path_matches(path: Path, pattern: str, root: Optional[Path]) -> bool:
    candidates = [path.as_posix(), path.name]
    if root is not None:
        try:
            candidates.append(path.resolve().relative_to(root.resolve()).as_posix())
        except ValueError:
            pass
    return any(fnmatch.fnmatch(candidate, pattern) for candidate in candidates)


def _codes(value, key: str, source: Path) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ConfigError(f"{source}: [tool.ktlint] {key} must be a list of rule codes such as [\"KT101\"], got {value!r}")
    known = _known_codes()
    for item in value:
        if item != "ALL" and (not item.strip() or not any(code.startswith(item.upper()) for code in known)):
            raise ConfigError(f"{source}: [tool.ktlint] {key} has an unknown rule code {item!r}; use a code or prefix "
                              f"of {', '.join(known)}")
    return tuple(item.upper() if item != "ALL" else item for item in value)


def _known_codes() -> tuple[str, ...]:
    from ktlint.rules import ALL_RULES

    return tuple(rule.code for rule in ALL_RULES)


def _patterns(value, key: str, source: Path) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ConfigError(f"{source}: [tool.ktlint] {key} must be a list of glob patterns, got {value!r}")
    return tuple(value)


def settings_from_table(table: dict, source: Path) -> Settings:
    """Validate a `[tool.ktlint]` table; raise ConfigError naming the key, the value and the file."""
    unknown = sorted(set(table) - KNOWN_KEYS)
    if unknown:
        known = ", ".join(sorted(KNOWN_KEYS))
        raise ConfigError(f"{source}: unknown key {unknown[0]!r} in [tool.ktlint]; known keys: {known}")

    settings = Settings(root=source.parent, source=source)
    if "select" in table:
        settings = replace(settings, select=_codes(table["select"], "select", source))
    if "extend-select" in table:
        settings = replace(settings, extend_select=_codes(table["extend-select"], "extend-select", source))
    if "ignore" in table:
        settings = replace(settings, ignore=_codes(table["ignore"], "ignore", source))
    if "exclude" in table:
        settings = replace(settings, exclude=_patterns(table["exclude"], "exclude", source))
    if "extend-exclude" in table:
        settings = replace(settings, extend_exclude=_patterns(table["extend-exclude"], "extend-exclude", source))
    if "per-file-ignores" in table:
        value = table["per-file-ignores"]
        if not isinstance(value, dict):
            raise ConfigError(f"{source}: [tool.ktlint] per-file-ignores must be a table of pattern = [codes], got {value!r}")
        pairs = tuple((pattern, _codes(codes, f"per-file-ignores.{pattern}", source)) for pattern, codes in value.items())
        settings = replace(settings, per_file_ignores=pairs)
    if "keras-version" in table:
        value = str(table["keras-version"]).lower()
        if value not in ("auto", "2", "3"):
            raise ConfigError(f"{source}: [tool.ktlint] keras-version must be \"auto\", \"2\" or \"3\", got {table['keras-version']!r}")
        settings = replace(settings, keras_version=value)
    if "output-format" in table:
        value = table["output-format"]
        if value not in OUTPUT_FORMATS:
            raise ConfigError(f"{source}: [tool.ktlint] output-format must be one of {', '.join(OUTPUT_FORMATS)}, got {value!r}")
        settings = replace(settings, output_format=value)
    return settings


def _read_toml(path: Path) -> dict:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except OSError as error:
        raise ConfigError(f"{path}: cannot be read ({error.strerror or error})") from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: invalid TOML ({error}); fix the file or pass --config") from None


def _settings_from_document(data: dict, path: Path) -> Settings:
    table = data.get("tool", {}).get("ktlint")
    if table is None:
        return Settings(root=path.parent, source=path)
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: [tool.ktlint] must be a table, got {table!r}")
    return settings_from_table(table, path)


def load_config_file(path: Path) -> Settings:
    """Settings of one pyproject.toml (defaults when it has no [tool.ktlint] table); raise ConfigError."""
    return _settings_from_document(_read_toml(path), path)


@lru_cache(maxsize=None)
def nearest_settings(folder: Path) -> Settings:
    """Settings of the nearest pyproject.toml with a [tool.ktlint] table at or above `folder`.

    A pyproject.toml without the table is passed over, but one that is not valid TOML is an error,
    since it may be the one meant to configure ktlint. Each folder is looked at once per process.
    """
    pyproject = folder / "pyproject.toml"
    if pyproject.is_file():
        data = _read_toml(pyproject)
        if "ktlint" in data.get("tool", {}):
            return _settings_from_document(data, pyproject)
    if folder.parent == folder:
        return Settings()
    return nearest_settings(folder.parent)


# Command-line rule selection is kept apart from the file's, so the two can be layered (see Settings).
_SELECTION_OVERRIDES = {"select": "cli_select", "extend_select": "cli_extend_select", "ignore": "cli_ignore"}


def apply_overrides(settings: Settings, overrides: dict) -> Settings:
    """Layer the command-line values that were given over the file settings.

    Rule selection is layered as described on Settings; every other value given replaces the file's.
    """
    given = {_SELECTION_OVERRIDES.get(key, key): value for key, value in overrides.items() if value is not None}
    return replace(settings, **given) if given else settings
