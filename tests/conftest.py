"""Shared fixtures: real content trees on disk, copied so tests can break them."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from generator import memos

from .support import (
    AXE,
    CHROMIUM,
    CHROMIUM_ARGS,
    Axe,
    build_bundled,
    build_site,
    copy_valid,
    dated_tree,
    serve,
)


@pytest.fixture
def memos_kept() -> Iterator[None]:
    """As under `mkdocs serve`: what a build works out is kept for the next (memos.py)."""
    memos.keep(True)
    yield
    memos.keep(False)


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    return copy_valid(tmp_path)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """Debian's Chromium, driven by Playwright (its own browser download cannot work here)."""
    assert Path(CHROMIUM).exists(), (
        "Chromium manquant : ./scripts/test l'installe (apt-get install chromium)"
    )
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def axe(browser: Browser) -> Iterator[Axe]:
    """axe-core's judgement of pages (tests/support.py), served from node_modules."""
    with serve(AXE.parent) as url:
        judge = Axe(browser, f"{url}/{AXE.name}")
        yield judge
        judge.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A French browser page; the test fails if a script on it throws or logs an error."""
    context = browser.new_context(locale="fr-FR")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    yield page
    context.close()
    assert errors == []


@pytest.fixture(scope="session")
def dated_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The dated fixture, built once for every test that only reads the output."""
    return build_site(dated_tree(tmp_path_factory.mktemp("dated")))


@pytest.fixture(scope="session")
def bundled_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's own portal, built once (build date 1 June 2025: some events upcoming)."""
    out = tmp_path_factory.mktemp("bundled") / "site"
    build_bundled(out)
    return out


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test that drives Chromium is marked ``browser`` (``-m "not browser"`` skips them)."""
    for item in items:
        if "browser" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.browser)
