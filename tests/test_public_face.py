"""The public face, as Chromium draws it: every page kind at a phone's and a desktop's width
(screenshots written for review), no layout shift while a page loads, and the home's ways in."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from .support import BUILD_DATE, at, serve

REPO = Path(__file__).parent.parent
# Written by every run, for review (git ignores them): <kind>-<width>.png.
SCREENSHOTS = REPO / ".screenshots"
WIDTHS = (390, 1280)

# One page of each kind of the bundled portal (built on 1 June 2025: some events are upcoming).
PAGE_KINDS = {
    "accueil": "/",
    "campus": "/campus/",
    "fiche-campus": "/campus/green-city/",
    "catalogue": "/actions/",
    "selection": "/actions/selection/",
    "fiche-action": "/actions/fresque-de-la-construction/",
    "agenda": "/agenda/",
    "fiche-evenement": "/agenda/afterwork-construction-bois-mouchard-2025/",
    "glossaire": "/glossaire/",
    "chiffres-cles": "/chiffres-cles/",
    "chiffres-annee": "/chiffres-cles/2025/",
    "rapport": "/campus/green-city/rapport-2025/",
    "recherche": "/recherche/",
    "accessibilite": "/accessibilite/",
    "mentions-legales": "/mentions-legales/",
    "donnees-personnelles": "/donnees-personnelles/",
    "plan-du-site": "/plan-du-site/",
}

# Layout shifts not caused by the visitor, summed as the Cumulative Layout Shift is.
LAYOUT_SHIFT = """
window.__shifts = [];
window.__longTasks = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    if (!entry.hadRecentInput) window.__shifts.push(entry.value);
  }
}).observe({ type: "layout-shift", buffered: true });
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) window.__longTasks.push(Math.round(entry.duration));
}).observe({ type: "longtask", buffered: true });
"""


@pytest.fixture(scope="module")
def server(bundled_site: Path) -> Iterator[str]:
    with serve(bundled_site) as url:
        yield url


@pytest.mark.parametrize("width", WIDTHS)
def test_every_page_kind_fits_the_screen_and_is_photographed(
    browser: Browser, server: str, bundled_site: Path, width: int
) -> None:
    SCREENSHOTS.mkdir(exist_ok=True)
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="fr-FR")
    page = context.new_page()
    for kind, path in PAGE_KINDS.items():
        assert (bundled_site / path.strip("/") / "index.html").is_file(), path
        page.goto(server + path)
        assert page.evaluate("document.documentElement.scrollWidth") <= width, (kind, width)
        page.screenshot(path=str(SCREENSHOTS / f"{kind}-{width}.png"), full_page=True)
    context.close()


def phone(browser: Browser) -> tuple[Page, object]:
    """A mid-range phone: 390 px wide, touch, and a processor four times slower than this one."""
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True,
        has_touch=True, locale="fr-FR",
    )  # fmt: skip
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": 4})
    page.add_init_script(LAYOUT_SHIFT)
    return page, context


@pytest.mark.parametrize("kind", ["accueil", "agenda", "fiche-campus", "fiche-action", "glossaire"])
def test_pages_do_not_move_while_they_load(browser: Browser, server: str, kind: str) -> None:
    page, context = phone(browser)
    # On the day it was built: later, the agenda's script hides the events that have ended since,
    # a shift a daily build keeps from happening (and whether it is caught depended on when the
    # slowed-down page first painted).
    at(page, BUILD_DATE)
    page.goto(server + PAGE_KINDS[kind], wait_until="load")
    page.wait_for_timeout(1000)  # what scripts do after the load event
    shifts = page.evaluate("window.__shifts")
    long_tasks = page.evaluate("window.__longTasks")
    print(json.dumps({"page": kind, "layout_shifts": shifts, "long_tasks_ms": long_tasks}))
    assert shifts == [], (kind, shifts)
    context.close()  # type: ignore[attr-defined]


def test_home_search_box_opens_the_search_page(page: Page, server: str) -> None:
    page.goto(server + "/")
    box = page.get_by_label("Rechercher une action, un événement, un sigle")
    box.fill("fresque")
    page.locator("form", has=box).get_by_role("button", name="Rechercher").click()
    page.wait_for_url("**/recherche/?q=fresque")


def test_campus_cards_are_a_grid_and_the_whole_card_is_a_link(
    browser: Browser, server: str
) -> None:
    for width, columns in ((1280, 3), (390, 1)):
        context = browser.new_context(viewport={"width": width, "height": 900}, locale="fr-FR")
        page = context.new_page()
        page.goto(server + "/")
        cards = page.locator(".portal-cards--campus > li")
        expect(cards).to_have_count(8)  # the eight labelled campuses
        lefts = {round(box["x"]) for box in (c.bounding_box() for c in cards.all()) if box}
        assert len(lefts) == columns, (width, lefts)
        context.close()
    page = browser.new_page()
    page.goto(server + "/")
    card = page.locator(".portal-cards--campus > li").filter(has_text="Forêt-Bois")
    card.scroll_into_view_if_needed()
    summary = card.locator("p").nth(1).bounding_box()  # the summary, not the title's link
    assert summary is not None
    page.mouse.click(summary["x"] + 10, summary["y"] + summary["height"] / 2)
    page.wait_for_url("**/campus/foret-bois/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Forêt-Bois")
    page.close()


def test_event_cards_carry_a_date_badge(page: Page, server: str) -> None:
    page.goto(server + "/")
    # The bundled portal's next events on 1 June 2025, soonest first (content/events/).
    cards = page.locator(".portal-upcoming .portal-event")
    assert cards.locator(".portal-event__title").all_inner_texts() == [
        "Afterwork — métiers de la construction bois",
        "Engagement tour – Lycée 2025",
        "Festival de la transition écologique et numérique 2025 – Dijon",
    ]
    badges = [" ".join(b.split()) for b in cards.locator(".portal-date").all_inner_texts()]
    assert badges == ["5 juin 2025", "16 juin 2025", "3 nov. 2025"]
    # The badge repeats the date the card says in words: screen readers skip it.
    assert cards.first.locator(".portal-date").get_attribute("aria-hidden") == "true"
    expect(cards.first.locator(".portal-event__meta")).to_contain_text("5 juin 2025, 17 h 30")


def test_a_cancelled_event_wears_a_ribbon(page: Page, dated_site: Path) -> None:
    with serve(dated_site) as url:
        page.goto(url + "/agenda/")
        card = page.locator(".portal-event").filter(has_text="Forum de l’orientation")
        expect(card.locator(".portal-ribbon")).to_have_text("Annulé")
        card = page.locator(".portal-event").filter(has_text="Webinaire des métiers du bois")
        expect(card.locator(".portal-ribbon")).to_have_text("Reporté")
        expect(page.locator(".portal-ribbon")).to_have_count(2)  # the fixture's other events


def test_agenda_filters_are_there_with_script_and_absent_without(
    browser: Browser, server: str
) -> None:
    for javascript in (True, False):
        context = browser.new_context(java_script_enabled=javascript, locale="fr-FR")
        page = context.new_page()
        page.goto(server + "/agenda/")
        filters = page.get_by_role("search", name="Filtrer les événements")
        (expect(filters).to_be_visible if javascript else expect(filters).to_be_hidden)()
        context.close()


def test_search_finds_a_word_after_an_elision(page: Page, server: str) -> None:
    """The pages print « l’entrepreneuriat » (French typography); a visitor types the word."""
    page.goto(server + "/recherche/?q=entrepreneuriat")
    results = page.locator(".portal-search pagefind-results")
    expect(results).to_contain_text("Journée de l'entrepreneuriat étudiant")
