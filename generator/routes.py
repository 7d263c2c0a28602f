"""Every URL of the site, in one place: the fixed pages and feeds (:data:`ROUTES`), and the
builders of the others (an item's page, a campus's annual report, a year's key figures, a
calendar feed, an open-data file).

The URLs are site-relative and start with « / » (pages end with « / », files do not); links
between pages are made relative by :func:`generator.render.urls.relative`. Python reads
``ROUTES.catalogue``; templates get the same routes as the global ``routes``, a plain mapping of
strings (``to(routes.catalogue)``), and call the builders as globals. An item's URL pattern is
its type's row (``ContentType.url``, ``generator/models/``); the builders here derive every other
URL from it. The design's « URL contract » lists the same paths, but for the search page and
the teacher's selection (tests/test_templates.py checks that they agree).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from .contenttypes import CAMPUS, ContentType


@dataclass(frozen=True)
class Routes:
    """The site's fixed pages and feeds."""

    home: str = "/"
    campuses: str = "/campus/"
    catalogue: str = "/actions/"
    selection: str = "/actions/selection/"  # the teacher's kept actions
    agenda: str = "/agenda/"
    glossary: str = "/glossaire/"
    figures: str = "/chiffres-cles/"
    search: str = "/recherche/"
    accessibility: str = "/accessibilite/"
    notice: str = "/mentions-legales/"
    privacy: str = "/donnees-personnelles/"
    sitemap: str = "/plan-du-site/"
    admin: str = "/admin/"  # the web form, when enabled
    guide: str = "/contribuer/"  # the editors' guide, when published
    rss: str = "/rss.xml"
    all_events: str = "/agenda.ics"  # the calendar of every event

    def as_dict(self) -> dict[str, str]:
        """Name → URL: what templates get as ``routes``."""
        return asdict(self)

    def for_theme(self) -> dict[str, str]:
        """Name → path without its leading « / », for Material's templates, which make it
        relative with MkDocs' ``url`` filter: ``{{ config.extra.portal_routes.rss | url }}``."""
        paths = {name: url.lstrip("/") for name, url in asdict(self).items()}
        assert CAMPUS.api  # the footer's « Données ouvertes » opens the campuses' file
        return {**paths, "open_data": CAMPUS.api}


ROUTES = Routes()


def item_url(content_type: ContentType, slug: str) -> str:
    """An item's page (or its anchor, for a glossary entry): ``/campus/<slug>/``."""
    return content_type.item_url(slug)


def report_url(campus: str, year: int) -> str:
    """A campus's annual report: ``/campus/<slug>/rapport-<year>/``."""
    return f"{item_url(CAMPUS, campus)}rapport-{year}/"


def figures_url(year: int) -> str:
    """A year's key figures: ``/chiffres-cles/<year>/``."""
    return f"{ROUTES.figures}{year}/"


def calendar_url(content_type: ContentType, slug: str) -> str:
    """A campus's or an event's own feed, beside its page: ``/campus/x/`` → ``/campus/x.ics``."""
    return item_url(content_type, slug).rstrip("/") + ".ics"


def open_data_url(content_type: ContentType) -> str | None:
    """A type's open-data file (``/api/campus.json``), when it has one."""
    return f"/{content_type.api}" if content_type.api else None
