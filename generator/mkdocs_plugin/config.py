"""The plugin's one typed configuration (``plugins: - portal: {…}`` in mkdocs.yml)."""

from __future__ import annotations

from datetime import date

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class PortalConfig(Config):
    # Folder holding campuses/ and content/, relative to mkdocs.yml.
    root = c.Type(str, default=".")
    # Jinja2 fragments the core renders generated pages with, relative to mkdocs.yml.
    fragments = c.Type(str, default="theme/fragments")
    # Date that splits upcoming from past events (AAAA-MM-JJ); empty: SOURCE_DATE_EPOCH or today.
    build_date: c.Optional[str | date] = c.Optional(c.Type((str, date)))
