"""Open data: ``/api/*.json``, every item with its slug, site-relative URL and fields.

Event times are ISO 8601 with their UTC offset. An all-day event also gets ``start_date`` and
``end_date`` (inclusive days) and its ``start``/``end`` run from midnight, Paris time, to the
midnight after its last day (exclusive end, as in iCalendar).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from functools import partial
from typing import Any

from .. import memos
from ..contenttypes import ContentType, content_types
from ..index import Site
from ..models import Action, Event
from ..models.common import PARIS, Item
from .catalogue import departements, interventions


def api_files() -> dict[ContentType, str]:
    """Each content type's open-data file (its ``api`` path), in the registry's order."""
    return {t: t.api for t in content_types() if t.api}


def _derived(site: Site, item: Item) -> dict[str, Any]:
    """What an action's record derives from the vocabularies, as the catalogue does."""
    if not isinstance(item, Action):
        return {}
    vocab = site.content.vocabularies
    return {
        "interventions": list(interventions(vocab, item)),
        "departements": list(departements(vocab, item)),
    }


def _record(
    site: Site, content_type: ContentType, item: Item, derived: dict[str, Any]
) -> dict[str, Any]:
    # slug and url come first; no model field takes their names (tests/test_architecture.py).
    record: dict[str, Any] = {"slug": item.slug, "url": site.url(content_type, item.slug)}
    record.update(item.model_dump(mode="json"))
    record["body"] = item.body.strip()
    if isinstance(item, Event):
        record.update(_event_times(item))
    record.update(derived)
    return record


def _midnight(day: date) -> datetime:
    return datetime.combine(day, time(), tzinfo=PARIS)


def _event_times(event: Event) -> dict[str, Any]:
    if isinstance(event.start, datetime):
        end = event.end if event.end is not None else event.start
        assert isinstance(end, datetime)  # the model refuses mixed kinds
        return {"all_day": False, "start": event.start.isoformat(), "end": end.isoformat()}
    first, last = event.start, event.last_day
    return {
        "all_day": True,
        "start": _midnight(first).isoformat(),
        "end": _midnight(last + timedelta(days=1)).isoformat(),
        "start_date": first.isoformat(),
        "end_date": last.isoformat(),
    }


def render_api(site: Site) -> dict[str, Callable[[], str]]:
    """Every open-data file: site path → the function that writes its JSON text (stable: sorted
    by slug, fixed layout), called only by the process that writes the file."""
    return {
        path: partial(_document, site, content_type) for content_type, path in api_files().items()
    }


def _document(site: Site, content_type: ContentType) -> str:
    """``{"count": N, "items": [...]}`` as ``json.dumps(..., indent=2)`` lays it out, each
    record's text taken from :data:`_BY_ITEM` when its item was laid out last time."""
    items = site.content.of(content_type).values()
    if not items:
        return json.dumps({"count": 0, "items": []}, ensure_ascii=False, indent=2) + "\n"
    before = _BY_ITEM.get(content_type.name, {})
    now: dict[int, tuple[Item, dict[str, Any], str]] = {}
    texts = []
    for item in items:
        derived = _derived(site, item)
        known = before.get(id(item))
        if known is not None and known[0] is item and known[1] == derived:
            text = known[2]
        else:
            text = _indented(_record(site, content_type, item, derived))
        now[id(item)] = (item, derived, text)
        texts.append(text)
    if memos.kept():
        _BY_ITEM[content_type.name] = now
    joined = ",\n".join(texts)
    return f'{{\n  "count": {len(texts)},\n  "items": [\n{joined}\n  ]\n}}\n'


# Each item's record laid out, by type and by the item's identity, from the last file written:
# an unchanged file gives the same item object from one save to the next (validate.py), whose
# record is the same while what it derives from the vocabularies is. `mkdocs serve` writes every
# open-data file again at each save, and json lays out indented text in Python, ten times
# slower than compact text in C.
_BY_ITEM: dict[str, dict[int, tuple[Item, dict[str, Any], str]]] = {}
memos.forgotten_with(_BY_ITEM.clear)


def _indented(record: dict[str, Any]) -> str:
    """``record`` as it stands in the list of ``items`` (four spaces in, two per level)."""
    return "    " + json.dumps(record, ensure_ascii=False, indent=2).replace("\n", "\n    ")
