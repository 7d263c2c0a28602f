"""The web form: a Sveltia CMS configuration (Decap CMS reads it too), generated from the schemas.

Each content type is a folder collection; each field of its JSON Schema (:mod:`generator.schema`,
itself generated from the model) becomes one widget, with the field's French title as label, its
description and example as hint, and its required flag. Vocabulary fields are selects whose options
are the vocabulary files' keys and labels; campus and action references are relation widgets;
nested models are object widgets, lists of them list widgets. A field added to a model appears in
the form without touching this module.

:func:`render_cms` returns the two files published under ``/admin/``. Unlike the public pages, the
admin page loads a script from a CDN: Sveltia CMS itself, a single-page application served by UNPKG.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import Any

import yaml

from .contenttypes import ACTION, CAMPUS, CONTENT_TYPES, EVENT, GLOSSARY, ContentType
from .load import Source, load_sources
from .schema import FieldSpec, content_schema, fields, slugs_of
from .text import french_spacing
from .vocabularies import load_vocabularies

# The official script of Sveltia CMS (its README, « Getting started »): the latest release.
SVELTIA_SCRIPT = "https://unpkg.com/@sveltia/cms/dist/sveltia-cms.js"

# Social networks offered in the form besides those the campuses already use (the form cannot
# add a key of its own: a mapping with free keys has no widget in Decap CMS).
NETWORKS = ("Facebook", "Instagram", "LinkedIn", "X", "YouTube")

# How the form writes a date-time: a form generator.models.common.When reads (Paris time).
DATETIME_FORMAT = "YYYY-MM-DDTHH:mm"

_PATTERNS = {
    "slug": (r"^[a-z0-9]+(?:-[a-z0-9]+)*$", "minuscules sans accents, chiffres et tirets"),
    "email": (r"^[^@\s]+@[^@\s]+\.[a-zA-Z]{2,}$", "une adresse e-mail, comme nom@domaine.fr"),
    "url": (r"^https?://", "une adresse web commençant par https://"),
}


@dataclass(frozen=True)
class Collection:
    """How one content type appears in the form."""

    type: ContentType
    label: str
    label_singular: str
    identifier: str  # the field the new file's name is made from
    search: tuple[str, ...]  # fields a relation widget searches and shows
    body: str  # label of the Markdown body
    description: str


COLLECTIONS = (
    Collection(
        CAMPUS,
        "Campus",
        "Campus",
        "short_name",
        ("short_name", "title"),
        "Présentation",
        "Une fiche par campus. Le nom du fichier vient du nom court.",
    ),
    Collection(
        ACTION,
        "Actions",
        "Action",
        "title",
        ("title",),
        "Déroulement",
        "Les activités que proposent les campus : le catalogue des enseignants.",
    ),
    Collection(
        EVENT,
        "Événements",
        "Événement",
        "title",
        ("title",),
        "Programme",
        "Les rendez-vous datés de l'agenda, heure de Paris.",
    ),
    Collection(
        GLOSSARY,
        "Glossaire",
        "Entrée du glossaire",
        "title",
        ("title",),
        "Définition",
        "Sigles et termes définis. Une définition est obligatoire pour un terme.",
    ),
)


@dataclass(frozen=True)
class Backend:
    """The git host the form commits to. The defaults are placeholders to replace."""

    name: str = "github"  # github or gitlab (Sveltia CMS); Decap CMS knows others
    repo: str = "ORGANISATION/DEPOT"
    branch: str = "main"
    base_url: str | None = None  # the OAuth client, e.g. a sveltia-cms-auth instance


def render_cms(
    root: Path,
    *,
    backend: Backend | None = None,
    site_url: str | None = None,
    content_path: str = "",
) -> dict[str, str]:
    """``{"admin/index.html": …, "admin/config.yml": …}`` for the portal tree at ``root``.

    ``content_path`` is the folder of ``root`` inside the git repository ("" when ``root`` is the
    repository's root): the form's paths are relative to the repository.
    """
    config = cms_config(root, site_url=site_url, content_path=content_path)
    return {
        "admin/index.html": _INDEX,
        "admin/config.yml": _header(backend or Backend())
        + yaml.safe_dump(config, allow_unicode=True, sort_keys=False, width=100),
    }


def cms_config(
    root: Path, *, site_url: str | None = None, content_path: str = ""
) -> dict[str, Any]:
    """The configuration, the backend block aside (see :func:`render_cms`)."""
    prefix = content_path.strip("/") + "/" if content_path.strip("/") else ""
    vocabularies, _ = load_vocabularies(root)
    sources, _ = load_sources(root)
    slugs = slugs_of(sources)
    used = _used_keys(sources)
    config: dict[str, Any] = {
        "publish_mode": "editorial_workflow",
        "locale": "fr",
    }
    if site_url:
        config["site_url"] = site_url
        config["display_url"] = site_url
    config.update(
        {
            "media_folder": f"{prefix}content/pages/images",
            "public_folder": "/images",
            # File names from titles: ASCII, no accents, hyphens, as generator.text.slugify does.
            "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
            # Sveltia CMS: an optional field left empty is not written (the models refuse "").
            "output": {"omit_empty_optional_fields": True},
            "collections": [
                _collection(c, content_schema(c.type, vocabularies, slugs), prefix, used)
                for c in COLLECTIONS
            ],
        }
    )
    return config


def _collection(
    collection: Collection, schema: Mapping[str, Any], prefix: str, used: Mapping[str, set[str]]
) -> dict[str, Any]:
    widgets = [_widget(spec, collection.type.name, used) for spec in fields(schema)]
    widgets.append(
        {
            "name": "body",
            "label": collection.body,
            "widget": "markdown",
            "required": False,
        }
    )
    return {
        "name": collection.type.name,
        "label": collection.label,
        "label_singular": collection.label_singular,
        "description": french_spacing(collection.description),
        "folder": prefix + collection.type.folder,
        "extension": "md",
        "format": "yaml-frontmatter",
        "create": True,
        "identifier_field": collection.identifier,
        "slug": "{{slug}}",
        "summary": "{{" + collection.search[0] + "}}",
        "fields": widgets,
    }


def _widget(spec: FieldSpec, path: str, used: Mapping[str, set[str]]) -> dict[str, Any]:
    """The widget of one field (``path``: where it is, to find the keys a mapping uses)."""
    widget: dict[str, Any] = {"name": spec.name, "label": spec.title, "required": spec.required}
    hint = _hint(spec)
    if hint:
        widget["hint"] = hint
    here = f"{path}.{spec.name}"
    if spec.kind == "object":
        subfields = [_widget(sub, here, used) for sub in spec.fields]
        if spec.multiple:
            widget.update(widget="list", fields=subfields)
            if spec.fields:  # what each item shows folded: its first required field
                shown = next((f for f in spec.fields if f.required), spec.fields[0])
                widget["summary"] = "{{fields." + shown.name + "}}"
        else:
            widget.update(widget="object", fields=subfields, collapsed=not spec.required)
        return widget
    if spec.kind == "map":
        keys = [(k, label) for k, label in spec.options] or [
            (k, k) for k in sorted(used.get(here, set()) | set(NETWORKS))
        ]
        assert spec.values is not None
        value = spec.values
        widget.update(
            widget="object",
            collapsed=True,
            fields=[_widget(_as(value, key, label), here, used) for key, label in keys],
        )
        return widget
    if spec.kind == "reference":
        target = next(c for c in COLLECTIONS if c.type.name == spec.source)
        widget.update(
            widget="relation",
            collection=target.type.name,
            value_field="{{slug}}",
            search_fields=list(target.search),
            display_fields=[target.search[0]],
        )
        return _many(widget, spec)
    if spec.kind == "choice":
        widget.update(
            widget="select", options=[{"label": label, "value": v} for v, label in spec.options]
        )
        _default(widget, spec)
        return _many(widget, spec)
    if spec.multiple:  # a list of texts: one line each
        item = _widget(_as(spec, "item", spec.title, multiple=False), here, used)
        item.pop("hint", None)
        item.pop("required", None)
        widget.update(widget="list", field=item)
        if spec.min_items:
            widget["min"] = spec.min_items
        return widget
    if spec.kind == "boolean":
        widget["widget"] = "boolean"
        _default(widget, spec)
        return widget
    if spec.kind == "integer":
        widget.update(widget="number", value_type="int")
        if spec.minimum is not None:
            widget["min"] = spec.minimum
        if spec.maximum is not None:
            widget["max"] = spec.maximum
        return widget
    if spec.kind == "when":
        widget.update(widget="datetime", format=DATETIME_FORMAT, picker_utc=False)
        return widget
    widget["widget"] = "text" if spec.kind == "longtext" else "string"
    if spec.kind in _PATTERNS:
        regex, expected = _PATTERNS[spec.kind]
        widget["pattern"] = [regex, french_spacing(f"Attendu : {expected}.")]
    if spec.kind in ("email", "url"):
        widget["type"] = spec.kind  # Sveltia CMS checks the value; Decap CMS has the pattern
    _default(widget, spec)
    return widget


def _as(spec: FieldSpec, name: str, label: str, *, multiple: bool | None = None) -> FieldSpec:
    """``spec`` under another name: a mapping's key, or the item of a list."""
    return FieldSpec(
        name=name,
        title=label,
        description="",
        required=False,
        kind=spec.kind,
        multiple=spec.multiple if multiple is None else multiple,
        minimum=spec.minimum,
        maximum=spec.maximum,
        options=spec.options,
        source=spec.source,
    )


def _many(widget: dict[str, Any], spec: FieldSpec) -> dict[str, Any]:
    if spec.multiple:
        widget["multiple"] = True
        if spec.min_items:
            widget["min"] = spec.min_items
    return widget


def _default(widget: dict[str, Any], spec: FieldSpec) -> None:
    if spec.has_default and spec.default not in (None, [], {}):
        widget["default"] = spec.default


def _hint(spec: FieldSpec) -> str:
    """The description when it says more than the label, and an example."""
    parts = []
    if spec.description and spec.description != spec.title:
        parts.append(spec.description.rstrip(".") + ".")
    if spec.examples and spec.kind not in ("object", "map"):
        shown = " ; ".join(_example(e) for e in spec.examples)
        parts.append(f"Exemple{'s' if len(spec.examples) > 1 else ''} : {shown}")
    return french_spacing(" ".join(parts))


def _example(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


def _used_keys(sources: Iterable[Source]) -> dict[str, set[str]]:
    """The keys each mapping field has in the existing files (``campus.contact.social`` →
    {"Twitter", …}), so that the form offers them."""
    used: dict[str, set[str]] = {}
    for source in sources:
        _collect(source.document.data, source.type.name, used)
    return used


def _collect(value: Any, path: str, used: dict[str, set[str]]) -> None:
    if isinstance(value, dict):
        for key, child in value.items():
            here = f"{path}.{key}"
            if isinstance(child, dict):
                used.setdefault(here, set()).update(str(k) for k in child)
            _collect(child, here, used)
    elif isinstance(value, list):
        for child in value:
            _collect(child, path, used)


def _header(backend: Backend) -> str:
    lines = [
        "# Formulaire d'édition du portail : configuration de Sveltia CMS (que Decap CMS lit",
        "# aussi). Générée à partir des modèles du contenu et des vocabulaires par",
        "# generator/cms.py : ne pas la modifier à la main, la construction du site la réécrit.",
        "#",
        "# Dépôt git où le formulaire enregistre les modifications, à adapter avant la mise en",
        "# ligne :",
        "#   name     : github ou gitlab ;",
        "#   repo     : le dépôt, « organisation/nom » (ORGANISATION/DEPOT est à remplacer) ;",
        "#   branch   : la branche d'où le site est construit ;",
        "#   base_url : l'adresse du service d'authentification OAuth (par exemple une instance de",
        "#              sveltia-cms-auth) quand le site n'est pas hébergé par Netlify.",
        "# Avec publish_mode: editorial_workflow, chaque modification est une demande de fusion",
        "# (brouillon, en relecture, prête) que l'on publie une fois relue.",
        "backend:",
        f"  name: {_scalar(backend.name)}",
        f"  repo: {_scalar(backend.repo)}",
        f"  branch: {_scalar(backend.branch)}",
        f"  base_url: {_scalar(backend.base_url)}"
        if backend.base_url
        else "  # base_url: https://auth.exemple.fr",
    ]
    return "\n".join(lines) + "\n"


def _scalar(value: str) -> str:
    return yaml.safe_dump(value, default_flow_style=True).strip().removesuffix("...").strip()


_INDEX = """<!doctype html>
<html lang="fr">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta name="robots" content="noindex">
  <title>{title}</title>
</head>
<body>
  <noscript>{noscript}</noscript>
  <!-- Unlike the public pages, this page loads a script from a CDN: Sveltia CMS. -->
  <script src="{script}"></script>
</body>
</html>
""".format(
    title=escape("Édition du contenu — Portail des Campus des Métiers et des Qualifications"),
    noscript=escape("L'édition du contenu en ligne a besoin de JavaScript."),
    script=SVELTIA_SCRIPT,
)


def collections_of(config: Mapping[str, Any]) -> Iterable[tuple[ContentType, dict[str, Any]]]:
    """Each content type with its collection in ``config`` (for tests and checks)."""
    by_name = {c["name"]: c for c in config["collections"]}
    for content_type in CONTENT_TYPES:
        yield content_type, by_name[content_type.name]
