"""iCalendar feeds (RFC 5545), written with the ``icalendar`` library.

``/agenda.ics`` holds every event, ``/campus/<slug>.ics`` a campus's, ``/agenda/<slug>.ics`` one
event. Timed events carry ``TZID=Europe/Paris`` and the calendar a real VTIMEZONE, so that clients
keep the local wall-clock time on both sides of a daylight-saving change; all-day events are
``VALUE=DATE`` with the exclusive end of RFC 5545. Nothing comes from the clock: UIDs derive from
slugs, DTSTAMP from the content's revision dates, the VTIMEZONE's span from the events' years.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, datetime, timedelta
from functools import partial
from urllib.parse import urlsplit

from icalendar import (
    Calendar,
    Timezone,
    TimezoneDaylight,
    TimezoneStandard,
    vCalAddress,
    vDuration,
)
from icalendar import Event as VEvent
from icalendar.enums import STATUS

from ..contenttypes import CAMPUS, EVENT
from ..index import Site
from ..models import Event
from ..revisions import Revision
from ..routes import ROUTES, calendar_url
from .urls import absolute

ALL_EVENTS_NAME = "Agenda des Campus des Métiers et des Qualifications de Bourgogne-Franche-Comté"
PRODID = "-//Campus des Métiers et des Qualifications BFC//Portail//FR"
TZID = "Europe/Paris"
REFRESH = timedelta(days=1)

# Status in the content → iCalendar STATUS, and the word put before the title so that clients that
# ignore STATUS still tell people.
_STATUS = {
    "prevu": (STATUS.CONFIRMED, ""),
    "annule": (STATUS.CANCELLED, "Annulé : "),
    "reporte": (STATUS.TENTATIVE, "Reporté : "),
}


def paris_vtimezone() -> Timezone:
    """Europe/Paris as the yearly rules in force since 1996 (EU summer time).

    The rule form (RRULE), the one Outlook, Thunderbird and tzurl.org publish, rather than the
    list of dates ``Timezone.from_tzid`` writes: ical.js reads only the first date of such a list,
    and put every June event an hour off (found by the feed tests). tests/test_feeds.py checks
    these rules against the system's zone data for every year until 2037.
    """
    timezone = Timezone()
    timezone.add("TZID", TZID)
    timezone.add("X-LIC-LOCATION", TZID)
    for kind, name, before, after, onset, month in (
        (TimezoneDaylight, "CEST", 1, 2, datetime(1970, 3, 29, 2), 3),
        (TimezoneStandard, "CET", 2, 1, datetime(1970, 10, 25, 3), 10),
    ):
        observance = kind()
        observance.add("TZNAME", name)
        observance.add("TZOFFSETFROM", timedelta(hours=before))
        observance.add("TZOFFSETTO", timedelta(hours=after))
        observance.add("DTSTART", onset)
        observance.add("RRULE", {"FREQ": "YEARLY", "BYMONTH": month, "BYDAY": "-1SU"})
        timezone.add_component(observance)
    return timezone


class CalendarWriter:
    def __init__(self, site: Site, revisions: dict[str, Revision], site_url: str | None) -> None:
        self.site = site
        self.revisions = revisions
        self.site_url = site_url
        host = urlsplit(site_url).hostname if site_url else None
        self.uid_domain = host or "portail-cmq.invalid"
        # An event appears in up to three feeds (all, its campuses', its own), and the time zone
        # in every one: each is built and serialised once, when first needed, then the text is
        # reused.
        self.timezone = paris_vtimezone().to_ical().decode("utf-8")
        self.vevents: dict[str, str] = {}

    def vevent(self, event: Event) -> str:
        text = self.vevents.get(event.slug)
        if text is None:
            text = self.vevents[event.slug] = self._vevent(event).to_ical().decode("utf-8")
        return text

    def _vevent(self, event: Event) -> VEvent:
        status, prefix = _STATUS[event.status]
        revision = self.revisions.get(event.path)
        stamp = revision.modified if revision else datetime(1970, 1, 1)
        url = absolute(self.site_url, self.site.url(EVENT, event.slug))
        description = "\n\n".join(p for p in (event.summary, url) if p)
        if isinstance(event.start, datetime):
            start: date | datetime = event.start
            end: date | datetime | None = event.end
        else:  # all-day: DTEND is the day after the last one (RFC 5545, 3.6.1)
            start, end = event.start, event.last_day + timedelta(days=1)
        return VEvent.new(
            uid=f"{event.slug}@{self.uid_domain}",
            stamp=stamp,
            last_modified=stamp,
            summary=prefix + event.title,
            description=description or None,
            start=start,
            end=end,
            location=self._location(event),
            status=status,
            url=url,
            organizer=self._organizer(event.campus[0]),
        )

    def _location(self, event: Event) -> str | None:
        where = event.location.one_line
        if event.online:
            where = f"{where} et en ligne" if where else "En ligne"
        return where or None

    def _organizer(self, campus_slug: str) -> vCalAddress | None:
        campus = self.site.content.campuses[campus_slug]
        if campus.contact.email is None:  # an ORGANIZER is a calendar address: mailto only
            return None
        organizer = vCalAddress(f"mailto:{campus.contact.email}")
        organizer.params["CN"] = campus.title
        return organizer

    def calendar(self, name: str, events: Iterable[Event], url: str) -> str:
        calendar = Calendar.new(
            prodid=PRODID,
            calscale="GREGORIAN",
            method="PUBLISH",
            name=name,
            refresh_interval=REFRESH,
            uid=f"{url.strip('/').removesuffix('.ics').replace('/', '-')}@{self.uid_domain}",
            url=absolute(self.site_url, url),
        )
        # Outlook and Google read the older X-WR-* and X-PUBLISHED-TTL forms (the library already
        # writes X-WR-CALNAME beside NAME).
        calendar.add("X-WR-TIMEZONE", TZID)
        calendar.add("X-PUBLISHED-TTL", vDuration(REFRESH))
        # The library writes the properties, then the components, then END:VCALENDAR.
        head, end, tail = calendar.to_ical().decode("utf-8").rpartition("END:VCALENDAR")
        components = "".join([self.timezone, *(self.vevent(e) for e in events)])
        return f"{head}{components}{end}{tail}"


def render_calendars(
    site: Site, revisions: dict[str, Revision], site_url: str | None
) -> dict[str, Callable[[], str]]:
    """Every iCalendar file: site path (no leading slash) → the function that writes its text.

    Nothing is serialised until a feed is asked for: a build that renders in several processes
    writes the feeds in one of them, and the others pay nothing."""
    writer = CalendarWriter(site, revisions, site_url)
    c = site.content
    every = ROUTES.all_events
    feeds = {every: partial(writer.calendar, ALL_EVENTS_NAME, site.events_by_date, every)}
    for slug, campus in c.campuses.items():
        url = calendar_url(CAMPUS, slug)
        events = site.events_by_campus.get(slug, ())
        feeds[url] = partial(writer.calendar, f"Agenda — {campus.short_name}", events, url)
    for slug, event in c.events.items():
        url = calendar_url(EVENT, slug)
        feeds[url] = partial(writer.calendar, event.title, (event,), url)
    return {url.lstrip("/"): text for url, text in feeds.items()}
