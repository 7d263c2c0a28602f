"""Validate: front matter → typed models, then cross-references and vocabularies.

Every check runs and every problem is collected; the caller gets either the whole valid content or
every problem, each with its file, line and field.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError
from pydantic.fields import FieldInfo
from pydantic_core import ErrorDetails

from . import memos
from .contenttypes import ACTION, CAMPUS, EVENT, GLOSSARY, ContentType, by_name, content_types
from .errors import Problem
from .frontmatter import Document, FieldPath
from .load import Source
from .models import Action, Campus, Event, GlossaryEntry
from .models.common import RESERVED_FIELDS, Item
from .models.contenttype import Finding, walk
from .text import closest, did_you_mean, quote_list, shown, slugify, title_of
from .vocabularies import Vocabulary


@dataclass(frozen=True)
class Content:
    """The validated content: each type's items by slug, in slug order."""

    items: Mapping[str, Mapping[str, Any]]  # content type name → slug → item
    vocabularies: dict[str, Vocabulary]

    def of(self, content_type: ContentType) -> Mapping[str, Item]:
        return self.items.get(content_type.name, {})

    # The four types every page knows, typed.
    @property
    def campuses(self) -> Mapping[str, Campus]:
        return self.items[CAMPUS.name]

    @property
    def actions(self) -> Mapping[str, Action]:
        return self.items[ACTION.name]

    @property
    def events(self) -> Mapping[str, Event]:
        return self.items[EVENT.name]

    @property
    def glossary(self) -> Mapping[str, GlossaryEntry]:
        return self.items[GLOSSARY.name]


# The last run's items without a problem of their own, by type, slug and path, with the document
# they came from: `mkdocs serve` validates the tree again at every save, and a document is the
# same object while its file is unchanged (load.py). An item is then the same object too, which
# the memos of later stages may key on. Models are frozen. (memos.py)
_VALIDATED: dict[tuple[str, str, str], tuple[Document, Item]] = {}
memos.forgotten_with(_VALIDATED.clear)


def validate(
    sources: list[Source], vocabularies: dict[str, Vocabulary]
) -> tuple[Content, list[Problem]]:
    types = content_types()
    items: dict[str, dict[str, Item]] = {t.name: {} for t in types}
    problems: list[Problem] = []
    # The slugs of every file, valid or not, so that a message can list what a reference may take.
    slugs: dict[str, list[str]] = {name: [] for name in items}
    for source in sources:
        slugs[source.type.name].append(source.slug)
    expected = _Expected(vocabularies, slugs)
    validated: dict[tuple[str, str, str], tuple[Document, Item]] = {}
    for source in sources:
        key = (source.type.name, source.slug, source.path)
        known = _VALIDATED.get(key)
        if known is not None and known[0] is source.document:
            item: Item | None = known[1]
            validated[key] = known
        else:
            found: list[Problem] = []
            item = _validate_one(source, found, expected)
            problems += found
            if item is not None and not found:
                validated[key] = (source.document, item)
        if item is not None:
            items[source.type.name][source.slug] = item
    _VALIDATED.clear()
    if memos.kept():
        _VALIDATED.update(validated)
    by_source = {(s.type.name, s.slug): s for s in sources}
    for content_type in types:
        typed = items[content_type.name]
        for slug, item in typed.items():
            source = by_source[(content_type.name, slug)]
            problems += _check_vocabularies(source, item, vocabularies)
            problems += _check_references(source, item, items, slugs)
        if content_type.check_all is not None:
            for slug, finding in content_type.check_all(typed):
                problems.append(_problem(by_source[(content_type.name, slug)], finding))
    content = Content({name: _sorted(typed) for name, typed in items.items()}, vocabularies)
    return content, problems


def _problem(source: Source, finding: Finding) -> Problem:
    """A type's own finding, on its field's line (or the body's)."""
    doc = source.document
    line = doc.body_line if finding.path is None else doc.line_of(finding.path)
    return Problem(source.path, line, finding.field, finding.message)


def _sorted(items: Mapping[str, Item]) -> Any:
    return dict(sorted(items.items()))


@dataclass(frozen=True)
class _Expected:
    """What a field takes, told in messages: the vocabulary's keys or the existing slugs."""

    vocabularies: dict[str, Vocabulary]
    slugs: dict[str, list[str]]

    def __call__(self, type_name: str, path: FieldPath, value: Any = None) -> str:
        """`` ; valeurs possibles (fichier …) : …`` for ``path`` of an item of ``type_name``, with
        the closest one to ``value`` when it is text; an empty string for other fields."""
        generic = tuple("*" if isinstance(p, int) else p for p in path)
        guess = value if isinstance(value, str) else None
        content_type = by_name(type_name)
        for pattern, name in content_type.vocabularies:
            if _covers(pattern, generic):
                vocabulary = self.vocabularies[name]
                return (
                    (did_you_mean(guess, vocabulary.terms) if guess else "")
                    + f" ; valeurs possibles (fichier {vocabulary.path}) : "
                    + quote_list(vocabulary.terms)
                )
        for pattern, target in content_type.references:
            if _covers(pattern, generic):
                known = self.slugs[target]
                suggestion = did_you_mean(guess, known) if guess else ""
                return suggestion + _existing(target, known)
        return ""


def _covers(pattern: tuple[str, ...], generic: tuple[str | int, ...]) -> bool:
    """``pattern`` names the field at ``generic``, or its items (the list or mapping itself)."""
    return generic == pattern or (pattern[-1] in ("*", "@") and generic == pattern[:-1])


def _validate_one(source: Source, problems: list[Problem], expected: _Expected) -> Item | None:
    doc = source.document
    reserved = sorted(RESERVED_FIELDS & doc.data.keys())
    for key in reserved:
        problems.append(
            Problem(
                source.path,
                doc.line_of((key,)),
                key,
                "champ réservé : il est calculé à partir du fichier, retirez-le de l'en-tête",
            )
        )
    data = {str(k): v for k, v in doc.data.items() if k not in RESERVED_FIELDS}
    data.update(slug=source.slug, path=source.path, line=doc.fm_line, body=doc.body)
    try:
        item = source.type.model.model_validate(data)
    except ValidationError as exc:
        errors = exc.errors(include_url=False)
        for error in errors:
            if _follows(error, errors):
                continue
            path = _clean_loc(error["loc"])
            message = _message(error, source.type.model)
            if error["type"] not in ("extra_forbidden", "literal_error"):  # these list their own
                message += expected(source.type.name, path, error.get("input"))
            problems.append(Problem(source.path, doc.line_of(path), _field_name(path), message))
        return None
    if source.type.check is not None:
        problems += [_problem(source, finding) for finding in source.type.check(item)]
    return None if reserved else item


def _follows(error: ErrorDetails, errors: list[ErrorDetails]) -> bool:
    """A list too short only because one of its items is wrong: the item's error says it all."""
    loc = error["loc"]
    return error["type"] == "too_short" and any(
        len(other["loc"]) > len(loc) and other["loc"][: len(loc)] == loc for other in errors
    )


def _clean_loc(loc: tuple[int | str, ...]) -> FieldPath:
    # pydantic adds "[key]" when a mapping key is wrong, and a function name for custom types.
    return tuple(p for p in loc if p != "[key]" and not (isinstance(p, str) and "[" in p))


def _field_name(path: FieldPath) -> str:
    """``("figures", 0, "year")`` → ``figures[1].year`` (items counted from 1, as people do)."""
    text = ""
    for part in path:
        text += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


def _message(error: ErrorDetails, model: type[Item]) -> str:
    kind = error["type"]
    ctx = error.get("ctx", {})
    value = error.get("input")
    field = _field_info(model, error["loc"])
    what = f" — {field.description}" if field is not None and field.description else ""
    if kind == "missing":
        name = str(error["loc"][-1])
        return f"champ obligatoire manquant : ajoutez une ligne « {name}: … »{what}"
    if value is None and (kind.endswith("_type") or kind.endswith("_parsing")):
        # ``summary:`` with nothing after it: YAML reads an empty value as null.
        if field is not None and field.is_required():
            return f"valeur vide : ce champ est obligatoire, complétez-le{what}"
        return f"valeur vide : complétez-la ou retirez la ligne{what}"
    if kind == "extra_forbidden":
        name = str(error["loc"][-1])
        known = _known_fields(model, error["loc"][:-1])
        # The French name a field goes by (« porteur » for « lead ») counts as a near miss.
        owner = _model_at(model, error["loc"][:-1])
        aliases = {slugify(title_of(owner.model_fields[k].description or k)): k for k in known}
        aliases.update({k: k for k in known})
        guess = closest(name, aliases)
        suggestion = f" ; vouliez-vous dire « {aliases[guess]} » ?" if guess else ""
        return (
            f"champ inconnu « {shown(name)} »{suggestion} ; "
            f"champs possibles : {quote_list(known, 40)}"
        )
    if kind == "literal_error":
        allowed = re.findall(r"'([^']*)'", str(ctx.get("expected", "")))
        return (
            f"valeur « {shown(value)} » non autorisée{did_you_mean(str(value), allowed)} ; "
            f"valeurs possibles : {quote_list(allowed)}"
        )
    fields = "doit être un ensemble de champs « clé: valeur », un par ligne, indentés sous le nom"
    if kind in ("model_type", "model_attributes_type"):
        known = _known_fields(model, error["loc"])
        return f"{fields} ; champs possibles : {quote_list(known, 40)}"
    simple = {
        "string_type": (
            f'« {shown(value)} » doit être un texte : mettez-le entre guillemets ("{shown(value)}")'
            if isinstance(value, int | float | bool) or hasattr(value, "isoformat")
            else "doit être un texte"
        ),
        "int_type": "doit être un nombre entier, écrit en chiffres (par exemple 12)",
        "int_parsing": f"« {shown(value)} » n'est pas un nombre entier : écrivez-le en chiffres",
        "int_from_float": "doit être un nombre entier, sans virgule",
        "bool_type": "doit valoir « true » (oui) ou « false » (non)",
        "bool_parsing": f"« {shown(value)} » : écrivez « true » (oui) ou « false » (non)",
        "tuple_type": "doit être une liste : [valeur, autre valeur], ou une ligne « - valeur » "
        "par élément",
        "list_type": "doit être une liste : [valeur, autre valeur], ou une ligne « - valeur » "
        "par élément",
        "dict_type": fields,
        "string_too_long": "texte trop long",
    }
    if kind in simple:
        return simple[kind] + (what if kind != "bool_parsing" else "")
    if kind == "greater_than_equal":
        return f"doit être supérieur ou égal à {ctx.get('ge')}{what}"
    if kind == "less_than_equal":
        return f"doit être inférieur ou égal à {ctx.get('le')}{what}"
    if kind == "too_short":
        n = ctx.get("min_length")
        return f"au moins {n} valeur{'s' if n != 1 else ''} attendue{'s' if n != 1 else ''}{what}"
    if kind.endswith("_type") or kind.endswith("_parsing"):
        return f"valeur « {shown(value)} » invalide"
    if kind in {"value_error", "assertion_error"}:
        return f"valeur invalide ({error['msg']})"
    return error["msg"]  # our own checks (PydanticCustomError) already speak French


def _known_fields(model: type[Item], loc: tuple[int | str, ...]) -> list[str]:
    """Field names allowed at ``loc``, for « champs possibles » and suggestions."""
    current = _model_at(model, loc)
    if current is None:
        return []
    return [name for name in current.model_fields if name not in RESERVED_FIELDS]


def _model_at(model: type[Item], loc: tuple[int | str, ...]) -> Any:
    """The model of the object at ``loc`` (list indexes skipped), or None."""
    current: Any = model
    for part in loc:
        if isinstance(part, int) or current is None:
            continue
        field = getattr(current, "model_fields", {}).get(part)
        current = _model_in(field.annotation) if field is not None else None
    return current


def _field_info(model: type[Item], loc: tuple[int | str, ...]) -> FieldInfo | None:
    """The declaration of the field at ``loc`` (its description, whether it is required)."""
    names = [p for p in _clean_loc(loc) if isinstance(p, str)]
    if not names:
        return None
    # The last name is the field when the error is on it or on one of its items or keys.
    last = max(i for i, p in enumerate(_clean_loc(loc)) if isinstance(p, str))
    owner = _model_at(model, _clean_loc(loc)[:last])
    fields: dict[str, FieldInfo] = getattr(owner, "model_fields", {})
    return fields.get(names[-1])


def _model_in(annotation: Any) -> Any:
    """The pydantic model inside ``X``, ``X | None`` or ``tuple[X, ...]``, if any."""
    if hasattr(annotation, "model_fields"):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = _model_in(arg)
        if found is not None:
            return found
    return None


def _check_vocabularies(
    source: Source, item: Item, vocabularies: dict[str, Vocabulary]
) -> Iterator[Problem]:
    for pattern, name in source.type.vocabularies:
        vocabulary = vocabularies[name]
        for path, key in walk(item, pattern):
            if key not in vocabulary:
                yield Problem(
                    source.path,
                    source.document.line_of(path),
                    _field_name(path),
                    f"valeur « {shown(key)} » inconnue{did_you_mean(key, vocabulary.terms)} ; "
                    f"valeurs possibles (fichier {vocabulary.path}) : "
                    f"{quote_list(vocabulary.terms)} ; pour une nouvelle valeur, ajoutez une ligne "
                    "« clé: Libellé » à ce fichier",
                )


def _check_references(
    source: Source,
    item: Item,
    items: dict[str, dict[str, Item]],
    files: dict[str, list[str]],
) -> Iterator[Problem]:
    for pattern, type_name in source.type.references:
        known = items[type_name]
        names = by_name(type_name).names
        for path, slug in walk(item, pattern):
            if slug in known or slug in files[type_name]:  # an invalid file has its own errors
                continue
            yield Problem(
                source.path,
                source.document.line_of(path),
                _field_name(path),
                names.unknown.format(shown(slug))
                + did_you_mean(slug, known)
                + _existing(type_name, known),
            )


def _existing(type_name: str, known: Iterable[str]) -> str:
    """`` ; actions existantes : …``: what a reference of ``type_name`` may take."""
    known = list(known)
    return f" ; {by_name(type_name).names.existing} : {quote_list(known)}" if known else ""
