"""The core's one entry point: load → validate → index, every problem collected."""

from __future__ import annotations

from pathlib import Path

from .errors import ContentError, Problem, Severity
from .index import Site, build_index
from .load import load_sources
from .validate import validate
from .vocabularies import load_vocabularies


def check(root: Path) -> tuple[Site | None, list[Problem]]:
    """Read and validate the whole tree under ``root``; the site only when there is no error."""
    vocabularies, problems = load_vocabularies(root)
    sources, load_problems = load_sources(root)
    content, validation_problems = validate(sources, vocabularies)
    problems = sorted(problems + load_problems + validation_problems)
    if any(p.severity is Severity.ERROR for p in problems):
        return None, problems
    return build_index(content), problems


def load_site(root: Path) -> Site:
    """The indexed site, or :class:`ContentError` carrying every error."""
    site, problems = check(root)
    if site is None:
        raise ContentError([p for p in problems if p.severity is Severity.ERROR])
    return site
