"""Content problems, reported as ``path:line: field: message`` in French.

The core never lets a parsing or validation exception escape for bad input: every problem becomes a
:class:`Problem`, all problems of a run are collected, and the caller decides how to report them.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from pathlib import Path


class Severity(Enum):
    ERROR = "erreur"
    WARNING = "avertissement"


@dataclass(frozen=True, order=True)
class Problem:
    """One problem found in one file. Ordered by path, then line, for stable reports."""

    path: str
    line: int
    field: str
    message: str
    severity: Severity = Severity.ERROR

    def __str__(self) -> str:
        field = f"{self.field}: " if self.field else ""
        return f"{self.path}:{self.line}: {field}{self.message}"


class ContentError(Exception):
    """Raised by the core when the content has errors; carries every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__(format_problems(self.problems))


def format_problems(problems: list[Problem]) -> str:
    return "\n".join(str(p) for p in problems)


def display_path(path: Path, root: Path) -> str:
    """The path as editors know it: relative to the content root when possible."""
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()
