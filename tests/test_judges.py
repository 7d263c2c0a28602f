"""The bundled site judged by tools others trust: axe-core, the Nu Html Checker, linkinator.

Each judge is first shown a defect, so that a judge that silently checks nothing cannot pass.
The site is also built twice (byte-identical) and the content folders are hashed around a build.
"""

from __future__ import annotations

import gzip
import json
import re
import shutil
import subprocess
from collections.abc import Iterator
from html import unescape
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import pytest
from bs4 import BeautifulSoup
from mkdocs.utils.yaml import yaml_load
from playwright.sync_api import Browser, expect

from .support import (
    LINKINATOR,
    REPO,
    Axe,
    build_bundled,
    build_site,
    copy_valid,
    serve,
    tree_hash,
    vnu,
    with_options,
)

# The pages French public bodies publish (generator/render/legal.py).
LEGAL_PAGES = (
    "accessibilite/index.html",
    "mentions-legales/index.html",
    "donnees-personnelles/index.html",
    "plan-du-site/index.html",
)


@pytest.fixture(scope="module")
def site(bundled_site: Path) -> Path:
    return bundled_site


def pages(site: Path) -> list[str]:
    return sorted(str(p.relative_to(site)) for p in site.rglob("*.html"))


@pytest.fixture(scope="module")
def server(site: Path) -> Iterator[str]:
    with serve(site) as url:
        yield url


# --- axe-core -----------------------------------------------------------------------------------


def test_axe_sees_a_defect(axe: Axe, server: str, site: Path) -> None:
    (site / "axe-defect.html").write_text(
        '<!doctype html><html lang="fr"><title>x</title><img src="a.png"></html>'
    )
    try:
        assert "image-alt" in [v["rule"] for v in axe(f"{server}/axe-defect.html")]
    finally:
        (site / "axe-defect.html").unlink()


def test_axe_finds_no_violation_on_any_page(axe: Axe, server: str, site: Path) -> None:
    """Every page of the bundled site, every kind: 0 violations of any impact."""
    found = {}
    for path in pages(site):
        url = f"{server}/{path.removesuffix('index.html')}"
        if violations := axe(url):
            found[path] = violations
    assert found == {}
    assert set(LEGAL_PAGES) <= set(pages(site))  # the legal pages and the site map too
    assert len(pages(site)) > 150  # the whole site was seen


def test_navigation_and_glossary_links(browser: Browser, server: str) -> None:
    page = browser.new_page()
    try:
        page.goto(f"{server}/")
        page.get_by_role("link", name="Actions", exact=True).first.click()
        expect(page).to_have_url(f"{server}/actions/")
        expect(page.get_by_role("heading", level=1)).to_have_text("Catalogue des actions")
        # An acronym's link leads to its glossary entry.
        page.goto(f"{server}/actions/fresque-du-climat/")
        link = page.locator("article a[href*='glossaire/#']").first
        slug = link.get_attribute("href").split("#")[1]
        link.click()
        expect(page).to_have_url(re.compile(rf"/glossaire/#{slug}$"))
        expect(page.locator(f"dt#{slug}")).to_be_in_viewport()
    finally:
        page.close()


def test_axe_on_a_phone(axe: Axe, server: str) -> None:
    kept = "actions/selection/?a=engagement-tour-college,fresque-du-climat"  # the list shown
    for path in (
        "", "actions/", kept, "agenda/", "campus/green-city/rapport-2025/", "recherche/?q=bois",
    ):  # fmt: skip
        assert axe(f"{server}/{path}", width=360) == [], path
    for path in LEGAL_PAGES:  # their footer links wrap on a phone
        assert axe(f"{server}/{path.removesuffix('index.html')}", width=360) == [], path


# --- Full-text search (Pagefind) ----------------------------------------------------------------


@pytest.fixture(scope="module")
def under_path(site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The site served under /portail/, as it may be deployed: Pagefind must find its bundle."""
    root = tmp_path_factory.mktemp("served")
    (root / "portail").symlink_to(site, target_is_directory=True)
    with serve(root) as url:
        yield f"{url}/portail"


def test_search_page_runs_the_query_of_its_address(browser: Browser, under_path: str) -> None:
    page = browser.new_page()
    try:
        page.goto(f"{under_path}/recherche/?q=fresque")
        search = page.locator(".portal-search")  # not the header's dialog
        expect(search.get_by_role("searchbox")).to_have_value("fresque")
        expect(search.locator("pagefind-summary")).to_contain_text(
            re.compile(r"\d+ résultats? pour fresque")
        )
        result = search.locator("pagefind-results a", has_text="Fresque du climat").first
        expect(result).to_have_attribute("href", "/portail/actions/fresque-du-climat/")
        result.click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Fresque du climat")
    finally:
        page.close()


def test_header_search_dialog_opens_searches_and_closes(browser: Browser, under_path: str) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    try:
        page.goto(f"{under_path}/agenda/")
        trigger = page.locator("pagefind-modal-trigger button")
        trigger.click()
        dialog = page.get_by_role("dialog")
        expect(dialog).to_be_visible()
        expect(dialog.get_by_role("searchbox")).to_be_focused()
        page.keyboard.type("Forêt-Bois")
        # The campus page's title, as its heading gives it: the short name.
        expect(dialog.locator("a", has_text=re.compile(r"^\s*Forêt-Bois\s*$"))).to_have_attribute(
            "href", "/portail/campus/foret-bois/"
        )
        page.keyboard.press("Escape")
        expect(dialog).to_be_hidden()
        expect(trigger).to_be_focused()
    finally:
        page.close()


def test_search_index_holds_item_and_editorial_pages_only(
    browser: Browser, server: str, site: Path
) -> None:
    """Lists, reports and key figures repeat the item pages: only these are indexed, so a query
    never answers with the catalogue instead of the action."""
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text())
    items = sum(
        len(list((REPO / folder).glob("*.md")))
        for folder in ("campuses", "content/actions", "content/events")
    )
    editorial = len(list((REPO / "content" / "pages").glob("*.md")))
    guide = 1 + len(list((REPO / "docs" / "contribuer").glob("*.md")))
    # The legal notice and the personal-data page (the statement is content/pages/
    # accessibilite.md's; the site map, which repeats every title, is not indexed).
    legal = 2
    # Items, the glossary, the editorial pages, the editors' guide and the legal pages.
    assert entry["languages"]["fr"]["page_count"] == items + 1 + editorial + guide + legal
    page = browser.new_page()
    try:
        page.goto(f"{server}/recherche/")
        urls = page.evaluate(
            """async (words) => {
                const pagefind = await import("/pagefind/pagefind.js");
                const urls = new Set();
                for (const word of words) {
                    const search = await pagefind.search(word);
                    for (const result of search.results) urls.add((await result.data()).url);
                }
                return [...urls].sort();
            }""",
            ["campus", "actions", "agenda", "chiffres", "rapport", "2025", "lycéens", "CFA"],
        )
    finally:
        page.close()
    assert len(urls) > 50
    listed = re.compile(r"^/(actions/|agenda/|campus/|chiffres-cles/.*|campus/[^/]+/rapport-.*|)$")
    assert [url for url in urls if listed.match(url) or "rapport-" in url] == []
    assert {url.split("/")[1] for url in urls} >= {"actions", "agenda", "campus", "glossaire"}


def _bundle_pages(site: Path) -> dict[str, list[dict[str, Any]]]:
    """Each search bundle's pages (url, title), read from its fragments."""
    found = {}
    for bundle in sorted(site.glob("pagefind*/")):
        pages = []
        for fragment in sorted(bundle.glob("fragment/*.pf_fragment")):
            data = gzip.decompress(fragment.read_bytes()).removeprefix(b"pagefind_dcd")
            pages.append(json.loads(data))
        found[bundle.name] = pages
    return found


def test_glossary_is_searchable_without_the_pages_it_lists(site: Path) -> None:
    """Each glossary entry names every page using it: those titles are found on the pages
    themselves, so search leaves them out of the glossary's indexed text."""
    pages = [page for pages in _bundle_pages(site).values() for page in pages]
    glossary = next(page for page in pages if page["url"] == "/glossaire/")
    html = (site / "glossaire" / "index.html").read_text(encoding="utf-8")
    assert "Utilisé dans" in html
    assert "Utilisé dans" not in glossary["content"]
    assert "Campus des Métiers et des Qualifications" in glossary["content"]  # a definition
    # The actions listed, but not named elsewhere on the page (as a term or in a definition).
    uses = re.findall(r'<dd class="portal-uses".*?</dd>', html)
    rest = unescape(re.sub(r'<dd class="portal-uses".*?</dd>', "", html))
    titles = re.findall(r'<a href="\.\./actions/[^"]+">([^<]+)</a>', "".join(uses))
    actions = {unescape(title) for title in titles} - {t for t in titles if unescape(t) in rest}
    assert len(actions) > 3
    assert [title for title in actions if title in glossary["content"]] == []


def test_an_editorial_page_can_stay_out_of_search(tmp_path: Path) -> None:
    """Material's « search: exclude: true » front matter keeps an editorial page out of the
    index, whichever process renders it; the pages around it stay in."""
    root = copy_valid(tmp_path)
    (root / "pages" / "brouillon.md").write_text(
        "---\nsearch:\n  exclude: true\n---\n\n# Brouillon\n\nTexte à ne pas trouver.\n",
        encoding="utf-8",
    )
    (root / "pages" / "publie.md").write_text("# Publié\n\nTexte à trouver.\n", encoding="utf-8")
    urls = {page["url"] for pages in _bundle_pages(build_site(root)).values() for page in pages}
    assert "/publie/" in urls and "/glossaire/" in urls
    assert "/brouillon/" not in urls


def test_search_split_in_bundles_finds_what_one_bundle_finds(
    browser: Browser, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """A large portal's index is written in bundles of a bounded size (the indexer's memory);
    the browser must search them all, under a sub-path too."""
    sites = {}
    for shard in (1500, 4):
        root = with_options(
            copy_valid(tmp_path_factory.mktemp(f"shard-{shard}")), search_shard_pages=shard
        )
        sites[shard] = build_site(root)
    one, split = _bundle_pages(sites[1500]), _bundle_pages(sites[4])
    assert list(one) == ["pagefind"]
    assert list(split)[:3] == ["pagefind", "pagefind-2", "pagefind-3"]
    assert all(1 <= len(pages) <= 4 for pages in split.values())
    urls = sorted(page["url"] for pages in split.values() for page in pages)
    assert urls == sorted(page["url"] for page in one["pagefind"])  # none lost, none twice
    last = split[list(split)[-1]][0]  # a page of the last bundle
    word = max(re.findall(r"\w+", last["meta"]["title"]), key=len)
    counts = []
    for site in (sites[1500], sites[4]):
        root = site.parent / "served"
        (root / "portail").mkdir(parents=True)
        (root / "portail" / "site").symlink_to(site, target_is_directory=True)
        page = browser.new_page()
        try:
            with serve(root) as url:
                page.goto(f"{url}/portail/site/recherche/?q={word}")
                search = page.locator(".portal-search")
                summary = search.locator("pagefind-summary")
                expect(summary).to_contain_text(re.compile(rf"\d+ résultats? pour {word}"))
                counts.append(summary.inner_text())
                if site == sites[4]:
                    expect(
                        search.locator(f'pagefind-results a[href="/portail/site{last["url"]}"]')
                    ).to_have_count(1)
        finally:
            page.close()
    assert counts[0] == counts[1]


def test_axe_on_search_results_and_dialog(browser: Browser, axe: Axe, server: str) -> None:
    assert axe(f"{server}/recherche/?q=fresque") == []
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    try:
        page.goto(f"{server}/actions/fresque-du-climat/")
        page.locator("pagefind-modal-trigger button").click()
        # Pagefind loads when the search opens: type once its box has the focus.
        expect(page.get_by_role("dialog").get_by_role("searchbox")).to_be_focused()
        page.keyboard.type("climat")
        expect(page.get_by_role("dialog").locator("a").first).to_be_visible()
        violations = axe.run(page)
    finally:
        page.close()
    assert [v["id"] for v in violations] == []


# --- Nu Html Checker ----------------------------------------------------------------------------


def test_vnu_sees_a_defect(tmp_path: Path) -> None:
    (tmp_path / "bad.html").write_text('<!doctype html><html lang="fr"><title>x</title><p><div>')
    assert vnu(tmp_path, ["bad.html"])


def test_vnu_finds_no_error_on_any_page(site: Path) -> None:
    assert set(LEGAL_PAGES) <= set(pages(site))
    messages = vnu(site, pages(site))
    assert [(m["url"].split("/site/")[-1], m.get("lastLine"), m["message"]) for m in messages] == []


# --- Links --------------------------------------------------------------------------------------


def linkinator(root: Path) -> dict[str, Any]:
    node = shutil.which("node")
    assert node
    result = subprocess.run(
        [
            node,
            str(LINKINATOR),
            str(root),
            "--recurse",
            "--check-fragments",
            "--skip",
            r"^(?!http://localhost)",
            "--format",
            "json",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    report: dict[str, Any] = json.loads(result.stdout)
    return report


def test_link_checker_sees_a_broken_link(site: Path, tmp_path: Path) -> None:
    copy = tmp_path / "site"
    shutil.copytree(site, copy)
    shutil.rmtree(copy / "glossaire")
    report = linkinator(copy)
    broken = {link["url"] for link in report["links"] if link["state"] == "BROKEN"}
    assert any(url.endswith("/glossaire/") for url in broken)


def test_no_broken_internal_link_or_anchor(site: Path) -> None:
    report = linkinator(site)
    broken = [(x["url"], x["parent"]) for x in report["links"] if x["state"] == "BROKEN"]
    assert broken == []
    assert len(report["links"]) > 150


def test_every_page_draws_the_nav_leading_to_its_pages(site: Path) -> None:
    """Material's nav, drawn once per folder for the pages outside it (nav_cache.py): from every
    page, in every folder, the tabs and the sidebar lead to the nav's pages, in its order, and
    only a page of the nav is marked in them."""
    config = yaml_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))  # knows !ENV
    expected = ["/" + next(iter(e.values())).removesuffix("index.md") for e in config["nav"]]
    pages = sorted(site.rglob("index.html"))
    assert len({p.parent.parent for p in pages}) > 10  # pages in many folders
    for path in pages:
        folder = path.parent.relative_to(site).as_posix()
        url = "/" if folder == "." else f"/{folder}/"
        page = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        tabs = page.select("a.md-tabs__link")
        side = page.select("nav.md-nav--primary a.md-nav__link")
        assert [urljoin(url, a["href"]) for a in tabs] == expected, url
        assert [urljoin(url, a["href"]) for a in side] == expected, url
        marked = [urljoin(url, a["href"]) for a in page.select(".md-tabs__item--active a")]
        marked += [urljoin(url, a["href"]) for a in page.select("a.md-nav__link--active")]
        assert marked == ([url, url] if url in expected else []), url


# --- Reproducibility and safety of content ------------------------------------------------------


def test_a_build_is_byte_identical_and_leaves_the_content_untouched(
    site: Path, tmp_path: Path
) -> None:
    before = {folder: tree_hash(REPO / folder) for folder in ("content", "campuses")}
    again = tmp_path / "again"
    build_bundled(again)
    assert tree_hash(again) == tree_hash(site)
    assert {folder: tree_hash(REPO / folder) for folder in ("content", "campuses")} == before
