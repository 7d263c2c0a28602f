"""What a content type declares: the one place a stage looks for what it does with a type.

Each model's module (``campus.py``, ``action.py``…) ends with its type's row; the registry is
``generator.contenttypes``. Load, validate, index, schema, form, ``portal new``, pages and open
data loop over the registry and read these fields: a type they do not name is still loaded,
checked, indexed, published and editable.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from ..frontmatter import FieldPath
from .common import Item

# A field's path in an item: names, "*" for every item of a list, "@" for every key of a mapping.
FieldPattern = tuple[str, ...]


def walk(
    value: Any, pattern: FieldPattern, path: FieldPath = ()
) -> Iterator[tuple[FieldPath, Any]]:
    """Every value ``pattern`` names in ``value`` (an item), with its path."""
    if not pattern:
        yield path, value
        return
    head, rest = pattern[0], pattern[1:]
    if head == "*":
        for index, item in enumerate(value or ()):
            yield from walk(item, rest, (*path, index))
    elif head == "@":
        for key in value or {}:
            yield from walk(key, rest, (*path, key))
    else:
        child = getattr(value, head, None)
        if child is not None:
            yield from walk(child, rest, (*path, head))


@dataclass(frozen=True)
class Finding:
    """A problem a type's own check finds in a valid item. ``path`` is the field's (its line
    is the field's), or None for the Markdown body."""

    field: str  # as shown to editors
    message: str  # French
    path: tuple[str | int, ...] | None = None


@dataclass(frozen=True)
class Names:
    """How editors read about the type, in French."""

    plural: str  # summaries: « 8 campus, 126 actions »
    title: str  # one item, as a heading: « Action » (schema, form)
    title_plural: str  # the form's collection: « Actions »
    one: str  # with its article: « une action » (portal new)
    existing: str = ""  # when a reference is unknown: « actions existantes : … »
    unknown: str = ""  # « action « {} » inconnue »


@dataclass(frozen=True)
class Form:
    """How the type appears in the web form (Decap CMS)."""

    identifier: str  # the field the new file's name is made from
    search: tuple[str, ...]  # fields a relation widget searches and shows
    body: str  # label of the Markdown body
    description: str


@dataclass(frozen=True)
class Scaffold:
    """A kind of file ``portal new <name>`` writes (a type may have several: a glossary
    entry is written as an acronym)."""

    name: str
    label: str  # French, with its article: « un sigle »
    body: str  # what goes after the front matter
    preset: Mapping[str, Any] = field(default_factory=dict)  # values the kind fixes


# Compared and hashed by identity: a type is one object of the registry (its rules hold dicts).
@dataclass(frozen=True, eq=False)
class ContentType:
    name: str  # internal name, also the key of the content's collections
    folder: str  # relative to the content root
    model: type[Item]
    url: str  # site-relative URL of an item; ``{slug}`` is replaced
    names: Names
    form: Form
    scaffolds: tuple[Scaffold, ...] = ()
    # Fields holding a vocabulary's keys (pattern → vocabulary name) and fields holding the slug
    # of another item (pattern → content type name).
    vocabularies: tuple[tuple[FieldPattern, str], ...] = ()
    references: tuple[tuple[FieldPattern, str], ...] = ()
    # Rules the model checks in Python validators, restated for JSON Schema and the form.
    schema_rules: tuple[tuple[FieldPattern, dict[str, Any]], ...] = ()
    # Checks beyond the model: of one valid item, and of all of them together (slug → finding).
    check: Callable[[Item], Iterable[Finding]] | None = None
    check_all: Callable[[Mapping[str, Item]], Iterable[tuple[str, Finding]]] | None = None
    # What the type yields: its item pages' template (None: no page of its own), whether each
    # item has its calendar feed, and its open-data file.
    template: str | None = None
    calendar: bool = False
    api: str | None = None

    @property
    def label(self) -> str:
        """The French plural, for summaries."""
        return self.names.plural

    @property
    def schema_file(self) -> str:
        return f"{self.name}.schema.json"

    def item_url(self, slug: str) -> str:
        return self.url.format(slug=slug)
