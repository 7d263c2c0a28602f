"""``/rss.xml``: RSS 2.0 news of the portal, its events and its new actions, newest first.

An item's date is when its file was first published (see :mod:`generator.revisions`), so the feed
announces what is new; the feed's own date is its newest item's, never the clock's.
"""

from __future__ import annotations

from datetime import UTC, datetime
from email.utils import format_datetime
from xml.etree import ElementTree as ET

from ..contenttypes import ACTION, EVENT
from ..dates import french_when
from ..index import Site
from ..models.common import Item
from ..revisions import Revision
from ..routes import ROUTES
from .urls import absolute

RSS_TITLE = "Campus des Métiers et des Qualifications de Bourgogne-Franche-Comté"
MAX_ITEMS = 50
ATOM = "http://www.w3.org/2005/Atom"
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def _text(parent: ET.Element, tag: str, text: str) -> ET.Element:
    element = ET.SubElement(parent, tag)
    element.text = text
    return element


def render_rss(site: Site, revisions: dict[str, Revision], site_url: str | None) -> str:
    """The feed's XML text. Without the site's address, links stay site-relative."""
    c = site.content
    entries: list[tuple[datetime, str, str, Item, str]] = []  # (date, url, category, item, text)
    for event in c.events.values():
        text = french_when(event.start, event.end)
        if event.summary:
            text += f" — {event.summary}"
        url = site.url(EVENT, event.slug)
        entries.append((_created(revisions, event), url, "Agenda", event, text))
    for action in c.actions.values():
        if action.status == "active":
            url = site.url(ACTION, action.slug)
            entries.append((_created(revisions, action), url, "Action", action, action.summary))
    # Newest first; the URL breaks ties, so that equal dates keep a stable order.
    entries.sort(key=lambda e: (-e[0].timestamp(), e[1]))
    entries = entries[:MAX_ITEMS]

    ET.register_namespace("atom", ATOM)
    rss = ET.Element("rss", version="2.0")
    channel = ET.SubElement(rss, "channel")
    _text(channel, "title", RSS_TITLE)
    _text(channel, "link", absolute(site_url, ROUTES.home) or ROUTES.home)
    _text(channel, "description", "Les événements et les nouvelles actions des campus.")
    _text(channel, "language", "fr-FR")
    newest = entries[0][0] if entries else _EPOCH
    _text(channel, "lastBuildDate", format_datetime(newest))
    self_url = absolute(site_url, ROUTES.rss)
    if self_url:
        ET.SubElement(
            channel, f"{{{ATOM}}}link", href=self_url, rel="self", type="application/rss+xml"
        )
    for when, url, category, item, text in entries:
        entry = ET.SubElement(channel, "item")
        _text(entry, "title", item.title)
        link = absolute(site_url, url) or url
        _text(entry, "link", link)
        _text(entry, "description", text)
        _text(entry, "category", category)
        _text(entry, "guid", link).set("isPermaLink", "true" if site_url else "false")
        _text(entry, "pubDate", format_datetime(when))
    ET.indent(rss)
    return ET.tostring(rss, encoding="unicode", xml_declaration=True) + "\n"


def _created(revisions: dict[str, Revision], item: Item) -> datetime:
    revision = revisions.get(item.path)
    return revision.created if revision else _EPOCH
