"""Where the glossary's acronyms are used: back-references for /glossaire/ and editors' warnings.

Both read each item's own text (its Markdown body and the text values of its front matter) with
the one expression of :class:`~generator.acronyms.Acronyms`: one pass per page, never one per
acronym.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from typing import Any

from . import memos
from .acronyms import Acronyms
from .contenttypes import GLOSSARY, content_types
from .errors import Problem
from .frontmatter import FieldPath
from .index import Site
from .load import Source
from .models.common import Item


@dataclass(frozen=True, order=True)
class Use:
    title: str
    url: str  # site-relative


def _strings(value: Any, path: FieldPath = ()) -> Iterator[tuple[FieldPath, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, (*path, key))
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            yield from _strings(item, (*path, index))


def _field_name(path: FieldPath) -> str:
    name = ""
    for part in path:
        name += f"[{part}]" if isinstance(part, int) else (f".{part}" if name else str(part))
    return name


# A campus's ``acronyms`` field declares its own short names: it is not prose to check.
NOT_PROSE = frozenset({"acronyms"})
NOT_ACRONYMS = "content/non-sigles.yml"  # editors' list of capitalised names that are not acronyms


def acronym_warnings(
    sources: Iterable[Source], acronyms: Acronyms, not_acronyms: frozenset[str] = frozenset()
) -> list[Problem]:
    """Warnings of ``portal check``: upper-case tokens missing from the glossary, unknown
    ``{key}`` markers; once per file and token, at its first line. A glossary entry's own front
    matter (its short form, its expansions) is not prose, so only its body is read."""
    problems: list[Problem] = []
    for source in sources:
        doc = source.document
        found: list[Problem] = []
        if source.type is not GLOSSARY:
            for path, text in _strings(doc.data):
                if path[0] in NOT_PROSE:
                    continue
                field = _field_name(path)
                found += [
                    replace(p, field=field)
                    for p in acronyms.problems(
                        text, source.path, doc.line_of(path), not_acronyms
                    )
                ]
        found += [
            replace(p, field="texte")
            for p in acronyms.problems(doc.body, source.path, doc.body_line, not_acronyms)
        ]
        # One warning per token and file: its message names the token, so equal messages are
        # the same warning met again further down.
        seen: set[str] = set()
        for problem in sorted(found):
            if problem.message not in seen:
                seen.add(problem.message)
                problems.append(problem)
    return problems


def glossary_uses(
    site: Site, acronyms: Acronyms, pages: Iterable[tuple[str, str, str]] = ()
) -> dict[str, tuple[Use, ...]]:
    """Glossary slug → the pages using it, sorted by title. ``pages`` adds editorial pages as
    (site-relative URL, title, Markdown text)."""
    uses: dict[str, set[Use]] = defaultdict(set)
    keep = memos.kept()  # else each text is let go once read (11 MB of them at 4,000 items)
    texts: dict[int, tuple[Item, str]] = {}
    # The types whose items have a page of their own.
    for content_type in (t for t in content_types() if t.template):
        for item in site.content.of(content_type).values():
            known = _TEXTS.get(id(item))
            if known is not None and known[0] is item:
                text = known[1]
            else:
                values = [text for _, text in _strings(item.model_dump(mode="json"))]
                text = "\n".join([*values, item.body])
            if keep:
                texts[id(item)] = (item, text)
            use = Use(item.title, site.url(content_type, item.slug))
            for slug in acronyms.used(text):
                uses[slug].add(use)
    _TEXTS.clear()
    _TEXTS.update(texts)
    for url, title, text in pages:
        for slug in acronyms.used(text):
            uses[slug].add(Use(title, url))
    return {slug: tuple(sorted(found)) for slug, found in sorted(uses.items())}


# Each item's text as the last call read it (the text values of its front matter, its body), by
# the item's identity: an unchanged file gives the same item object from one save to the next
# (validate.py; memos.py). `mkdocs serve` works the uses out again at every save, for the glossary's
# digest; dumping every item's model took a tenth of a second of it at 2,000 items.
_TEXTS: dict[int, tuple[Item, str]] = {}
memos.forgotten_with(_TEXTS.clear)


class DeferredUses(Mapping[str, tuple[Use, ...]]):
    """:func:`glossary_uses`, worked out at the first look-up: it reads every item's text, and
    only the process that renders /glossaire/ needs it, while the others render pages."""

    def __init__(
        self, site: Site, acronyms: Acronyms, pages: Iterable[tuple[str, str, str]] = ()
    ) -> None:
        self._arguments = (site, acronyms, list(pages))
        self._uses: dict[str, tuple[Use, ...]] | None = None

    def _found(self) -> dict[str, tuple[Use, ...]]:
        if self._uses is None:
            self._uses = glossary_uses(*self._arguments)
        return self._uses

    def __getitem__(self, slug: str) -> tuple[Use, ...]:
        return self._found()[slug]

    def __iter__(self) -> Iterator[str]:
        return iter(self._found())

    def __len__(self) -> int:
        return len(self._found())
