"""Pages: one Markdown source per generated page, with its structured part rendered as HTML.

Structured fields go through Jinja2 with autoescape, so every front-matter value is escaped; the
item's own Markdown body follows and is rendered by whatever builds the site.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import Any

import markdown as md
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from ..contenttypes import ACTION, CAMPUS, EVENT, GLOSSARY, ContentType
from ..dates import french_date, french_when
from ..index import Site
from ..models import Event
from .urls import relative, src_uri


@dataclass(frozen=True)
class Page:
    url: str  # site-relative, e.g. "/campus/green-city/"
    title: str
    markdown: str

    @property
    def src_uri(self) -> str:
        return src_uri(self.url)


def event_when(event: Event) -> str:
    return french_when(event.start, event.end)


class PageRenderer:
    def __init__(self, site: Site, templates: Path) -> None:
        self.site = site
        self.env = Environment(
            loader=FileSystemLoader(templates),
            autoescape=select_autoescape(default=True, default_for_string=True),
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )
        self.env.filters["french_date"] = french_date
        self.env.globals["event_when"] = event_when
        # Editors' Markdown bodies (glossary definitions) shown inside a generated page.
        self.env.filters["markdown"] = lambda text: Markup(md.markdown(text))

    def _page(self, url: str, title: str, template: str, body: str = "", **context: Any) -> Page:
        site = self.site

        def link(content_type: ContentType, slug: str) -> str:
            return relative(url, site.url(content_type, slug))

        html = self.env.get_template(template).render(
            site=site,
            content=site.content,
            vocab=site.content.vocabularies,
            link=link,
            to=lambda target: relative(url, target),
            title=title,
            CAMPUS=CAMPUS,
            ACTION=ACTION,
            EVENT=EVENT,
            GLOSSARY=GLOSSARY,
            **context,
        )
        # Material prints ``page.meta.title`` unescaped (header, <title>): give it escaped text.
        # JSON is valid YAML, so the value is read back unchanged whatever characters it holds.
        meta = f"---\ntitle: {json.dumps(escape(title, quote=False), ensure_ascii=False)}\n---\n"
        markdown = f"{meta}\n{html}\n\n{body.strip()}\n"
        return Page(url, title, markdown)

    def render(self) -> list[Page]:
        c = self.site.content
        url = self.site.url
        pages = [
            self._page("/campus/", "Les campus", "campus_list.html"),
            self._page("/actions/", "Catalogue des actions", "action_list.html"),
            self._page("/agenda/", "Agenda", "event_list.html"),
            self._page("/glossaire/", "Glossaire", "glossary.html"),
        ]
        pages += [
            self._page(url(CAMPUS, s), i.title, "campus.html", i.body, item=i)
            for s, i in c.campuses.items()
        ]
        pages += [
            self._page(url(ACTION, s), i.title, "action.html", i.body, item=i)
            for s, i in c.actions.items()
        ]
        pages += [
            self._page(url(EVENT, s), i.title, "event.html", i.body, item=i)
            for s, i in c.events.items()
        ]
        return pages
