"""Agenda, event pages and feeds, judged by parsers we did not write.

iCalendar is read by the ``icalendar`` library and by ical.js (Mozilla's, run by node), RSS by
feedparser, JSON-LD by ``json``. Expected times are worked out by hand from the fixture events:
Paris is UTC+1 in winter and UTC+2 from 30 March to 26 October 2025.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import feedparser
import icalendar
import pytest
from bs4 import BeautifulSoup

from generator.render.calendars import paris_vtimezone

from .support import REPO, SITE_URL, dated_tree, mkdocs_build

PARIS = ZoneInfo("Europe/Paris")
NBSP = "\u00a0"


@pytest.fixture
def built(dated_site: Path) -> Path:
    return dated_site


def ics(site: Path, path: str) -> icalendar.Calendar:
    return icalendar.Calendar.from_ical((site / path).read_bytes())


def vevents(calendar: icalendar.Calendar) -> dict[str, Any]:
    return {str(e["UID"]).split("@")[0]: e for e in calendar.walk("VEVENT")}


def html(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path).read_text(encoding="utf-8"), "html.parser")


# --- iCalendar, read by the icalendar library ---------------------------------------------------


def test_all_events_feed_keeps_paris_wall_clock_times(built: Path) -> None:
    events = vevents(ics(built, "agenda.ics"))
    assert set(events) == {
        "afterwork-bois", "festival-2025", "rencontre-mars", "forum-orientation",
        "webinaire-novembre",
    }
    afterwork = events["afterwork-bois"]
    start = afterwork.decoded("DTSTART")
    assert afterwork["DTSTART"].params["TZID"] == "Europe/Paris"
    assert (start.replace(tzinfo=None), start.utcoffset()) == (
        datetime(2025, 6, 5, 17, 30), timedelta(hours=2)
    )
    # 28 March is before the change to summer time, 4 November after the change back.
    forum = events["forum-orientation"].decoded("DTSTART")
    assert (forum.replace(tzinfo=None), forum.utcoffset()) == (
        datetime(2025, 3, 28, 9), timedelta(hours=1)
    )
    webinar = events["webinaire-novembre"]
    assert webinar.decoded("DTSTART").replace(tzinfo=None) == datetime(2025, 11, 4, 14)
    assert webinar.decoded("DTEND").utcoffset() == timedelta(hours=1)


def test_all_day_and_multi_day_events_use_dates_with_exclusive_end(built: Path) -> None:
    events = vevents(ics(built, "agenda.ics"))
    festival = events["festival-2025"]  # 3 November to 8 December inclusive
    assert festival["DTSTART"].params.get("VALUE") == "DATE"
    assert festival.decoded("DTSTART") == date(2025, 11, 3)
    assert festival.decoded("DTEND") == date(2025, 12, 9)
    one_day = events["rencontre-mars"]
    assert (one_day.decoded("DTSTART"), one_day.decoded("DTEND")) == (
        date(2025, 3, 20), date(2025, 3, 21)
    )


def test_status_uid_url_and_stamp(built: Path) -> None:
    events = vevents(ics(built, "agenda.ics"))
    assert events["forum-orientation"]["STATUS"] == "CANCELLED"
    assert events["forum-orientation"]["SUMMARY"].startswith("Annulé : ")
    assert events["webinaire-novembre"]["STATUS"] == "TENTATIVE"
    assert events["afterwork-bois"]["STATUS"] == "CONFIRMED"
    for slug, event in events.items():
        assert str(event["UID"]) == f"{slug}@cmq.example.org"
        assert str(event["URL"]) == f"{SITE_URL}agenda/{slug}/"
        assert event.decoded("DTSTAMP").tzinfo is not None  # UTC, as RFC 5545 requires


def test_calendar_has_a_real_vtimezone_for_every_tzid(built: Path) -> None:
    calendar = ics(built, "agenda.ics")
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Paris"]
    assert calendar.get_missing_tzids() == set()


def test_vtimezone_rules_match_the_zone_database_until_2037() -> None:
    """Our rule-form VTIMEZONE gives the same transitions as the system's zone data."""
    rules = paris_vtimezone()
    for year in range(1996, 2038):
        for month in (3, 10):
            # The last Sunday of the month, at 01:00 UTC, is the EU change.
            last = date(year, month + 1, 1) - timedelta(days=1)
            sunday = last - timedelta(days=(last.weekday() + 1) % 7)
            change = datetime(sunday.year, sunday.month, sunday.day, 1, tzinfo=ZoneInfo("UTC"))
            before = (change - timedelta(minutes=1)).astimezone(PARIS).utcoffset()
            after = (change + timedelta(minutes=1)).astimezone(PARIS).utcoffset()
            assert (before, after) == (
                (timedelta(hours=1), timedelta(hours=2))
                if month == 3
                else (timedelta(hours=2), timedelta(hours=1))
            ), year
    assert {str(c["TZNAME"]) for c in rules.subcomponents} == {"CET", "CEST"}


def test_campus_and_event_feeds_hold_their_own_events(built: Path) -> None:
    assert set(vevents(ics(built, "campus/foret-bois.ics"))) == {
        "afterwork-bois", "webinaire-novembre",
    }
    assert set(vevents(ics(built, "campus/green-city.ics"))) == {
        "festival-2025", "rencontre-mars", "forum-orientation", "webinaire-novembre",
    }
    for slug in ("afterwork-bois", "festival-2025", "webinaire-novembre"):
        assert set(vevents(ics(built, f"agenda/{slug}.ics"))) == {slug}


# --- iCalendar, read by ical.js -----------------------------------------------------------------


def ical_js(site: Path, *paths: str) -> dict[str, Any]:
    node = shutil.which("node")
    assert node, "node is needed for the ical.js judge (scripts/test installs it)"
    result = subprocess.run(
        [node, str(REPO / "tests" / "js" / "ics_to_json.mjs"), *paths],
        cwd=site, capture_output=True, text=True, check=False,
        env={"NODE_PATH": str(REPO / "node_modules"), "PATH": str(Path(node).parent)},
    )
    assert result.returncode == 0, result.stderr
    parsed: dict[str, Any] = json.loads(result.stdout)
    return parsed


def test_ical_js_reads_the_same_times(built: Path) -> None:
    parsed = ical_js(built, "agenda.ics", "campus/foret-bois.ics", "agenda/festival-2025.ics")
    events = {e["uid"].split("@")[0]: e for e in parsed["agenda.ics"]["events"]}
    # UTC instants computed by hand: 17:30 CEST = 15:30Z, 09:00 CET = 08:00Z, 14:00 CET = 13:00Z.
    assert events["afterwork-bois"]["start"] == {
        "local": "2025-06-05T17:30:00", "isDate": False, "tzid": "Europe/Paris",
        "utc": "2025-06-05T15:30:00.000Z",
    }
    assert events["afterwork-bois"]["end"]["utc"] == "2025-06-05T18:30:00.000Z"
    assert events["forum-orientation"]["start"]["utc"] == "2025-03-28T08:00:00.000Z"
    assert events["forum-orientation"]["status"] == "CANCELLED"
    assert events["webinaire-novembre"]["start"]["utc"] == "2025-11-04T13:00:00.000Z"
    assert events["webinaire-novembre"]["end"]["utc"] == "2025-11-04T15:00:00.000Z"
    festival = parsed["agenda/festival-2025.ics"]["events"]
    assert [(e["start"]["local"], e["end"]["local"], e["start"]["isDate"]) for e in festival] == [
        ("2025-11-03", "2025-12-09", True)
    ]
    campus = parsed["campus/foret-bois.ics"]
    assert campus["name"] == "Agenda — Forêt-Bois"
    assert sorted(e["uid"] for e in campus["events"]) == [
        "afterwork-bois@cmq.example.org", "webinaire-novembre@cmq.example.org",
    ]


def test_every_bundled_feed_passes_both_parsers(tmp_path: Path) -> None:
    """The bundled agenda: every .ics file parses with both libraries, with the same events."""
    out = tmp_path / "site"
    result = mkdocs_build(REPO, out)
    assert result.returncode == 0, result.stderr
    paths = sorted(str(p.relative_to(out)) for p in out.rglob("*.ics"))
    assert "agenda.ics" in paths and len(paths) > 30
    by_js = ical_js(out, *paths)
    for path in paths:
        ours = ics(out, path)
        theirs = by_js[path]["events"]
        assert sorted(str(e["UID"]) for e in ours.walk("VEVENT")) == sorted(
            e["uid"] for e in theirs
        )
        for event in theirs:
            mine = next(e for e in ours.walk("VEVENT") if str(e["UID"]) == event["uid"])
            start = mine.decoded("DTSTART")
            if isinstance(start, datetime):  # both agree on the instant
                assert start.astimezone(ZoneInfo("UTC")).strftime(
                    "%Y-%m-%dT%H:%M:%S.000Z"
                ) == event["start"]["utc"]
            else:
                assert event["start"] == {
                    "local": start.isoformat(), "isDate": True, "tzid": "floating", "utc": None,
                }


# --- RSS ----------------------------------------------------------------------------------------


def test_rss_parses_with_feedparser(built: Path) -> None:
    feed = feedparser.parse((built / "rss.xml").read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "rss20"
    assert feed.feed.language == "fr-FR"
    links = {entry.link for entry in feed.entries}
    for slug in ("afterwork-bois", "festival-2025", "forum-orientation"):
        assert f"{SITE_URL}agenda/{slug}/" in links
    # Active actions only: the archived one is not news.
    assert f"{SITE_URL}actions/engagement-tour/" in links
    assert f"{SITE_URL}actions/ancien-atelier/" not in links
    assert all(entry.published_parsed for entry in feed.entries)
    page = html(built, "agenda/index.html")
    alternate = page.find("link", rel="alternate", type="application/rss+xml")
    assert alternate is not None and alternate["href"] == "../rss.xml"


# --- Pages --------------------------------------------------------------------------------------


def jsonld(site: Path, slug: str) -> dict[str, Any]:
    scripts = html(site, f"agenda/{slug}/index.html").find_all(
        "script", type="application/ld+json"
    )
    assert len(scripts) == 1
    data: dict[str, Any] = json.loads(scripts[0].string)
    return data


def test_event_jsonld_has_schema_org_fields(built: Path) -> None:
    afterwork = jsonld(built, "afterwork-bois")
    assert afterwork["@context"] == "https://schema.org" and afterwork["@type"] == "Event"
    assert afterwork["name"] == "Afterwork des métiers du bois"
    assert afterwork["startDate"] == "2025-06-05T17:30:00+02:00"
    assert afterwork["endDate"] == "2025-06-05T20:30:00+02:00"
    assert afterwork["eventStatus"] == "https://schema.org/EventScheduled"
    assert afterwork["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    assert afterwork["location"] == {
        "@type": "Place",
        "name": "Lycée des métiers du bois",
        "address": {
            "@type": "PostalAddress", "streetAddress": "67, rue de Strasbourg",
            "postalCode": "39330", "addressLocality": "Mouchard",
            "addressRegion": "Bourgogne-Franche-Comté", "addressCountry": "FR",
        },
    }
    assert afterwork["organizer"]["@type"] == "Organization"
    assert afterwork["organizer"]["url"] == f"{SITE_URL}campus/foret-bois/"
    assert afterwork["url"] == f"{SITE_URL}agenda/afterwork-bois/"

    webinar = jsonld(built, "webinaire-novembre")
    assert webinar["eventStatus"] == "https://schema.org/EventPostponed"
    assert webinar["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    assert webinar["location"] == {
        "@type": "VirtualLocation", "url": "https://inscriptions.example.org/webinaire",
    }
    assert webinar["startDate"] == "2025-11-04T14:00:00+01:00"
    assert webinar["audience"] == [{"@type": "Audience", "audienceType": "Enseignants"}]
    assert len(webinar["organizer"]) == 2
    assert jsonld(built, "forum-orientation")["eventStatus"] == (
        "https://schema.org/EventCancelled"
    )
    festival = jsonld(built, "festival-2025")
    assert (festival["startDate"], festival["endDate"]) == ("2025-11-03", "2025-12-08")


def test_event_pages_give_french_dates_status_and_calendar_link(built: Path) -> None:
    page = html(built, "agenda/afterwork-bois/index.html")
    facts = page.find("dl", class_="portal-facts").get_text(" ", strip=True)
    assert f"5{NBSP}juin{NBSP}2025, 17{NBSP}h{NBSP}30 – 20{NBSP}h{NBSP}30" in facts
    assert "Lycée des métiers du bois, 67, rue de Strasbourg, 39330 Mouchard" in facts
    add = page.find("a", string="Ajouter à mon agenda")
    assert add is not None and add["href"] == "../afterwork-bois.ics"

    festival = html(built, "agenda/festival-2025/index.html")
    text = festival.find("dl", class_="portal-facts").get_text(" ", strip=True)
    assert f"du 3{NBSP}novembre au 8{NBSP}décembre{NBSP}2025" in text
    assert festival.find("a", href="../../actions/fresque-du-climat/") is not None

    cancelled = html(built, "agenda/forum-orientation/index.html")
    banner = cancelled.find(class_="portal-status")
    assert banner is not None and "Événement annulé" in banner.get_text()
    assert cancelled.find("a", string="Ajouter à mon agenda") is None

    postponed = html(built, "agenda/webinaire-novembre/index.html")
    assert "Événement reporté" in postponed.find(class_="portal-status").get_text()
    register = postponed.find("a", href="https://inscriptions.example.org/webinaire")
    assert register is not None
    assert "En ligne" in postponed.find("dl", class_="portal-facts").get_text()


def test_agenda_splits_upcoming_by_month_and_past_by_year(built: Path) -> None:
    page = html(built, "agenda/index.html")
    upcoming = page.find("section", class_="portal-upcoming")
    groups = [
        (g.h3.get_text(), [a.get_text() for a in g.select("li[data-event] > a")])
        for g in upcoming.select("[data-group]")
    ]
    # Build date 1 June 2025: everything ending on or after it is upcoming, soonest first.
    assert groups == [
        (f"Juin{NBSP}2025", ["Afterwork des métiers du bois"]),
        (f"Novembre{NBSP}2025", [
            "Festival de la transition écologique et numérique 2025",
            "Webinaire des métiers du bois",
        ]),
    ]
    past = page.find("section", attrs={"aria-labelledby": "passes"})
    assert [g.h3.get_text() for g in past.select("[data-group]")] == ["2025"]
    assert [a.get_text() for a in past.select("li[data-event] > a")] == [
        "Forum de l’orientation", "Rencontre de mars",  # typeset: ’
    ]
    # Filters and feeds.
    assert page.find("select", id="agenda-campus") is not None
    assert [o["value"] for o in page.select("#agenda-public option")] == [
        "", "collegiens", "lyceens", "etudiants", "enseignants",
    ]
    assert page.find("link", rel="alternate", type="text/calendar")["href"] == "../agenda.ics"
    assert page.find("a", href="webcal://cmq.example.org/portail/agenda.ics") is not None


def test_campus_page_links_its_calendar(built: Path) -> None:
    page = html(built, "campus/foret-bois/index.html")
    assert page.find("link", rel="alternate", type="text/calendar")["href"] == "../foret-bois.ics"
    assert page.find("a", href="webcal://cmq.example.org/portail/campus/foret-bois.ics")
    assert page.find("a", href="../foret-bois.ics") is not None


def test_two_builds_give_byte_identical_feeds(built: Path, tmp_path: Path) -> None:
    root = dated_tree(tmp_path)
    out = tmp_path / "again"
    result = mkdocs_build(root, out)
    assert result.returncode == 0, result.stderr
    feeds = sorted(p.relative_to(built) for p in [*built.rglob("*.ics"), built / "rss.xml"])
    assert len(feeds) == 1 + 2 + 5 + 1
    for path in feeds:
        assert (out / path).read_bytes() == (built / path).read_bytes(), path
