"""Hostile front matter comes out as text everywhere: pages, open data, iCalendar, RSS, browser.

Every free-text field the fixture's items have is set to one of two classic payloads; the site
must build, show them as text, and no script may run (Chromium opens no dialog).
"""

from __future__ import annotations

import json
from pathlib import Path

import feedparser
import icalendar
import pytest
import yaml
from bs4 import BeautifulSoup
from playwright.sync_api import Browser

from .support import build_site, dated_tree, serve

SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'

# (file, field path, payload): text fields of each kind of item, nested ones included.
HOSTILE = [
    ("campuses/foret-bois.md", ("title",), SCRIPT),
    ("campuses/foret-bois.md", ("short_name",), IMG),
    ("campuses/foret-bois.md", ("summary",), SCRIPT),
    ("content/actions/engagement-tour.md", ("title",), IMG),
    ("content/actions/engagement-tour.md", ("summary",), SCRIPT),
    ("content/actions/engagement-tour.md", ("objectives",), [IMG]),
    ("content/actions/engagement-tour.md", ("booking", "instructions"), SCRIPT),
    ("content/events/afterwork-bois.md", ("title",), SCRIPT),
    ("content/events/afterwork-bois.md", ("summary",), IMG),
    ("content/events/afterwork-bois.md", ("location", "name"), IMG),
    ("content/events/afterwork-bois.md", ("location", "city"), SCRIPT),
    ("content/glossary/estp.md", ("expansions",), [{"text": SCRIPT}]),
]


def _set(data: dict, path: tuple[str, ...], value: object) -> None:
    for key in path[:-1]:
        data = data.setdefault(key, {})
    data[path[-1]] = value


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = dated_tree(tmp_path_factory.mktemp("hostile"))
    for name, path, value in HOSTILE:
        file = root / name
        _, front, body = file.read_text(encoding="utf-8").split("---\n", 2)
        data = yaml.safe_load(front)
        _set(data, path, value)
        front = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
        file.write_text(f"---\n{front}---\n{body}", encoding="utf-8")
    return build_site(root)


def test_pages_show_the_payloads_as_text(site: Path) -> None:
    seen = 0
    for page in site.rglob("*.html"):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        assert not soup.find_all("img", src="x"), page
        for script in soup.find_all("script"):
            text = script.string or ""
            if script.get("type") == "application/ld+json":  # data: escaped, never closed early
                assert "<" not in text and json.loads(text), page
            else:
                assert "alert(1)" not in text, page
        seen += SCRIPT in soup.get_text() or IMG in soup.get_text()
    assert seen >= 8  # the payloads are shown, as text, on many pages


def test_open_data_keeps_the_exact_strings(site: Path) -> None:
    actions = json.loads((site / "api/actions.json").read_text(encoding="utf-8"))
    action = next(a for a in actions["items"] if a["slug"] == "engagement-tour")
    assert action["title"] == IMG and action["objectives"] == [IMG]


def test_feeds_keep_the_exact_strings(site: Path) -> None:
    calendar = icalendar.Calendar.from_ical((site / "agenda/afterwork-bois.ics").read_bytes())
    (event,) = calendar.walk("VEVENT")
    assert str(event["SUMMARY"]) == SCRIPT
    assert IMG in str(event["LOCATION"])
    feed = feedparser.parse((site / "rss.xml").read_bytes())
    assert not feed.bozo
    titles = {entry.title for entry in feed.entries}
    assert SCRIPT in titles and IMG in titles


def test_no_script_runs_in_the_browser(site: Path, browser: Browser) -> None:
    dialogs: list[str] = []
    with serve(site) as base:
        page = browser.new_page()
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        for path in (
            "", "campus/", "campus/foret-bois/", "actions/", "actions/engagement-tour/",
            "agenda/", "agenda/afterwork-bois/", "glossaire/", "chiffres-cles/",
        ):
            page.goto(f"{base}/{path}")
            page.wait_for_load_state("load")
        page.close()
    assert dialogs == []
