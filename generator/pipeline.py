"""The core's one entry point: load → validate → index, every problem collected."""

from __future__ import annotations

from pathlib import Path

from .errors import ContentError, Problem, Severity
from .frontmatter import parse_yaml
from .glossary_use import NOT_ACRONYMS, acronym_warnings
from .index import Site, build_index
from .load import load_sources
from .validate import validate
from .vocabularies import load_vocabularies


def check(root: Path, warnings: bool = True) -> tuple[Site | None, list[Problem]]:
    """Read and validate the whole tree under ``root``; the site only when there is no error.
    ``warnings=False`` skips the acronym warnings, which only ``portal check`` prints."""
    vocabularies, problems = load_vocabularies(root)
    sources, load_problems = load_sources(root)
    content, validation_problems = validate(sources, vocabularies)
    problems = sorted(problems + load_problems + validation_problems)
    if any(p.severity is Severity.ERROR for p in problems):
        return None, problems
    not_acronyms, list_problems = _not_acronyms(root)
    if list_problems:
        return None, sorted(problems + list_problems)
    site = build_index(content)
    if warnings:
        problems = sorted(problems + acronym_warnings(sources, site.acronyms, not_acronyms))
    return site, problems


def _not_acronyms(root: Path) -> tuple[frozenset[str], list[Problem]]:
    """The editors' list of words in capitals that are names, not acronyms (no warning)."""
    path = root / NOT_ACRONYMS
    if not path.is_file():
        return frozenset(), []
    parsed = parse_yaml(path.read_text(encoding="utf-8"), NOT_ACRONYMS)
    if isinstance(parsed, list):  # not YAML: the problems say where
        return frozenset(), parsed
    words = parsed[0] or []
    if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
        message = "une liste de mots est attendue (une ligne « - MOT » par mot)"
        return frozenset(), [Problem(NOT_ACRONYMS, 1, "fichier", message, Severity.ERROR)]
    return frozenset(words), []


def load_site(root: Path) -> Site:
    """The indexed site, or :class:`ContentError` carrying every error (a build reports no
    warning, so none is looked for)."""
    site, problems = check(root, warnings=False)
    if site is None:
        raise ContentError([p for p in problems if p.severity is Severity.ERROR])
    return site
