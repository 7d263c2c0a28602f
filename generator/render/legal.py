"""The pages French public bodies publish beside their content: the accessibility statement
(RGAA form), the legal notice, the personal-data page and the site map.

Their facts come from the publisher's settings (:mod:`generator.legal`); the site map is made
from the list of every generated page, so that a page kind added later is listed too (under
« Autres pages » until it gets a section of its own).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..contenttypes import ACTION, CAMPUS, EVENT
from ..dates import french_date, french_when
from ..legal import LegalSettings
from ..routes import ROUTES, calendar_url, open_data_url
from ..text import french_typography
from .api import api_files
from .pages import Page, PageRenderer

OPEN_DATA_TITLES = {
    "api/campus.json": "Campus (JSON)",
    "api/actions.json": "Actions (JSON)",
    "api/evenements.json": "Événements (JSON)",
    "api/glossaire.json": "Glossaire (JSON)",
}


@dataclass(frozen=True)
class Entry:
    """A link of the site map, with what it holds below it."""

    title: str
    url: str
    note: str = ""  # said after the link (a date, « archivée »)
    children: tuple[Entry, ...] = ()


@dataclass(frozen=True)
class Section:
    heading: str
    entries: tuple[Entry, ...] = field(default_factory=tuple)


def _date(value: Any) -> str:
    return french_date(value) if value is not None else ""


def legal_pages(
    renderer: PageRenderer,
    settings: LegalSettings,
    pages: Sequence[Page],
    *,
    site_name: str,
    site_url: str | None,
    editorial: Iterable[tuple[str, str]] = (),
    guide: Iterable[tuple[str, str]] = (),
    statement_body: str = "",
    statement_source: str | None = None,
    cms: bool = False,
    search: bool = True,
) -> list[Page]:
    """The four pages. ``pages``: every other generated page; ``editorial`` and ``guide``:
    (URL, title) of the editorial pages and of the editors' guide; ``statement_body``: the
    editor's own Markdown for the accessibility statement, if any, and ``statement_source`` its
    file (``accessibilite.md``: the statement takes its place, so its links still lead)."""
    a = settings.accessibility
    common = {"legal": settings, "site_name": site_name, "site_url": site_url or ""}

    def page(
        url: str, title: str, template: str, body: str = "", source: str | None = None,
        **context: Any,
    ) -> Page:
        return Page(
            url=url,
            title=french_typography(title),
            template=template,
            body=body,
            context={**common, **context},
            source=source,
        )

    legal = [
        page(
            ROUTES.accessibility,
            "Déclaration d'accessibilité",
            "legal_accessibility.html",
            statement_body,
            statement_source,
            has_body=bool(statement_body.strip()),
            audit_date=_date(a.audit_date),
            statement_date=_date(a.statement_date),
            rate=f"{a.rate:g}".replace(".", ",") if a.rate is not None else "",
        ),
        page(ROUTES.notice, "Mentions légales", "legal_notice.html", api_files=_open_data()),
        page(
            ROUTES.privacy,
            "Données personnelles",
            "legal_privacy.html",
            cms=cms,
            search_on=search,
        ),
    ]
    sitemap = page(
        ROUTES.sitemap,
        "Plan du site",
        "sitemap.html",
        sections=_sitemap(renderer, [*pages, *legal], editorial, guide, cms),
    )
    # The site map repeats every title: search would answer every query with it.
    return [*legal, Page(**{**sitemap.__dict__, "search": False})]


def _open_data() -> list[tuple[str, str]]:
    return [
        (OPEN_DATA_TITLES.get(path, path), open_data_url(content_type) or "")
        for content_type, path in api_files().items()
    ]


def _sitemap(
    renderer: PageRenderer,
    pages: Sequence[Page],
    editorial: Iterable[tuple[str, str]],
    guide: Iterable[tuple[str, str]],
    cms: bool,
) -> list[Section]:
    site = renderer.site
    c = site.content
    by_url = {p.url: p for p in pages}
    placed: set[str] = set()

    def entry(
        url: str, title: str | None = None, note: str = "", children: Sequence[Entry] = ()
    ) -> Entry:
        placed.add(url)
        return Entry(title or by_url[url].title, url, note, tuple(children))

    def present(urls: Iterable[str]) -> list[str]:
        return [u for u in urls if u in by_url]

    r = ROUTES
    main = [entry(r.home, "Accueil")] if r.home in by_url else []
    main += [entry(u) for u in present((r.campuses, r.catalogue, r.agenda, r.glossary, r.search))]
    campuses = []
    for slug in c.campuses:
        url = site.url(CAMPUS, slug)
        prefix = f"{url}rapport-"
        reports = [entry(p.url) for p in pages if p.url.startswith(prefix)]
        campuses.append(entry(url, children=reports))
    by_campus: dict[str, list[Entry]] = {slug: [] for slug in c.campuses}
    for slug, action in c.actions.items():
        note = "archivée" if action.status == "archived" else ""
        by_campus[action.campus[0]].append(entry(site.url(ACTION, slug), note=note))
    actions = [
        Entry(c.campuses[slug].short_name, site.url(CAMPUS, slug), "", tuple(found))
        for slug, found in by_campus.items()
        if found
    ]
    events = [
        entry(site.url(EVENT, e.slug), note=french_when(e.start, e.end))
        for e in site.events_by_date
    ]
    figures = [entry(p.url) for p in pages if p.url.startswith(r.figures)]
    legal = [entry(u) for u in present((r.accessibility, r.notice, r.privacy, r.sitemap))]
    placed.add(r.sitemap)
    sections = [
        Section("Pages principales", tuple(main)),
        Section("Campus et rapports d'activité", tuple(campuses)),
        Section("Actions, par campus", tuple(actions)),
        Section("Agenda", tuple(events)),
        Section("Chiffres clés", tuple(figures)),
    ]
    others = [Entry(title, url) for url, title in editorial if url not in by_url]
    others += [entry(p.url) for p in pages if p.url not in placed]
    if others:
        sections.append(Section("Autres pages", tuple(others)))
    legal = [e for e in legal if e.url != r.sitemap]  # the site map itself: this page
    sections.append(Section("Informations légales", tuple(legal)))
    guide_entries = [Entry(title, url) for url, title in guide]
    if cms:
        guide_entries.append(Entry("Formulaire d'édition en ligne", r.admin))
    if guide_entries:
        sections.append(Section("Contribuer", tuple(guide_entries)))
    feeds = [Entry(title, url) for title, url in _open_data()]
    feeds.append(Entry("Flux RSS du portail", r.rss))
    feeds.append(Entry("Agenda de tous les campus (iCalendar)", r.all_events))
    feeds += [
        Entry(f"Agenda du campus {campus.short_name} (iCalendar)", calendar_url(CAMPUS, slug))
        for slug, campus in c.campuses.items()
    ]
    sections.append(Section("Données ouvertes et flux", tuple(feeds)))
    return [s for s in sections if s.entries]
