"""The catalogue as a teacher uses it, in Debian's Chromium driven by Playwright."""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

from .conftest import REPO, VALID
from .test_build import mkdocs_build

CHROMIUM = "/usr/bin/chromium"
# Without the background-networking flags Chromium keeps trying to reach Google on a closed network.
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = tmp_path_factory.mktemp("portal")
    shutil.copytree(VALID, root, dirs_exist_ok=True)
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    (root / "mkdocs.yml").write_text(
        config.replace("../../../theme", str(REPO / "theme")), encoding="utf-8"
    )
    out = root / "site"
    result = mkdocs_build(root, out)
    assert result.returncode == 0, result.stderr
    handler = functools.partial(QuietHandler, directory=str(out))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    assert Path(CHROMIUM).exists(), (
        "Chromium manquant : ./scripts/test l'installe (apt-get install chromium)"
    )
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(locale="fr-FR")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    yield page
    context.close()
    assert errors == []


def visible_titles(page: Page) -> list[str]:
    return page.locator(
        ".portal-catalogue [data-action]:visible .portal-card__title"
    ).all_inner_texts()


def test_choosing_a_level_narrows_the_cards_and_updates_count_and_url(
    page: Page, server: str
) -> None:
    page.goto(f"{server}/actions/")
    assert sorted(visible_titles(page)) == ["Engagement tour", "Fresque du climat"]
    page.locator("summary", has_text="Niveau").click()  # open the facet
    level = page.get_by_label("Troisième")
    expect(level).to_be_visible()
    assert "(1)" in page.locator("label", has=level).inner_text()
    level.check()
    assert visible_titles(page) == ["Engagement tour"]
    expect(page.locator("#catalogue-count")).to_have_text("1 action correspond à votre recherche")
    assert "niveau=troisieme" in page.url
    # The count is announced to screen readers.
    assert page.locator("#catalogue-count").get_attribute("aria-live") == "polite"

    page.reload()
    expect(page.get_by_label("Troisième")).to_be_checked()
    assert visible_titles(page) == ["Engagement tour"]

    page.go_back()
    expect(page.locator("#catalogue-count")).to_have_text(
        "2 actions correspondent à votre recherche"
    )
    assert sorted(visible_titles(page)) == ["Engagement tour", "Fresque du climat"]


def test_a_shared_link_restores_the_filters(page: Page, server: str) -> None:
    page.goto(f"{server}/actions/?public=etudiants&gratuit=1")
    assert visible_titles(page) == ["Fresque du climat"]
    expect(page.get_by_label("Gratuites seulement")).to_be_checked()


def test_text_search_ignores_accents_and_case(page: Page, server: str) -> None:
    page.goto(f"{server}/actions/")
    page.get_by_label("Rechercher une action").fill("CHANGEMENT climatique")
    assert visible_titles(page) == ["Fresque du climat"]
    page.get_by_label("Rechercher une action").fill("zzz")
    expect(page.locator("#catalogue-count")).to_have_text(
        "Aucune action ne correspond à ces filtres"
    )


def test_without_javascript_every_active_action_is_listed(browser: Browser, server: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{server}/actions/")
    assert sorted(visible_titles(page)) == ["Engagement tour", "Fresque du climat"]
    assert page.locator("#catalogue-filtres").is_hidden()
    headings = page.locator(".portal-group h2").all_inner_texts()
    assert headings == [
        "Green City"
    ]  # each action under its first campus; Forêt-Bois has only an archived one
    context.close()


def test_a_phone_has_no_horizontal_scroll(browser: Browser, server: str) -> None:
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    for path in ("/", "/campus/", "/campus/green-city/", "/actions/", "/actions/engagement-tour/"):
        page.goto(server + path)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 360, (path, width)
    context.close()
