"""JSON Schemas of the content types: generated from the models, filled in from the tree.

The models give the fields, which ones are required, their types and their French descriptions;
the tree gives what only data knows: the vocabularies' keys (``content/vocabularies/*.yml``) and the
slugs of the existing campuses and actions, which become ``enum``s. The editors' templates
(:mod:`generator.scaffold`) and the web form (:mod:`generator.cms`) are both generated from these
schemas, read through :func:`fields`, so the check, the template and the form cannot disagree.

Keys beyond JSON Schema, for those two readers (validators ignore them):
``x-enum-labels`` (value → French label), ``x-vocabulary`` (the vocabulary a field takes its keys
from), ``x-reference`` (the content type whose slugs a field holds) and ``x-multiline`` (a text of
several lines).
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .contenttypes import ContentType, by_name, content_types
from .errors import Problem
from .load import Source, load_sources
from .text import french_spacing, is_slug, title_of
from .vocabularies import Vocabulary, load_vocabularies

DRAFT = "https://json-schema.org/draft/2020-12/schema"

# « active » (proposée): a literal value and its label, as the models' descriptions give them.
_LITERAL_LABEL = re.compile(r"« ([\w-]+) »(?: \(([^)]+)\))?")


def content_schema(
    content_type: ContentType,
    vocabularies: Mapping[str, Vocabulary],
    slugs: Mapping[str, Sequence[str]],
) -> dict[str, Any]:
    """The JSON Schema of the front matter of ``content_type``, with the vocabularies' keys and
    the existing ``slugs`` (type name → slugs) as enums."""
    raw = content_type.model.model_json_schema(mode="validation")
    body = _inline(raw, raw.get("$defs", {}))
    for pattern, name in content_type.vocabularies:
        vocabulary = vocabularies.get(name)
        if vocabulary is None or not vocabulary.terms:  # a missing file is the check's to report
            continue
        labels = {key: term.label for key, term in vocabulary.terms.items()}
        for node in _reach(body, pattern):
            node.update(
                {"enum": list(labels), "x-enum-labels": labels, "x-vocabulary": name},
            )
    for pattern, target in content_type.references:
        known = sorted(slugs.get(target, ()))
        for node in _reach(body, pattern):
            node["x-reference"] = target
            if known:
                node["enum"] = known
    for pattern, rule in content_type.schema_rules:
        for node in _reach(body, pattern):
            node.setdefault("allOf", []).append(rule)
    _french(body)
    folder = content_type.folder
    schema: dict[str, Any] = {
        "$schema": DRAFT,
        "title": content_type.names.title,
        "description": french_spacing(
            f"En-tête YAML d'un fichier « {folder}/<identifiant>.md ». Généré par « portal "
            "schema » à partir des modèles et des vocabulaires : ne pas modifier à la main."
        ),
    }
    schema.update((k, v) for k, v in body.items() if k not in ("title", "description"))
    return schema


def tree_data(root: Path) -> tuple[dict[str, Vocabulary], dict[str, list[str]], list[Problem]]:
    """The vocabularies and the slugs of every well-named content file under ``root``."""
    vocabularies, problems = load_vocabularies(root)
    sources, load_problems = load_sources(root)
    return vocabularies, slugs_of(sources), problems + load_problems


def slugs_of(sources: Iterable[Source]) -> dict[str, list[str]]:
    """Content type name → the slugs of its well-named files."""
    slugs: dict[str, list[str]] = {t.name: [] for t in content_types()}
    for source in sources:
        if is_slug(source.slug):
            slugs[source.type.name].append(source.slug)
    return slugs


def schemas(root: Path) -> dict[str, dict[str, Any]]:
    """Every content type's schema (type name → schema) for the tree at ``root``.

    Problems of the tree (a vocabulary file missing, a file that does not parse) do not stop it:
    they leave an enum out or a slug missing, and ``portal check`` reports them.
    """
    vocabularies, slugs, _ = tree_data(root)
    return {t.name: content_schema(t, vocabularies, slugs) for t in content_types()}


def render_schemas(root: Path) -> dict[str, str]:
    """File name → JSON text, for ``portal schema --out``."""
    return {
        by_name(name).schema_file: json.dumps(schema, ensure_ascii=False, indent=2) + "\n"
        for name, schema in schemas(root).items()
    }


# ---------------------------------------------------------------------------------------------
# Reading a schema back as a list of fields: what the template and the web form are made from.


class _NoDefault:
    def __repr__(self) -> str:
        return "NO_DEFAULT"


NO_DEFAULT: Any = _NoDefault()


@dataclass(frozen=True)
class FieldSpec:
    """One field of a schema, in the terms a template or a form needs."""

    name: str
    title: str
    description: str
    required: bool
    # text, longtext, slug, email, url, when, boolean, integer, choice, reference, object, map
    kind: str
    multiple: bool = False  # a list of such values
    single_allowed: bool = False  # a list that also takes one value, written without brackets
    min_items: int = 0
    default: Any = NO_DEFAULT
    examples: tuple[Any, ...] = ()
    options: tuple[tuple[str, str], ...] = ()  # (value, label) of a choice, a reference or map keys
    source: str | None = None  # the vocabulary, or the content type a reference points at
    minimum: int | None = None
    maximum: int | None = None
    fields: tuple[FieldSpec, ...] = ()  # of an object, or of each object of a list
    values: FieldSpec | None = None  # of each value of a map

    @property
    def has_default(self) -> bool:
        return self.default is not NO_DEFAULT


def fields(schema: Mapping[str, Any]) -> tuple[FieldSpec, ...]:
    """The fields of an object schema (a whole content type, or a nested object), in order."""
    required = set(schema.get("required", ()))
    return tuple(
        _spec(name, node, name in required) for name, node in schema.get("properties", {}).items()
    )


def _spec(name: str, node: dict[str, Any], required: bool) -> FieldSpec:
    branches = _branches(node)
    arrays = [b for b in branches if b.get("type") == "array"]
    value = arrays[0]["items"] if arrays else branches[0]
    common: dict[str, Any] = {
        "name": name,
        "title": str(node.get("title", name)),
        "description": str(node.get("description", "")),
        "required": required,
        "multiple": bool(arrays),
        "single_allowed": bool(arrays) and len(branches) > 1,
        "min_items": int(arrays[0].get("minItems", 0)) if arrays else 0,
        "default": node.get("default", NO_DEFAULT),
        "examples": tuple(node.get("examples", ())),
        "minimum": value.get("minimum"),
        "maximum": value.get("maximum"),
    }
    labels: dict[str, str] = value.get("x-enum-labels", {})
    if "x-reference" in value:
        options = tuple((v, v) for v in value.get("enum", ()))
        return FieldSpec(kind="reference", options=options, source=value["x-reference"], **common)
    if "enum" in value:
        options = tuple((v, labels.get(v, v)) for v in value["enum"])
        return FieldSpec(kind="choice", options=options, source=value.get("x-vocabulary"), **common)
    kind = value.get("type")
    if kind == "object" and "properties" in value:
        return FieldSpec(kind="object", fields=fields(value), **common)
    if kind == "object":
        keys = value.get("propertyNames", {})
        key_labels: dict[str, str] = keys.get("x-enum-labels", {})
        options = tuple((k, key_labels.get(k, k)) for k in keys.get("enum", ()))
        values = _spec("", value.get("additionalProperties", {"type": "string"}), False)
        return FieldSpec(
            kind="map", options=options, source=keys.get("x-vocabulary"), values=values, **common
        )
    if kind in ("boolean", "integer"):
        return FieldSpec(kind=kind, **common)
    formats = {value.get("format")} | {b.get("format") for b in value.get("anyOf", ())}
    if "date" in formats:
        return FieldSpec(kind="when", **common)
    if "email" in formats:
        return FieldSpec(kind="email", **common)
    if "uri" in formats:
        return FieldSpec(kind="url", **common)
    if "pattern" in value:
        return FieldSpec(kind="slug", **common)
    return FieldSpec(kind="longtext" if value.get("x-multiline") else "text", **common)


# ---------------------------------------------------------------------------------------------
# Helpers on JSON Schema dictionaries.


def _branches(node: dict[str, Any]) -> list[dict[str, Any]]:
    """The alternatives of a union (``X | None``, one value or a list), nulls left out."""
    if "anyOf" in node and "type" not in node:  # a typed node's anyOf only refines it (dates)
        return [b for b in node["anyOf"] if b.get("type") != "null"]
    return [node]


def _inline(node: Any, defs: Mapping[str, Any]) -> Any:
    """``node`` with every ``$ref`` replaced by a copy of its definition (the models have no
    recursion), so that each field's schema stands alone."""
    if isinstance(node, dict):
        if "$ref" in node:
            target = copy.deepcopy(defs[node["$ref"].rsplit("/", 1)[-1]])
            rest = {k: _inline(v, defs) for k, v in node.items() if k != "$ref"}
            return {**_inline(target, defs), **rest}
        return {k: _inline(v, defs) for k, v in node.items() if k != "$defs"}
    if isinstance(node, list):
        return [_inline(v, defs) for v in node]
    return node


def _reach(node: dict[str, Any], pattern: tuple[str, ...]) -> Iterator[dict[str, Any]]:
    """The schemas at ``pattern`` (as in :data:`generator.validate.VOCABULARY_FIELDS`: ``*`` is
    each item of a list, or the single value it also takes; ``@`` the keys of a mapping)."""
    if not pattern:
        yield from _branches(node)
        return
    head, rest = pattern[0], pattern[1:]
    for branch in _branches(node):
        if head == "*":
            if branch.get("type") == "array":
                yield from _reach(branch["items"], rest)
            elif not rest:  # the single value a one-or-many list also takes
                yield branch
        elif head == "@":
            if branch.get("type") == "object":
                yield from _reach(branch.setdefault("propertyNames", {"type": "string"}), rest)
        elif head in branch.get("properties", {}):
            yield from _reach(branch["properties"][head], rest)


def _french(node: Any, *, field: bool = False) -> None:
    """Titles from descriptions, French spacing, labels of literal values; recursively."""
    if isinstance(node, list):
        for item in node:
            _french(item)
        return
    if not isinstance(node, dict):
        return
    description = node.get("description")
    if field and isinstance(description, str):
        found = dict(_LITERAL_LABEL.findall(description))
        for branch in _branches(node):
            if "enum" in branch and "x-enum-labels" not in branch and "x-reference" not in branch:
                labels = {v: found.get(v) or v for v in branch["enum"]}
                branch["x-enum-labels"] = {v: t[:1].upper() + t[1:] for v, t in labels.items()}
        node["title"] = french_spacing(title_of(description))
        node["description"] = french_spacing(description)
    elif "title" in node and not field:
        del node["title"]  # pydantic's class names (« Booking »): the field's title says it
    for key, value in node.items():
        if key == "properties":
            for child in value.values():
                _french(child, field=True)
        elif key not in ("x-enum-labels", "enum", "examples", "default"):
            _french(value)
