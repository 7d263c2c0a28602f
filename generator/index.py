"""Index: the cross-references every page needs, built once, before anything is rendered.

Every relation is a dictionary built in one pass over the items, so that a page asks for its
actions or events with a look-up, never a scan (a scan per page would make builds quadratic).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from .acronyms import Acronyms
from .contenttypes import ContentType, content_types
from .figures import KeyFigures
from .figures import compute as compute_figures
from .models import Action, Event
from .validate import Content


@dataclass(frozen=True)
class Site:
    content: Content
    actions_by_campus: dict[str, tuple[Action, ...]]
    events_by_campus: dict[str, tuple[Event, ...]]
    events_by_action: dict[str, tuple[Event, ...]]
    events_by_date: tuple[Event, ...]  # every event, by last day then slug
    related_actions: dict[str, tuple[Action, ...]]
    figures: KeyFigures  # sums of the actions' figures per campus, year and audience
    acronyms: Acronyms  # the glossary's short forms, compiled once

    def url(self, content_type: ContentType, slug: str) -> str:
        return content_type.item_url(slug)

    def counts(self) -> dict[ContentType, int]:
        return {t: len(self.content.of(t)) for t in content_types()}


def _event_order(event: Event) -> tuple[date, str]:
    return (event.last_day, event.slug)


def build_index(content: Content) -> Site:
    actions_by_campus: dict[str, list[Action]] = defaultdict(list)
    events_by_campus: dict[str, list[Event]] = defaultdict(list)
    events_by_action: dict[str, list[Event]] = defaultdict(list)
    for action in content.actions.values():  # slug order, hence stable lists
        for campus in action.campus:
            actions_by_campus[campus].append(action)
    events_by_date = tuple(sorted(content.events.values(), key=_event_order))
    for event in events_by_date:
        for campus in event.campus:
            events_by_campus[campus].append(event)
        if event.action is not None:
            events_by_action[event.action].append(event)
    return Site(
        content=content,
        related_actions=_related(content.actions),
        figures=compute_figures(content.actions, content.campuses, content.events),
        acronyms=Acronyms(content.glossary),
        actions_by_campus={k: tuple(v) for k, v in actions_by_campus.items()},
        events_by_campus={k: tuple(v) for k, v in events_by_campus.items()},
        events_by_action={k: tuple(v) for k, v in events_by_action.items()},
        events_by_date=events_by_date,
    )


RELATED_MAX = 4
_WINDOW = 3  # neighbours taken on each side within a shared format or sector


def _related(actions: Mapping[str, Action]) -> dict[str, tuple[Action, ...]]:
    """A few active actions sharing a format or a sector with each action.

    Comparing every pair would be quadratic; instead each action looks at its few neighbours inside
    each group it belongs to, and candidates met in several groups rank first. Groups are ordered
    by campus, axis and format, so that neighbours tend to be alike beyond the shared key.
    Cost: actions × groups per action × window.
    """
    active = sorted(
        (a for a in actions.values() if a.status == "active"),
        key=lambda a: (a.campus[0], a.axis or "", a.format, a.slug),
    )
    groups: dict[tuple[str, str], list[Action]] = defaultdict(list)
    for action in active:
        groups[("format", action.format)].append(action)
        for sector in action.sectors:
            groups[("sector", sector)].append(action)
    scores: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for members in groups.values():
        n = len(members)
        for i, action in enumerate(members):
            for offset in range(1, min(_WINDOW, (n - 1) // 2 + 1) + 1):
                for j in {(i + offset) % n, (i - offset) % n} - {i}:
                    scores[action.slug][members[j].slug] += 1
    return {
        slug: tuple(
            actions[other]
            for other, _ in sorted(found.items(), key=lambda kv: (-kv[1], kv[0]))[:RELATED_MAX]
        )
        for slug, found in scores.items()
    }
