"""``portal export DIR``: the build plan written out for an engine that runs no portal plugin.

``DIR/docs/`` receives every output of the plan (generator/plan.py) and the editorial pages:
each generated page as a Markdown file with its front matter and its finished content (template,
converted body, acronyms marked) as one raw HTML block, which Markdown leaves as it is; every
feed, data file and picture as it is. ``DIR/mkdocs.yml`` is the portal's configuration without
the ``portal`` plugin: ProperDocs, MkDocs or Material's successor builds from it the same URLs
with the same page content. What the plugin does beyond the plan is left out (docs/architecture.md
lists it): full-text search, for which the Pagefind CLI is run over the built site.

No MkDocs import: the configuration is read as YAML and bodies are converted by Python-Markdown
with the configuration's own extensions.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import markdown as md
import yaml

from .builddate import build_date
from .errors import ContentError, Problem, Severity
from .frontmatter import parse
from .legal import load_legal
from .pipeline import load_site
from .plan import THEME_CSS, THEME_JS, Kind, PlanError, Settings, heading, plan
from .render.abbreviations import AbbreviationsExtension
from .render.typography import TypographyExtension
from .routes import ROUTES
from .siteconfig import PLUGIN, PortalOptions, backend, read_config

# The extensions MkDocs adds to every site's own (mkdocs.config.defaults).
MKDOCS_EXTENSIONS = ("toc", "tables", "fenced_code")
# The plugin's French typography, as Python-Markdown loads it from a configuration.
TYPOGRAPHY = "generator.render.typography:TypographyExtension"


class ExportError(Exception):
    """The site cannot be exported; ``problems``, or the French message, say why."""

    def __init__(self, message: str, problems: list[Problem] | None = None) -> None:
        super().__init__(message)
        self.problems = problems or []


def _extensions(config: dict[str, Any]) -> tuple[list[str], dict[str, Any]]:
    """The configuration's Markdown extensions: names, and the options of those that have any."""
    names: list[str] = list(MKDOCS_EXTENSIONS)
    options: dict[str, Any] = {}
    for entry in config.get("markdown_extensions") or []:
        name, value = next(iter(entry.items())) if isinstance(entry, dict) else (entry, None)
        if name not in names:
            names.append(name)
        if value:
            options[name] = value
    return names, options


def _url(path: str) -> str:
    """An editorial page's site-relative URL (directory URLs): "a/b.md" → "/a/b/"."""
    stem = path.removesuffix(".md")
    stem = stem.removesuffix("index").rstrip("/") if stem.endswith("index") else stem
    return f"/{stem}/" if stem else "/"


def _editorial(docs: Path) -> Iterator[tuple[str, Path]]:
    for path in sorted(docs.rglob("*.md")):
        yield path.relative_to(docs).as_posix(), path


def export(config_file: Path, out: Path, environ: dict[str, str] | None = None) -> int:
    """Write the export of the portal configured by ``config_file`` into ``out`` (emptied
    first); the number of files written. Raises :class:`ExportError`."""
    environ = dict(os.environ if environ is None else environ)
    text = config_file.read_text(encoding="utf-8")
    try:
        config = read_config(text)
    except yaml.YAMLError as exc:
        raise ExportError(f"{config_file.name} : ce n'est pas du YAML valide ({exc}).") from None
    try:
        options = PortalOptions.of(config)
    except LookupError:
        missing = f"le greffon « {PLUGIN} » n'est pas dans « plugins »"
        raise ExportError(f"{config_file.name} : {missing}.") from None
    base = config_file.resolve().parent
    root = base / options.root
    docs = base / config.get("docs_dir", "docs")
    try:
        site = load_site(root)
    except ContentError as exc:
        raise ExportError("erreurs dans le contenu", exc.problems) from None
    legal, problems = load_legal((config.get("extra") or {}).get("legal"), text, config_file.name)
    errors = [p for p in problems if p.severity is Severity.ERROR]
    if errors:
        raise ExportError("erreurs dans les réglages « extra: legal »", errors)

    editorial, statement, statement_source = [], "", None
    for uri, path in _editorial(docs):
        source = path.read_text(encoding="utf-8")
        document = parse(source, uri)
        body = document.body if not isinstance(document, list) else source
        editorial.append((_url(uri), heading(body, path.stem), source))
        if _url(uri) == ROUTES.accessibility:
            statement, statement_source = body, uri
    guide = base / options.guide if options.guide else None
    settings = Settings(
        root=root,
        fragments=base / options.fragments,
        today=build_date(options.build_date, environ),
        environ=environ,
        site_url=config.get("site_url") or None,
        site_name=config.get("site_name", ""),
        search=options.search,
        legal=legal,
        editorial=editorial,
        statement=statement,
        statement_source=statement_source,
        guide=guide if guide is not None and guide.is_file() else None,
        cms=backend(options),
        cms_search=[base],
        allow_shallow_clone=options.allow_shallow_clone,
    )
    try:
        the_plan = plan(site, settings)
    except PlanError as exc:
        raise ExportError(str(exc)) from None

    names, extension_options = _extensions(config)
    abbreviations = AbbreviationsExtension(site.acronyms)
    converter = md.Markdown(
        extensions=[*names, abbreviations, TypographyExtension()],
        extension_configs=extension_options,
    )
    if out.exists():
        shutil.rmtree(out)
    target = out / "docs"
    target.mkdir(parents=True)
    written = 0
    for uri, path in _editorial(docs):  # the editorial pages, the engine's own
        if uri != statement_source:
            (target / uri).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target / uri)
            written += 1
    for output in the_plan.outputs:
        destination = target / output.path
        destination.parent.mkdir(parents=True, exist_ok=True)
        if output.kind is Kind.PAGE:
            page = output.page
            assert page is not None
            unfinished = the_plan.start(page.url, page)
            abbreviations.begin(unfinished.marking)
            content = the_plan.content(unfinished, converter.reset().convert(page.body))
            # One raw HTML block: Markdown leaves its inside as it is.
            destination.write_text(
                f"{page.front_matter}\n<div class=\"portal-page\">\n{content}</div>\n",
                encoding="utf-8",
            )
        elif output.kind is Kind.COPY:
            assert output.source is not None
            shutil.copyfile(output.source, destination)
        else:
            assert output.text is not None
            destination.write_text(output.text(), encoding="utf-8")
        written += 1
    (out / "mkdocs.yml").write_text(
        _exported_config(config, base, settings, legal.status_label), encoding="utf-8"
    )
    return written


def _exported_config(
    config: dict[str, Any], base: Path, settings: Settings, legal_status: str
) -> str:
    """The portal's configuration for an engine without the plugin: the same site, its pages
    in ``docs/``, the theme's values the plugin would have set."""
    exported = dict(config)
    exported["docs_dir"] = "docs"
    exported["site_dir"] = "site"
    plugins = [
        p for p in config.get("plugins") or []
        if p != PLUGIN and not (isinstance(p, dict) and PLUGIN in p)
    ]  # fmt: skip
    exported["plugins"] = plugins
    theme = dict(config.get("theme") or {})
    if theme.get("custom_dir"):
        theme["custom_dir"] = str((base / theme["custom_dir"]).resolve())
    exported["theme"] = theme
    exported["extra_css"] = [*(config.get("extra_css") or []), *THEME_CSS]
    exported["extra_javascript"] = [*(config.get("extra_javascript") or []), *THEME_JS]
    extensions = list(config.get("markdown_extensions") or [])
    exported["markdown_extensions"] = [*extensions, TYPOGRAPHY]
    exported["extra"] = {
        **(config.get("extra") or {}),
        "portal_search": settings.search,
        "portal_routes": ROUTES.for_theme(),
        # One Pagefind bundle, written by the Pagefind CLI over the built site.
        "portal_search_bundles": ["pagefind"] if settings.search else [],
        "portal_legal_status": legal_status,
        "portal_guide": settings.guide is not None,
    }
    head = "# Written by « portal export »: the portal without its plugin (docs/architecture.md).\n"
    return head + yaml.safe_dump(exported, allow_unicode=True, sort_keys=False, width=100)
