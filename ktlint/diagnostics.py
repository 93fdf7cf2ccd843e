"""Diagnostics and fixes: the shapes every stage after the rules works with."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional


@dataclass(frozen=True, order=True)
class Location:
    """A 1-based row and 1-based column, as Ruff prints them."""

    row: int
    column: int

    def to_json(self) -> dict:
        return {"row": self.row, "column": self.column}


@dataclass(frozen=True)
class Edit:
    """Replacement of the text between two locations of one file."""

    content: str
    location: Location
    end_location: Location

    def to_json(self) -> dict:
        return {
            "content": self.content,
            "location": self.location.to_json(),
            "end_location": self.end_location.to_json(),
        }


@dataclass(frozen=True)
class Fix:
    """A titled group of edits; `applicability` is "safe" or "unsafe" as in Ruff."""

    message: str
    edits: tuple[Edit, ...]
    applicability: str = "safe"

    def to_json(self) -> dict:
        return {
            "message": self.message,
            "applicability": self.applicability,
            "edits": [edit.to_json() for edit in self.edits],
        }


@dataclass
class Diagnostic:
    """One problem found in one file."""

    code: str
    name: str
    message: str
    filename: str
    location: Location
    end_location: Location
    fix: Optional[Fix] = None
    # A concrete suggestion shown when no automatic fix applies.
    help: Optional[str] = None
    objective: Optional[str] = None
    log_keys: Optional[list[str]] = None
    keras_version: Optional[str] = None
    # Set for notebooks: the 1-based index of the cell among all cells; `location` is then cell-relative.
    cell: Optional[int] = None
    extra: dict = field(default_factory=dict)

    def sort_key(self) -> tuple:
        return (self.filename, self.cell or 0, self.location, self.code, self.message)

    def to_json(self) -> dict:
        item = {
            "code": self.code,
            "name": self.name,
            "message": self.message,
            "filename": self.filename,
            "location": self.location.to_json(),
            "end_location": self.end_location.to_json(),
            "fix": self.fix.to_json() if self.fix else None,
            "help": self.help,
            "objective": self.objective,
            "log_keys": self.log_keys,
            "keras_version": self.keras_version,
        }
        if self.cell is not None:
            item["cell"] = self.cell
        return item
