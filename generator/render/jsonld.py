"""schema.org ``Event`` data for an event page (JSON-LD), so search engines show the right dates.

Timed events give their start and end with the UTC offset of the day; all-day events give dates.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from jinja2.utils import htmlsafe_json_dumps
from markupsafe import Markup

from ..contenttypes import CAMPUS, EVENT
from ..index import Site
from ..models import Event
from .urls import absolute

_STATUS = {
    "prevu": "https://schema.org/EventScheduled",
    "annule": "https://schema.org/EventCancelled",
    "reporte": "https://schema.org/EventPostponed",
}


def _attendance(event: Event, has_place: bool) -> str:
    if event.online and has_place:
        return "https://schema.org/MixedEventAttendanceMode"
    if event.online:
        return "https://schema.org/OnlineEventAttendanceMode"
    return "https://schema.org/OfflineEventAttendanceMode"


def jsonld_text(data: dict[str, Any]) -> Markup:
    """The JSON text of a ``<script type="application/ld+json">``, made here rather than by a
    template's ``tojson`` (MiniJinja's writes other escapes and keeps the keys' order): keys
    sorted, and « < > & ' » written as \\u escapes, so that no text closes the script."""
    return htmlsafe_json_dumps(data, sort_keys=True)


def event_jsonld(site: Site, event: Event, site_url: str | None) -> dict[str, Any]:
    c = site.content
    where = event.location
    page = absolute(site_url, site.url(EVENT, event.slug))
    end = event.end if event.end is not None else event.start
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        "startDate": event.start.isoformat(),
        "endDate": end.isoformat(),
        "eventStatus": _STATUS[event.status],
        "inLanguage": "fr",
    }
    if not isinstance(event.start, datetime):  # all-day: schema.org dates are inclusive
        data["endDate"] = event.last_day.isoformat()
    if event.summary:
        data["description"] = event.summary
    if page:
        data["url"] = page
    locations: list[dict[str, Any]] = []
    has_place = any((where.name, where.address, where.postal_code, where.city))
    if has_place:
        address = {
            "@type": "PostalAddress",
            "streetAddress": where.address,
            "postalCode": where.postal_code,
            "addressLocality": where.city,
            "addressRegion": "Bourgogne-Franche-Comté",
            "addressCountry": "FR",
        }
        place = {
            "@type": "Place",
            "name": where.name or where.city,
            "address": {k: v for k, v in address.items() if v},
        }
        locations.append({k: v for k, v in place.items() if v})
    if event.online:
        online_url = event.registration or page
        virtual = {"@type": "VirtualLocation", "url": online_url}
        locations.append({k: v for k, v in virtual.items() if v})
    if locations:
        data["location"] = locations[0] if len(locations) == 1 else locations
    data["eventAttendanceMode"] = _attendance(event, has_place)
    organizers = []
    for slug in event.campus:
        campus = c.campuses[slug]
        organizer = {"@type": "Organization", "name": campus.title}
        url = absolute(site_url, site.url(CAMPUS, slug))
        if url:
            organizer["url"] = url
        organizers.append(organizer)
    data["organizer"] = organizers[0] if len(organizers) == 1 else organizers
    if event.audiences:
        audiences = c.vocabularies["audiences"]
        data["audience"] = [
            {"@type": "Audience", "audienceType": audiences.label(key)} for key in event.audiences
        ]
    if event.registration:
        data["offers"] = {"@type": "Offer", "url": event.registration}
    return data
