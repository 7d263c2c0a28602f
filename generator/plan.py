"""The build plan: every output of a site, worked out by the core from the indexed content.

An engine needs only this list to build the portal. Each :class:`Output` says where it goes, what
kind of output it is, how to get its text (rendered when asked: a build that renders in several
processes writes the feeds in one of them), whether search indexes it and, through
:meth:`Plan.reads`, which source files it depends on. The MkDocs plugin turns outputs into MkDocs
files (``generator/mkdocs_plugin/``); ``portal export`` writes them out for an engine that runs no
plugin (``generator/export.py``). Neither decides what the site holds: this module does.

A page's finished content is its template rendered around its converted body, with the acronyms
marked in document order: :meth:`Plan.start` before the body's conversion, :meth:`Plan.content`
after it. The plugin and the export both make it here.
"""

from __future__ import annotations

import enum
import hashlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property, partial
from pathlib import Path

from .cms import Backend, admin_assets, find_decap, render_cms
from .dependencies import dependencies
from .glossary_use import DeferredUses
from .index import Site
from .legal import LegalSettings
from .render.abbreviations import Marking
from .render.api import render_api
from .render.calendars import CalendarWriter, render_calendars
from .render.legal import legal_pages
from .render.pages import Page, PageRenderer, around_body, joined
from .render.rss import render_rss
from .render.sitemaps import render_campus_sitemap
from .render.urls import relative
from .revisions import Revision, ShallowCloneError, read_revisions
from .routes import ROUTES

GUIDE_PAGE = f"{ROUTES.guide.strip('/')}/index.md"  # where the editors' guide is published
GUIDE_PICTURES = (".png", ".jpg", ".webp", ".svg")
# The portal's own style and scripts (theme/assets/), which every page loads.
THEME_CSS = ("assets/stylesheets/portal.css", "assets/stylesheets/catalogue.css")
THEME_JS = (
    "assets/javascripts/catalogue.js",
    "assets/javascripts/selection.js",
    "assets/javascripts/agenda.js",
    "assets/javascripts/search.js",
)


class PlanError(Exception):
    """A site that cannot be built as asked; the message is French, for the editor."""


class Kind(enum.Enum):
    PAGE = "page"  # a generated page: its Markdown, and its template around the converted body
    MARKDOWN = "markdown"  # a Markdown page the engine renders as it is (the editors' guide)
    TEXT = "text"  # a file written as it is (feeds, open data, site map, the form's files)
    COPY = "copy"  # a file copied from ``source`` (pictures, the form's scripts)


@dataclass(frozen=True)
class Output:
    path: str  # where the engine takes it from: "campus/green-city.md", "agenda.ics"
    kind: Kind
    page: Page | None = None  # Kind.PAGE
    text: Callable[[], str] | None = None  # Kind.MARKDOWN and Kind.TEXT
    source: Path | None = None  # Kind.COPY
    search: bool = False  # whether the full-text search indexes it

    @property
    def url(self) -> str:
        """Its site-relative URL: a page's ("/campus/green-city/"), a file's ("/agenda.ics")."""
        if self.page is not None:
            return self.page.url
        if self.kind is Kind.MARKDOWN:
            return "/" + self.path.removesuffix("index.md")
        return "/" + self.path


@dataclass(frozen=True)
class Settings:
    """What a build is asked for, wherever it is configured (mkdocs.yml, the command line)."""

    root: Path  # holds campuses/ and content/
    fragments: Path  # the templates of generated pages
    today: date  # splits upcoming from past events
    environ: Mapping[str, str] = field(default_factory=dict)  # SOURCE_DATE_EPOCH for git dates
    site_url: str | None = None
    site_name: str = ""
    search: bool = True
    legal: LegalSettings = field(default_factory=LegalSettings)
    # The editorial pages: (site-relative URL, title, Markdown), for the glossary's uses and
    # the site map. The accessibility statement's own text, when an editor wrote one, and its
    # file (the generated statement takes its place).
    editorial: Sequence[tuple[str, str, str]] = ()
    statement: str = ""
    statement_source: str | None = None
    guide: Path | None = None  # the editors' guide, published at /contribuer/
    cms: Backend | None = None  # the web form at /admin/, when on
    cms_search: Sequence[Path] = ()  # where to look for Decap CMS's files (node_modules)
    allow_shallow_clone: bool = False  # feed dates from a cut git history: a warning only


def guide_files(guide: Path | None) -> dict[str, Path]:
    """The guide's files by source path: the guide at /contribuer/, each Markdown file of the
    folder beside it, named like it (docs/contribuer/publier.md), at /contribuer/<name>/, and
    the pictures of its images/ folder at /contribuer/images/."""
    if guide is None:
        return {}
    files = {GUIDE_PAGE: guide}
    folder = guide.with_suffix("")
    prefix = GUIDE_PAGE.removesuffix("index.md")
    for path in sorted(folder.glob("*.md")):
        files[f"{prefix}{path.stem}/index.md"] = path
    for path in sorted(folder.glob("images/*")):
        if path.suffix in GUIDE_PICTURES:
            files[f"{prefix}images/{path.name}"] = path
    return files


def heading(text: str, default: str) -> str:
    """A Markdown page's title: its first « # » heading, else ``default``."""
    return next((x[2:].strip() for x in text.splitlines() if x.startswith("# ")), "") or default


@dataclass
class Plan:
    site: Site
    renderer: PageRenderer
    outputs: list[Output]
    revisions: dict[str, Revision]
    vevents: dict[str, str]  # each event's iCalendar text, by slug, once a feed has it

    @cached_property
    def pages(self) -> dict[str, Page]:
        """The generated pages, by source path."""
        return {o.path: o.page for o in self.outputs if o.page is not None}

    @cached_property
    def dependencies(self) -> dict[str, frozenset[str]]:
        """The source files each output reads, by URL (outputs not listed read everything)."""
        return dependencies(self.site)

    @cached_property
    def digests(self) -> dict[str, str]:
        """Outputs that read every item, by URL: a digest of what they show of the items (the
        glossary: its entries and their back-references), for a preview to reuse them while it
        holds."""
        uses = self.renderer.glossary_uses
        entries = [(e.model_dump(mode="json"), e.body) for e in self.site.content.glossary.values()]
        shown = repr((entries, sorted(uses.items()))).encode()
        return {ROUTES.glossary: hashlib.blake2b(shown, digest_size=16).hexdigest()}

    def reads(self, output: Output) -> frozenset[str] | None:
        """The source files (relative to the root) ``output`` depends on; None: all of them."""
        return self.dependencies.get(output.url)

    def start(self, url: str, page: Page | None = None) -> Unfinished:
        """A page before its body is converted: a generated page's template rendered and
        marked up to the body (an editorial page has no template around it). Its marking goes
        on into the body's conversion (``AbbreviationsExtension.begin``), then into the rest."""
        glossary = relative(url, ROUTES.glossary) if url != ROUTES.glossary else None
        marking = Marking(self.site.acronyms, glossary)  # the glossary marks no acronym
        if page is None:
            return Unfinished(None, "", marking)
        before, after = around_body(self.renderer.template(page))
        return Unfinished(marking.html(before.strip()), after, marking)

    def content(self, unfinished: Unfinished, body_html: str) -> str:
        """A page's finished content: its template around its converted body, every acronym
        marked in document order (the body's by its conversion)."""
        if unfinished.before is None:
            return body_html
        after = unfinished.marking.html(unfinished.after.strip())
        return joined(unfinished.before, after, body_html)


@dataclass(frozen=True)
class Unfinished:
    """A page whose body is being converted: its template's parts, the one before the body
    marked, and the marking, which goes on."""

    before: str | None  # None: no template (an editorial page)
    after: str
    marking: Marking


def plan(site: Site, settings: Settings) -> Plan:
    """Every output of ``site``, in the order an engine lists them. Raises :class:`PlanError`."""
    uses = DeferredUses(site, site.acronyms, settings.editorial)
    renderer = PageRenderer(
        site, settings.fragments, settings.today, settings.site_url, glossary_uses=uses
    )
    pages = renderer.pages()
    if settings.search:
        pages.append(renderer.search())
    guide = guide_files(settings.guide)
    guide_pages = [
        ("/" + uri.removesuffix("index.md"), heading(path.read_text(encoding="utf-8"), path.stem))
        for uri, path in guide.items()
        if path.suffix == ".md"
    ]
    pages += legal_pages(
        renderer,
        settings.legal,
        pages,
        site_name=settings.site_name,
        site_url=settings.site_url,
        editorial=[(url, title) for url, title, _ in settings.editorial],
        guide=guide_pages,
        statement_body=settings.statement,
        statement_source=settings.statement_source,
        cms=settings.cms is not None,
        search=settings.search,
    )
    outputs = [Output(p.src_uri, Kind.PAGE, page=p, search=p.search) for p in pages]

    c = site.content
    dated = [*c.events.values(), *c.actions.values()]
    try:
        revisions = read_revisions(
            settings.root,
            [item.path for item in dated],
            settings.environ,
            allow_shallow=settings.allow_shallow_clone,
        )
    except ShallowCloneError as exc:
        raise PlanError(f"Construction refusée : {exc}") from None
    calendars = render_calendars(site, revisions, settings.site_url)
    # The writer behind the feeds (each a partial of its bound method `calendar`).
    feed = next(iter(calendars.values()), None)
    writer = getattr(getattr(feed, "func", None), "__self__", None)
    vevents = writer.vevents if isinstance(writer, CalendarWriter) else {}
    files: dict[str, Callable[[], str]] = {
        **render_api(site),
        **calendars,
        "rss.xml": partial(render_rss, site, revisions, settings.site_url),
    }
    outputs += [Output(path, Kind.TEXT, text=text) for path, text in files.items()]

    texts = {"campus/sitemap.xml": render_campus_sitemap([p.url for p in pages], settings.site_url)}
    if settings.cms is not None:
        texts.update(render_cms(settings.root, backend=settings.cms, site_url=settings.site_url))
        dist = find_decap(*settings.cms_search, settings.root)
        if dist is None:
            raise PlanError(
                "Formulaire d'édition (cms: true) : Decap CMS est absent ; lancez « npm ci » "
                "à la racine du dépôt (package-lock.json en fixe la version)."
            )
        outputs += [Output(uri, Kind.COPY, source=path) for uri, path in admin_assets(dist).items()]
    outputs += [Output(path, Kind.TEXT, text=partial(str, text)) for path, text in texts.items()]
    for uri, path in guide.items():
        if path.suffix == ".md":
            text = partial(path.read_text, encoding="utf-8")
            outputs.append(Output(uri, Kind.MARKDOWN, text=text, search=True))
        else:  # a picture, copied as it is
            outputs.append(Output(uri, Kind.COPY, source=path))
    return Plan(site, renderer, outputs, revisions, vevents)
