"""``/campus/sitemap.xml``: a sitemap of the campus section (campus pages and annual reports).

Material for MkDocs reads a ``sitemap.xml`` beside every ``<link rel="alternate">`` of a page,
taking them for language versions; a campus page announces its calendar ``/campus/<slug>.ics``
that way, so Material asks for ``/campus/sitemap.xml``. Rather than a 404 in the console on every
campus page, the section gets its own sitemap, valid by the protocol (it lists only URLs under
``/campus/``).
"""

from __future__ import annotations

from xml.etree import ElementTree as ET

from ..routes import ROUTES
from .urls import absolute

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"


def render_campus_sitemap(urls: list[str], site_url: str | None) -> str:
    """The sitemap of the campus pages among ``urls`` (site-relative page URLs)."""
    section = ROUTES.campuses
    ET.register_namespace("", SITEMAP_NS)
    root = ET.Element(f"{{{SITEMAP_NS}}}urlset")
    for url in sorted(u for u in urls if u.startswith(section)):
        entry = ET.SubElement(root, f"{{{SITEMAP_NS}}}url")
        ET.SubElement(entry, f"{{{SITEMAP_NS}}}loc").text = absolute(site_url, url) or url
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"
