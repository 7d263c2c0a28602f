"""The catalogue and the agenda as people use them, in Debian's Chromium driven by Playwright."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from .support import at, serve


@pytest.fixture(scope="module")
def server(dated_site: Path) -> Iterator[str]:
    with serve(dated_site) as url:
        yield url


# The catalogue's tests are in tests/test_catalogue.py.


def test_a_phone_has_no_horizontal_scroll(browser: Browser, server: str) -> None:
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    for path in (
        "/", "/campus/", "/campus/green-city/", "/actions/", "/actions/engagement-tour/",
        "/actions/selection/?a=engagement-tour,fresque-du-climat",
        "/agenda/", "/agenda/afterwork-bois/",
    ):
        page.goto(server + path)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 360, (path, width)
    context.close()


def upcoming_titles(page: Page) -> list[str]:
    return page.locator(".portal-upcoming [data-event]:visible > a").all_inner_texts()


def test_agenda_hides_events_that_ended_after_the_build(page: Page, server: str) -> None:
    at(page, "2025-06-01")  # the build date: nothing has ended since
    page.goto(f"{server}/agenda/")
    assert upcoming_titles(page) == [
        "Afterwork des métiers du bois",
        "Festival de la transition écologique et numérique 2025",
        "Webinaire des métiers du bois",
    ]
    at(page, "2025-06-10")  # the 5 June afterwork is over, and so is its month heading
    page.reload()
    assert upcoming_titles(page) == [
        "Festival de la transition écologique et numérique 2025",
        "Webinaire des métiers du bois",
    ]
    expect(page.get_by_role("heading", name="Juin 2025")).to_be_hidden()
    at(page, "2025-12-20")  # everything is over: the page says so
    page.goto(f"{server}/")
    expect(page.locator(".portal-upcoming [data-none]")).to_be_visible()
    page.goto(f"{server}/agenda/")
    assert upcoming_titles(page) == []
    expect(page.get_by_text("Aucun événement à venir n’est annoncé")).to_be_visible()


def test_agenda_filters_by_campus_and_audience(page: Page, server: str) -> None:
    at(page, "2025-06-01")
    page.goto(f"{server}/agenda/")
    page.get_by_label("Campus").select_option(label="Forêt-Bois")
    assert upcoming_titles(page) == [
        "Afterwork des métiers du bois", "Webinaire des métiers du bois",
    ]
    expect(page.locator("#agenda-count")).to_have_text(
        "2 événements à venir et 0 événement passé pour ces filtres"
    )
    assert "campus=foret-bois" in page.url
    page.get_by_label("Public").select_option(label="Enseignants")
    assert upcoming_titles(page) == ["Webinaire des métiers du bois"]
    page.reload()  # the URL keeps the choice
    expect(page.get_by_label("Public")).to_have_value("enseignants")
    assert upcoming_titles(page) == ["Webinaire des métiers du bois"]
    page.go_back()
    expect(page.get_by_label("Public")).to_have_value("")
    assert len(upcoming_titles(page)) == 2


def test_annual_report_prints_as_a_clean_a4_document(page: Page, server: str) -> None:
    page.goto(f"{server}/campus/green-city/rapport-2025/")
    expect(page.locator(".md-header")).to_be_visible()
    page.emulate_media(media="print")
    for chrome in (".md-header", ".md-sidebar--primary", ".md-footer"):
        expect(page.locator(chrome).first).to_be_hidden()
    expect(page.get_by_role("heading", name="Rapport d’activité 2025 — Green City")).to_be_visible()
    pdf = page.pdf(format="A4", prefer_css_page_size=True)
    # Chromium writes one /MediaBox per page: A4 is 595 × 842 points (210 × 297 mm).
    boxes = re.findall(rb"/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]", pdf)
    assert boxes and {(round(float(w)), round(float(h))) for w, h in boxes} == {(595, 842)}
