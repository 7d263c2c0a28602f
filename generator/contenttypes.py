"""The content types as data: where their files live, which model reads them, where they go.

Adding a type is adding a row here (Hugo's idea: kinds of content are configuration, not code).
"""

from __future__ import annotations

from dataclasses import dataclass

from .models import Action, Campus, Event, GlossaryEntry
from .models.common import Item


@dataclass(frozen=True)
class ContentType:
    name: str  # internal name, also the key of the site's item dictionaries
    folder: str  # relative to the content root
    model: type[Item]
    label: str  # French plural, for summaries
    url: str  # site-relative URL of an item; ``{slug}`` is replaced


CAMPUS = ContentType("campus", "campuses", Campus, "campus", "/campus/{slug}/")
ACTION = ContentType("action", "content/actions", Action, "actions", "/actions/{slug}/")
EVENT = ContentType("event", "content/events", Event, "événements", "/agenda/{slug}/")
GLOSSARY = ContentType(
    "glossary", "content/glossary", GlossaryEntry, "entrées de glossaire", "/glossaire/#{slug}"
)

CONTENT_TYPES = (CAMPUS, ACTION, EVENT, GLOSSARY)
