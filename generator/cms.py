"""The web form: a Decap CMS configuration and admin page, generated from the schemas.

Each content type is a folder collection; each field of its JSON Schema (:mod:`generator.schema`,
itself generated from the model) becomes one widget, with the field's French title as label, its
description and example as hint, and its required flag. Vocabulary fields are selects whose options
are the vocabulary files' keys and labels; campus and action references are relation widgets;
nested models are object widgets, lists of them list widgets. A field added to a model appears in
the form without touching this module.

Decap CMS itself is not changed: ``admin/portal-cms.js`` (beside this module) registers, through
Decap's extension points, the few widgets the models need and Decap lacks (one value or a list,
a date with or without a time, defaults shown) and a preSave listener (empty texts left out, the
project's slugs); :data:`WIDGETS` names them. :func:`render_cms` gives the two generated files
published under ``/admin/``, :func:`admin_assets` the files copied there: Decap's pinned bundle
(``package-lock.json``, from ``node_modules/decap-cms/dist``) and portal-cms.js. The page loads
nothing from another host: its Content-Security-Policy allows the forge's API alone.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

from .contenttypes import ContentType, by_name, content_types
from .load import Source, load_sources
from .schema import FieldSpec, content_schema, fields, slugs_of
from .text import french_spacing
from .vocabularies import load_vocabularies

# Decap CMS's bundle, as npm installs it (package.json pins the version), and what of it the page
# needs: the script, the chunks it loads on demand, their WebAssembly modules, the licences.
DECAP_DIST = Path("node_modules") / "decap-cms" / "dist"
DECAP_SCRIPT = "decap-cms.js"
# The portal's additions (widgets, preSave listener), a plain script beside this module.
PORTAL_SCRIPT = Path(__file__).parent / "admin" / "portal-cms.js"

# The widgets of portal-cms.js, and the Decap widget each one wraps.
WIDGETS = {
    "portal-many-relation": "relation",  # one slug or a list of them (campus: green-city)
    "portal-many-select": "select",  # one vocabulary key or a list of them
    "portal-many-list": "list",  # one text or a list of them
    "portal-boolean": "boolean",  # shows the model's default when the field is absent
    "portal-select": "select",  # the same, for a choice
    "portal-when": "datetime",  # a date (all day) or a date and a time, Paris time
}

# What the form writes in the git history (Decap's templates: {{collection}} is the singular label).
COMMIT_MESSAGES = {
    "create": "Création : {{collection}} « {{slug}} »",
    "update": "Modification : {{collection}} « {{slug}} »",
    "delete": "Suppression : {{collection}} « {{slug}} »",
    "uploadMedia": "Ajout de l’image « {{path}} »",
    "deleteMedia": "Suppression de l’image « {{path}} »",
}

# Social networks offered in the form besides those the campuses already use (the form cannot
# add a key of its own: a mapping with free keys has no widget in Decap CMS).
NETWORKS = ("Facebook", "Instagram", "LinkedIn", "X", "YouTube")

_PATTERNS = {
    "slug": (r"^[a-z0-9]+(?:-[a-z0-9]+)*$", "minuscules sans accents, chiffres et tirets"),
    "email": (r"^[^@\s]+@[^@\s]+\.[a-zA-Z]{2,}$", "une adresse e-mail, comme nom@domaine.fr"),
    "url": (r"^https?://", "une adresse web commençant par https://"),
}


@dataclass(frozen=True)
class Backend:
    """The git forge the form commits to. The defaults are placeholders to replace."""

    name: str = "github"  # github or gitlab
    repo: str = "ORGANISATION/DEPOT"
    branch: str = "main"
    # GitHub: the OAuth client (e.g. a decap-cms-github-oauth-provider instance); GitLab: the
    # forge's address when it is not gitlab.com (a self-hosted GitLab).
    base_url: str | None = None
    # GitLab: the id of the OAuth application (PKCE: the browser logs in, no server needed).
    app_id: str | None = None
    # decap-server's API (scripts/form): used when the page is opened on this machine.
    local_backend: str | None = None

    @property
    def api_origins(self) -> tuple[str, ...]:
        """The hosts the page may talk to: the forge's API (and the local backend)."""
        if self.name == "gitlab":
            forge = [_origin(self.base_url or "https://gitlab.com")]
        else:
            forge = ["https://api.github.com"]
        return (*forge, *([_origin(self.local_backend)] if self.local_backend else []))

    @property
    def image_origins(self) -> tuple[str, ...]:
        """The hosts of the logged-in editor's avatar."""
        if self.name == "gitlab":
            return (_origin(self.base_url or "https://gitlab.com"),)
        return ("https://avatars.githubusercontent.com",)


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


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
    backend = backend or Backend()
    config = cms_config(root, site_url=site_url, content_path=content_path)
    if backend.local_backend:
        config = {
            "local_backend": {
                "url": backend.local_backend,
                "allowed_hosts": ["127.0.0.1", "localhost"],
            },
            **config,
        }
    return {
        "admin/index.html": _index(backend),
        "admin/config.yml": _header(backend)
        + yaml.safe_dump(config, allow_unicode=True, sort_keys=False, width=100),
    }


def find_decap(*starts: Path) -> Path | None:
    """Decap CMS's ``dist`` folder in the ``node_modules`` of one of ``starts`` or of a folder
    above, or of this checkout; None when npm has not installed it (``npm ci``)."""
    for start in (*starts, Path(__file__).parent):
        for folder in (start.resolve(), *start.resolve().parents):
            if (folder / DECAP_DIST / DECAP_SCRIPT).is_file():
                return folder / DECAP_DIST
    return None


def admin_assets(dist: Path) -> dict[str, Path]:
    """Site path → file, for the files copied into ``/admin/`` from Decap's ``dist``."""
    names = [DECAP_SCRIPT, f"{DECAP_SCRIPT}.LICENSE.txt"]
    names += sorted(p.name for p in dist.glob(f"*.{DECAP_SCRIPT}"))  # chunks loaded on demand
    names += sorted(p.name for p in dist.glob("*.wasm"))  # modules of some chunks
    assets = {f"admin/{name}": dist / name for name in names if (dist / name).is_file()}
    assets["admin/portal-cms.js"] = PORTAL_SCRIPT
    return assets


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
            # File names from titles: ASCII, no accents, hyphens, as generator.text.slugify does
            # (Decap drops straight apostrophes: portal-cms.js makes them typographic first).
            "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
            "collections": [
                _collection(t, content_schema(t, vocabularies, slugs), prefix, used)
                for t in content_types()
            ],
        }
    )
    return config


def _collection(
    content_type: ContentType,
    schema: Mapping[str, Any],
    prefix: str,
    used: Mapping[str, set[str]],
) -> dict[str, Any]:
    form, names = content_type.form, content_type.names
    widgets = [_widget(spec, content_type.name, used) for spec in fields(schema)]
    widgets.append(
        {
            "name": "body",
            "label": form.body,
            "widget": "markdown",
            "required": False,
        }
    )
    return {
        "name": content_type.name,
        "label": names.title_plural,
        "label_singular": names.title,
        "description": french_spacing(form.description),
        "folder": prefix + content_type.folder,
        "extension": "md",
        "format": "yaml-frontmatter",
        "create": True,
        "identifier_field": form.identifier,
        "slug": "{{slug}}",
        "summary": "{{" + form.search[0] + "}}",
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
            _defaults_shown_only(subfields)
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
        assert spec.source is not None
        target = by_name(spec.source)
        widget.update(
            widget="portal-many-relation" if spec.single_allowed else "relation",
            collection=target.name,
            value_field="{{slug}}",
            search_fields=list(target.form.search),
            display_fields=[target.form.search[0]],
        )
        return _many(widget, spec)
    if spec.kind == "choice":
        widget.update(
            widget="select", options=[{"label": label, "value": v} for v, label in spec.options]
        )
        if _default(widget, spec):
            widget["widget"] = "portal-select"
        if spec.single_allowed:
            widget["widget"] = "portal-many-select"
        return _many(widget, spec)
    if spec.multiple:  # a list of texts: one line each
        item = _widget(_as(spec, "item", spec.title, multiple=False), here, used)
        item.pop("hint", None)
        item.pop("required", None)
        widget.update(widget="portal-many-list" if spec.single_allowed else "list", field=item)
        if spec.min_items:
            widget["min"] = spec.min_items
        return widget
    if spec.kind == "boolean":
        widget["widget"] = "portal-boolean" if _default(widget, spec) else "boolean"
        return widget
    if spec.kind == "integer":
        widget.update(widget="number", value_type="int")
        if spec.minimum is not None:
            widget["min"] = spec.minimum
        if spec.maximum is not None:
            widget["max"] = spec.maximum
        return widget
    if spec.kind == "when":
        widget["widget"] = "portal-when"
        return widget
    widget["widget"] = "text" if spec.kind == "longtext" else "string"
    if spec.kind in _PATTERNS:
        regex, expected = _PATTERNS[spec.kind]
        widget["pattern"] = [regex, french_spacing(f"Attendu : {expected}.")]
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


def _defaults_shown_only(widgets: list[dict[str, Any]]) -> None:
    """In the items of a list, defaults are shown (portal-cms.js) but not written: Decap gives a
    new entry one item of every list whose fields have defaults (« figures: [{forecast: false}] »,
    which lacks its required year)."""
    for widget in widgets:
        if "default" in widget:
            widget["portal_default"] = widget.pop("default")
        if widget["widget"] == "object":
            _defaults_shown_only(widget["fields"])


def _default(widget: dict[str, Any], spec: FieldSpec) -> bool:
    """Give ``widget`` the model's default, if it has one worth showing."""
    if spec.has_default and spec.default not in (None, [], {}):
        widget["default"] = spec.default
        return True
    return False


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
        "# Formulaire d'édition du portail : configuration de Decap CMS. Générée à partir des",
        "# modèles du contenu et des vocabulaires par generator/cms.py : ne pas la modifier à la",
        "# main, la construction du site la réécrit ; les options « cms_… » de l'extension",
        "# « portal » dans mkdocs.yml règlent la partie « backend » :",
        "#   name     : github ou gitlab (cms_backend) ;",
        "#   repo     : le dépôt, « organisation/nom » (cms_repo ; ORGANISATION/DEPOT est à",
        "#              remplacer) ;",
        "#   branch   : la branche d'où le site est construit (cms_branch) ;",
        "#   base_url : GitHub : l'adresse du service d'authentification OAuth ; GitLab :",
        "#              l'adresse de la forge si ce n'est pas gitlab.com (cms_auth_url) ;",
        "#   app_id   : GitLab : l'identifiant de l'application OAuth de la forge (cms_app_id).",
        "# Avec publish_mode: editorial_workflow, chaque modification est une demande de fusion",
        "# (brouillon, en relecture, prête) que l'on publie une fois relue.",
        "backend:",
        f"  name: {_scalar(backend.name)}",
        f"  repo: {_scalar(backend.repo)}",
        f"  branch: {_scalar(backend.branch)}",
    ]
    if backend.base_url:
        lines.append(f"  base_url: {_scalar(backend.base_url)}")
        if backend.name == "gitlab":
            lines.append(f"  api_root: {_scalar(backend.base_url.rstrip('/') + '/api/v4')}")
    if backend.name == "gitlab" and backend.app_id:
        lines += ["  auth_type: pkce", f"  app_id: {_scalar(backend.app_id)}"]
    lines.append("  commit_messages:")  # in the history as editors read it
    for key, text in COMMIT_MESSAGES.items():
        lines.append(f"    {key}: {_scalar(french_spacing(text))}")
    return "\n".join(lines) + "\n"


def _scalar(value: str) -> str:
    dumped = yaml.safe_dump(value, default_flow_style=True, allow_unicode=True)
    return dumped.strip().removesuffix("...").strip()


def _index(backend: Backend) -> str:
    """The admin page: Decap's script, then the portal's, under a policy that lets the page talk
    to the forge's API alone (Decap's GitHub backend also asks githubstatus.com whether GitHub
    works: refused, it takes GitHub as working)."""
    policy = "; ".join(
        [
            "default-src 'self'",
            # Decap compiles its configuration's schema (ajv) and some chunks run WebAssembly.
            "script-src 'self' 'unsafe-eval' 'wasm-unsafe-eval'",
            "style-src 'self' 'unsafe-inline'",  # Decap's components style themselves inline
            "img-src 'self' data: blob: " + " ".join(backend.image_origins),
            "connect-src 'self' " + " ".join(backend.api_origins),
            "worker-src 'self' blob:",
            "object-src 'none'",
            "base-uri 'self'",
        ]
    )
    identifiers = json.dumps(
        {t.name: t.form.identifier for t in content_types()}, sort_keys=True
    )
    return _INDEX.format(
        policy=escape(policy, quote=False).replace('"', "&quot;"),
        title=escape("Édition du contenu — Portail des Campus des Métiers et des Qualifications"),
        noscript=escape("L'édition du contenu en ligne a besoin de JavaScript."),
        decap=DECAP_SCRIPT,
        identifiers=escape(identifiers),
    )


_INDEX = """<!doctype html>
<html lang="fr">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta name="robots" content="noindex">
  <meta http-equiv="Content-Security-Policy" content="{policy}">
  <title>{title}</title>
  <link href="config.yml" type="text/yaml" rel="cms-config-url">
  <link rel="icon" href="data:,">
</head>
<body>
  <noscript>{noscript}</noscript>
  <script src="{decap}"></script>
  <script src="portal-cms.js" data-identifiers="{identifiers}"></script>
</body>
</html>
"""


def collections_of(config: Mapping[str, Any]) -> Iterable[tuple[ContentType, dict[str, Any]]]:
    """Each content type with its collection in ``config`` (for tests and checks)."""
    collections = {c["name"]: c for c in config["collections"]}
    for content_type in content_types():
        yield content_type, collections[content_type.name]
