"""Index: the cross-references every page needs, built once, before anything is rendered.

Every relation is a dictionary built in one pass over the items, so that a page asks for its
actions or events with a look-up, never a scan (a scan per page would make builds quadratic).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from .contenttypes import ACTION, CAMPUS, EVENT, GLOSSARY, ContentType
from .models import Action, Event
from .validate import Content


@dataclass(frozen=True)
class Site:
    content: Content
    actions_by_campus: dict[str, tuple[Action, ...]]
    events_by_campus: dict[str, tuple[Event, ...]]
    events_by_action: dict[str, tuple[Event, ...]]

    def url(self, content_type: ContentType, slug: str) -> str:
        return content_type.url.format(slug=slug)

    def counts(self) -> dict[ContentType, int]:
        c = self.content
        return {
            CAMPUS: len(c.campuses),
            ACTION: len(c.actions),
            EVENT: len(c.events),
            GLOSSARY: len(c.glossary),
        }


def _event_order(event: Event) -> tuple[date, str]:
    return (event.last_day, event.slug)


def build_index(content: Content) -> Site:
    actions_by_campus: dict[str, list[Action]] = defaultdict(list)
    events_by_campus: dict[str, list[Event]] = defaultdict(list)
    events_by_action: dict[str, list[Event]] = defaultdict(list)
    for action in content.actions.values():  # slug order, hence stable lists
        for campus in action.campus:
            actions_by_campus[campus].append(action)
    for event in sorted(content.events.values(), key=_event_order):
        for campus in event.campus:
            events_by_campus[campus].append(event)
        if event.action is not None:
            events_by_action[event.action].append(event)
    return Site(
        content=content,
        actions_by_campus={k: tuple(v) for k, v in actions_by_campus.items()},
        events_by_campus={k: tuple(v) for k, v in events_by_campus.items()},
        events_by_action={k: tuple(v) for k, v in events_by_action.items()},
    )
