"""Shared fixtures: real content trees on disk, copied so tests can break them."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, sync_playwright

TESTS = Path(__file__).parent
REPO = TESTS.parent
VALID = TESTS / "fixtures" / "valid"
BAD = TESTS / "fixtures" / "bad"


def copy_valid(path: Path) -> Path:
    """A writable copy of the valid fixture tree (with its mkdocs.yml fixed to the repo theme)."""
    root = path / "portal"
    shutil.copytree(VALID, root)
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    (root / "mkdocs.yml").write_text(
        config.replace("../../../theme", str(REPO / "theme")), encoding="utf-8"
    )
    return root


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    return copy_valid(tmp_path)


def overlay(root: Path, case: str) -> None:
    """Copy the broken files of ``fixtures/bad/<case>`` into the tree at ``root``."""
    shutil.copytree(BAD / case, root, dirs_exist_ok=True)


CHROMIUM = "/usr/bin/chromium"
# Without the background-networking flags Chromium keeps trying to reach Google on a closed network.
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip


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


SITE_URL = "https://cmq.example.org/portail/"  # a sub-path: links must keep it
BUILD_DATE = "2025-06-01"  # June and November 2025 fixture events are upcoming


def with_options(root: Path, **options: object) -> Path:
    """The tree at ``root`` with these options of the portal plugin in its mkdocs.yml."""
    path = root / "mkdocs.yml"
    lines = "".join(f"      {key}: {value}\n" for key, value in options.items())
    text = path.read_text(encoding="utf-8")
    assert "  - portal:\n" in text
    path.write_text(text.replace("  - portal:\n", f"  - portal:\n{lines}", 1), encoding="utf-8")
    return root


def dated_tree(path: Path) -> Path:
    """A copy of the valid fixture with a site address and a fixed build date."""
    root = with_options(copy_valid(path), build_date=BUILD_DATE)
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    (root / "mkdocs.yml").write_text(f"site_url: {SITE_URL}\n{config}", encoding="utf-8")
    return root


def build_site(root: Path) -> Path:
    """``mkdocs build --strict`` of ``root`` into a ``site`` folder beside it."""
    from .test_build import mkdocs_build

    out = root.parent / "site"
    result = mkdocs_build(root, out)
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="session")
def dated_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The dated fixture, built once for every test that only reads the output."""
    return build_site(dated_tree(tmp_path_factory.mktemp("dated")))


@pytest.fixture(scope="session")
def bundled_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's own portal, built once (build date 1 June 2025: some events upcoming)."""
    from .test_judges import build

    out = tmp_path_factory.mktemp("bundled") / "site"
    build(out)
    return out


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test that drives Chromium is marked ``browser`` (``-m "not browser"`` skips them)."""
    for item in items:
        if "browser" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.browser)
